import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { idPath, wiseWayRequest } from '../../transport';
import { eventsField, webhookEvents, webhookIdField, webhookUrl, wiseWayId } from '../common';

export const updateWebhook: Operation = {
	selector: { name: 'Update', value: 'update', description: 'Change the URL, events or state of a webhook', action: 'Update a webhook' },
	description: [
		webhookIdField,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Active', name: 'active', type: 'boolean', default: true, description: 'Whether WiseWay sends events to the URL' },
				{ ...eventsField, required: false },
				{ displayName: 'URL', name: 'url', type: 'string', default: '', description: 'Where WiseWay posts the events' },
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const webhookId = wiseWayId(this, itemIndex, 'webhookId', 'Webhook ID');
		const changes = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const body: IDataObject = {};
		if (changes.url !== undefined) body.url = webhookUrl(this, itemIndex, changes.url);
		if (changes.events !== undefined) body.events = webhookEvents(this, itemIndex, changes.events);
		if (changes.active !== undefined) body.active = changes.active === true;
		if (Object.keys(body).length === 0) {
			throw new NodeOperationError(this.getNode(), 'The field "Update Fields" is empty', {
				itemIndex,
				description: 'Expected at least one of Active, Events or URL.',
			});
		}
		const { body: webhook } = await wiseWayRequest(this, { method: 'PUT', path: idPath('webhooks', webhookId), body, itemIndex });
		return webhook;
	},
};

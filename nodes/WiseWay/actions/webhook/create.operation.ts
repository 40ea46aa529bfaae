import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { wiseWayRequest } from '../../transport';
import { eventsField, webhookEvents, webhookUrl } from '../common';

export const createWebhook: Operation = {
	selector: { name: 'Create', value: 'create', description: 'Have WiseWay post events to a URL', action: 'Create a webhook' },
	description: [
		{
			displayName: 'To start a workflow on these events, use the WiseWay Trigger: it makes and deletes its webhook itself',
			name: 'triggerNotice',
			type: 'notice',
			default: '',
		},
		{ displayName: 'URL', name: 'url', type: 'string', required: true, default: '', placeholder: 'https://example.com/hooks/wiseway', description: 'Where WiseWay posts the events' },
		eventsField,
		{ displayName: 'Active', name: 'active', type: 'boolean', default: true, description: 'Whether WiseWay sends events to the URL' },
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const body: IDataObject = {
			url: webhookUrl(this, itemIndex, this.getNodeParameter('url', itemIndex, '')),
			events: webhookEvents(this, itemIndex, this.getNodeParameter('events', itemIndex, [])),
			active: this.getNodeParameter('active', itemIndex, true) as boolean,
		};
		const { body: webhook } = await wiseWayRequest(this, { method: 'POST', path: '/webhooks', body, itemIndex });
		return webhook;
	},
};

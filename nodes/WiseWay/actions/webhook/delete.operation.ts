import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { idPath, wiseWayRequest } from '../../transport';
import { webhookIdField, wiseWayId } from '../common';

export const deleteWebhook: Operation = {
	selector: { name: 'Delete', value: 'delete', description: 'Delete a webhook', action: 'Delete a webhook' },
	description: [webhookIdField],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const webhookId = wiseWayId(this, itemIndex, 'webhookId', 'Webhook ID');
		await wiseWayRequest(this, { method: 'DELETE', path: idPath('webhooks', webhookId), itemIndex });
		return { id: webhookId, deleted: true };
	},
};

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { forOperation } from '../../../shared/router';
import { idPath, wiseWayRequest } from '../../transport';
import { webhookIdField, wiseWayId } from '../common';

export const deleteWebhook: Operation = {
	description: forOperation('webhook', 'delete', [webhookIdField]),
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const webhookId = wiseWayId(this, itemIndex, 'webhookId', 'Webhook ID');
		await wiseWayRequest(this, { method: 'DELETE', path: idPath('webhooks', webhookId), itemIndex });
		return { id: webhookId, deleted: true };
	},
};

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { listLimits, returnAllFields } from '../../../shared/fields';
import type { Operation } from '../../../shared/router';
import { wiseWayList } from '../../transport';

export const getManyWebhooks: Operation = {
	selector: { name: 'Get Many', value: 'getMany', description: 'List the webhooks of the workspace', action: 'Get many webhooks' },
	description: returnAllFields,
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		return await wiseWayList(this, '/webhooks', listLimits(this, itemIndex));
	},
};

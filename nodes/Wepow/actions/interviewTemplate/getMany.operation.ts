import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { listLimits, returnAllFields } from '../../../shared/fields';
import type { Operation } from '../../../shared/router';
import { wepowApi, wepowList } from '../../transport';

export const getManyTemplates: Operation = {
	selector: { name: 'Get Many', value: 'getMany', description: 'List the video interviewing packages', action: 'Get many interview templates' },
	description: returnAllFields,
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const api = await wepowApi(this, itemIndex);
		return await wepowList(this, api.href('wepow:interview_templates'), 'wepow:interview_template', {}, listLimits(this, itemIndex));
	},
};

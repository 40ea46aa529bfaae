import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { listLimits, returnAllFields } from '../../../shared/fields';
import type { Operation } from '../../../shared/router';
import { leverList } from '../../transport';

export const getManyStages: Operation = {
	selector: { name: 'Get Many', value: 'getMany', description: 'List the pipeline stages', action: 'Get many stages' },
	description: returnAllFields,
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		return await leverList(this, '/stages', {}, listLimits(this, itemIndex));
	},
};

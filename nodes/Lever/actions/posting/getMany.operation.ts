import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { listLimits, returnAllFields } from '../../../shared/fields';
import type { Operation } from '../../../shared/router';
import { leverList } from '../../transport';

export const getManyPostings: Operation = {
	selector: { name: 'Get Many', value: 'getMany', description: 'List job postings', action: 'Get many postings' },
	description: returnAllFields,
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		return await leverList(this, '/postings', {}, listLimits(this, itemIndex));
	},
};

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { listLimits, returnAllFields } from '../../../shared/fields';
import type { Operation } from '../../../shared/router';
import { leverList } from '../../transport';

export const getManyUsers: Operation = {
	selector: { name: 'Get Many', value: 'getMany', description: 'List Lever users', action: 'Get many users' },
	description: returnAllFields,
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		return await leverList(this, '/users', {}, listLimits(this, itemIndex));
	},
};

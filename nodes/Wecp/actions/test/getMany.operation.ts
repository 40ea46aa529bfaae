import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { listLimits, returnAllFields } from '../../../shared/fields';
import type { Operation } from '../../../shared/router';
import { wecpRequest } from '../../transport';

export const getManyTests: Operation = {
	selector: { name: 'Get Many', value: 'getMany', description: 'List the tests of the account', action: 'Get many tests' },
	description: returnAllFields,
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const { body } = await wecpRequest<IDataObject[]>(this, { method: 'GET', path: '/ats/wecp/tests', itemIndex });
		const tests = Array.isArray(body) ? body : [];
		const { returnAll, limit } = listLimits(this, itemIndex);
		// WeCP returns every test in one answer: Limit trims it.
		return returnAll ? tests : tests.slice(0, limit);
	},
};

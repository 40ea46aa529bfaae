import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { listLimits, returnAllFields } from '../../../shared/fields';
import type { Operation } from '../../../shared/router';
import { checkedText } from '../../../shared/validation';
import { willoList } from '../../transport';

const FILTERS = ['search', 'department', 'owner', 'ordering'] as const;

export const getManyInterviews: Operation = {
	selector: { name: 'Get Many', value: 'getMany', description: 'List the interviews of the account', action: 'Get many interviews' },
	description: [
		...returnAllFields,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{ displayName: 'Department ID', name: 'department', type: 'string', default: '', description: 'Only interviews of this department (a "company" in Willo)' },
				{ displayName: 'Order By', name: 'ordering', type: 'string', default: '', placeholder: 'e.g. -created_at', description: 'Fields to sort by, separated by commas; a leading "-" sorts descending' },
				{ displayName: 'Owner ID', name: 'owner', type: 'string', default: '', description: 'Only interviews owned by this Willo user' },
				{ displayName: 'Search', name: 'search', type: 'string', default: '', description: 'Words in the title, owner e-mail or department name' },
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const qs: IDataObject = {};
		for (const filter of FILTERS) {
			const value = String(filters[filter] ?? '').trim();
			if (value !== '') qs[filter] = checkedText(this, itemIndex, value, filter, 500);
		}
		return await willoList(this, '/interviews/', qs, listLimits(this, itemIndex));
	},
};

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { listLimits, returnAllFields } from '../../../shared/fields';
import type { Operation } from '../../../shared/router';
import { isEmail } from '../../../shared/validation';
import { leverList } from '../../transport';
import { expandField } from './get.operation';

export const getManyOpportunities: Operation = {
	selector: { name: 'Get Many', value: 'getMany', description: 'List opportunities by stage, posting, e-mail, tag or date', action: 'Get many opportunities' },
	description: [
		...returnAllFields,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{ displayName: 'Archived', name: 'archived', type: 'boolean', default: false, description: 'Whether to return only archived (true) or only active (false) opportunities' },
				{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: 'Only opportunities of the candidate with this e-mail' },
				{
					displayName: 'Posting Names or IDs',
					name: 'postingIds',
					type: 'multiOptions',
					typeOptions: { loadOptionsMethod: 'getPostings' },
					default: [],
					description: 'Only opportunities applied to these postings. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{
					displayName: 'Stage Names or IDs',
					name: 'stageIds',
					type: 'multiOptions',
					typeOptions: { loadOptionsMethod: 'getStages' },
					default: [],
					description: 'Only opportunities in these stages. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{ displayName: 'Tag', name: 'tag', type: 'string', default: '', description: 'Only opportunities carrying this tag' },
				{ displayName: 'Updated Since', name: 'updatedSince', type: 'dateTime', default: '', description: 'Only opportunities changed at or after this time' },
			],
		},
		expandField,
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const qs: IDataObject = {};
		if (filters.email) {
			const email = String(filters.email).trim();
			if (!isEmail(email)) {
				throw new NodeOperationError(this.getNode(), 'The filter "Email" is not a valid e-mail address', {
					itemIndex,
					description: 'Expected a form like name@example.com.',
				});
			}
			qs.email = email;
		}
		if (filters.tag) qs.tag = String(filters.tag);
		if (typeof filters.archived === 'boolean') qs.archived = filters.archived;
		if (Array.isArray(filters.stageIds) && filters.stageIds.length) qs.stage_id = filters.stageIds;
		if (Array.isArray(filters.postingIds) && filters.postingIds.length) qs.posting_id = filters.postingIds;
		if (filters.updatedSince) {
			const since = Date.parse(String(filters.updatedSince));
			if (Number.isNaN(since)) {
				throw new NodeOperationError(this.getNode(), 'The filter "Updated Since" is not a date', {
					itemIndex,
					description: 'Expected an ISO 8601 date such as 2026-01-31T09:00:00Z.',
				});
			}
			qs.updated_at_start = since;
		}
		const expand = this.getNodeParameter('expand', itemIndex, []) as string[];
		if (expand.length) qs.expand = expand;
		return await leverList(this, '/opportunities', qs, listLimits(this, itemIndex));
	},
};

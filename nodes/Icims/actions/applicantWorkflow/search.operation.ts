import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { listLimits, returnAllFields } from '../../../shared/fields';
import type { Operation } from '../../../shared/router';
import { isEmail, parameterValue } from '../../../shared/validation';
import { asIcimsDate } from '../../dates';
import type { SearchFilter } from '../../search';
import { SEARCH_FIELDS, searchWorkflows } from '../../search';
import { icimsBody, workflowPath } from '../../transport';
import { listIds, PROFILE_ID, profileIdField } from '../common';
import { WORKFLOW_FIELDS } from './get.operation';

function filterError(context: IExecuteFunctions, itemIndex: number, label: string, expected: string): never {
	throw new NodeOperationError(context.getNode(), `The filter "${label}" is not valid`, { itemIndex, description: expected });
}

function searchFilters(context: IExecuteFunctions, itemIndex: number): SearchFilter[] {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const result: SearchFilter[] = [];
	const statuses = listIds(context, itemIndex, filters.statusIds, 'Status IDs');
	if (statuses.length) result.push({ name: SEARCH_FIELDS.status, value: statuses, operator: '=' });
	for (const [key, name, label] of [
		['jobId', SEARCH_FIELDS.job, 'Job ID'],
		['personId', SEARCH_FIELDS.person, 'Person ID'],
	] as const) {
		const id = String(parameterValue(context, itemIndex, `filters.${key}`) ?? '').trim();
		if (id === '') continue;
		if (!PROFILE_ID.test(id)) filterError(context, itemIndex, label, 'Expected the number iCIMS shows for the record, e.g. 19288.');
		result.push({ name, value: [id], operator: '=' });
	}
	const email = String(filters.personEmail ?? '').trim();
	if (email !== '') {
		if (!isEmail(email)) filterError(context, itemIndex, 'Person Email', 'Expected a form like name@example.com.');
		result.push({ name: SEARCH_FIELDS.personEmail, value: [email], operator: '=' });
	}
	if (filters.updatedSince) {
		const since = asIcimsDate(filters.updatedSince);
		if (since === undefined) filterError(context, itemIndex, 'Updated Since', 'Expected an ISO 8601 date such as 2026-01-31T09:00:00Z.');
		result.push({ name: SEARCH_FIELDS.updated, value: [since], operator: '>=' });
	}
	if (result.length === 0) {
		throw new NodeOperationError(context.getNode(), 'Add at least one filter', {
			itemIndex,
			description: 'iCIMS searches need a condition: Status IDs, Job ID, Person ID, Person Email or Updated Since.',
		});
	}
	return result;
}

export const searchApplicantWorkflows: Operation = {
	selector: { name: 'Search', value: 'search', description: 'Find applicant workflows by status, job or candidate', action: 'Search applicant workflows' },
	description: [
		...returnAllFields,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				profileIdField('Job ID', 'jobId', 'jobs', 'e.g. 1026', 'Only applications to this job', false),
				{ displayName: 'Person Email', name: 'personEmail', type: 'string', placeholder: 'name@email.com', default: '', description: 'Only applications of the candidate with this e-mail' },
				profileIdField('Person ID', 'personId', 'people', 'e.g. 2587', 'Only applications of this candidate', false),
				{ displayName: 'Status IDs', name: 'statusIds', type: 'string', default: '', placeholder: 'e.g. C36951, C36952', description: 'Only workflows in one of these statuses (list IDs, separated by commas)' },
				{ displayName: 'Updated Since', name: 'updatedSince', type: 'dateTime', default: '', description: 'Only workflows changed at or after this time' },
			],
		},
		{
			displayName: 'Include Details',
			name: 'includeDetails',
			type: 'boolean',
			default: false,
			description:
				'Whether to fetch each workflow (person, job, status) after the search. iCIMS searches return IDs only; this costs one API call per result.',
		},
		{
			displayName: "iCIMS caches search results for up to 15 minutes: use the iCIMS Trigger's event receiver for real-time changes",
			name: 'searchNotice',
			type: 'notice',
			default: '',
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const filters = searchFilters(this, itemIndex);
		const found = await searchWorkflows(this, filters, listLimits(this, itemIndex));
		if (!(this.getNodeParameter('includeDetails', itemIndex, false) as boolean)) return found;
		const detailed: IDataObject[] = [];
		for (const workflow of found) {
			const details = await icimsBody(this, {
				method: 'GET',
				path: workflowPath(String(workflow.id)),
				qs: { fields: WORKFLOW_FIELDS },
				itemIndex,
			});
			detailed.push({ ...workflow, ...details });
		}
		return detailed;
	},
};

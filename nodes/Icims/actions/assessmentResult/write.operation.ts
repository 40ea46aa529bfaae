import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { checkedText } from '../../../shared/validation';
import { checkedListId, fail, httpUrl, icimsDateField, listId, listIdField, profileId, workflowIdField } from '../common';
import { entryChoice, entryOptions, writeEntry } from '../resultEntry';

// iCIMS' id for "Complete" in the assessment status list, as two vendors' integrations send it.
export const COMPLETE_STATUS_ID = 'D37002019001';

function statusId(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const choice = context.getNodeParameter('assessmentStatus', itemIndex, COMPLETE_STATUS_ID) as string;
	if (choice === 'unchanged') return undefined;
	if (choice === 'custom') return listId(context, itemIndex, 'assessmentStatusId', 'Assessment Status ID');
	return checkedListId(context, itemIndex, choice, 'Assessment Status');
}

function resultFields(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const additional = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const fields: IDataObject = {};
	if (additional.score !== undefined && additional.score !== '') {
		const score = Number(additional.score);
		if (!Number.isFinite(score)) fail(context, itemIndex, 'Score', 'Expected a number, e.g. 85 or 72.5.');
		fields.assessmentscore = score;
	}
	if (additional.result) fields.assessmentresult = checkedText(context, itemIndex, String(additional.result).trim(), 'Result', 128);
	if (additional.notes) fields.assessmentnotes = checkedText(context, itemIndex, String(additional.notes).trim(), 'Notes', 192);
	if (additional.date) fields.assessmentdate = icimsDateField(context, itemIndex, additional.date, 'Date');
	if (additional.url) fields.assessmenturl = httpUrl(context, itemIndex, additional.url, 'URL');
	return fields;
}

export const writeAssessmentResult: Operation = {
	selector: { name: 'Write', value: 'write', description: 'Add the assessment result to the workflow, or update the entry written before', action: 'Write an assessment result' },
	description: [
		workflowIdField,
		listIdField('Assessment Name ID', 'assessmentNameId', 'e.g. D37001001', "The list ID of the assessment's name, as iCIMS set it up for your site. Writes with the same name update one entry instead of adding another."),
		{
			displayName: 'Assessment Status',
			name: 'assessmentStatus',
			type: 'options',
			options: [
				{ name: `Complete (${COMPLETE_STATUS_ID})`, value: COMPLETE_STATUS_ID },
				{ name: 'Enter a List ID', value: 'custom', description: 'For Sent, In Progress or your own statuses' },
				{ name: 'Leave Unchanged', value: 'unchanged' },
			],
			default: COMPLETE_STATUS_ID,
		},
		{ ...listIdField('Assessment Status ID', 'assessmentStatusId', 'e.g. D37002019002', 'The list ID of the status, as iCIMS gives it for your site'), displayOptions: { show: { assessmentStatus: ['custom'] } } },
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Date', name: 'date', type: 'dateTime', default: '', description: "When the assessment was taken; written in iCIMS' form (yyyy-mm-dd hh:mm AM, UTC)" },
				...entryOptions,
				{ displayName: 'Notes', name: 'notes', type: 'string', default: '', description: 'Up to 192 characters' },
				{ displayName: 'Result', name: 'result', type: 'string', default: '', description: 'Up to 128 characters, e.g. Pass' },
				{ displayName: 'Score', name: 'score', type: 'number', typeOptions: { numberPrecision: 2 }, default: 0 },
				{ displayName: 'URL', name: 'url', type: 'string', default: '', description: 'Where recruiters see the result, e.g. the report link' },
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const workflowId = profileId(this, itemIndex, 'workflowId', 'Applicant Workflow ID');
		const nameId = listId(this, itemIndex, 'assessmentNameId', 'Assessment Name ID');
		const status = statusId(this, itemIndex);
		const fields: IDataObject = { assessmentname: { id: nameId } };
		if (status !== undefined) fields.assessmentstatus = { id: status };
		Object.assign(fields, resultFields(this, itemIndex));
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const written = await writeEntry(
			this,
			{
				workflowId,
				group: 'assessmentresults',
				entryKey: nameId,
				...entryChoice(this, itemIndex, additional, { field: 'assessmentname', id: nameId }),
				itemIndex,
			},
			fields,
		);
		return { workflowId, ...written, fields };
	},
};

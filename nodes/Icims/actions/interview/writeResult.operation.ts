import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { checkedText, parameterValue } from '../../../shared/validation';
import { icimsRequest, workflowPath } from '../../transport';
import { checkedListId, fieldName, httpUrl, icimsDateField, listIdField, profileId, workflowIdField } from '../common';
import { entryChoice, entryOptions, writeEntry } from '../resultEntry';

/** One value to write, and the iCIMS field it goes to. */
interface MappedValue {
	label: string;
	/** The parameter that names the iCIMS field, as the user sees it. */
	fieldLabel: string;
	field: string;
	value: string | IDataObject;
}

function asListOrText(context: IExecuteFunctions, itemIndex: number, value: string, label: string, format: string): string | IDataObject {
	return format === 'listId' ? { id: checkedListId(context, itemIndex, value, label) } : checkedText(context, itemIndex, value, label, 2000);
}

/** The three interview values (where given), each as the mapped field's value. */
function interviewFields(context: IExecuteFunctions, itemIndex: number): MappedValue[] {
	const text = (parameter: string) => String(context.getNodeParameter(parameter, itemIndex, '') ?? '').trim();
	const mapped: MappedValue[] = [];
	const status = text('interviewStatus');
	if (status !== '') {
		const format = context.getNodeParameter('statusFormat', itemIndex, 'listId') as string;
		mapped.push({ label: 'Interview Status', fieldLabel: 'Status Field', field: text('statusField'), value: asListOrText(context, itemIndex, status, 'Interview Status', format) });
	}
	const url = text('interviewUrl');
	if (url !== '') mapped.push({ label: 'Interview URL', fieldLabel: 'URL Field', field: text('urlField'), value: httpUrl(context, itemIndex, url, 'Interview URL') });
	const dateTime = context.getNodeParameter('interviewDateTime', itemIndex, '') as unknown;
	if (dateTime !== '' && dateTime !== null && dateTime !== undefined) {
		mapped.push({ label: 'Interview Date/Time', fieldLabel: 'Date/Time Field', field: text('dateTimeField'), value: icimsDateField(context, itemIndex, dateTime, 'Interview Date/Time') });
	}
	return mapped;
}

function otherFields(context: IExecuteFunctions, itemIndex: number): MappedValue[] {
	const rows = ((context.getNodeParameter('otherFields', itemIndex, {}) as IDataObject).field ?? []) as IDataObject[];
	return rows.map((row) => ({
		label: `Other Fields: ${String(row.name ?? '')}`,
		fieldLabel: 'Other Fields: Name',
		field: String(row.name ?? ''),
		value: asListOrText(context, itemIndex, String(row.value ?? '').trim(), `Other Fields: ${String(row.name ?? '')}`, String(row.format ?? 'text')),
	}));
}

const WRITE_TO = 'writeTo';

export const writeInterviewResult: Operation = {
	selector: { name: 'Write Result', value: 'writeResult', description: 'Write Interview Status, Interview URL and Date/Time to the fields you map', action: 'Write a video interview result' },
	description: [
		workflowIdField,
		{ displayName: 'Interview Status', name: 'interviewStatus', type: 'string', default: '', placeholder: 'e.g. D37002019001', description: 'Written to the Status Field below; a list ID when that field is a list (as assessmentstatus is)' },
		{ displayName: 'Interview URL', name: 'interviewUrl', type: 'string', default: '', description: "Where recruiters watch the interview, e.g. the video vendor's limited-access review link" },
		{ displayName: 'Interview Date/Time', name: 'interviewDateTime', type: 'string', default: '', placeholder: 'e.g. 2026-01-31T09:00:00Z', description: "When the interview was completed; written in iCIMS' form (yyyy-mm-dd hh:mm AM, UTC)" },
		{
			displayName: 'Write To',
			name: WRITE_TO,
			type: 'options',
			options: [
				{ name: 'An Entry of a Field Group', value: 'group', description: 'Add an entry once, then update it (default: the assessmentresults group)' },
				{ name: 'Fields of the Applicant Workflow', value: 'workflow', description: "Set the workflow's own (custom) fields" },
			],
			default: 'group',
		},
		{ displayName: 'Field Group', name: 'group', type: 'string', default: 'assessmentresults', description: 'The group the entry goes in', displayOptions: { show: { [WRITE_TO]: ['group'] } } },
		{ ...listIdField('Entry Name ID', 'entryNameId', 'e.g. D37001001', "The list ID written to the group's assessmentname field, naming the interview; writes with the same name update one entry. Empty: the entry is named by nothing and found only by this workflow's memory or Entry ID.", false), displayOptions: { show: { [WRITE_TO]: ['group'] } } },
		{ displayName: 'Status Field', name: 'statusField', type: 'string', default: 'assessmentstatus', description: 'The iCIMS field that shows Interview Status' },
		{
			displayName: 'Status Format',
			name: 'statusFormat',
			type: 'options',
			options: [
				{ name: 'List ID', value: 'listId', description: 'Sent as an object holding the list ID, for list fields' },
				{ name: 'Text', value: 'text' },
			],
			default: 'listId',
		},
		{ displayName: 'URL Field', name: 'urlField', type: 'string', default: 'assessmenturl', description: 'The iCIMS field that shows Interview URL' },
		{ displayName: 'Date/Time Field', name: 'dateTimeField', type: 'string', default: 'assessmentdate', description: 'The iCIMS field that shows the interview Date/Time' },
		{
			displayName: 'Other Fields',
			name: 'otherFields',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{
							displayName: 'Format',
							name: 'format',
							type: 'options',
							options: [
								{ name: 'List ID', value: 'listId' },
								{ name: 'Text', value: 'text' },
							],
							default: 'text',
						},
						{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. field29946', description: 'The lowercase iCIMS field key' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show: { [WRITE_TO]: ['group'] } },
			options: entryOptions,
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const workflowId = profileId(this, itemIndex, 'workflowId', 'Applicant Workflow ID');
		const mapped = [...interviewFields(this, itemIndex), ...otherFields(this, itemIndex)];
		if (mapped.length === 0) {
			throw new NodeOperationError(this.getNode(), 'Nothing to write', {
				itemIndex,
				description: 'Give at least one of Interview Status, Interview URL, Interview Date/Time or Other Fields.',
			});
		}
		const fields: IDataObject = {};
		for (const { fieldLabel, field, value } of mapped) fields[fieldName(this, itemIndex, field, fieldLabel)] = value;

		if (this.getNodeParameter(WRITE_TO, itemIndex, 'group') === 'workflow') {
			await icimsRequest(this, { method: 'PATCH', path: workflowPath(workflowId), body: fields, itemIndex });
			return { workflowId, action: 'updated', entryId: null, fields };
		}
		const group = fieldName(this, itemIndex, this.getNodeParameter('group', itemIndex, 'assessmentresults'), 'Field Group');
		const nameId = String(parameterValue(this, itemIndex, 'entryNameId') ?? '').trim();
		if (nameId !== '') fields.assessmentname = { id: checkedListId(this, itemIndex, nameId, 'Entry Name ID') };
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const written = await writeEntry(
			this,
			{
				workflowId,
				group,
				entryKey: nameId === '' ? 'interview' : nameId,
				...entryChoice(this, itemIndex, options, nameId === '' ? undefined : { field: 'assessmentname', id: nameId }),
				itemIndex,
			},
			fields,
		);
		return { workflowId, ...written, fields };
	},
};

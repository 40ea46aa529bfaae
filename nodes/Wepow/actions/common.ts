import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { IdFormat } from '../../shared/validation';
import { checkedId, idParameter, requiredEmail, requiredString } from '../../shared/validation';

export const positionIdField: INodeProperties = {
	displayName: 'Position Name or ID',
	name: 'positionId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getPositions' },
	required: true,
	default: '',
	description:
		'The Wepow interview ("position") to invite to, e.g. the ID that Position: Find or Create outputs. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const templateIdField: INodeProperties = {
	displayName: 'Interview Template Name or ID',
	name: 'templateId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getTemplates' },
	required: true,
	default: '',
	description:
		'The video interviewing package the position is made from. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const atsJobIdField: INodeProperties = {
	displayName: 'ATS Job ID',
	name: 'atsJobId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 1001',
	description: "The job's ID in the ATS, e.g. the jobId an iCIMS Trigger outputs; Wepow keeps it as the position's external ID",
};

export const positionNameField: INodeProperties = {
	displayName: 'Position Name',
	name: 'name',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. Senior Backend Engineer',
	description: 'The title candidates and recruiters see: use the ATS job title',
};

export const candidateFields: INodeProperties[] = [
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', required: true, default: '', description: 'Where Wepow sends the invitation; Wepow knows candidates by e-mail' },
	{ displayName: 'First Name', name: 'firstName', type: 'string', required: true, default: '' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', required: true, default: '' },
	{
		displayName: 'ATS Application ID',
		name: 'atsApplicationId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 3001',
		description:
			'Sent as the external ID and returned with the result, e.g. the applicationId an iCIMS Trigger outputs. Also the idempotency key: one invitation per application and position, however often this runs.',
	},
];

// Digits, letters, "-" and "_": what Wepow ids look like, and nothing that can leave a URL path.
const WEPOW_ID: IdFormat = {
	noun: 'a Wepow ID',
	pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
	maxLength: 64,
	expected: (id) => `Expected letters, digits, "-" or "_", as listed by Wepow, e.g. 7001; got "${id.slice(0, 60)}".`,
};

export const wepowId = idParameter(WEPOW_ID);

/** An id the user gave, checked before it goes into a URL. */
export function checkedWepowId(context: IExecuteFunctions, itemIndex: number, id: string, label: string): string {
	return checkedId(context, itemIndex, id, label, WEPOW_ID);
}

/** The candidate of one item, in Wepow's words. */
export function candidateOf(context: IExecuteFunctions, itemIndex: number): IDataObject {
	return {
		email: requiredEmail(context, itemIndex, 'email', 'Email'),
		first_name: requiredString(context, itemIndex, 'firstName', 'First Name', 200),
		last_name: requiredString(context, itemIndex, 'lastName', 'Last Name', 200),
		external_id: requiredString(context, itemIndex, 'atsApplicationId', 'ATS Application ID', 200),
	};
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { IdFormat } from '../../shared/validation';
import { checkedId, idParameter, requiredEmail, requiredString } from '../../shared/validation';
import { idLocator } from '../../shared/locator';

// Digits, letters, "-" and "_": what Wepow ids look like, and nothing that can leave a URL path.
const WEPOW_ID: IdFormat = {
	noun: 'a Wepow ID',
	pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
	maxLength: 64,
	expected: (id) => `Expected letters, digits, "-" or "_", as listed by Wepow, e.g. 7001; got "${id.slice(0, 60)}".`,
};

export const positionIdField: INodeProperties = idLocator({
	displayName: 'Position',
	name: 'positionId',
	format: WEPOW_ID,
	idPlaceholder: 'e.g. 7001',
	searchListMethod: 'searchPositions',
	description: 'The Wepow interview ("position") to invite to, e.g. the ID that Position: Find or Create outputs',
});

export const templateIdField: INodeProperties = idLocator({
	displayName: 'Interview Template',
	name: 'templateId',
	format: WEPOW_ID,
	idPlaceholder: 'e.g. 501',
	searchListMethod: 'searchTemplates',
	description: 'The video interviewing package the position is made from',
});

// The "standard" review link Wepow gives for an application names it by id.
export const APPLICATION_URL = 'https?://[^/]+/app/applications/([A-Za-z0-9][A-Za-z0-9_-]{0,63})';

export const applicationIdField: INodeProperties = idLocator({
	displayName: 'Application ID',
	name: 'applicationId',
	format: WEPOW_ID,
	idPlaceholder: 'e.g. 9001',
	searchListMethod: 'searchApplications',
	url: { regex: APPLICATION_URL, placeholder: 'e.g. https://acme.wepow.com/app/applications/9001', noun: "an application's review link, …/app/applications/<ID>" },
	description: "Wepow's ID of the invitation, as Invitation: Send or the Wepow Trigger output it. Each read returns a fresh limited-access review link.",
});

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

import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { IdFormat } from '../../shared/validation';
import { checkedId, checkedText, idParameter, isHttpUrl } from '../../shared/validation';
import { idLocator } from '../../shared/locator';
import { asIcimsDate } from '../dates';

// iCIMS profile ids (workflows, people, jobs) are numbers; list ids look like C36951 or D37002019001.
export const PROFILE_ID = /^\d{1,18}$/;
export const LIST_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
// Field names are lowercase keys such as assessmenturl or field29946.
const FIELD_NAME = /^[a-z][a-z0-9_]{0,63}$/;

const PROFILE_ID_FORMAT: IdFormat = {
	noun: 'an iCIMS ID',
	pattern: PROFILE_ID,
	maxLength: 64,
	expected: 'Expected the number iCIMS shows for the record, e.g. 19288.',
};

/**
 * A record of iCIMS by its number: typed, or taken from the record's link as iCIMS gives it (an
 * event's links, e.g. …/customers/4242/people/2001). iCIMS has no API that lists records.
 */
export function profileIdField(displayName: string, name: string, collection: string, idPlaceholder: string, description: string, required = true): INodeProperties {
	return idLocator({
		displayName,
		name,
		format: PROFILE_ID_FORMAT,
		idPlaceholder,
		url: { regex: `https?://\\S+/${collection}/(\\d{1,18})`, placeholder: `e.g. https://api.icims.com/customers/4242/${collection}/${idPlaceholder.replace(/^e\.g\. /, '')}`, noun: `an iCIMS link ending in /${collection}/<number>` },
		description,
		required,
	});
}

/** A list value of the customer's iCIMS site (statuses, assessment names), typed as iCIMS gives it. */
export function listIdField(displayName: string, name: string, idPlaceholder: string, description: string, required = true): INodeProperties {
	return idLocator({ displayName, name, format: LIST_ID_FORMAT, idPlaceholder, description, required });
}

export const workflowIdField: INodeProperties = profileIdField(
	'Applicant Workflow ID',
	'workflowId',
	'applicantworkflows',
	'e.g. 19288',
	"The candidate's application to a job (iCIMS' recruiting workflow). The iCIMS Trigger outputs it as applicationId.",
);

export const profileId = idParameter(PROFILE_ID_FORMAT);

const LIST_ID_FORMAT: IdFormat = {
	noun: 'an iCIMS list ID',
	pattern: LIST_ID,
	maxLength: 64,
	expected: 'Expected the list value ID iCIMS gives for your site, e.g. C36951 or D37002019001.',
};

export const listId = idParameter(LIST_ID_FORMAT);

export function checkedListId(context: IExecuteFunctions, itemIndex: number, id: string, label: string): string {
	return checkedId(context, itemIndex, id, label, LIST_ID_FORMAT);
}

/** Several list ids typed as "a, b" or given as an array by an expression. */
export function listIds(context: IExecuteFunctions, itemIndex: number, value: unknown, label: string): string[] {
	const raw = Array.isArray(value) ? value.map(String) : String(value ?? '').split(',');
	return raw.map((id) => id.trim()).filter((id) => id !== '').map((id) => checkedListId(context, itemIndex, id, label));
}

export function fieldName(context: IExecuteFunctions, itemIndex: number, value: unknown, label: string): string {
	const name = String(value ?? '').trim().toLowerCase();
	if (!FIELD_NAME.test(name)) {
		throw new NodeOperationError(context.getNode(), `The field "${label}" is not an iCIMS field name`, {
			itemIndex,
			description: 'Expected the lowercase field key from iCIMS, e.g. assessmenturl or field29946.',
		});
	}
	return name;
}

/** The fields iCIMS should return, as typed "a, b"; empty means iCIMS' default set. */
export function fieldList(context: IExecuteFunctions, itemIndex: number, parameter = 'fields'): string | undefined {
	const value = context.getNodeParameter(parameter, itemIndex, '') as unknown;
	const names = (Array.isArray(value) ? value.map(String) : String(value ?? '').split(','))
		.map((name) => name.trim())
		.filter((name) => name !== '');
	return names.length ? names.map((name) => fieldName(context, itemIndex, name, 'Fields')).join(',') : undefined;
}

export function fieldsParameter(defaultFields: string, what: string): INodeProperties {
	return {
		displayName: 'Fields',
		name: 'fields',
		type: 'string',
		default: defaultFields,
		placeholder: 'e.g. firstname,lastname,email',
		description: `Which fields of the ${what} iCIMS returns, separated by commas; empty returns iCIMS' default set`,
	};
}

export function fail(context: IExecuteFunctions, itemIndex: number, label: string, expected: string): never {
	throw new NodeOperationError(context.getNode(), `The field "${label}" is not valid`, { itemIndex, description: expected });
}

export function httpUrl(context: IExecuteFunctions, itemIndex: number, value: unknown, label: string): string {
	const text = String(value ?? '').trim();
	if (!isHttpUrl(text)) {
		fail(context, itemIndex, label, 'Expected a full http(s) URL, e.g. https://example.com/report/1.');
	}
	return checkedText(context, itemIndex, text, label, 2000);
}

export function icimsDateField(context: IExecuteFunctions, itemIndex: number, value: unknown, label: string): string {
	const date = asIcimsDate(value);
	if (date === undefined) {
		fail(context, itemIndex, label, 'Expected an ISO 8601 date such as 2026-01-31T09:00:00Z, or iCIMS\' form 2026-01-31 09:00 AM.');
	}
	return date;
}

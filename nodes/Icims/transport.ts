import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import type { RequestContext } from '../shared/http';
import type { ServiceCall } from '../shared/serviceClient';
import { configuredBaseUrl, serviceClient } from '../shared/serviceClient';

export const ICIMS_CREDENTIAL = 'icimsApi';

const PRODUCTION = 'https://api.icims.com';
const ENVIRONMENTS = { eu: 'https://api-eu.icims.com' };

/** The customer's API root: every iCIMS path starts with /customers/{customerId}. */
export function icimsBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const root = configuredBaseUrl(credentials, PRODUCTION, ENVIRONMENTS);
	return `${root}/customers/${encodeURIComponent(String(credentials.customerId ?? '').trim())}`;
}

/** The one way iCIMS is called; paths are below /customers/{customerId}, e.g. /applicantworkflows/123 */
export const icimsRequest = serviceClient({
	service: 'iCIMS',
	credentialType: ICIMS_CREDENTIAL,
	baseUrl: icimsBaseUrl,
	// iCIMS sends no Retry-After with its 429: this header says when the daily quota resets.
	quotaResetHeaders: ['x-ratelimit-reset'],
	refreshesToken: (credentials) => credentials.authentication === 'oauth2ClientCredentials',
});

/** icimsRequest, returning only the body. */
export async function icimsBody<T = IDataObject>(context: RequestContext, call: ServiceCall): Promise<T> {
	return (await icimsRequest<T>(context, call)).body;
}

/** A header of a response, whatever case the server used. */
export function headerOf(headers: IDataObject, name: string): string | undefined {
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
	return typeof value === 'string' ? value : undefined;
}

export function workflowPath(workflowId: string, suffix = ''): string {
	return `/applicantworkflows/${encodeURIComponent(workflowId)}${suffix}`;
}

export const PERSON_FIELDS = 'firstname,lastname,email,phones';
export const JOB_FIELDS = 'jobtitle,jobid,folder,joblocation,hiringmanager,recruiter';

/** A person (the candidate); `fields` null asks for iCIMS' default set. */
export async function fetchPerson(
	context: RequestContext,
	personId: string,
	itemIndex?: number,
	fields: string | null = PERSON_FIELDS,
): Promise<IDataObject> {
	return await icimsBody(context, {
		method: 'GET',
		path: `/people/${encodeURIComponent(personId)}`,
		qs: fields ? { fields } : {},
		itemIndex,
	});
}

/** A job profile; `fields` null asks for iCIMS' default set. */
export async function fetchJob(
	context: RequestContext,
	jobId: string,
	itemIndex?: number,
	fields: string | null = JOB_FIELDS,
): Promise<IDataObject> {
	return await icimsBody(context, {
		method: 'GET',
		path: `/jobs/${encodeURIComponent(jobId)}`,
		qs: fields ? { fields } : {},
		itemIndex,
	});
}

/** The e-mail, full name and first phone of an iCIMS person, in the shape users expect. */
export function personContact(person: IDataObject | undefined): {
	email: string | null;
	name: string | null;
	phone: string | null;
} {
	if (!person) return { email: null, name: null, phone: null };
	const name = [person.firstname, person.lastname]
		.filter((part) => typeof part === 'string' && part.trim() !== '')
		.join(' ');
	const phones = (Array.isArray(person.phones) ? person.phones : []) as IDataObject[];
	const phone = phones.map((entry) => entry?.phonenumber).find((value) => typeof value === 'string' && value !== '');
	return {
		email: typeof person.email === 'string' && person.email !== '' ? person.email : null,
		name: name === '' ? null : name,
		phone: typeof phone === 'string' ? phone : null,
	};
}

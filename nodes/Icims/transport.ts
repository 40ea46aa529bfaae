import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { RequestContext } from '../shared/http';
import { requestWithRetry } from '../shared/http';

export const ICIMS_CREDENTIAL = 'icimsApi';

const HOSTS: Record<string, string> = {
	production: 'https://api.icims.com',
	eu: 'https://api-eu.icims.com',
};

/** The customer's API root: every iCIMS path starts with /customers/{customerId}. */
export function icimsBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'production');
	const host = environment === 'custom' ? String(credentials.baseUrl ?? '') : HOSTS[environment];
	const root = (host || HOSTS.production).replace(/\/+$/, '');
	return `${root}/customers/${encodeURIComponent(String(credentials.customerId ?? '').trim())}`;
}

export interface IcimsRequest {
	method: IHttpRequestMethods;
	/** Below /customers/{customerId}, e.g. /applicantworkflows/123 */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	acceptStatuses?: number[];
	/** A POST that only reads (the search API) may be sent again. */
	repeatable?: boolean;
}

export interface IcimsResponse<T> {
	statusCode: number;
	headers: IDataObject;
	body: T;
}

function statusOf(error: unknown): string | undefined {
	const record = error as { httpCode?: unknown; response?: { status?: unknown } };
	const status = record?.httpCode ?? record?.response?.status;
	return status === undefined || status === null ? undefined : String(status);
}

// TODO(shared): http.ts ignores HTTP errors, so n8n never sees the 401 that makes it refresh an
// expirable credential. Until http.ts offers that, an OAuth 401 is sent once more in n8n's
// throwing mode: n8n fetches a new token (preAuthentication), stores it and repeats the request.
async function retryWithFreshToken(
	context: RequestContext,
	options: IHttpRequestOptions,
	itemIndex: number | undefined,
): Promise<IN8nHttpFullResponse> {
	try {
		return (await context.helpers.httpRequestWithAuthentication.call(context, ICIMS_CREDENTIAL, {
			json: true,
			...options,
			returnFullResponse: true,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		// A fresh error: n8n's own carries the request, and with it the bearer token.
		const httpCode = statusOf(error);
		throw new NodeApiError(context.getNode(), { httpCode: httpCode ?? null }, {
			message: `iCIMS answered ${httpCode ? `HTTP ${httpCode}` : 'nothing'} after a fresh OAuth token`,
			description: `${options.method ?? 'GET'} ${options.url} Check the client ID and secret in the credential.`,
			httpCode,
			itemIndex,
		});
	}
}

/** The one way iCIMS is called: credential auth by n8n, retries by the shared layer. */
export async function icimsRequest<T = IDataObject>(
	context: RequestContext,
	request: IcimsRequest,
): Promise<IcimsResponse<T>> {
	const credentials = await context.getCredentials(ICIMS_CREDENTIAL);
	const oauth = credentials.authentication === 'oauth2ClientCredentials';
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${icimsBaseUrl(credentials)}${request.path}`,
		qs: request.qs,
		body: request.body,
	};
	const accepted = request.acceptStatuses ?? [];
	const response = await requestWithRetry<T>(context, {
		service: 'iCIMS',
		credentialType: ICIMS_CREDENTIAL,
		itemIndex: request.itemIndex,
		acceptStatuses: oauth ? [...accepted, 401] : accepted,
		options,
		repeatable: request.repeatable,
		// iCIMS sends no Retry-After with its 429: this header says when the daily quota resets.
		quotaResetHeaders: ['x-ratelimit-reset'],
	});
	if (oauth && response.statusCode === 401 && !accepted.includes(401)) {
		const retried = await retryWithFreshToken(context, options, request.itemIndex);
		return { statusCode: retried.statusCode, headers: retried.headers ?? {}, body: retried.body as T };
	}
	return { statusCode: response.statusCode, headers: response.headers ?? {}, body: response.body };
}

/** icimsRequest, returning only the body. */
export async function icimsBody<T = IDataObject>(context: RequestContext, request: IcimsRequest): Promise<T> {
	return (await icimsRequest<T>(context, request)).body;
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

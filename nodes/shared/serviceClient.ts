import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { credentialsOf } from './credentials';
import type { RequestContext } from './http';
import { requestWithRetry } from './http';

/** What a vendor's transport says about its service; everything else is the same for all. */
export interface ServiceDefinition {
	/** The service's name as users know it, used in error messages. */
	service: string;
	credentialType: string;
	/** The API root for these credentials, without a trailing slash. */
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	/** Options every request to the service carries (e.g. how arrays go in the query). */
	options?: Partial<IHttpRequestOptions>;
	/** For a 429 without Retry-After: headers saying, in seconds, when the quota resets. */
	quotaResetHeaders?: string[];
	/**
	 * Whether these credentials hold a token n8n fetches itself (OAuth2 client credentials). A 401
	 * is then sent once more in n8n's throwing mode, which makes n8n fetch a new token and repeat
	 * the request: the retrying layer accepts every status, so n8n would never see the 401.
	 */
	refreshesToken?(credentials: ICredentialDataDecryptedObject): boolean;
}

export interface ServiceCall {
	method: IHttpRequestMethods;
	/** Below the service's API root, starting with "/". */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	headers?: IDataObject;
	itemIndex?: number;
	/** Statuses that are answers here, not errors (e.g. a 404 that means "none"). */
	acceptStatuses?: number[];
	/** A POST that does no more when sent twice (adding tags, a search) may be sent again. */
	repeatable?: boolean;
}

export interface ServiceResponse<T> {
	statusCode: number;
	headers: IDataObject;
	body: T;
}

export type ServiceClient = <T = IDataObject>(context: RequestContext, call: ServiceCall) => Promise<ServiceResponse<T>>;

/**
 * The API root a credential points at, without a trailing slash. With `environments` the
 * credential has an Environment choice (production by default, "custom" takes its Base URL);
 * without, its Base URL when set. `production` stands in for anything left empty.
 */
export function configuredBaseUrl(
	credentials: ICredentialDataDecryptedObject,
	production: string,
	environments?: Record<string, string>,
): string {
	let url = String(credentials.baseUrl ?? '');
	if (environments) {
		const environment = String(credentials.environment ?? 'production');
		url = environment === 'custom' ? url : environments[environment] ?? '';
	}
	return (url.trim() || production).replace(/\/+$/, '');
}

/** The one way a vendor's transport calls its service: credential, base URL, retries, errors. */
export function serviceClient(definition: ServiceDefinition): ServiceClient {
	return async <T = IDataObject>(context: RequestContext, call: ServiceCall): Promise<ServiceResponse<T>> => {
		const credentials = await credentialsOf(context, definition.credentialType);
		const options: IHttpRequestOptions = {
			...definition.options,
			method: call.method,
			url: `${definition.baseUrl(credentials)}${call.path}`,
			qs: call.qs,
			body: call.body,
			...(call.headers ? { headers: call.headers } : {}),
		};
		const accepted = call.acceptStatuses ?? [];
		const refreshing = definition.refreshesToken?.(credentials) === true && !accepted.includes(401);
		const response = await requestWithRetry<T>(context, {
			service: definition.service,
			credentialType: definition.credentialType,
			itemIndex: call.itemIndex,
			acceptStatuses: refreshing ? [...accepted, 401] : accepted,
			repeatable: call.repeatable,
			quotaResetHeaders: definition.quotaResetHeaders,
			options,
		});
		if (refreshing && response.statusCode === 401) {
			const retried = await withFreshToken(context, definition, options, call.itemIndex);
			return { statusCode: retried.statusCode, headers: retried.headers ?? {}, body: retried.body as T };
		}
		return { statusCode: response.statusCode, headers: response.headers ?? {}, body: response.body };
	};
}

function statusOf(error: unknown): string | undefined {
	const record = error as { httpCode?: unknown; response?: { status?: unknown } };
	const status = record?.httpCode ?? record?.response?.status;
	return status === undefined || status === null ? undefined : String(status);
}

async function withFreshToken(
	context: RequestContext,
	definition: ServiceDefinition,
	options: IHttpRequestOptions,
	itemIndex: number | undefined,
): Promise<IN8nHttpFullResponse> {
	try {
		return (await context.helpers.httpRequestWithAuthentication.call(context, definition.credentialType, {
			json: true,
			...options,
			returnFullResponse: true,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		// A fresh error: n8n's own carries the request, and with it the bearer token.
		const httpCode = statusOf(error);
		throw new NodeApiError(context.getNode(), { httpCode: httpCode ?? null }, {
			message: `${definition.service} answered ${httpCode ? `HTTP ${httpCode}` : 'nothing'} after a fresh OAuth token`,
			description: `${options.method ?? 'GET'} ${options.url} Check the client ID and secret in the credential.`,
			httpCode,
			itemIndex,
		});
	}
}

import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { RequestContext } from '../shared/http';
import { requestWithRetry } from '../shared/http';
import { paginate } from '../shared/pagination';
import { embeddedList, expandTemplate, hrefBelow, linkHref } from './hal';

export const WEPOW_CREDENTIAL = 'wepowApi';

const PRODUCTION = 'https://api.wepowapp.com';

/** Wepow serves at most 100 items a page. */
export const MAX_PAGE_SIZE = 100;

/** Where the root's relations point when the root does not say: Wepow's documented hrefs. */
const KNOWN_HREFS = {
	'wepow:interviews': '/hypermedia/interviews',
	'wepow:interview': '/hypermedia/interviews{/id}',
	'wepow:application': '/hypermedia/applications{/id}',
	'wepow:notifications': '/notifications',
	'wepow:interview_templates': '/hypermedia/interview_templates',
} as const;

export type Relation = keyof typeof KNOWN_HREFS;

export async function wepowBaseUrl(context: RequestContext): Promise<string> {
	const credentials = await context.getCredentials(WEPOW_CREDENTIAL);
	return String(credentials.baseUrl || PRODUCTION).trim().replace(/\/+$/, '');
}

export interface WepowRequest {
	method: IHttpRequestMethods;
	/** A path below the base URL (/hypermedia/...), or an absolute URL below it (a followed link). */
	url: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	acceptStatuses?: number[];
}

export async function wepowRequest<T = IDataObject>(
	context: RequestContext,
	request: WepowRequest,
): Promise<{ statusCode: number; body: T }> {
	const baseUrl = await wepowBaseUrl(context);
	const url = request.url.startsWith('/') ? `${baseUrl}${request.url}` : hrefBelow(baseUrl, request.url);
	if (url === undefined) {
		// The credentials go only to the host the user configured.
		throw new NodeOperationError(context.getNode(), `Wepow linked to ${request.url}, outside the credential's Base URL`, {
			itemIndex: request.itemIndex,
		});
	}
	const response = await requestWithRetry<T>(context, {
		service: 'Wepow',
		credentialType: WEPOW_CREDENTIAL,
		itemIndex: request.itemIndex,
		acceptStatuses: request.acceptStatuses,
		options: { method: request.method, url, qs: request.qs, body: request.body },
	});
	return { statusCode: response.statusCode, body: response.body };
}

/** The API root's links: where each resource lives, read once per operation. */
export interface WepowApi {
	baseUrl: string;
	href(relation: Relation, values?: Record<string, string>): string;
}

export async function wepowApi(context: RequestContext, itemIndex?: number): Promise<WepowApi> {
	const baseUrl = await wepowBaseUrl(context);
	const { statusCode, body } = await wepowRequest<IDataObject>(context, {
		method: 'GET',
		url: '/',
		itemIndex,
		acceptStatuses: [404],
	});
	const root = statusCode === 404 || !body || typeof body !== 'object' ? {} : body;
	return {
		baseUrl,
		href(relation, values = {}) {
			const template = hrefBelow(baseUrl, linkHref(root, relation)) ?? `${baseUrl}${KNOWN_HREFS[relation]}`;
			return expandTemplate(template, values);
		},
	};
}

/** A HAL list, page by page through its `next` link, behind Return All / Limit. */
export async function wepowList(
	context: RequestContext,
	url: string,
	relation: string,
	qs: IDataObject,
	limits: { returnAll: boolean; limit: number; itemIndex?: number },
): Promise<IDataObject[]> {
	const baseUrl = await wepowBaseUrl(context);
	return await paginate<IDataObject, string>(
		async (next, pageSize) => {
			const { body } = await wepowRequest(
				context,
				next === undefined
					? { method: 'GET', url, qs: { ...qs, per_page: pageSize }, itemIndex: limits.itemIndex }
					: { method: 'GET', url: next, itemIndex: limits.itemIndex },
			);
			return { items: embeddedList(body, relation), next: hrefBelow(baseUrl, linkHref(body, 'next')) };
		},
		{ returnAll: limits.returnAll, limit: limits.limit, maxPageSize: MAX_PAGE_SIZE },
	);
}

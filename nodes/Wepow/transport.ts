import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { credentialsOf } from '../shared/credentials';
import type { RequestContext } from '../shared/http';
import type { ServiceCall, ServiceResponse } from '../shared/serviceClient';
import { configuredBaseUrl, serviceClient } from '../shared/serviceClient';
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

const wepowClient = serviceClient({
	service: 'Wepow',
	credentialType: WEPOW_CREDENTIAL,
	baseUrl: (credentials) => configuredBaseUrl(credentials, PRODUCTION),
});

export async function wepowBaseUrl(context: RequestContext): Promise<string> {
	return configuredBaseUrl(await credentialsOf(context, WEPOW_CREDENTIAL), PRODUCTION);
}

export interface WepowRequest extends Omit<ServiceCall, 'path'> {
	/** A path below the base URL (/hypermedia/...), or an absolute URL below it (a followed link). */
	url: string;
}

export async function wepowRequest<T = IDataObject>(
	context: RequestContext,
	{ url, ...call }: WepowRequest,
): Promise<ServiceResponse<T>> {
	const baseUrl = await wepowBaseUrl(context);
	const absolute = url.startsWith('/') ? `${baseUrl}${url}` : hrefBelow(baseUrl, url);
	if (absolute === undefined) {
		// The credentials go only to the host the user configured.
		throw new NodeOperationError(context.getNode(), `Wepow linked to ${url}, outside the credential's Base URL`, {
			itemIndex: call.itemIndex,
		});
	}
	return await wepowClient<T>(context, { ...call, path: absolute.slice(baseUrl.length) });
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

import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import type { RequestContext } from '../shared/http';
import { requestWithRetry } from '../shared/http';
import { paginate } from '../shared/pagination';

export const WISEWAY_CREDENTIAL = 'wiseWayApi';

const PRODUCTION = 'https://app.wiseway.video';

/** The largest page asked for; WiseWay publishes no limit. */
export const MAX_PAGE_SIZE = 100;

export interface WiseWayRequest {
	method: IHttpRequestMethods;
	/** Below /api/app, e.g. /positions */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	acceptStatuses?: number[];
}

export async function wiseWayRequest<T = IDataObject>(
	context: RequestContext,
	request: WiseWayRequest,
): Promise<{ statusCode: number; body: T }> {
	const credentials = await context.getCredentials(WISEWAY_CREDENTIAL);
	const baseUrl = String(credentials.baseUrl || PRODUCTION).replace(/\/+$/, '');
	const response = await requestWithRetry<T>(context, {
		service: 'WiseWay',
		credentialType: WISEWAY_CREDENTIAL,
		itemIndex: request.itemIndex,
		acceptStatuses: request.acceptStatuses,
		options: { method: request.method, url: `${baseUrl}/api/app${request.path}`, qs: request.qs, body: request.body },
	});
	return { statusCode: response.statusCode, body: response.body };
}

/** The path of one WiseWay object (and what lies below it), its id escaped. */
export function idPath(collection: string, id: string, suffix = ''): string {
	return `/${collection}/${encodeURIComponent(id)}${suffix}`;
}

export function candidatesPath(positionId: string, candidateId?: string): string {
	return idPath('positions', positionId, candidateId === undefined ? '/candidates' : `/candidates/${encodeURIComponent(candidateId)}`);
}

/**
 * A WiseWay list (a plain array, ?page=&limit=) behind Return All / Limit. A short page is the
 * last; so is a page longer than asked for, which means the list came unpaged.
 */
export async function wiseWayList(
	context: RequestContext,
	path: string,
	limits: { returnAll: boolean; limit: number; itemIndex?: number },
): Promise<IDataObject[]> {
	return await paginate<IDataObject, number>(
		async (page, pageSize) => {
			const current = page ?? 1;
			const { body } = await wiseWayRequest<unknown>(context, {
				method: 'GET',
				path,
				qs: { page: current, limit: pageSize },
				itemIndex: limits.itemIndex,
			});
			const items = Array.isArray(body) ? (body as IDataObject[]) : [];
			return { items, next: items.length === pageSize ? current + 1 : undefined };
		},
		{ returnAll: limits.returnAll, limit: limits.limit, maxPageSize: MAX_PAGE_SIZE, fixedPageSize: true },
	);
}

export const EVERYTHING = { returnAll: true, limit: 0 };

import type { IDataObject } from 'n8n-workflow';
import type { RequestContext } from '../shared/http';
import { paginate } from '../shared/pagination';
import { configuredBaseUrl, serviceClient } from '../shared/serviceClient';

export const WISEWAY_CREDENTIAL = 'wiseWayApi';

const PRODUCTION = 'https://app.wiseway.video';

/** The largest page asked for; WiseWay publishes no limit. */
export const MAX_PAGE_SIZE = 100;

/** Paths are below /api/app, e.g. /positions */
export const wiseWayRequest = serviceClient({
	service: 'WiseWay',
	credentialType: WISEWAY_CREDENTIAL,
	baseUrl: (credentials) => `${configuredBaseUrl(credentials, PRODUCTION)}/api/app`,
});

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

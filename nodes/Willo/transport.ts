import type { IDataObject } from 'n8n-workflow';
import type { RequestContext } from '../shared/http';
import { paginate } from '../shared/pagination';
import { configuredBaseUrl, serviceClient } from '../shared/serviceClient';

export const WILLO_CREDENTIAL = 'willoApi';

const PRODUCTION = 'https://api.willotalent.com/api/integrations/v2';

/** Willo serves at most 30 items a page. */
export const MAX_PAGE_SIZE = 30;

/** Paths below the base URL end in "/", as Django expects, e.g. /interviews/ */
export const willoRequest = serviceClient({
	service: 'Willo',
	credentialType: WILLO_CREDENTIAL,
	baseUrl: (credentials) => configuredBaseUrl(credentials, PRODUCTION),
});

/** The path of one Willo object, its key escaped. */
export function keyPath(collection: string, key: string, suffix = ''): string {
	return `/${collection}/${encodeURIComponent(key)}/${suffix}`;
}

interface WilloPage extends IDataObject {
	count?: number;
	next?: string | null;
	results?: IDataObject[];
}

/** The page number in Willo's `next` link; only the number is used, the link's host never is. */
export function nextPageNumber(next: unknown, current: number): number | undefined {
	if (typeof next !== 'string' || next === '') return undefined;
	const match = /[?&]page=(\d+)/.exec(next);
	return match ? Number(match[1]) : current + 1;
}

/** A Willo list, page by page through `next`, behind Return All / Limit. */
export async function willoList(
	context: RequestContext,
	path: string,
	qs: IDataObject,
	limits: { returnAll: boolean; limit: number; itemIndex?: number },
): Promise<IDataObject[]> {
	return await paginate<IDataObject, number>(
		async (page, pageSize) => {
			const current = page ?? 1;
			const { body } = await willoRequest<WilloPage>(context, {
				method: 'GET',
				path,
				qs: { ...qs, page: current, page_size: pageSize },
				itemIndex: limits.itemIndex,
			});
			return { items: body.results ?? [], next: nextPageNumber(body.next, current) };
		},
		{ returnAll: limits.returnAll, limit: limits.limit, maxPageSize: MAX_PAGE_SIZE, fixedPageSize: true },
	);
}

export async function getParticipant(
	context: RequestContext,
	participantKey: string,
	itemIndex?: number,
): Promise<IDataObject> {
	const { body } = await willoRequest(context, { method: 'GET', path: keyPath('participants', participantKey), itemIndex });
	return body;
}

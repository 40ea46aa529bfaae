import type { IDataObject } from 'n8n-workflow';
import type { RequestContext } from '../shared/http';
import { paginate } from '../shared/pagination';
import { icimsBody } from './transport';

/** One condition of an iCIMS search, e.g. { name: 'applicantworkflow.status', value: ['C36951'], operator: '=' }. */
export interface SearchFilter extends IDataObject {
	name: string;
	value: string[];
	operator: string;
}

/** The search fields of an applicant workflow this package filters on. */
export const SEARCH_FIELDS = {
	id: 'applicantworkflow.id',
	status: 'applicantworkflow.status',
	job: 'applicantworkflow.job.id',
	person: 'applicantworkflow.person.id',
	personEmail: 'applicantworkflow.person.email',
	updated: 'applicantworkflow.updateddate',
} as const;

// iCIMS answers at most this many ids per search call.
export const SEARCH_PAGE_SIZE = 1000;

interface SearchAnswer {
	searchResults?: Array<{ id?: unknown; self?: unknown }>;
}

/**
 * Applicant workflow ids matching every filter, oldest id first. iCIMS caps an answer at 1,000 ids
 * and has no page token: the next page is the same search with "id > the last id seen".
 */
export async function searchWorkflows(
	context: RequestContext,
	filters: SearchFilter[],
	limits: { returnAll: boolean; limit: number; itemIndex?: number },
): Promise<IDataObject[]> {
	return await paginate<IDataObject, number>(
		async (afterId) => {
			const cursor: SearchFilter[] =
				afterId === undefined ? [] : [{ name: SEARCH_FIELDS.id, value: [String(afterId)], operator: '>' }];
			const answer = await icimsBody<SearchAnswer>(context, {
				method: 'POST',
				path: '/search/applicantworkflows',
				body: { filters: [...filters, ...cursor], operator: '&' },
				itemIndex: limits.itemIndex,
				repeatable: true,
			});
			const items = (answer.searchResults ?? [])
				.map((result) => ({ id: Number(result.id), self: typeof result.self === 'string' ? result.self : null }))
				.filter((result) => Number.isSafeInteger(result.id))
				.sort((a, b) => a.id - b.id);
			const last = items[items.length - 1];
			const full = (answer.searchResults ?? []).length >= SEARCH_PAGE_SIZE;
			return {
				items: items.map((result) => ({ id: String(result.id), self: result.self })),
				next: full && last ? last.id : undefined,
			};
		},
		{ returnAll: limits.returnAll, limit: limits.limit, maxPageSize: SEARCH_PAGE_SIZE },
	);
}

import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { searchable } from '../../shared/locator';
import { isEmail } from '../../shared/validation';
import { leverRequest } from '../transport';
import { getPostings, getStages, getUsers } from './loadOptions';

export const searchStages = searchable(getStages);
export const searchPostings = searchable(getPostings);
export const searchUsers = searchable(getUsers);

const PAGE_SIZE = 50;

/** Opportunities a page at a time: an e-mail is looked up by Lever, other text matches names. */
export async function searchOpportunities(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = (filter ?? '').trim();
	const qs: IDataObject = { limit: PAGE_SIZE, archived: false };
	if (isEmail(text)) qs.email = text;
	if (paginationToken) qs.offset = paginationToken;
	const page = await leverRequest<{ data?: IDataObject[]; next?: string; hasNext?: boolean }>(this, { method: 'GET', path: '/opportunities', qs });
	const wanted = isEmail(text) ? '' : text.toLowerCase();
	const results = (page.data ?? [])
		.map((opportunity) => {
			const email = Array.isArray(opportunity.emails) ? opportunity.emails[0] : undefined;
			return {
				name: `${String(opportunity.name ?? opportunity.id)}${email ? ` <${String(email)}>` : ''}`,
				value: String(opportunity.id),
				url: `https://hire.lever.co/candidates/${encodeURIComponent(String(opportunity.id))}`,
			};
		})
		.filter((result) => !wanted || result.name.toLowerCase().includes(wanted));
	return { results, paginationToken: page.hasNext && page.next ? page.next : undefined };
}

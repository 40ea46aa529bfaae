export interface Page<T, C> {
	items: T[];
	/** The cursor for the next page; undefined on the last page. */
	next?: C;
}

export interface PaginationLimits {
	returnAll: boolean;
	/** How many items to return when returnAll is false. */
	limit: number;
	/** The largest page the service serves. */
	maxPageSize: number;
	/** A guard against a service that never stops answering "there is more". */
	maxPages?: number;
	/**
	 * Page-number APIs count pages of one size: every page is asked with the first page's size
	 * (the surplus is trimmed) instead of only what is still needed.
	 */
	fixedPageSize?: boolean;
}

/**
 * Pages through a list behind "Return All", or stops as soon as "Limit" items are in hand,
 * asking each page for no more than it still needs.
 */
export async function paginate<T, C>(
	fetchPage: (cursor: C | undefined, pageSize: number) => Promise<Page<T, C>>,
	limits: PaginationLimits,
): Promise<T[]> {
	const results: T[] = [];
	const maxPages = limits.maxPages ?? 10_000;
	let cursor: C | undefined;
	let firstPageSize: number | undefined;
	for (let page = 0; page < maxPages; page++) {
		const wanted = limits.returnAll ? limits.maxPageSize : limits.limit - results.length;
		if (wanted <= 0) break;
		const pageSize = Math.min(limits.maxPageSize, wanted);
		firstPageSize ??= pageSize;
		const { items, next } = await fetchPage(cursor, limits.fixedPageSize ? firstPageSize : pageSize);
		results.push(...items);
		if (next === undefined || next === null || items.length === 0) break;
		cursor = next;
	}
	return limits.returnAll ? results : results.slice(0, limits.limit);
}

import { paginate } from '../../../nodes/shared/pagination';

function pagedSource(total: number) {
	const calls: Array<{ cursor: number | undefined; pageSize: number }> = [];
	const fetchPage = async (cursor: number | undefined, pageSize: number) => {
		calls.push({ cursor, pageSize });
		const start = cursor ?? 0;
		const items = Array.from({ length: Math.max(0, Math.min(pageSize, total - start)) }, (_, i) => start + i);
		const next = start + items.length < total ? start + items.length : undefined;
		return { items, next };
	};
	return { calls, fetchPage };
}

describe('paginate', () => {
	it('follows cursors to the end behind Return All', async () => {
		const source = pagedSource(250);
		const all = await paginate(source.fetchPage, { returnAll: true, limit: 0, maxPageSize: 100 });
		expect(all).toHaveLength(250);
		expect(all[249]).toBe(249);
		expect(source.calls.map((c) => c.cursor)).toEqual([undefined, 100, 200]);
	});

	it('stops at Limit and asks only for what it still needs', async () => {
		const source = pagedSource(250);
		const some = await paginate(source.fetchPage, { returnAll: false, limit: 130, maxPageSize: 100 });
		expect(some).toHaveLength(130);
		expect(source.calls).toEqual([
			{ cursor: undefined, pageSize: 100 },
			{ cursor: 100, pageSize: 30 },
		]);
	});

	it('stops on an empty page even if the service claims more', async () => {
		let calls = 0;
		const result = await paginate(
			async () => {
				calls++;
				return { items: [] as number[], next: 'again' };
			},
			{ returnAll: true, limit: 0, maxPageSize: 100 },
		);
		expect(result).toEqual([]);
		expect(calls).toBe(1);
	});
});

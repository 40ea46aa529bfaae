import { cached, cacheSize, clearCache, MAX_CACHE_ENTRIES } from '../../../nodes/shared/cache';

let now = 1_000_000;

beforeEach(() => {
	clearCache();
	now = 1_000_000;
	jest.spyOn(Date, 'now').mockImplementation(() => now);
});
afterEach(() => jest.restoreAllMocks());

/** A load that answers v1, v2, ... so a test sees which load a value came from. */
function counter() {
	let loads = 0;
	return jest.fn(async (): Promise<string> => `v${++loads}`);
}

describe('cached', () => {
	it('loads once within the lifetime and again after it', async () => {
		const load = counter();
		expect(await cached('k', 1000, load)).toBe('v1');
		now += 999;
		expect(await cached('k', 1000, load)).toBe('v1');
		now += 1;
		expect(await cached('k', 1000, load)).toBe('v2');
		expect(load).toHaveBeenCalledTimes(2);
	});

	it('keeps keys apart', async () => {
		expect(await cached('a', 1000, async () => 'A')).toBe('A');
		expect(await cached('b', 1000, async () => 'B')).toBe('B');
		expect(await cached('a', 1000, async () => 'not loaded')).toBe('A');
	});

	it('shares one load between concurrent calls for one key', async () => {
		let release!: (value: string) => void;
		const load = jest.fn(() => new Promise<string>((resolve) => (release = resolve)));
		const calls = [cached('k', 1000, load), cached('k', 1000, load), cached('k', 1000, load)];
		release('title');
		expect(await Promise.all(calls)).toEqual(['title', 'title', 'title']);
		expect(load).toHaveBeenCalledTimes(1);
	});

	it('forgets a failed load, for every caller that shared it, and tries again next time', async () => {
		const failing = jest.fn(async () => {
			throw new Error('503');
		});
		const both = [cached('k', 1000, failing), cached('k', 1000, failing)];
		await expect(both[0]).rejects.toThrow('503');
		await expect(both[1]).rejects.toThrow('503');
		expect(failing).toHaveBeenCalledTimes(1);
		expect(await cached('k', 1000, async () => 'ok')).toBe('ok');
	});

	it(`holds at most ${MAX_CACHE_ENTRIES} entries, evicting the oldest`, async () => {
		for (let n = 0; n <= MAX_CACHE_ENTRIES; n++) await cached(`k${n}`, 60_000, async () => n);
		expect(cacheSize()).toBe(MAX_CACHE_ENTRIES);
		const reload = jest.fn(async () => -1);
		// The first key went, the newest stayed.
		expect(await cached('k0', 60_000, reload)).toBe(-1);
		expect(await cached(`k${MAX_CACHE_ENTRIES}`, 60_000, reload)).toBe(MAX_CACHE_ENTRIES);
		expect(reload).toHaveBeenCalledTimes(1);
	});
});

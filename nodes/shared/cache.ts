/**
 * A small process-local cache for slow-changing lookups (e.g. an interview's title).
 *
 * Module memory is allowed here because this is a cache, not state: every caller must be correct
 * with an empty cache (a queue-mode worker, a restart or an eviction simply loads again); it only
 * saves requests. Keep secrets and anything a decision depends on out of it.
 */

/** Entries beyond this are evicted oldest first, so memory stays bounded whatever the keys. */
export const MAX_CACHE_ENTRIES = 500;

interface Entry {
	expiresAt: number;
	value: Promise<unknown>;
}

const entries = new Map<string, Entry>();

/**
 * The value for `key`, loaded with `load` when absent or older than `ttlMs`. Concurrent calls for
 * one key share one load; a failed load is forgotten, so the next call tries again.
 */
export async function cached<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
	const now = Date.now();
	const found = entries.get(key);
	if (found && found.expiresAt > now) return (await found.value) as T;
	if (found) entries.delete(key);

	const value = load();
	const entry: Entry = { expiresAt: now + ttlMs, value };
	entries.set(key, entry);
	while (entries.size > MAX_CACHE_ENTRIES) {
		const oldest = entries.keys().next().value as string;
		entries.delete(oldest);
	}
	// A failed load is forgotten (only this entry: a newer one may have replaced it); callers see the error.
	value.catch(() => {
		if (entries.get(key) === entry) entries.delete(key);
	});
	return await value;
}

/** Empties the cache (tests; a user never needs it). */
export function clearCache(): void {
	entries.clear();
}

/** How many entries are held (tests). */
export function cacheSize(): number {
	return entries.size;
}

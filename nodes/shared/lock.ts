/**
 * One-at-a-time sections within this n8n process, by name. This is memory used as a lock, not
 * state: nothing here must survive the process, and an entry lives only while someone holds or
 * waits for its lock. What must survive (the do-once records) lives in n8n's database.
 */
const tails = new Map<string, Promise<void>>();

export async function withLock<T>(name: string, section: () => Promise<T>): Promise<T> {
	const previous = tails.get(name) ?? Promise.resolve();
	let release!: () => void;
	const mine = new Promise<void>((resolve) => (release = resolve));
	const tail = previous.then(() => mine);
	tails.set(name, tail);
	await previous;
	try {
		return await section();
	} finally {
		release();
		// The last holder leaves no entry behind.
		if (tails.get(name) === tail) tails.delete(name);
	}
}

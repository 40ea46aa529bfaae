import { withLock } from '../../../nodes/shared/lock';

/** A promise the test resolves by hand, to hold a section open. */
function gate() {
	let open!: () => void;
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { opened, open };
}

describe('withLock', () => {
	it('runs sections of one name one at a time, in the order they asked', async () => {
		const events: string[] = [];
		const first = gate();
		const a = withLock('invite:x', async () => {
			events.push('a in');
			await first.opened;
			events.push('a out');
			return 'a';
		});
		const b = withLock('invite:x', async () => {
			events.push('b in');
			events.push('b out');
			return 'b';
		});
		await new Promise((resolve) => setImmediate(resolve));
		expect(events).toEqual(['a in']);
		first.open();
		expect(await Promise.all([a, b])).toEqual(['a', 'b']);
		expect(events).toEqual(['a in', 'a out', 'b in', 'b out']);
	});

	it('lets sections of different names run at the same time', async () => {
		const held = gate();
		const events: string[] = [];
		const a = withLock('invite:a', async () => {
			events.push('a in');
			await held.opened;
		});
		await withLock('invite:b', async () => {
			events.push('b ran while a is held');
		});
		expect(events).toEqual(['a in', 'b ran while a is held']);
		held.open();
		await a;
	});

	it('passes the lock on when a section throws, and the error to its caller', async () => {
		const failed = withLock('invite:y', async () => {
			throw new Error('vendor down');
		});
		const next = withLock('invite:y', async () => 'next ran');
		await expect(failed).rejects.toThrow('vendor down');
		await expect(next).resolves.toBe('next ran');
	});

	it('holds a burst of 100 to one at a time, each once, and frees the name after the last', async () => {
		let inside = 0;
		let most = 0;
		let ran = 0;
		const burst = Array.from({ length: 100 }, async () =>
			await withLock('invite:burst', async () => {
				inside++;
				most = Math.max(most, inside);
				await new Promise((resolve) => setImmediate(resolve));
				ran++;
				inside--;
			}),
		);
		await Promise.all(burst);
		expect({ most, ran }).toEqual({ most: 1, ran: 100 });
		// Nothing left holding the name: the next section starts before any other task runs.
		let started = false;
		const next = withLock('invite:burst', async () => {
			started = true;
		});
		await new Promise((resolve) => setImmediate(resolve));
		expect(started).toBe(true);
		await next;
	});
});

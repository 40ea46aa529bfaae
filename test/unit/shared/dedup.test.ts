/**
 * doOnce through n8n-core and the harness's deduplication store, which, like n8n's, reads, awaits
 * and writes one row per workflow without a lock: what doOnce's own serialization must make safe.
 */
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes } from 'n8n-workflow';
import { doOnce, IN_FLIGHT_LEASE_MS } from '../../../nodes/shared/dedup';
import { DEFAULT_RETRY_POLICY, isOutcomeUnknown } from '../../../nodes/shared/http';
import type { DedupStore } from '../../helpers/harness';
import { createDedupStore, runNode } from '../../helpers/harness';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));
const sleep = n8nWorkflow.sleep as jest.MockedFunction<typeof n8nWorkflow.sleep>;
beforeEach(() => sleep.mockClear());

/** What the node under test does for a key: the test sets it. */
interface Vendor {
	act: (key: string, node: INode) => Promise<IDataObject>;
	find?: (key: string, node: INode) => Promise<IDataObject | undefined>;
	findFirst?: boolean;
}
let vendor: Vendor;

/** doOnce as each n8n process has it: [1] on is a module copy with its own locks (another queue-mode worker). */
const doOnceOfProcess: Array<typeof doOnce> = [doOnce];

class OnceNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Once',
		name: 'once',
		group: ['transform'],
		version: 1,
		description: 'Runs doOnce for a key',
		defaults: { name: 'Once' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Key', name: 'key', type: 'string', default: '' },
			{ displayName: 'Process', name: 'process', type: 'number', default: 0 },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const key = this.getNodeParameter('key', 0) as string;
		const node = this.getNode();
		const { act, find, findFirst } = vendor;
		const outcome = await doOnceOfProcess[this.getNodeParameter('process', 0) as number](this, {
			key,
			act: async () => await act(key, node),
			find: find && (async () => await find(key, node)),
			findFirst,
		});
		return [[{ json: { sent: outcome.sent, record: outcome.record ?? null } }]];
	}
}

/** The error requestWithRetry gives a POST whose answer was lost. */
function lostAnswer(node: INode): NodeApiError {
	const error = new NodeApiError(node, { httpCode: '500' }, { message: 'Vendor answered HTTP 500', httpCode: '500' });
	error.context.outcomeUnknown = true;
	return error;
}

/** A vendor round trip: lets other runs interleave. */
const roundTrip = () => new Promise<void>((resolve) => setImmediate(resolve));

function once(key: string, dedupStore: DedupStore, mode: 'webhook' | 'retry' = 'webhook', process = 0) {
	return runNode(new OnceNode(), { parameters: { key, process }, dedupStore, mode });
}

function sentOf(run: Awaited<ReturnType<typeof once>>): unknown {
	return run.items[0]?.[0]?.json.sent;
}

describe('doOnce', () => {
	it('acts once for 10 simultaneous runs of one key; the other 9 are told it was done', async () => {
		const act = jest.fn(async (key: string) => {
			await roundTrip();
			return { id: `invite-${key}` };
		});
		vendor = { act };
		const dedupStore = createDedupStore();
		const runs = await Promise.all(Array.from({ length: 10 }, async () => await once('invite:willo:i1:opp-1', dedupStore)));
		expect(runs.map((run) => run.error)).toEqual(Array(10).fill(undefined));
		expect(act).toHaveBeenCalledTimes(1);
		expect(runs.map(sentOf).sort()).toEqual([false, false, false, false, false, false, false, false, false, true]);
	});

	it('records all 5 keys of 5 simultaneous runs of different keys, with no collision on the store row', async () => {
		const act = jest.fn(async (key: string) => {
			await roundTrip();
			return { id: key };
		});
		vendor = { act };
		const dedupStore = createDedupStore();
		const keys = ['opp-1', 'opp-2', 'opp-3', 'opp-4', 'opp-5'].map((id) => `invite:willo:i1:${id}`);
		const runs = await Promise.all(keys.map(async (key) => await once(key, dedupStore)));
		// The harness store throws n8n's UNIQUE constraint error when two first inserts collide.
		expect(runs.map((run) => run.error?.message)).toEqual(Array(5).fill(undefined));
		expect(act).toHaveBeenCalledTimes(5);
		expect([...dedupStore.rows.values()].map((row) => (row.data as string[]).length)).toEqual([5]);
		// None lost: every key is now a repeat.
		const again = await Promise.all(keys.map(async (key) => await once(key, dedupStore)));
		expect(again.map(sentOf)).toEqual([false, false, false, false, false]);
		expect(act).toHaveBeenCalledTimes(5);
	});

	it('two processes inserting the store row at once: the loser writes again over the winner\'s row, no key lost', async () => {
		jest.isolateModules(() => {
			doOnceOfProcess[1] = (jest.requireActual('../../../nodes/shared/dedup') as { doOnce: typeof doOnce }).doOnce;
		});
		expect(doOnceOfProcess[1]).not.toBe(doOnce);
		const act = jest.fn(async (key: string) => ({ id: key }));
		vendor = { act };
		const dedupStore = createDedupStore();
		// Each process holds its own lock, so both read "no row" and both insert it: n8n's store then
		// throws the table's unique-key error in one of them.
		const runs = await Promise.all([once('invite:willo:i1:opp-1', dedupStore, 'webhook', 0), once('invite:willo:i1:opp-2', dedupStore, 'webhook', 1)]);
		expect(runs.map((run) => run.error?.message)).toEqual([undefined, undefined]);
		expect(runs.map(sentOf)).toEqual([true, true]);
		// Both claims are in the one row: a repeat in either process sends nothing. (What else the row
		// holds depends on how the two processes' later writes interleave: n8n's store has no lock.)
		expect(dedupStore.rows.size).toBe(1);
		const again = await Promise.all([once('invite:willo:i1:opp-2', dedupStore, 'webhook', 0), once('invite:willo:i1:opp-1', dedupStore, 'webhook', 1)]);
		expect(again.map(sentOf)).toEqual([false, false]);
		expect(act).toHaveBeenCalledTimes(2);
	});

	it('a claim in flight on another worker is left alone; once its lease is past (the run died), a later run asks the vendor and sends', async () => {
		jest.isolateModules(() => {
			doOnceOfProcess[1] = (jest.requireActual('../../../nodes/shared/dedup') as { doOnce: typeof doOnce }).doOnce;
		});
		let sends = 0;
		// The first send never returns: its process is killed mid-request (not awaited).
		const act = jest.fn(async (key: string) => (++sends === 1 ? await new Promise<IDataObject>(() => {}) : { id: key }));
		const find = jest.fn(async () => undefined);
		vendor = { act, find };
		const dedupStore = createDedupStore();
		void once('invite:wecp:t1:opp-9', dedupStore, 'webhook', 0);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(act).toHaveBeenCalledTimes(1);

		// Another worker, at the same time: the first may be sending right now, so nothing is sent.
		const meanwhile = await once('invite:wecp:t1:opp-9', dedupStore, 'webhook', 1);
		expect(sentOf(meanwhile)).toBe(false);
		expect([act.mock.calls.length, find.mock.calls.length]).toEqual([1, 0]);

		// Two lease periods later the first is dead: a new delivery (not a retry) asks WeCP first.
		const now = Date.now();
		const clock = jest.spyOn(Date, 'now').mockReturnValue(now + 2 * IN_FLIGHT_LEASE_MS);
		try {
			const later = await once('invite:wecp:t1:opp-9', dedupStore, 'webhook', 1);
			expect(later.error).toBeUndefined();
			expect(sentOf(later)).toBe(true);
			expect([act.mock.calls.length, find.mock.calls.length]).toEqual([2, 1]);
			// Its send was answered: the marks are gone, and a repeat neither asks nor sends.
			const repeat = await once('invite:wecp:t1:opp-9', dedupStore, 'webhook', 1);
			expect(sentOf(repeat)).toBe(false);
			expect([act.mock.calls.length, find.mock.calls.length]).toEqual([2, 1]);
		} finally {
			clock.mockRestore();
		}
	});

	it('looks a lost answer up and, when the vendor has it, does not send again, now or in a later run', async () => {
		const act = jest.fn(async (_key: string, node: INode): Promise<IDataObject> => {
			throw lostAnswer(node);
		});
		const find = jest.fn(async () => ({ id: 'stored-1' }));
		vendor = { act, find };
		const dedupStore = createDedupStore();
		const first = await once('invite:wecp:t1:opp-1', dedupStore);
		expect(first.error).toBeUndefined();
		expect(first.items[0][0].json).toEqual({ sent: true, record: { id: 'stored-1' } });
		expect([act.mock.calls.length, find.mock.calls.length]).toEqual([1, 1]);

		const later = await once('invite:wecp:t1:opp-1', dedupStore);
		expect(sentOf(later)).toBe(false);
		expect([act.mock.calls.length, find.mock.calls.length]).toEqual([1, 1]);
	});

	it('sends again after a lost answer when the vendor does not have it', async () => {
		let attempts = 0;
		const act = jest.fn(async (_key: string, node: INode): Promise<IDataObject> => {
			if (++attempts === 1) throw lostAnswer(node);
			return { id: 'sent-2' };
		});
		const find = jest.fn(async () => undefined);
		vendor = { act, find };
		const run = await once('invite:wecp:t1:opp-2', createDedupStore());
		expect(run.items[0][0].json).toEqual({ sent: true, record: { id: 'sent-2' } });
		expect([act.mock.calls.length, find.mock.calls.length]).toEqual([2, 1]);
	});

	it('a lost answer costs an attempt like a refusal: 7 lost in a row, each looked up after a growing wait, the 8th lands; 8 lost fail unsure', async () => {
		const { maxAttempts } = DEFAULT_RETRY_POLICY;
		let attempts = 0;
		const act = jest.fn(async (_key: string, node: INode): Promise<IDataObject> => {
			if (++attempts < maxAttempts) throw lostAnswer(node);
			return { id: 'sent-8' };
		});
		const find = jest.fn(async () => undefined);
		vendor = { act, find };
		const run = await once('invite:wecp:t1:opp-7', createDedupStore());
		expect(run.items[0][0].json).toEqual({ sent: true, record: { id: 'sent-8' } });
		expect([act.mock.calls.length, find.mock.calls.length]).toEqual([maxAttempts, maxAttempts - 1]);
		const waits = sleep.mock.calls.map(([ms]) => ms);
		expect(waits).toHaveLength(maxAttempts - 1);
		// Equal jitter: each wait is at least half of its doubling step.
		waits.forEach((ms, index) => expect(ms).toBeGreaterThanOrEqual(Math.min(DEFAULT_RETRY_POLICY.maxDelayMs, DEFAULT_RETRY_POLICY.baseDelayMs * 2 ** index) / 2));

		attempts = -Infinity;
		const failed = await once('invite:wecp:t1:opp-8', createDedupStore());
		expect(isOutcomeUnknown(failed.error)).toBe(true);
		expect(act.mock.calls.length).toBe(2 * maxAttempts);
	});

	it('keeps the claim, marked unsure, when the look-up fails too; the next run asks the vendor before sending', async () => {
		const act = jest.fn(async (_key: string, node: INode): Promise<IDataObject> => {
			throw lostAnswer(node);
		});
		const find = jest.fn(async (): Promise<IDataObject | undefined> => {
			throw new Error('vendor unreachable');
		});
		vendor = { act, find };
		const dedupStore = createDedupStore();
		const first = await once('invite:wepow:p1:opp-3', dedupStore);
		expect(isOutcomeUnknown(first.error)).toBe(true);
		expect(first.error?.message).toContain('HTTP 500');

		// Next run: the vendor is asked first and has it, so nothing is sent.
		const calls: string[] = [];
		vendor = {
			act: async () => {
				calls.push('act');
				return { id: 'sent-again' };
			},
			find: async () => {
				calls.push('find');
				return { id: 'stored-3' };
			},
		};
		const second = await once('invite:wepow:p1:opp-3', dedupStore);
		expect(second.items[0][0].json).toEqual({ sent: false, record: { id: 'stored-3' } });
		expect(calls).toEqual(['find']);

		// The doubt is settled: a third run neither asks nor sends.
		const third = await once('invite:wepow:p1:opp-3', dedupStore);
		expect(sentOf(third)).toBe(false);
		expect(calls).toEqual(['find']);
	});

	it('after an unsure run, sends when the vendor does not have it', async () => {
		vendor = {
			act: async (_key, node) => {
				throw lostAnswer(node);
			},
			find: async () => {
				throw new Error('vendor unreachable');
			},
		};
		const dedupStore = createDedupStore();
		await once('invite:wepow:p1:opp-4', dedupStore);
		const calls: string[] = [];
		vendor = {
			act: async () => {
				calls.push('act');
				return { id: 'sent-4' };
			},
			find: async () => {
				calls.push('find');
				return undefined;
			},
		};
		const second = await once('invite:wepow:p1:opp-4', dedupStore);
		expect(second.items[0][0].json).toEqual({ sent: true, record: { id: 'sent-4' } });
		expect(calls).toEqual(['find', 'act']);
	});

	it('gives the claim back when the act surely failed, so a later run sends', async () => {
		const act = jest.fn(async (): Promise<IDataObject> => {
			throw new Error('400 invalid e-mail');
		});
		vendor = { act };
		const dedupStore = createDedupStore();
		const first = await once('invite:willo:i1:opp-5', dedupStore);
		expect(first.error?.message).toContain('invalid e-mail');
		vendor = { act: async () => ({ id: 'fixed' }) };
		const second = await once('invite:willo:i1:opp-5', dedupStore);
		expect(second.items[0][0].json).toEqual({ sent: true, record: { id: 'fixed' } });
	});

	it('in a retried execution, asks the vendor about a key claimed before: sends only when it has nothing', async () => {
		// The run being retried claimed the key and died (a killed worker) before it sent.
		const dedupStore = createDedupStore();
		vendor = { act: async () => ({ id: 'first' }) };
		await once('invite:wecp:t1:opp-7', dedupStore);
		const act = jest.fn(async () => ({ id: 'sent-on-retry' }));
		vendor = { act, find: async () => undefined };
		const retried = await once('invite:wecp:t1:opp-7', dedupStore, 'retry');
		expect(retried.items[0][0].json).toEqual({ sent: true, record: { id: 'sent-on-retry' } });
		// When the vendor has it, a retry does not send; a plain later run does not even ask.
		const find = jest.fn(async () => ({ id: 'sent-on-retry' }));
		vendor = { act, find };
		expect((await once('invite:wecp:t1:opp-7', dedupStore, 'retry')).items[0][0].json).toEqual({ sent: false, record: { id: 'sent-on-retry' } });
		expect(sentOf(await once('invite:wecp:t1:opp-7', dedupStore))).toBe(false);
		expect([act.mock.calls.length, find.mock.calls.length]).toEqual([1, 1]);
	});

	it('with findFirst, answers from the vendor without sending when it has the record', async () => {
		const act = jest.fn(async () => ({ id: 'new' }));
		vendor = { act, find: async () => ({ id: 'made-by-another-worker' }), findFirst: true };
		const run = await once('invite:willo:i1:opp-6', createDedupStore());
		expect(run.items[0][0].json).toEqual({ sent: false, record: { id: 'made-by-another-worker' } });
		expect(act).not.toHaveBeenCalled();
	});
});

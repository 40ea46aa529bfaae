import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { backoffDelay, DEFAULT_RETRY_POLICY, isOutcomeUnknown } from './http';
import { withLock } from './lock';
import { asNodeError } from './router';

/**
 * Do-once keys for actions that must not repeat: invites, interview bookings, notes, created
 * candidates. An invite's key is (vendor, assessment, ATS application): the same candidate
 * application is invited to the same test once, whichever delivery or re-run asks again.
 *
 * Three layers hold it:
 * - in one n8n process, claim + request + record run one at a time per key (withLock), and every
 *   read-modify-write of n8n's deduplication store one at a time per workflow, so simultaneous
 *   executions neither both send nor lose each other's keys;
 * - the record lives in n8n's deduplication store (its database), so it holds across executions,
 *   restarts and queue-mode workers; the store is per workflow, so two nodes of one workflow agree;
 * - where the outcome is unknown (a lost answer, a 5xx to a POST) the vendor is asked before
 *   anything is sent again, and optionally before the first send (another worker or workflow may
 *   have sent it).
 */
export function inviteKey(vendor: string, assessmentId: string, applicationId: string): string {
	return `invite:${vendor}:${assessmentId}:${applicationId}`;
}

const STORE_OPTIONS = { mode: 'entries', maxEntries: 100_000 } as const;
// Marks a key whose action may or may not have happened: the next run asks the vendor first.
const UNSURE = 'unsure:';

type Scope = 'workflow' | 'node';

function storeLock(context: IExecuteFunctions, scope: Scope): string {
	const workflowId = String(context.getWorkflow().id ?? '');
	return scope === 'node' ? `store:${workflowId}:${context.getNode().id}` : `store:${workflowId}`;
}

type Attempt<T> = { value: T } | { error: unknown };

async function attempt<T>(step: () => Promise<T>): Promise<Attempt<T>> {
	return await step().then(
		(value) => ({ value }),
		(error: unknown) => ({ error }),
	);
}

// The unique-key error of each database n8n runs on (PostgreSQL, SQLite, MySQL/MariaDB).
const ROW_INSERTED_TWICE = /duplicate key value violates unique constraint|UNIQUE constraint failed|Duplicate entry/i;
const STORE_WRITE_ATTEMPTS = 3;

/**
 * A store write that another process may race: the store inserts a workflow's row on its first
 * write, so two queue-mode workers writing a new row at once collide on its unique key. The loser
 * writes again, now over the row the winner inserted.
 */
async function writeStore<T>(context: IExecuteFunctions, write: () => Promise<T>): Promise<T> {
	for (let writes = 1; ; writes++) {
		const written = await attempt(write);
		if ('value' in written) return written.value;
		const message = (written.error as Error | undefined)?.message ?? '';
		if (writes >= STORE_WRITE_ATTEMPTS || !ROW_INSERTED_TWICE.test(message)) throw asNodeError(context, written.error);
	}
}

/**
 * n8n's checkProcessedAndRecord, one call at a time per store row in this process: the store
 * reads the row, awaits, then writes it whole, so two calls at once lose one of the writes (or
 * collide on the row's unique key when both insert it first, which other processes can still do:
 * see writeStore).
 */
export async function recordNew(context: IExecuteFunctions, keys: string[], scope: Scope, maxEntries: number = STORE_OPTIONS.maxEntries): Promise<string[]> {
	return await withLock(storeLock(context, scope), async () => {
		const result = await writeStore(context, async () => await context.helpers.checkProcessedAndRecord(keys, scope, { mode: 'entries', maxEntries }));
		return result.new.map(String);
	});
}

/** n8n's removeProcessed, serialized like recordNew; no keys, no write. */
export async function forget(context: IExecuteFunctions, keys: string[], scope: Scope, maxEntries: number = STORE_OPTIONS.maxEntries): Promise<void> {
	if (keys.length === 0) return;
	await withLock(storeLock(context, scope), async () => {
		await writeStore(context, async () => await context.helpers.removeProcessed(keys, scope, { mode: 'entries', maxEntries }));
	});
}

/** True if this call claimed the key (nothing done under it before), false if it was claimed before. */
export async function claimOnce(context: IExecuteFunctions, key: string): Promise<boolean> {
	return (await recordNew(context, [key], 'workflow')).includes(key);
}

/** Gives a claim back when the action failed, so a later run can try again. */
export async function releaseClaim(context: IExecuteFunctions, key: string): Promise<void> {
	await forget(context, [key], 'workflow');
}

export interface OnceSteps<T extends IDataObject> {
	/** The key of the action (see inviteKey). */
	key: string;
	/** Does it once: the request that creates the record. */
	act: () => Promise<T>;
	/** Finds the record an earlier attempt may have created at the vendor; undefined when absent. */
	find?: () => Promise<T | undefined>;
	/** Ask the vendor (find) before the first send too: another worker or workflow may have sent it. */
	findFirst?: boolean;
}

export interface OnceOutcome<T extends IDataObject> {
	/** True when this call sent it (even if a lost answer made it look the record up). */
	sent: boolean;
	/** The vendor's record when known: the answer, or what find() returned. */
	record?: T;
}

/**
 * act(), but an answer lost on the way back is looked up, and the request sent again only if
 * absent, after the backoff of any other retry. A lost answer costs an attempt of the default
 * policy like a refusal does: three lost answers in a row, one act in 2,000 at a 20% fault rate,
 * failed a run in CI.
 */
export async function actLookingUp<T extends IDataObject>(context: IExecuteFunctions, steps: Pick<OnceSteps<T>, 'act' | 'find'>): Promise<T> {
	for (let tries = 1; ; tries++) {
		const acted = await attempt(steps.act);
		if ('value' in acted) return acted.value;
		if (!isOutcomeUnknown(acted.error) || !steps.find || tries >= DEFAULT_RETRY_POLICY.maxAttempts) throw asNodeError(context, acted.error);
		const found = await attempt(steps.find);
		// When the look-up fails too, the outcome stays unknown: the first error is the one to tell.
		if ('error' in found) throw asNodeError(context, acted.error);
		if (found.value !== undefined) return found.value;
		await sleep(backoffDelay(tries, DEFAULT_RETRY_POLICY));
	}
}

// A claim's in-flight mark names the lease period it was made in. A later run that finds an
// unsure claim whose mark is from this period or the one before leaves it alone (another worker
// may be sending right now); an older one is a run that died, and the vendor is asked.
export const IN_FLIGHT_LEASE_MS = 2 * 60_000;
const IN_FLIGHT = 'inflight:';

function inFlightMark(key: string, period: number): string {
	return `${IN_FLIGHT}${key}@${period}`;
}

interface Claim {
	/** This run claimed the key: nothing was done under it before. */
	claimed: boolean;
	/** Claimed before, and that run did not learn the outcome (it failed unsure, or died). */
	unsure: boolean;
	/** Claimed before by a run that may still be sending (its in-flight mark is recent). */
	inFlight: boolean;
	/** This run's marks on the key, to take off once it knows the outcome. */
	marks: string[];
}

/**
 * Claims the key for this run, marked unsure and in flight until the run knows the outcome, in
 * one store write: a run that dies between its claim and the vendor's answer (a killed queue-mode
 * worker) leaves the marks, and once its in-flight mark is old a later run asks the vendor instead
 * of trusting the claim.
 */
async function claimPending(context: IExecuteFunctions, key: string): Promise<Claim> {
	const unsureMark = UNSURE + key;
	const period = Math.floor(Date.now() / IN_FLIGHT_LEASE_MS);
	const mine = inFlightMark(key, period);
	const fresh = await recordNew(context, [key, unsureMark, mine], 'workflow');
	if (fresh.includes(key)) return { claimed: true, unsure: false, inFlight: false, marks: [unsureMark, mine] };
	// Claimed before. Fresh marks are this run's probes, not an earlier run's: take them back.
	const unsure = !fresh.includes(unsureMark);
	let inFlight = !fresh.includes(mine);
	const previous = inFlightMark(key, period - 1);
	if (unsure && !inFlight) {
		const probed = await recordNew(context, [previous], 'workflow');
		inFlight = !probed.includes(previous);
		fresh.push(...probed);
	}
	await forget(context, [unsureMark, mine, previous].filter((mark) => fresh.includes(mark)), 'workflow');
	return { claimed: false, unsure, inFlight, marks: unsure ? [unsureMark] : [] };
}

/**
 * Does an action once per key: claims the key (marked unsure and in flight), acts, and keeps the
 * claim (the marks removed); gives the claim back when the action surely did not happen (so a
 * later run may try again) and keeps it marked unsure when it may have (so a later run asks the
 * vendor before sending). A retried execution asks the vendor whenever the key was claimed; any
 * other run does when the claim is unsure and no longer in flight.
 */
export async function doOnce<T extends IDataObject>(context: IExecuteFunctions, steps: OnceSteps<T>): Promise<OnceOutcome<T>> {
	return await withLock(`once:${steps.key}`, async () => {
		const unsureMark = UNSURE + steps.key;
		const claim = await claimPending(context, steps.key);
		if (!claim.claimed) {
			// A retried execution (Executions → Retry) may be one that died between its claim and
			// its send: its claim is no proof, the vendor is asked.
			const ask = context.getMode() === 'retry' || (claim.unsure && !claim.inFlight);
			if (steps.find === undefined || !ask) return { sent: false };
			const found = await steps.find();
			if (found !== undefined) {
				await forget(context, claim.marks, 'workflow');
				return { sent: false, record: found };
			}
		} else if (steps.findFirst && steps.find) {
			const found = await attempt(steps.find);
			if ('error' in found) {
				await forget(context, [steps.key, ...claim.marks], 'workflow');
				throw asNodeError(context, found.error);
			}
			if (found.value !== undefined) {
				await forget(context, claim.marks, 'workflow');
				return { sent: false, record: found.value };
			}
		}
		const acted = await attempt(async () => await actLookingUp(context, steps));
		if ('value' in acted) {
			await forget(context, claim.marks, 'workflow');
			return { sent: true, record: acted.value };
		}
		if (!isOutcomeUnknown(acted.error)) await forget(context, [steps.key, ...claim.marks], 'workflow');
		else if (claim.marks.includes(unsureMark)) await forget(context, claim.marks.filter((mark) => mark !== unsureMark), 'workflow');
		else await recordNew(context, [unsureMark], 'workflow');
		throw asNodeError(context, acted.error);
	});
}

/**
 * Claims the next of at most `max` numbered uses of a key (`<key>:1`, `<key>:2`, ...) in n8n's
 * store, e.g. the reminders of one invite: returns the number claimed, or undefined when all
 * `max` are used. Under the key's lock, so two runs at once take different numbers.
 */
export async function claimNextOf(context: IExecuteFunctions, key: string, max: number): Promise<number | undefined> {
	return await withLock(`once:${key}`, async () => {
		for (let number = 1; number <= max; number++) {
			if (await claimOnce(context, `${key}:${number}`)) return number;
		}
		return undefined;
	});
}

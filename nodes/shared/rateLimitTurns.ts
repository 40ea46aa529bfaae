/**
 * Turns for the requests a service refused with 429 and Retry-After, per service host, within
 * this n8n process.
 *
 * Without turns, every request refused in a burst sleeps the same Retry-After and comes back at
 * the same moment: the service admits its R per second, refuses the rest again, and round after
 * round the whole herd is sent (on a busy host each round takes longer than its second). With
 * turns, the refused requests go one at a time from the moment the service named, spaced at the
 * pace it was seen admitting requests, and requests that start meanwhile queue behind them
 * instead of joining the herd. Every request still waits at least the Retry-After it was given.
 *
 * Memory used as a schedule, like lock.ts: nothing here must survive the process, and losing it
 * costs speed, never correctness. Several processes (queue-mode workers) each pace their own
 * share: each sees only its own admissions, so their paces add up to the service's.
 */

interface Lane {
	/** When the service admitted this process's recent requests (epoch ms, oldest first). */
	admitted: number[];
	/** When the next turn starts; turns are handed out while this is in the future. */
	nextTurnAt: number;
	/** The time between two turns. */
	spacingMs: number;
	/** Requests holding a turn not yet taken: when none is left, the queue is over. */
	waiting: number;
}

const lanes = new Map<string, Lane>();

// How far back admissions count for the pace; and at most this many are kept per host.
const ADMISSIONS_WINDOW_MS = 60_000;
const MAX_ADMISSIONS_KEPT = 1_000;
// The pace assumed when nothing was admitted lately (another process used the quota).
const FALLBACK_TURNS_PER_RETRY_AFTER = 10;
// Turns a little slower than the pace seen: at exactly the limit, a turn that reaches the service
// a few milliseconds before the one a second earlier left its window is refused, and goes last.
const SPACING_MARGIN = 1.05;

/** The lane of a request: its credential type and its URL's scheme, host and port. */
export function laneOf(credentialType: string, url: string | undefined): string {
	let origin = '';
	try {
		origin = url ? new URL(url).origin : '';
	} catch {
		// A URL n8n will refuse anyway: one lane for all of them.
	}
	return `${credentialType} ${origin}`;
}

function lane(key: string): Lane {
	let found = lanes.get(key);
	if (!found) {
		found = { admitted: [], nextTurnAt: 0, spacingMs: 0, waiting: 0 };
		lanes.set(key, found);
	}
	return found;
}

/**
 * How long a request about to be sent waits for its turn: 0 while the host refuses nothing,
 * else until the next turn, which it holds until it calls turnTaken().
 */
export function waitForTurn(key: string, nowMs: number): number {
	const found = lanes.get(key);
	if (!found || found.nextTurnAt <= nowMs) return 0;
	const turn = found.nextTurnAt;
	found.nextTurnAt = turn + found.spacingMs;
	found.waiting += 1;
	return turn - nowMs;
}

/** A request that waited for its turn is being sent; the last one ends the queue. */
export function turnTaken(key: string): void {
	const found = lanes.get(key);
	if (!found) return;
	found.waiting = Math.max(0, found.waiting - 1);
	// Nobody else is queued: the next request goes at once (a single refused request costs no more than its Retry-After).
	if (found.waiting === 0) found.nextTurnAt = 0;
}

/** The service took a request (it answered anything but 429). */
export function noteAdmitted(key: string, nowMs: number): void {
	const { admitted } = lane(key);
	admitted.push(nowMs);
	while (admitted.length > MAX_ADMISSIONS_KEPT || (admitted.length > 0 && admitted[0] < nowMs - ADMISSIONS_WINDOW_MS)) admitted.shift();
}

/**
 * The service refused a request with 429 and said to come back in `retryAfterMs`: returns how
 * long this request waits for its turn (at least retryAfterMs). The first refusal of a burst
 * sets the pace: the requests admitted in the last Retry-After, spread over the next one. The
 * request holds its turn until it calls turnTaken().
 */
export function waitAfterRefusal(key: string, nowMs: number, retryAfterMs: number): number {
	const found = lane(key);
	if (found.nextTurnAt <= nowMs) {
		const since = nowMs - Math.max(retryAfterMs, 1_000);
		const seen = found.admitted.filter((at) => at >= since).length;
		const turns = seen > 0 ? seen : FALLBACK_TURNS_PER_RETRY_AFTER;
		found.spacingMs = Math.max(1, Math.ceil((SPACING_MARGIN * Math.max(retryAfterMs, 1_000)) / turns));
		found.nextTurnAt = nowMs + retryAfterMs;
	}
	const turn = Math.max(nowMs + retryAfterMs, found.nextTurnAt);
	found.nextTurnAt = turn + found.spacingMs;
	found.waiting += 1;
	return turn - nowMs;
}

/** Forgets every lane (tests start from a quiet host). */
export function forgetTurns(): void {
	lanes.clear();
}

/**
 * Turns at a rate limit, in simulated time: a burst of requests against a service admitting at
 * most 10 in any sliding second (refusals do not count, as the simulator's limit), each refusal
 * answered 429 with a whole-second Retry-After. Compared with every refused request sleeping its
 * Retry-After (the herd), turns must send far fewer requests into refusals and finish near
 * N / 10 seconds.
 */
import { forgetTurns, laneOf, noteAdmitted, turnTaken, waitAfterRefusal, waitForTurn } from '../../../nodes/shared/rateLimitTurns';

const LIMIT_PER_SECOND = 10;
const LANE = laneOf('wecpApi', 'https://api.wecp.test/api/v2/invite');

/** The service's sliding-window limit: undefined when admitted, else Retry-After in ms. */
function limiter() {
	const admitted: number[] = [];
	return (now: number): number | undefined => {
		while (admitted.length > 0 && admitted[0] <= now - 1000) admitted.shift();
		if (admitted.length < LIMIT_PER_SECOND) {
			admitted.push(now);
			return undefined;
		}
		return Math.max(1, Math.ceil((admitted[0] + 1000 - now) / 1000)) * 1000;
	};
}

/**
 * Runs `count` requests started `startGapMs` apart; each reaches the service `latencyMs` after
 * it is sent. Returns when the last was admitted and how many refusals the service gave.
 */
function burst(count: number, { withTurns, startGapMs = 0, latencyMs = 5 }: { withTurns: boolean; startGapMs?: number; latencyMs?: number }) {
	const service = limiter();
	// Events: a request is sent at `at` (after any wait for its turn).
	const queue: Array<{ at: number; id: number; turnTaken: boolean }> = [];
	for (let id = 0; id < count; id++) queue.push({ at: id * startGapMs, id, turnTaken: false });
	let refusals = 0;
	let lastAdmittedAt = 0;
	while (queue.length > 0) {
		let next = 0;
		for (let i = 1; i < queue.length; i++) if (queue[i].at < queue[next].at || (queue[i].at === queue[next].at && queue[i].id < queue[next].id)) next = i;
		const event = queue[next];
		queue[next] = queue[queue.length - 1];
		queue.pop();
		if (withTurns && !event.turnTaken) {
			const wait = waitForTurn(LANE, event.at);
			if (wait > 0) {
				queue.push({ at: event.at + wait, id: event.id, turnTaken: true });
				continue;
			}
		}
		if (withTurns && event.turnTaken) turnTaken(LANE);
		const reached = event.at + latencyMs;
		const retryAfter = service(reached);
		const answered = reached + latencyMs;
		if (retryAfter === undefined) {
			if (withTurns) noteAdmitted(LANE, answered);
			lastAdmittedAt = Math.max(lastAdmittedAt, reached);
			continue;
		}
		refusals += 1;
		const wait = withTurns ? waitAfterRefusal(LANE, answered, retryAfter) : retryAfter;
		expect(wait).toBeGreaterThanOrEqual(retryAfter);
		queue.push({ at: answered + wait, id: event.id, turnTaken: true });
	}
	return { seconds: lastAdmittedAt / 1000, refusals };
}

beforeEach(() => forgetTurns());

describe('turns at a rate limit (10 per second, Retry-After in whole seconds)', () => {
	it('1,000 requests at once: all admitted within 1.1 × 100 s, with few refusals after the first wave', () => {
		const herd = burst(1000, { withTurns: false });
		forgetTurns();
		const turns = burst(1000, { withTurns: true });
		expect(turns.seconds).toBeLessThanOrEqual(110);
		// Once one is refused the others wait their turns, which the service rarely refuses.
		expect(turns.refusals).toBeLessThan(50);
		// The herd sends every waiting request again each round: tens of thousands of refusals.
		expect(herd.refusals).toBeGreaterThan(20 * turns.refusals);
	});

	it('requests that keep arriving while the service refuses queue behind the refused ones', () => {
		const result = burst(300, { withTurns: true, startGapMs: 20 });
		// 300 requests over 6 s at a limit of 10 per second: 30 s of work.
		expect(result.seconds).toBeLessThanOrEqual(1.1 * 30 + 1);
		expect(result.refusals).toBeLessThan(60);
	});

	it('below the limit, nobody waits and nothing is refused', () => {
		const result = burst(50, { withTurns: true, startGapMs: 150 });
		expect(result.refusals).toBe(0);
		expect(result.seconds).toBeCloseTo((49 * 150 + 5) / 1000, 3);
	});

	it('keeps lanes apart: another service on the same host is not queued', () => {
		noteAdmitted(LANE, 0);
		expect(waitAfterRefusal(LANE, 10, 1000)).toBe(1000);
		expect(waitForTurn(LANE, 20)).toBeGreaterThan(0);
		expect(waitForTurn(laneOf('leverApi', 'https://api.wecp.test/other'), 20)).toBe(0);
	});

	it('ends the queue when its last request is sent: one refused request costs only its Retry-After', () => {
		expect(waitAfterRefusal(LANE, 0, 5000)).toBe(5000);
		turnTaken(LANE);
		expect(waitForTurn(LANE, 5001)).toBe(0);
		// With two queued, the second still waits for its turn after the first is sent.
		expect(waitAfterRefusal(LANE, 6000, 1000)).toBe(1000);
		expect(waitAfterRefusal(LANE, 6000, 1000)).toBeGreaterThan(1000);
		turnTaken(LANE);
		expect(waitForTurn(LANE, 7001)).toBeGreaterThan(0);
	});

	it('spaces turns at the pace the service was seen admitting, never faster than Retry-After allows', () => {
		for (let i = 0; i < 20; i++) noteAdmitted(LANE, 1000 + i * 10);
		const first = waitAfterRefusal(LANE, 1500, 2000);
		const second = waitAfterRefusal(LANE, 1500, 2000);
		expect(first).toBe(2000);
		// 20 admitted in the last 2 s → one turn every 2000 × 1.05 / 20 = 105 ms.
		expect(second - first).toBe(105);
	});
});

/**
 * The fault that matters for exactly-once (commit-drop: the vendor stores the request, then the answer
 * is lost), the methods filter on faults, and the per-service rate limit (429 + Retry-After).
 */
import { SEED, startSandbox } from '../../../simulator';
import { client, type Json, type LogEntry, type Sandbox } from './client';

let sandbox: Sandbox;
const { api, control, controlStatus } = client(() => sandbox);

beforeAll(async () => {
	sandbox = await startSandbox();
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(async () => {
	await control('POST', '/reset');
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const test101 = SEED.wecp.tests.javascriptFundamentals;
const inviteDee = () => api('wecp', `/ats/wecp/tests/${test101}/invite`, { body: { candidates: [{ name: 'Dee Drop', email: 'dee@example.org' }] } });
const wecpInvites = () => control<Json[]>('GET', '/wecp/invites');

describe('commit-drop', () => {
	it('stores the request, then drops the socket; a counted rule waits for a write', async () => {
		await control('POST', '/faults', { service: 'wecp', nextRequests: 1, kind: 'commit-drop' });
		// A read has nothing to commit: it is answered and the rule keeps waiting.
		expect((await api('wecp', '/ats/wecp/tests')).status).toBe(200);

		await expect(inviteDee()).rejects.toThrow();
		const stored = await wecpInvites();
		expect(stored.map((c) => [c.email, c.emailsSent])).toEqual([['dee@example.org', 1]]);

		const log = await control<LogEntry[]>('GET', '/requests?service=wecp');
		expect(log.map((e) => [e.method, e.status, e.fault])).toEqual([
			['GET', 200, undefined],
			['POST', 200, 'commit-drop'],
		]);

		// What a client that retries blindly meets: the vendor's rule hides it...
		const retried = (await (await inviteDee()).json()) as Json[];
		expect(retried[0]).toEqual(expect.objectContaining({ status: 'already_invited', candidateId: stored[0].candidateId }));
		// ...until the rule is off, and then the duplicate is in the state.
		await control('POST', '/duplicateRules', { service: 'wecp', enabled: false });
		await inviteDee();
		expect(await wecpInvites()).toHaveLength(2);
	});

	it('logs the status the handler produced, an error too', async () => {
		await control('POST', '/faults', { service: 'wiseway', nextRequests: 1, kind: 'commit-drop' });
		await expect(api('wiseway', `/api/app/positions/${SEED.wiseway.positions.backendEngineer}/candidates`, { body: { name: 'No Mail' } })).rejects.toThrow();
		const [entry] = await control<LogEntry[]>('GET', '/requests?service=wiseway');
		expect(entry).toEqual(expect.objectContaining({ method: 'POST', status: 400, fault: 'commit-drop' }));
	});

	it('in the random kinds: writes are stored and dropped, reads answered', async () => {
		await control('POST', '/faults', { service: 'wiseway', rate: 1, kinds: ['commit-drop'] });
		const position = SEED.wiseway.positions.backendEngineer;
		for (const email of ['a@example.org', 'b@example.org']) {
			await expect(api('wiseway', `/api/app/positions/${position}/candidates`, { body: { name: 'Random Drop', email } })).rejects.toThrow();
		}
		const listed = await api('wiseway', `/api/app/positions/${position}/candidates`);
		expect(listed.status).toBe(200);
		expect(((await listed.json()) as Json[]).map((c) => c.email)).toEqual(['a@example.org', 'b@example.org']);
		const log = await control<LogEntry[]>('GET', '/requests?service=wiseway');
		expect(log.map((e) => [e.method, e.status, e.fault])).toEqual([
			['POST', 201, 'commit-drop'],
			['POST', 201, 'commit-drop'],
			['GET', 200, undefined],
		]);
	});
});

describe('the methods filter on faults', () => {
	it('fails only requests of the listed methods', async () => {
		await control('POST', '/faults', { service: 'wecp', nextRequests: 1, kind: '503', methods: ['post'] });
		expect((await api('wecp', '/ats/wecp/tests')).status).toBe(200);
		expect((await inviteDee()).status).toBe(503);
		expect(await wecpInvites()).toEqual([]);
		expect((await inviteDee()).status).toBe(200);

		await control('POST', '/faults', { service: 'wecp', rate: 1, kinds: ['429'], methods: ['GET'] });
		expect((await api('wecp', '/ats/wecp/tests')).status).toBe(429);
		expect((await inviteDee()).status).toBe(200);
		expect((await control<Json>('GET', '/faults')).random.methods).toEqual(['GET']);
	});

	it('refuses a methods value that is not a list of methods', async () => {
		expect(await controlStatus('POST', '/faults', { nextRequests: 1, kind: '503', methods: 'POST' })).toBe(400);
		expect(await controlStatus('POST', '/faults', { nextRequests: 1, kind: '503', methods: [] })).toBe(400);
		expect(await controlStatus('POST', '/faults', { nextRequests: 1, kind: 'vanish' })).toBe(400);
	});
});

describe('rate limit', () => {
	it('answers 429 with Retry-After past perSecond in a sliding second, logged, for that service only', async () => {
		expect(await control('POST', '/rateLimit', { service: 'wiseway', perSecond: 3 })).toEqual({ wiseway: { perSecond: 3 } });
		const answers: Response[] = [];
		for (let i = 0; i < 5; i++) answers.push(await api('wiseway', '/api/app/positions'));
		expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
		expect(answers[3].headers.get('retry-after')).toBe('1');
		expect(await answers[3].json()).toEqual({ error: expect.stringContaining('rate limit') });
		expect((await api('wecp', '/ats/wecp/tests')).status).toBe(200);

		const log = await control<LogEntry[]>('GET', '/requests?service=wiseway');
		expect(log.map((e) => [e.status, e.rateLimited])).toEqual([[200, undefined], [200, undefined], [200, undefined], [429, true], [429, true]]);

		// Refused requests do not count: after the second has passed, three more get through.
		await wait(1050);
		const later: number[] = [];
		for (let i = 0; i < 4; i++) later.push((await api('wiseway', '/api/app/positions')).status);
		expect(later).toEqual([200, 200, 200, 429]);
	});

	it('a refused write changes nothing and uses no counted fault', async () => {
		await control('POST', '/rateLimit', { service: 'wecp', perSecond: 1 });
		await control('POST', '/faults', { service: 'wecp', nextRequests: 1, kind: '503' });
		expect((await api('wecp', '/ats/wecp/tests')).status).toBe(503);
		expect((await inviteDee()).status).toBe(429);
		expect(await wecpInvites()).toEqual([]);
		expect((await control<Json>('GET', '/faults')).next).toEqual([]);
	});

	it('is cleared by DELETE (one service or all) and by reset; bad settings are refused', async () => {
		await control('POST', '/rateLimit', { service: 'wecp', perSecond: 1 });
		await control('POST', '/rateLimit', { service: 'lever', perSecond: 1 });
		expect(await control('DELETE', '/rateLimit?service=wecp')).toEqual({ lever: { perSecond: 1 } });
		for (let i = 0; i < 3; i++) expect((await api('wecp', '/ats/wecp/tests')).status).toBe(200);
		expect(await control('DELETE', '/rateLimit')).toEqual({});

		await control('POST', '/rateLimit', { service: 'wecp', perSecond: 1 });
		await control('POST', '/reset');
		expect(await control('GET', '/rateLimit')).toEqual({});

		expect(await controlStatus('POST', '/rateLimit', { service: 'wecp', perSecond: 0 })).toBe(400);
		expect(await controlStatus('POST', '/rateLimit', { service: 'wecp', perSecond: 2.5 })).toBe(400);
		expect(await controlStatus('POST', '/rateLimit', { perSecond: 5 })).toBe(400);
		expect(await controlStatus('POST', '/rateLimit', { service: 'greenhouse', perSecond: 5 })).toBe(400);
	});
});

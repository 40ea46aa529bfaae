/**
 * POST /_control/duplicateRules: with a vendor's own duplicate rule off, a repeated create really
 * creates, so a duplicate our nodes send shows in the service's state and its list endpoints.
 */
import { SEED, startSandbox } from '../../../simulator';
import { client, type Json, type Sandbox } from './client';

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

const ruleSwitch = (service: string | null, enabled: boolean) => control<Record<string, { enabled: boolean; rules: string[] }>>('POST', '/duplicateRules', { service, enabled });

describe('the switch', () => {
	it('is on for every service by default, switches one or all, and reset turns every rule back on', async () => {
		const initial = await control<Record<string, { enabled: boolean; rules: string[] }>>('GET', '/duplicateRules');
		expect(Object.values(initial).every((s) => s.enabled)).toBe(true);
		expect(initial.wecp.rules).toHaveLength(2);
		expect(initial.wiseway.rules).toHaveLength(1);
		expect(initial.wepow.rules).toHaveLength(1);
		// Lever links a known e-mail to its contact and Willo keeps no uniqueness: no rule to switch.
		expect(initial.lever.rules).toEqual([]);
		expect(initial.willo.rules).toEqual([]);

		const oneOff = await ruleSwitch('wecp', false);
		expect(oneOff.wecp.enabled).toBe(false);
		expect(oneOff.wiseway.enabled).toBe(true);

		const allOff = await ruleSwitch(null, false);
		expect(Object.values(allOff).some((s) => s.enabled)).toBe(false);
		expect((await ruleSwitch('wepow', true)).wepow.enabled).toBe(true);

		await control('POST', '/reset');
		const after = await control<Record<string, { enabled: boolean }>>('GET', '/duplicateRules');
		expect(Object.values(after).every((s) => s.enabled)).toBe(true);
	});

	it('refuses an unknown service and a non-boolean enabled', async () => {
		expect(await controlStatus('POST', '/duplicateRules', { service: 'greenhouse', enabled: false })).toBe(400);
		expect(await controlStatus('POST', '/duplicateRules', { service: 'wecp', enabled: 'no' })).toBe(400);
		expect(await controlStatus('POST', '/duplicateRules', { service: 'wecp' })).toBe(400);
		expect((await control<Record<string, { enabled: boolean }>>('GET', '/duplicateRules')).wecp.enabled).toBe(true);
	});
});

describe('WeCP', () => {
	const test = SEED.wecp.tests.javascriptFundamentals;
	const invite = () => api('wecp', `/ats/wecp/tests/${test}/invite`, { body: { candidates: [{ name: 'Dee Dup', email: 'dee@example.org' }] } });
	const invites = async () => (await control<Json[]>('GET', '/wecp/invites')).filter((c) => c.email === 'dee@example.org');

	it('rule on: the second invite answers already_invited, one invite, one e-mail', async () => {
		const first = (await (await invite()).json()) as Json[];
		const second = (await (await invite()).json()) as Json[];
		expect(first[0].status).toBe('invited');
		expect(second[0]).toEqual({ ...first[0], status: 'already_invited' });
		expect((await invites()).map((c) => c.emailsSent)).toEqual([1]);
	});

	it('rule off: two invites, two e-mails, both in the candidates of the test', async () => {
		await ruleSwitch('wecp', false);
		const first = (await (await invite()).json()) as Json[];
		const second = (await (await invite()).json()) as Json[];
		expect([first[0].status, second[0].status]).toEqual(['invited', 'invited']);
		expect(second[0].candidateId).not.toBe(first[0].candidateId);
		expect((await invites()).map((c) => c.emailsSent)).toEqual([1, 1]);
		const rows = (await (await api('wecp', `/ats/wecp/tests/${test}/candidates`)).json()) as Json[];
		expect(rows.map((r) => r.candidateId)).toEqual([first[0].candidateId, second[0].candidateId]);

		await ruleSwitch('wecp', true);
		expect(((await (await invite()).json()) as Json[])[0]).toEqual(expect.objectContaining({ status: 'already_invited', candidateId: first[0].candidateId }));
	});

	it('talent pool: rule on keeps one entry, rule off adds a second', async () => {
		const add = () => api('wecp', `/ats/wecp/talentPools/${SEED.wecp.talentPools.silverMedalists}/candidates`, { body: { name: 'Dee Dup', email: 'dee@example.org' } });
		const count = async () => (await control<Json[]>('GET', '/wecp/talentPools')).find((p) => p.poolId === SEED.wecp.talentPools.silverMedalists)?.candidates.length;
		await add();
		expect(((await (await add()).json()) as Json).status).toBe('already_in_pool');
		expect(await count()).toBe(1);
		await ruleSwitch('wecp', false);
		expect(((await (await add()).json()) as Json).status).toBe('added');
		expect(await count()).toBe(2);
	});
});

describe('WiseWay', () => {
	const position = SEED.wiseway.positions.backendEngineer;
	const invite = () => api('wiseway', `/api/app/positions/${position}/candidates`, { body: { name: 'Dee Dup', email: 'dee@example.org' } });
	const listed = async () => (await (await api('wiseway', `/api/app/positions/${position}/candidates`)).json()) as Json[];

	it('rule on: the second invite is refused with 409 and nothing is added', async () => {
		expect((await invite()).status).toBe(201);
		const again = await invite();
		expect(again.status).toBe(409);
		expect(await again.json()).toEqual({ error: 'Candidate with this email already exists for this position' });
		expect(await listed()).toHaveLength(1);
	});

	it('rule off: two candidates, two e-mails counted', async () => {
		await ruleSwitch('wiseway', false);
		expect((await invite()).status).toBe(201);
		expect((await invite()).status).toBe(201);
		expect((await listed()).map((c) => c.email)).toEqual(['dee@example.org', 'dee@example.org']);
		const state = (await control<Json[]>('GET', '/wiseway/candidates')).filter((c) => c.email === 'dee@example.org');
		expect(state.map((c) => c.emailsSent)).toEqual([1, 1]);
	});
});

describe('Wepow', () => {
	const interview = SEED.wepow.interviews.backendEngineer;
	const candidate = { email: 'dee@example.org', first_name: 'Dee', last_name: 'Dup', external_id: 'ats-77' };
	const invite = () => api('wepow', `/hypermedia/interviews/${interview}/applications`, { body: { candidate } });
	const applications = async () => (await control<Json[]>('GET', '/wepow/applications')).filter((a) => a.email === 'dee@example.org');

	it('rule on: never twice, the second POST answers 200 with the same application', async () => {
		const first = await invite();
		const second = await invite();
		expect([first.status, second.status]).toEqual([201, 200]);
		expect(((await second.json()) as Json).id).toBe(((await first.json()) as Json).id);
		expect(await applications()).toHaveLength(1);
	});

	it('rule off: a second application and a second e-mail; bulk no longer says duplicate', async () => {
		await ruleSwitch('wepow', false);
		expect((await invite()).status).toBe(201);
		expect((await invite()).status).toBe(201);
		const bulk = await api('wepow', `/hypermedia/interviews/${interview}/applications/bulk`, { body: { candidates: [candidate] } });
		expect(bulk.status).toBe(202);
		expect(((await bulk.json()) as Json)._embedded['wepow:application'][0].duplicate).toBe(false);
		const apps = await applications();
		expect(apps.map((a) => a.emailsSent)).toEqual([1, 1, 1]);
		// The same person (Wepow keys candidates by e-mail), three applications to one interview.
		expect(new Set(apps.map((a) => a.candidateId)).size).toBe(1);
		expect(apps.map((a) => a.previous_interviews_count)).toEqual([0, 0, 0]);
	});

	it('rule on again: bulk marks the repeat duplicate: true', async () => {
		await invite();
		const bulk = await api('wepow', `/hypermedia/interviews/${interview}/applications/bulk`, { body: { candidates: [candidate] } });
		expect(((await bulk.json()) as Json)._embedded['wepow:application'][0].duplicate).toBe(true);
		expect(await applications()).toHaveLength(1);
	});
});

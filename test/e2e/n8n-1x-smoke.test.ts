/**
 * The n8n 1.x smoke: the pinned n8n 1.x (N8N_1X_VERSION, SQLite) with the package and the eight
 * loop templates as shipped, and one pass through every loop kind: Lever → WeCP and WeCP result →
 * Lever, Lever → Willo and Willo result → Lever, iCIMS → Wepow and Wepow result → iCIMS, iCIMS →
 * WiseWay and WiseWay result → iCIMS. One n8n start; the loops run side by side. The full suites
 * run on the pinned 2.x; this checks that nothing the package relies on is missing on 1.x.
 *
 * Alone: npx jest test/e2e/n8n-1x-smoke.test.ts --selectProjects e2e --runInBand --forceExit
 */
import type { Environment } from './environment';
import { startEnvironment } from './environment';
import {
	candidates,
	executionsThatRan,
	ICIMS_RECEIVERS,
	invitesOf,
	LEVER,
	LOOP_TEMPLATES,
	settle,
	TEST_ID,
	VIDEO_INTERVIEW,
	WILLO_INTERVIEW,
	WISEWAY_POSITION,
	WORKFLOWS,
} from './lib/loops';

const { SEED } = require('../../simulator');
const { N8N_1X_VERSION } = require('../../scripts/lib/paths');

jest.setTimeout(180_000);

type Row = Record<string, any>;

let env: Environment;
let make: ReturnType<typeof candidates>;
// One candidate per loop kind; the iCIMS one goes through both iCIMS loops (both receivers get every status change).
let forWecp: { id: string; email: string };
let forWillo: { id: string; email: string };
let forIcims: { id: string; email: string };

async function lever(id: string): Promise<Row> {
	return await env.control<Row>('GET', `/lever/opportunities/${id}`);
}
async function icims(id: string): Promise<Row> {
	return await env.control<Row>('GET', `/icims/applicantworkflows/${id}`);
}

beforeAll(async () => {
	// Installs n8n 1.x into its own cache folder first if it is not there yet (minutes, once).
	env = await startEnvironment(LOOP_TEMPLATES, [], { database: 'sqlite', n8nVersion: N8N_1X_VERSION });
	make = candidates(env);
	// iCIMS has no API to subscribe: its staff point the status-change event at the receivers.
	for (const webhookId of Object.values(ICIMS_RECEIVERS)) {
		await env.control('POST', '/icims/subscriptions', { url: `${env.n8nUrl}/webhook/${webhookId}/webhook` });
	}
}, 30 * 60_000);

afterAll(async () => {
	await env?.stop();
});

describe(`every loop kind on n8n ${N8N_1X_VERSION}`, () => {
	it('runs n8n 1.x, with every loop template active and its webhooks registered with the services', async () => {
		const version = await env.client.request('GET', '/settings');
		expect(version.versionCli).toBe(N8N_1X_VERSION);
		// isolated-vm not built for this Node: n8n 1.x still starts, but says this.
		expect(env.logs()).not.toContain('Could not initialize the vm expression engine');
		for (const id of Object.values(WORKFLOWS)) {
			expect({ id, active: Boolean((await env.client.getWorkflow(id)).activeVersionId) }).toEqual({ id, active: true });
		}
		expect((await env.control<Row[]>('GET', '/lever/webhooks')).map((hook) => hook.event).sort()).toEqual(['candidateStageChange', 'candidateStageChange']);
		expect(await env.control<Row[]>('GET', '/wecp/webhooks')).toHaveLength(1);
		expect(await env.control<Row[]>('GET', '/willo/webhooks')).toHaveLength(1);
		expect(await env.control<Row[]>('GET', '/wiseway/webhooks')).toHaveLength(1);
		expect((await env.control<Row[]>('GET', '/wepow/notifications')).length).toBeGreaterThan(0);
	});

	it('invites once per candidate at WeCP, Willo, Wepow and WiseWay (iCIMS posting its change twice)', async () => {
		forWecp = await make.lever();
		forWillo = await make.lever();
		forIcims = await make.icims();
		const moves = await Promise.all([
			env.control<Row>('POST', `/lever/opportunities/${forWecp.id}/stage`, { stageId: LEVER.stages.assessment }),
			env.control<Row>('POST', `/lever/opportunities/${forWillo.id}/stage`, { stageId: LEVER.stages.phoneScreen }),
			env.control<Row>('POST', `/icims/applicantworkflows/${forIcims.id}/status`, { statusId: VIDEO_INTERVIEW, copies: 2 }),
		]);
		for (const moved of moves) expect(moved.deliveries.map((delivery: Row) => delivery.status).every((status: number) => status === 200)).toBe(true);
		await Promise.all([
			env.waitForExecutions(WORKFLOWS.leverToWecp, 1),
			env.waitForExecutions(WORKFLOWS.leverToWillo, 1),
			env.waitForExecutions(WORKFLOWS.icimsToWepow, 2),
			env.waitForExecutions(WORKFLOWS.icimsToWiseWay, 2),
		]);
		await settle(env);

		for (const id of [WORKFLOWS.leverToWecp, WORKFLOWS.leverToWillo]) {
			expect((await env.client.listExecutions({ workflowId: id })).map((execution) => execution.status)).toEqual(['success']);
		}
		// Each iCIMS copy starts an execution (iCIMS' notifications cannot be refused at the door); the repeat stops at the trigger.
		expect(await executionsThatRan(env, WORKFLOWS.icimsToWepow, 'Invite to Wepow Interview')).toEqual([expect.objectContaining({ status: 'success' })]);
		expect(await executionsThatRan(env, WORKFLOWS.icimsToWiseWay, 'Invite to WiseWay Interview')).toEqual([expect.objectContaining({ status: 'success' })]);

		expect(await invitesOf(env, 'wecp', forWecp.email)).toEqual({ requests: 1, records: 1 });
		expect(await invitesOf(env, 'willo', forWillo.email)).toEqual({ requests: 1, records: 1 });
		expect(await invitesOf(env, 'wepow', forIcims.email)).toEqual({ requests: 1, records: 1 });
		expect(await invitesOf(env, 'wiseway', forIcims.email)).toEqual({ requests: 1, records: 1 });
		// Nobody was invited where their stage does not lead.
		expect(await invitesOf(env, 'willo', forWecp.email)).toEqual({ requests: 0, records: 0 });
		expect(await invitesOf(env, 'wecp', forWillo.email)).toEqual({ requests: 0, records: 0 });
	});

	it('writes the WeCP result (note, tag, next stage) and the Willo answers (note, tags) back to Lever', async () => {
		expect(forWecp && forWillo).toBeTruthy();
		await Promise.all([
			env.control('POST', '/wecp/complete', { testId: TEST_ID, email: forWecp.email, score: 85 }),
			env.control('POST', '/willo/complete', { interview: WILLO_INTERVIEW, email: forWillo.email }),
		]);
		const [[wecpRun], [willoRun]] = await Promise.all([env.waitForExecutions(WORKFLOWS.wecpToLever, 1), env.waitForExecutions(WORKFLOWS.willoToLever, 1)]);
		expect([wecpRun.status, willoRun.status]).toEqual(['success', 'success']);

		const wecpCandidate = await lever(forWecp.id);
		expect(wecpCandidate.notes).toHaveLength(1);
		expect(wecpCandidate.notes[0].text).toContain('Score: 85 / 100 (85%)');
		expect(wecpCandidate.notes[0].text).toContain('PASSED (pass mark 70%)');
		expect(wecpCandidate.tags).toContain('WeCP: passed');
		expect(wecpCandidate.stage).toBe(LEVER.stages.onsiteInterview);

		const willoCandidate = await lever(forWillo.id);
		expect(willoCandidate.notes).toHaveLength(1);
		expect(willoCandidate.notes[0].text.toLowerCase()).toContain('transcript');
		expect(willoCandidate.tags).toEqual(expect.arrayContaining(['Willo: answered', 'Video interview']));
	});

	it('writes the Wepow and then the WiseWay result back to the iCIMS applicant workflow', async () => {
		expect(forIcims).toBeTruthy();
		await env.control('POST', '/wepow/complete', { externalId: forIcims.id });
		const [wepowRun] = await env.waitForExecutions(WORKFLOWS.wepowToIcims, 1);
		expect(wepowRun.status).toBe('success');
		const afterWepow = await icims(forIcims.id);
		expect(afterWepow.assessmentresults).toHaveLength(1);
		expect(afterWepow.assessmentresults[0].assessmentstatus.id).toBe(SEED.icims.assessmentStatuses.complete);
		expect(afterWepow.assessmentresults[0].assessmenturl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/wepow\//);

		const invited = (await env.control<Row[]>('GET', '/wiseway/candidates')).find((candidate) => String(candidate.metadata?.atsApplicationId) === forIcims.id);
		expect(invited).toBeDefined();
		await env.control('POST', '/wiseway/complete', { positionId: WISEWAY_POSITION, email: invited!.email, rating: 4 });
		const [wiseWayRun] = await env.waitForExecutions(WORKFLOWS.wiseWayToIcims, 1);
		expect(wiseWayRun.status).toBe('success');
		const afterWiseWay = await icims(forIcims.id);
		const entries = afterWiseWay.assessmentresults as Row[];
		expect(entries.some((entry) => String(entry.assessmentnotes ?? '').includes('rating 4/5'))).toBe(true);
		expect(entries.every((entry) => entry.assessmentstatus.id === SEED.icims.assessmentStatuses.complete)).toBe(true);
	});
});

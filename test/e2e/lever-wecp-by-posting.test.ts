/**
 * Lever stage change → WeCP invite with the test chosen by posting, in a real n8n against the
 * simulator, the template imported unmodified: each posting its own test at its own stage, the
 * default test for other postings, no retroactive invites, and the posting owner as acting user.
 */
import type { Environment } from './environment';
import { startEnvironment } from './environment';

const { SEED } = require('../../simulator');

jest.setTimeout(120_000);

const WORKFLOW = 'AtsLeverWecpByPo';
const STAGES = SEED.lever.stages;
const POSTINGS = SEED.lever.postings;
const TESTS = SEED.wecp.tests;
const DAY = 24 * 60 * 60_000;

let env: Environment;

async function control<T = any>(method: string, path: string, body?: unknown): Promise<T> {
	return await env.control<T>(method, path, body);
}

async function newCandidate(name: string, email: string, postingId: string, createdAt?: number) {
	return await control<{ id: string; contact: string }>('POST', '/lever/opportunities', {
		name,
		email,
		postingId,
		stageId: STAGES.applicantNew,
		...(createdAt === undefined ? {} : { createdAt }),
	});
}

async function moveTo(opportunityId: string, stageId: string) {
	const moved = await control<{ deliveries: Array<{ status: number }> }>('POST', `/lever/opportunities/${opportunityId}/stage`, { stageId });
	expect(moved.deliveries.map((delivery) => delivery.status)).toEqual([200]);
}

async function executionIds(): Promise<Set<string>> {
	return new Set((await env.client.listExecutions({ workflowId: WORKFLOW })).map((run) => run.id));
}

/** The executions started since `before`, once finished: their status, the nodes that ran, the trigger's output. */
async function runsSince(before: Set<string>) {
	const finished = await env.waitForExecutions(WORKFLOW, before.size + 1);
	const runs = finished.filter((run) => !before.has(run.id));
	return await Promise.all(
		runs.map(async (run) => {
			const detail = await env.client.getExecution(run.id);
			const nodes = (detail.nodes ?? {}) as Record<string, { runs?: number; output?: unknown[][] }>;
			const triggerItems = nodes['Lever Trigger']?.output?.[0]?.length ?? 0;
			return { status: run.status, ran: Object.keys(nodes).filter((name) => nodes[name]?.runs), triggerItems };
		}),
	);
}

async function invitesFor(email: string) {
	const invites = await control<Array<Record<string, any>>>('GET', '/wecp/invites');
	return invites.filter((invite) => invite.email === email);
}

/** The WeCP invite requests n8n sent for one candidate, with their headers. */
function inviteRequestsFor(email: string) {
	return (env.sandbox.state.requests as Array<Record<string, any>>).filter(
		(request) =>
			request.service === 'wecp' && request.method === 'POST' && /\/invite$/.test(request.path) && request.body?.candidates?.[0]?.email === email,
	);
}

async function executionCount(): Promise<number> {
	return (await env.client.listExecutions({ workflowId: WORKFLOW })).length;
}

beforeAll(async () => {
	env = await startEnvironment(['lever-stage-to-wecp-invite-by-posting.json']);
}, 20 * 60_000);

afterAll(async () => {
	await env?.stop();
});

describe('Lever → WeCP with the test chosen by posting, in a real n8n', () => {
	it("invites a Senior Backend Engineer candidate to the backend test at Assessment, on behalf of the posting's owner", async () => {
		const candidate = await newCandidate('Bea Backend', 'bea@example.com', POSTINGS.backendEngineer);
		await moveTo(candidate.id, STAGES.assessment);
		const [execution] = await env.waitForExecutions(WORKFLOW, 1);
		expect(execution.status).toBe('success');
		const invites = await invitesFor('bea@example.com');
		expect(invites).toHaveLength(1);
		expect(invites[0]).toMatchObject({
			testId: TESTS.javascriptFundamentals,
			actingUserEmail: 'recruiter@example.com',
			metadata: { candidateId: candidate.contact, applicationId: candidate.id, user_email: 'recruiter@example.com' },
		});
	});

	it('invites a Data Analyst candidate to another test at that posting\'s own stage, acting as its owner', async () => {
		const candidate = await newCandidate('Dan Data', 'dan@example.com', POSTINGS.dataAnalyst);
		await moveTo(candidate.id, STAGES.phoneScreen);
		const executions = await env.waitForExecutions(WORKFLOW, 2);
		expect(executions.every((run) => run.status === 'success')).toBe(true);
		const invites = await invitesFor('dan@example.com');
		expect(invites).toHaveLength(1);
		expect(invites[0].testId).toBe(TESTS.pythonDataSkills);
		const [request] = inviteRequestsFor('dan@example.com');
		expect(request.headers['wecp-user-email']).toBe('hiring.manager@example.com');
		expect(request.status).toBe(200);
	});

	// Assessment is in the table (another posting's row), so n8n answers at once and the execution
	// starts; the trigger reads the posting from Lever there and outputs nothing: no node after it runs.
	it("invites nobody when a mapped posting's candidate moves into a stage that is not the posting's", async () => {
		const before = await executionIds();
		const candidate = await newCandidate('Ada Analyst', 'ada@example.com', POSTINGS.dataAnalyst);
		await moveTo(candidate.id, STAGES.assessment);
		expect(await runsSince(before)).toEqual([{ status: 'success', ran: ['Lever Trigger'], triggerItems: 0 }]);
		expect(await invitesFor('ada@example.com')).toHaveLength(0);
	});

	it("does not invite a candidate who applied to a mapped posting before the workflow was published", async () => {
		const before = await executionIds();
		const candidate = await newCandidate('Olga Older', 'olga@example.com', POSTINGS.backendEngineer, Date.now() - DAY);
		await moveTo(candidate.id, STAGES.assessment);
		expect(await runsSince(before)).toEqual([{ status: 'success', ran: ['Lever Trigger'], triggerItems: 0 }]);
		expect(await invitesFor('olga@example.com')).toHaveLength(0);
	});

	it("gives an unmapped posting's candidate the default test, acting as the credential's user because the posting has no owner", async () => {
		const before = await executionCount();
		const candidate = await newCandidate('Quinn QA', 'quinn@example.com', POSTINGS.qaEngineer);
		await moveTo(candidate.id, STAGES.assessment);
		const executions = await env.waitForExecutions(WORKFLOW, before + 1);
		expect(executions.every((run) => run.status === 'success')).toBe(true);
		const invites = await invitesFor('quinn@example.com');
		expect(invites).toHaveLength(1);
		expect(invites[0].testId).toBe(TESTS.sqlBasics);
		const [request] = inviteRequestsFor('quinn@example.com');
		expect(request.headers['wecp-user-email']).toBe('recruiter@example.com');
		expect(request.body.metadata.user_email).toBeUndefined();
	});

	it('keeps counting a row from its first publication when the workflow is published again', async () => {
		// Applied after the rows took effect, moved only after an unpublish and publish.
		const candidate = await newCandidate('Rae Republished', 'rae@example.com', POSTINGS.backendEngineer);
		await env.client.deactivate(WORKFLOW);
		await env.client.activate(WORKFLOW);
		const before = await executionCount();
		await moveTo(candidate.id, STAGES.assessment);
		const executions = await env.waitForExecutions(WORKFLOW, before + 1);
		expect(executions.every((run) => run.status === 'success')).toBe(true);
		expect((await invitesFor('rae@example.com')).map((invite) => invite.testId)).toEqual([TESTS.javascriptFundamentals]);
	});

	it('ignores an unmapped posting\'s candidate moving into a stage other than the default stage', async () => {
		const before = await executionIds();
		const candidate = await newCandidate('Pat Phone', 'pat@example.com', POSTINGS.qaEngineer);
		await moveTo(candidate.id, STAGES.phoneScreen);
		// Phone Screen is another posting's row: the execution starts and ends at the trigger.
		expect(await runsSince(before)).toEqual([{ status: 'success', ran: ['Lever Trigger'], triggerItems: 0 }]);
		expect(await invitesFor('pat@example.com')).toHaveLength(0);
	});
});

/**
 * The first loop, in a real n8n against the simulator: Lever stage change → WeCP invite, and
 * WeCP result → Lever note, tag and stage change. Templates are used exactly as shipped.
 */
import { createHmac, randomBytes } from 'crypto';
import type { Environment, Execution } from './environment';
import { startEnvironment } from './environment';

const { SEED, SANDBOX_SECRETS } = require('../../simulator');

jest.setTimeout(120_000);

const INVITE_WORKFLOW = 'AtsLeverToWecp01';
const RESULT_WORKFLOW = 'AtsWecpToLever01';
const STAGES = SEED.lever.stages;
const TEST_ID = SEED.wecp.tests.javascriptFundamentals;

let env: Environment;

async function control<T = any>(method: string, path: string, body?: unknown): Promise<T> {
	return await env.control<T>(method, path, body);
}

async function newCandidate(name: string, email: string) {
	return await control<{ id: string; contact: string }>('POST', '/lever/opportunities', {
		name,
		email,
		postingId: SEED.lever.postings.backendEngineer,
		stageId: STAGES.applicantNew,
	});
}

async function moveTo(opportunityId: string, stageId: string) {
	return await control<{ deliveries: Array<{ status: number }> }>('POST', `/lever/opportunities/${opportunityId}/stage`, { stageId });
}

async function invitesFor(email: string) {
	const invites = await control<Array<Record<string, any>>>('GET', '/wecp/invites');
	return invites.filter((invite) => invite.email === email);
}

function apiRequests(service: string, method: string, pathPattern: RegExp) {
	return (env.sandbox.state.requests as Array<Record<string, any>>).filter(
		(request) => request.service === service && request.method === method && pathPattern.test(request.path) && !request.fault,
	);
}

async function allExecutions(): Promise<Execution[]> {
	return [
		...(await env.client.listExecutions({ workflowId: INVITE_WORKFLOW })),
		...(await env.client.listExecutions({ workflowId: RESULT_WORKFLOW })),
	];
}

beforeAll(async () => {
	env = await startEnvironment(['lever-stage-to-wecp-invite.json', 'wecp-result-to-lever-note.json']);
}, 20 * 60_000);

afterAll(async () => {
	await env?.stop();
});

describe('the Lever → WeCP → Lever loop in a real n8n', () => {
	it('registered a Lever and a WeCP webhook when the templates were published', async () => {
		const leverHooks = await control<Array<Record<string, string>>>('GET', '/lever/webhooks');
		const wecpHooks = await control<Array<Record<string, unknown>>>('GET', '/wecp/webhooks');
		expect(leverHooks.map((hook) => hook.event)).toEqual(['candidateStageChange']);
		expect(leverHooks[0].url).toMatch(/\/webhook\/6f1c2b7e-9a4d-4c1e-8b2f-1e0a5d3c7b11\/webhook$/);
		expect(wecpHooks).toHaveLength(1);
		expect(wecpHooks[0].events).toEqual(['test.completed']);
	});

	it('invites a candidate who moves into Assessment exactly once, with the partner headers and the ATS ids', async () => {
		const candidate = await newCandidate('Jane Doe', 'jane.doe@example.com');
		const moved = await moveTo(candidate.id, STAGES.assessment);
		expect(moved.deliveries.map((delivery) => delivery.status)).toEqual([200]);
		const [execution] = await env.waitForExecutions(INVITE_WORKFLOW, 1);
		expect(execution.status).toBe('success');

		const invites = await invitesFor('jane.doe@example.com');
		expect(invites).toHaveLength(1);
		expect(invites[0]).toMatchObject({
			testId: TEST_ID,
			name: 'Jane Doe',
			emailsSent: 1,
			actingUserEmail: 'recruiter@example.com',
			metadata: { candidateId: candidate.contact, applicationId: candidate.id },
		});
		const [inviteRequest] = apiRequests('wecp', 'POST', /\/invite$/);
		const partner = Buffer.from(`${SANDBOX_SECRETS.wecp.partnerKey}:${SANDBOX_SECRETS.wecp.partnerSecret}`).toString('base64');
		expect(inviteRequest.headers).toMatchObject({
			'x-api-key': SANDBOX_SECRETS.wecp.apiKey,
			'x-wecp-partner-authorization': partner,
			'wecp-user-email': 'recruiter@example.com',
		});

		// Out of the stage and back in: the trigger fires again, the invite node sends nothing.
		await moveTo(candidate.id, STAGES.phoneScreen);
		await moveTo(candidate.id, STAGES.assessment);
		const executions = await env.waitForExecutions(INVITE_WORKFLOW, 2);
		expect(executions.every((run) => run.status === 'success')).toBe(true);
		expect(await invitesFor('jane.doe@example.com')).toHaveLength(1);
		expect(apiRequests('wecp', 'POST', /\/invite$/)).toHaveLength(1);
	});

	it('ignores a stage change into another stage', async () => {
		const before = (await env.client.listExecutions({ workflowId: INVITE_WORKFLOW })).length;
		const candidate = await newCandidate('Sam Other', 'sam.other@example.com');
		const moved = await moveTo(candidate.id, STAGES.phoneScreen);
		expect(moved.deliveries.map((delivery) => delivery.status)).toEqual([200]);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await env.client.listExecutions({ workflowId: INVITE_WORKFLOW })).toHaveLength(before);
		expect(await invitesFor('sam.other@example.com')).toHaveLength(0);
	});

	it('writes a passing result back as a note, a "WeCP: passed" tag and a move to the next stage', async () => {
		await control('POST', '/wecp/complete', { testId: TEST_ID, email: 'jane.doe@example.com', score: 85 });
		const [execution] = await env.waitForExecutions(RESULT_WORKFLOW, 1);
		expect(execution.status).toBe('success');
		const jane = (await invitesFor('jane.doe@example.com'))[0];
		const opportunity = await control<Record<string, any>>('GET', `/lever/opportunities/${jane.metadata.applicationId}`);
		expect(opportunity.notes).toHaveLength(1);
		const note = opportunity.notes[0].text as string;
		expect(note).toContain('Score: 85 / 100 (85%)');
		expect(note).toContain('PASSED (pass mark 70%)');
		expect(note).toMatch(/Report: http:\/\/127\.0\.0\.1:\d+\/wecp\/app\/report\//);
		expect(opportunity.tags).toContain('WeCP: passed');
		expect(opportunity.stage).toBe(STAGES.onsiteInterview);
	});

	it('writes a failing result back without moving the candidate', async () => {
		const candidate = await newCandidate('Lee Low', 'lee.low@example.com');
		await moveTo(candidate.id, STAGES.assessment);
		await env.waitForExecutions(INVITE_WORKFLOW, 3);
		await control('POST', '/wecp/complete', { testId: TEST_ID, email: 'lee.low@example.com', score: 40 });
		const executions = await env.waitForExecutions(RESULT_WORKFLOW, 2);
		expect(executions.every((run) => run.status === 'success')).toBe(true);
		const opportunity = await control<Record<string, any>>('GET', `/lever/opportunities/${candidate.id}`);
		expect(opportunity.notes[0].text).toContain('NOT PASSED');
		expect(opportunity.tags).toContain('WeCP: failed');
		expect(opportunity.tags).not.toContain('WeCP: passed');
		expect(opportunity.stage).toBe(STAGES.assessment);
	});

	it('answers forged, tampered and replayed deliveries with 401 and starts nothing', async () => {
		const before = (await allExecutions()).length;
		const [leverHook] = await control<Array<Record<string, any>>>('GET', '/lever/webhooks');
		const [wecpHook] = await control<Array<Record<string, any>>>('GET', '/wecp/webhooks');
		const post = async (url: string, body: string, headers: Record<string, string> = {}) =>
			(await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })).status;

		const token = randomBytes(24).toString('hex');
		const triggeredAt = Date.now();
		const data = { opportunityId: 'forged', toStageId: STAGES.assessment, fromStageId: STAGES.applicantNew };
		const wrongSecret = createHmac('sha256', 'not-the-token').update(token + triggeredAt).digest('hex');
		expect(await post(leverHook.url, JSON.stringify({ event: 'candidateStageChange', token, triggeredAt, signature: wrongSecret, data }))).toBe(401);
		expect(await post(leverHook.url, JSON.stringify({ event: 'candidateStageChange', data }))).toBe(401);
		const stale = Date.now() - 60 * 60_000;
		const staleSignature = createHmac('sha256', leverHook.configuration.signatureToken).update(token + stale).digest('hex');
		expect(await post(leverHook.url, JSON.stringify({ event: 'candidateStageChange', token, triggeredAt: stale, signature: staleSignature, data }))).toBe(401);
		// A delivery the trigger acknowledged without starting a workflow (Sam's move into Phone
		// Screen) is remembered, so sending it again is a replay.
		const acknowledged = (env.sandbox.state.deliveries as Array<Record<string, any>>).find(
			(delivery) => delivery.service === 'lever' && delivery.payload?.data?.toStageId === STAGES.phoneScreen && delivery.status === 200,
		);
		expect(await post(leverHook.url, JSON.stringify(acknowledged!.payload))).toBe(401);

		const wecpBody = JSON.stringify({ event: 'test.completed', timestamp: new Date().toISOString(), data: { candidateId: 'x', score: 100, maxScore: 100 } });
		expect(await post(wecpHook.url, wecpBody, { 'x-wecp-signature': `sha256=${createHmac('sha256', 'guess').update(wecpBody).digest('hex')}` })).toBe(401);
		const signed = `sha256=${createHmac('sha256', wecpHook.secret).update(wecpBody).digest('hex')}`;
		expect(await post(wecpHook.url, wecpBody.replace('"score":100', '"score":99'), { 'x-wecp-signature': signed })).toBe(401);

		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await allExecutions()).toHaveLength(before);
	});

	it('runs nothing downstream for a replay of a delivery it already accepted', async () => {
		// The replay of a candidate still in the stage (Lee failed and stays): the trigger confirms the
		// stage with Lever, so only a replay that matches Lever gets this far.
		const candidates = (env.sandbox.state.deliveries as Array<Record<string, any>>).filter(
			(delivery) => delivery.service === 'lever' && delivery.payload?.data?.toStageId === STAGES.assessment && delivery.status === 200,
		);
		let accepted: Record<string, any> | undefined;
		for (const delivery of candidates.reverse()) {
			const opportunity = await control<Record<string, any>>('GET', `/lever/opportunities/${delivery.payload.data.opportunityId}`);
			if (opportunity.stage === STAGES.assessment) {
				accepted = delivery;
				break;
			}
		}
		const before = (await env.client.listExecutions({ workflowId: INVITE_WORKFLOW })).length;
		const invitesBefore = apiRequests('wecp', 'POST', /\/invite$/).length;
		const [leverHook] = await control<Array<Record<string, any>>>('GET', '/lever/webhooks');
		await fetch(leverHook.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(accepted!.payload) });
		const executions = (await env.waitForExecutions(INVITE_WORKFLOW, before + 1)).slice(before);
		for (const execution of executions) {
			const detail = await env.client.getExecution(execution.id);
			expect(detail.nodes['Invite to WeCP Test']?.runs ?? 0).toBe(0);
		}
		expect(apiRequests('wecp', 'POST', /\/invite$/)).toHaveLength(invitesBefore);
	});

	it("invites on behalf of the posting's owner, and as the credential's user when the posting has no owner", async () => {
		const before = (await env.client.listExecutions({ workflowId: INVITE_WORKFLOW })).length;
		const analyst = await control<{ id: string }>('POST', '/lever/opportunities', {
			name: 'Dana Analyst',
			email: 'dana.analyst@example.com',
			postingId: SEED.lever.postings.dataAnalyst,
		});
		const tester = await control<{ id: string }>('POST', '/lever/opportunities', {
			name: 'Quinn Tester',
			email: 'quinn.tester@example.com',
			postingId: SEED.lever.postings.qaEngineer,
		});
		await moveTo(analyst.id, STAGES.assessment);
		await moveTo(tester.id, STAGES.assessment);
		const executions = await env.waitForExecutions(INVITE_WORKFLOW, before + 2);
		expect(executions.every((run) => run.status === 'success')).toBe(true);

		const inviteOf = (email: string) =>
			apiRequests('wecp', 'POST', /\/invite$/).find((request) => request.body?.candidates?.[0]?.email === email)!;
		// The Data Analyst posting is owned by Harper, not by the credential's user (Riley).
		expect(inviteOf('dana.analyst@example.com').headers['wecp-user-email']).toBe('hiring.manager@example.com');
		expect(inviteOf('dana.analyst@example.com').status).toBe(200);
		expect((await invitesFor('dana.analyst@example.com'))[0].metadata.user_email).toBe('hiring.manager@example.com');
		expect(inviteOf('quinn.tester@example.com').headers['wecp-user-email']).toBe('recruiter@example.com');
		expect((await invitesFor('quinn.tester@example.com'))[0].actingUserEmail).toBe('recruiter@example.com');
	});

	it('deletes the registered webhooks when the workflows are unpublished', async () => {
		await env.client.deactivate(INVITE_WORKFLOW);
		await env.client.deactivate(RESULT_WORKFLOW);
		expect(await control('GET', '/lever/webhooks')).toEqual([]);
		expect(await control('GET', '/wecp/webhooks')).toEqual([]);
	});
});

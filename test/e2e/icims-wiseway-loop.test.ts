/**
 * The iCIMS/WiseWay loop, in a real n8n against the simulator: iCIMS workflow status change →
 * one WiseWay invitation with the iCIMS ids; WiseWay interview completed (signed delivery) →
 * Interview Status and Date/Time on the iCIMS applicant workflow.
 */
import { createHmac } from 'crypto';
import type { Environment } from './environment';
import { startEnvironment } from './environment';
import { executionsThatRan, settle } from './lib/loops';

const { SEED } = require('../../simulator');

jest.setTimeout(120_000);

const INVITE_WORKFLOW = 'AtsIcimsToWisWy1';
const RESULT_WORKFLOW = 'AtsWisWyToIcims1';
const RECEIVER_WEBHOOK_ID = 'a2a29791-dcd5-4d1e-b441-cb807dc73af3';
const POSITION = SEED.wiseway.positions.backendEngineer;

let env: Environment;

async function control<T = any>(method: string, path: string, body?: unknown): Promise<T> {
	return await env.control<T>(method, path, body);
}

async function candidatesOf(applicationId: string): Promise<Array<Record<string, any>>> {
	const candidates = await control<Array<Record<string, any>>>('GET', '/wiseway/candidates');
	return candidates.filter((candidate) => String(candidate.metadata?.atsApplicationId) === applicationId);
}

beforeAll(async () => {
	env = await startEnvironment(['icims-status-to-wiseway-invite.json', 'wiseway-result-to-icims-update.json']);
	await control('POST', '/icims/subscriptions', { url: `${env.n8nUrl}/webhook/${RECEIVER_WEBHOOK_ID}/webhook` });
}, 20 * 60_000);

afterAll(async () => {
	await env?.stop();
});

describe('the iCIMS → WiseWay → iCIMS loop in a real n8n', () => {
	const workflowId = () => String(SEED.icims.workflows.janeBackend);

	it('invites once when iCIMS posts the status change twice, with the iCIMS ids as metadata', async () => {
		await control('POST', `/icims/applicantworkflows/${workflowId()}/status`, { statusId: SEED.icims.statuses.videoInterview, copies: 2 });
		// Both copies start an execution (iCIMS' notifications cannot be refused at the door); the repeat stops at the trigger.
		await env.waitForExecutions(INVITE_WORKFLOW, 2);
		await settle(env);
		const invites = await executionsThatRan(env, INVITE_WORKFLOW, 'Invite to WiseWay Interview');
		expect(invites).toEqual([expect.objectContaining({ status: 'success' })]);
		const invited = await candidatesOf(workflowId());
		expect(invited).toHaveLength(1);
		expect(invited[0].metadata).toMatchObject({ atsCandidateId: String(SEED.icims.people.janeDoe), atsApplicationId: workflowId() });
	});

	it('writes the completed interview back to the iCIMS applicant workflow', async () => {
		const [candidate] = await candidatesOf(workflowId());
		await control('POST', '/wiseway/complete', { positionId: POSITION, email: candidate.email, rating: 4 });
		const [execution] = await env.waitForExecutions(RESULT_WORKFLOW, 1);
		expect(execution.status).toBe('success');
		const workflow = await control<Record<string, any>>('GET', `/icims/applicantworkflows/${workflowId()}`);
		expect(workflow.assessmentresults).toHaveLength(1);
		expect(workflow.assessmentresults[0].assessmentstatus.id).toBe(SEED.icims.assessmentStatuses.complete);
		expect(workflow.assessmentresults[0].assessmentdate).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} [AP]M$/);
		expect(workflow.assessmentresults[0].assessmentnotes).toContain('rating 4/5');
	});

	it('runs the workflow once for the same signed delivery received twice', async () => {
		const before = (await env.client.listExecutions({ workflowId: RESULT_WORKFLOW })).length;
		const [candidate] = await candidatesOf(workflowId());
		const sent = await control<{ deliveries: Array<{ status: number }> }>('POST', '/wiseway/deliver', { event: 'interview.completed', candidateId: candidate.id, repeat: 2 });
		expect(sent.deliveries).toHaveLength(2);
		const executions = (await env.waitForExecutions(RESULT_WORKFLOW, before + 2)).slice(before);
		// The trigger's own step drops the repeat: only one execution goes on to write to iCIMS.
		const wrote = [];
		for (const execution of executions) {
			const detail = await env.client.getExecution(execution.id);
			if (detail.nodes['Write Interview to iCIMS']?.runs) wrote.push(execution.id);
		}
		expect(wrote).toHaveLength(1);
	});

	it('answers a WiseWay delivery with a wrong signature with 401 and starts nothing', async () => {
		const before = (await env.client.listExecutions({ workflowId: RESULT_WORKFLOW })).length;
		const [hook] = await control<Array<Record<string, any>>>('GET', '/wiseway/webhooks');
		const body = JSON.stringify({ event: 'interview.completed', timestamp: new Date().toISOString(), data: { candidate: { id: 'x' } } });
		const signature = createHmac('sha256', 'not-the-secret').update(body).digest('hex');
		const response = await fetch(hook.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wiseway-signature': signature }, body });
		expect(response.status).toBe(401);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await env.client.listExecutions({ workflowId: RESULT_WORKFLOW })).toHaveLength(before);
	});

	it('deletes the WiseWay webhook when the result workflow is unpublished', async () => {
		await env.client.deactivate(RESULT_WORKFLOW);
		expect(await control('GET', '/wiseway/webhooks')).toEqual([]);
	});
});

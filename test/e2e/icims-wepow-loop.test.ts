/**
 * The iCIMS/Wepow loop, in a real n8n against the simulator: iCIMS workflow status change →
 * Wepow position found or created for the job → one invitation; Wepow completion → Interview
 * Status, URL and Date/Time on the iCIMS applicant workflow.
 */
import type { Environment } from './environment';
import { startEnvironment } from './environment';

const { SEED } = require('../sandbox');

jest.setTimeout(180_000);

const INVITE_WORKFLOW = 'AtsIcimsToWepow1';
const RESULT_WORKFLOW = 'AtsWepowToIcims1';
const RECEIVER_WEBHOOK_ID = '2e76b99a-08ea-4f4c-83d7-a0e8f0f460d2';
const VIDEO_INTERVIEW = SEED.icims.statuses.videoInterview;

let env: Environment;

async function control<T = any>(method: string, path: string, body?: unknown): Promise<T> {
	const response = await fetch(`${env.sandbox.url}/_control${path}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
	return (text ? JSON.parse(text) : undefined) as T;
}

async function applications(): Promise<Array<Record<string, any>>> {
	return await control('GET', '/wepow/applications');
}

beforeAll(async () => {
	env = await startEnvironment(['icims-status-to-wepow-invite.json', 'wepow-result-to-icims-update.json']);
	// iCIMS staff point the Workflow Status Change event at the trigger's production URL.
	await control('POST', '/icims/subscriptions', { url: `${env.n8nUrl}/webhook/${RECEIVER_WEBHOOK_ID}/webhook` });
}, 20 * 60_000);

afterAll(async () => {
	await env?.stop();
});

describe('the iCIMS → Wepow → iCIMS loop in a real n8n', () => {
	it('invites once when iCIMS posts the status change twice', async () => {
		const moved = await control<{ deliveries: Array<{ status: number }> }>('POST', `/icims/applicantworkflows/${SEED.icims.workflows.janeBackend}/status`, {
			statusId: VIDEO_INTERVIEW,
			copies: 2,
		});
		expect(moved.deliveries.length).toBeGreaterThanOrEqual(2);
		expect(moved.deliveries.every((delivery) => delivery.status === 200)).toBe(true);
		await env.waitForExecutions(INVITE_WORKFLOW, 1);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		const executions = await env.client.listExecutions({ workflowId: INVITE_WORKFLOW });
		expect(executions).toHaveLength(1);
		expect(executions[0].status).toBe('success');
		const invited = (await applications()).filter((application) => String(application.externalId ?? application.external_id) === SEED.icims.workflows.janeBackend);
		expect(invited).toHaveLength(1);
	});

	it('writes Interview Status, URL and Date/Time back to iCIMS when the interview is completed', async () => {
		await control('POST', '/wepow/complete', { externalId: SEED.icims.workflows.janeBackend });
		const [execution] = await env.waitForExecutions(RESULT_WORKFLOW, 1);
		expect(execution.status).toBe('success');
		const workflow = await control<Record<string, any>>('GET', `/icims/applicantworkflows/${SEED.icims.workflows.janeBackend}`);
		expect(workflow.assessmentresults).toHaveLength(1);
		const entry = workflow.assessmentresults[0];
		expect(entry.assessmentstatus.id).toBe(SEED.icims.assessmentStatuses.complete);
		expect(entry.assessmenturl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/wepow\//);
		expect(entry.assessmentdate).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} [AP]M$/);
	});

	it('invites 25 candidates moved in bulk exactly once each', async () => {
		const { ids } = await control<{ ids: string[] }>('POST', '/icims/applicantworkflows/bulk', { count: 25, jobId: SEED.icims.jobs.backendEngineer });
		const before = (await env.client.listExecutions({ workflowId: INVITE_WORKFLOW })).length;
		await control('POST', '/icims/status/bulk', { workflowIds: ids, statusId: VIDEO_INTERVIEW, copies: 2 });
		await env.waitForExecutions(INVITE_WORKFLOW, before + 25, 120_000);
		const invited = (await applications()).filter((application) => ids.includes(String(application.externalId ?? application.external_id)));
		expect(invited).toHaveLength(25);
		expect(new Set(invited.map((application) => String(application.externalId ?? application.external_id))).size).toBe(25);
	});

	it('answers an event without the agreed Basic credentials with 401 and starts nothing', async () => {
		const before = (await env.client.listExecutions({ workflowId: INVITE_WORKFLOW })).length;
		const forged = await control<{ deliveries: Array<{ status: number }> }>('POST', '/icims/deliver', {
			workflowId: SEED.icims.workflows.samBackend,
			newStatus: VIDEO_INTERVIEW,
			auth: { username: 'sim-icims-events', password: 'wrong' },
		});
		expect(forged.deliveries.map((delivery) => delivery.status)).toEqual([401]);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await env.client.listExecutions({ workflowId: INVITE_WORKFLOW })).toHaveLength(before);
	});

	it('deletes the Wepow notification when the result workflow is unpublished', async () => {
		await env.client.deactivate(RESULT_WORKFLOW);
		expect(await control('GET', '/wepow/notifications')).toEqual([]);
	});
});

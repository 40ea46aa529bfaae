/**
 * The iCIMS/Wepow loop, in a real n8n against the simulator: iCIMS workflow status change →
 * Wepow position found or created for the job → one invitation; Wepow completion → Interview
 * Status, URL and Date/Time on the iCIMS applicant workflow.
 */
import type { Environment } from './environment';
import { readTemplate, startEnvironment, waitUntil } from './environment';
import { executionsThatRan, settle } from './lib/loops';

const { SEED } = require('../../simulator');

jest.setTimeout(180_000);

const INVITE_WORKFLOW = 'AtsIcimsToWepow1';
const RESULT_WORKFLOW = 'AtsWepowToIcims1';
const RECEIVER_WEBHOOK_ID = '2e76b99a-08ea-4f4c-83d7-a0e8f0f460d2';
const VIDEO_INTERVIEW = SEED.icims.statuses.videoInterview;
// A second invite workflow, as a user might add beside the event receiver: the same template with
// its trigger switched to polling, limited to the Data Analyst job so the other cases leave it be.
const POLLING_WORKFLOW = 'AtsIcimsPollWepo';

function pollingCopy(): Record<string, any> {
	const workflow = readTemplate('icims-status-to-wepow-invite.json');
	workflow.id = POLLING_WORKFLOW;
	workflow.name = `${workflow.name} (polling)`;
	const trigger = workflow.nodes.find((node: any) => node.name === 'iCIMS Trigger');
	trigger.parameters = { ...trigger.parameters, source: 'polling', jobIds: SEED.icims.jobs.dataAnalyst, pollTimes: { item: [{ mode: 'everyMinute' }] } };
	trigger.webhookId = 'f3b0c1d2-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
	return workflow;
}

let env: Environment;

async function control<T = any>(method: string, path: string, body?: unknown): Promise<T> {
	return await env.control<T>(method, path, body);
}

async function applications(): Promise<Array<Record<string, any>>> {
	return await control('GET', '/wepow/applications');
}

beforeAll(async () => {
	env = await startEnvironment(
		['icims-status-to-wepow-invite.json', 'wepow-result-to-icims-update.json'],
		[{ file: 'icims-status-to-wepow-invite-polling.json', workflow: pollingCopy() }],
	);
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
		// Each copy starts an execution (iCIMS' notifications cannot be refused at the door); repeats stop at the trigger.
		await env.waitForExecutions(INVITE_WORKFLOW, moved.deliveries.length);
		await settle(env);
		const invites = await executionsThatRan(env, INVITE_WORKFLOW, 'Invite to Wepow Interview');
		expect(invites).toEqual([expect.objectContaining({ status: 'success' })]);
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
		const moved = await control<{ deliveries: unknown[] }>('POST', '/icims/status/bulk', { workflowIds: ids, statusId: VIDEO_INTERVIEW, copies: 2 });
		await env.waitForExecutions(INVITE_WORKFLOW, before + (moved.deliveries?.length ?? 50), 180_000);
		await settle(env);
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

	it('invites once when the poll of a second workflow overlaps the event', async () => {
		const searches = async () =>
			(await control<Array<Record<string, any>>>('GET', '/requests?service=icims')).filter((request) => request.path.endsWith('/search/applicantworkflows'));
		// Only the polling trigger searches. Its first poll records what is already there; wait for
		// it, so that the status change below is news to the second poll.
		expect(await waitUntil(async () => (await searches()).length >= 1, 90_000)).toBe(true);
		const pollsBefore = (await searches()).length;
		const eventRunsBefore = (await env.client.listExecutions({ workflowId: INVITE_WORKFLOW })).length;

		await control('POST', `/icims/applicantworkflows/${SEED.icims.workflows.alexAnalyst}/status`, { statusId: VIDEO_INTERVIEW });
		const [eventRun] = (await env.waitForExecutions(INVITE_WORKFLOW, eventRunsBefore + 1)).slice(eventRunsBefore);
		const [pollRun] = await env.waitForExecutions(POLLING_WORKFLOW, 1, 150_000);
		expect((await searches()).length).toBeGreaterThan(pollsBefore);

		// Both workflows asked; Wepow sent one invitation, and the second run says so.
		const outputs = [];
		for (const run of [eventRun, pollRun]) {
			expect(run.status).toBe('success');
			const detail = await env.client.getExecution(run.id);
			outputs.push(detail.nodes['Invite to Wepow Interview'].output[0][0]);
		}
		expect(outputs.map((output) => output.sent).sort()).toEqual([false, true]);
		expect(outputs.find((output) => !output.sent).alreadyInvited).toBe(true);
		const invited = (await applications()).filter((application) => String(application.externalId ?? application.external_id) === SEED.icims.workflows.alexAnalyst);
		expect(invited).toHaveLength(1);
		expect(invited[0].emailsSent).toBe(1);
	}, 300_000);

	it('deletes the Wepow notification when the result workflow is unpublished', async () => {
		await env.client.deactivate(RESULT_WORKFLOW);
		expect(await control('GET', '/wepow/notifications')).toEqual([]);
	});
});

/**
 * Lever stage change → WeCP live interview, in a real n8n against the simulator, with the
 * template exactly as shipped: the candidate is booked into the seeded interview with the
 * interviewer, two days later at 10:00 in the workflow's time zone, once.
 */
import type { Environment } from './environment';
import { startEnvironment } from './environment';

const { SEED, SANDBOX_SECRETS } = require('../../simulator');

jest.setTimeout(120_000);

const WORKFLOW = 'AtsLeverToWecpIv';
const STAGES = SEED.lever.stages;
const INTERVIEW = SEED.wecp.interviews.backendOnsite;

let env: Environment;

async function control<T = any>(method: string, path: string, body?: unknown): Promise<T> {
	return await env.control<T>(method, path, body);
}

async function newCandidate(name: string, email: string) {
	return await control<{ id: string; contact: string }>('POST', '/lever/opportunities', {
		name,
		email,
		postingId: SEED.lever.postings.backendEngineer,
		stageId: STAGES.assessment,
	});
}

async function moveTo(opportunityId: string, stageId: string) {
	return await control<{ deliveries: Array<{ status: number }> }>('POST', `/lever/opportunities/${opportunityId}/stage`, { stageId });
}

async function schedules(): Promise<Array<Record<string, any>>> {
	const interviews = await control<Array<Record<string, any>>>('GET', '/wecp/interviews');
	return interviews.find((interview) => interview.interviewId === INTERVIEW)!.schedules;
}

beforeAll(async () => {
	env = await startEnvironment(['lever-stage-to-wecp-interview.json']);
}, 20 * 60_000);

afterAll(async () => {
	await env?.stop();
});

describe('Lever stage → WeCP live interview in a real n8n', () => {
	it('books a candidate who moves into On-site Interview, once, with the interviewer and the Lever ids', async () => {
		const candidate = await newCandidate('Jane Doe', 'jane.doe@example.com');
		const moved = await moveTo(candidate.id, STAGES.onsiteInterview);
		expect(moved.deliveries.map((delivery) => delivery.status)).toEqual([200]);
		const [execution] = await env.waitForExecutions(WORKFLOW, 1);
		expect(execution.status).toBe('success');

		const booked = await schedules();
		expect(booked).toHaveLength(1);
		expect(booked[0]).toMatchObject({
			emailId: 'jane.doe@example.com',
			interviewer: 'interviewer@example.com',
			interviewDuration: 60,
			sendEmail: true,
			emailsSent: 2,
			actingUserEmail: SANDBOX_SECRETS.wecp.userEmails[0],
			metadata: { candidateId: candidate.contact, applicationId: candidate.id },
		});
		// Two days ahead, on the hour: the template's expression, resolved by n8n.
		const start = Date.parse(booked[0].interviewTime);
		expect(start - Date.now()).toBeGreaterThan(24 * 3600_000);
		expect(start - Date.now()).toBeLessThan(3 * 24 * 3600_000);
		expect(new Date(start).getUTCMinutes() % 30).toBe(0);
		const detail = await env.client.getExecution(execution.id);
		expect(detail.nodes['Schedule WeCP Interview'].output[0][0]).toMatchObject({ status: 'scheduled', alreadyScheduled: false, interviewId: INTERVIEW });

		// Out of the stage and back in: the trigger fires again, nothing is booked twice.
		await moveTo(candidate.id, STAGES.assessment);
		await moveTo(candidate.id, STAGES.onsiteInterview);
		const executions = await env.waitForExecutions(WORKFLOW, 2);
		expect(executions.every((run) => run.status === 'success')).toBe(true);
		expect(await schedules()).toHaveLength(1);
	});

	it('ignores a move into another stage', async () => {
		const before = (await env.client.listExecutions({ workflowId: WORKFLOW })).length;
		const candidate = await newCandidate('Sam Other', 'sam.other@example.com');
		await moveTo(candidate.id, STAGES.offer);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await env.client.listExecutions({ workflowId: WORKFLOW })).toHaveLength(before);
		expect((await schedules()).filter((entry) => entry.emailId === 'sam.other@example.com')).toHaveLength(0);
	});
});

/**
 * The Willo loop, in a real n8n against the simulator: Lever stage change → Willo participant
 * invite, and Willo answers → Lever note and tags. Templates are used exactly as shipped.
 */
import type { Environment } from './environment';
import { startEnvironment } from './environment';

const { SEED } = require('../../simulator');

jest.setTimeout(120_000);

const INVITE_WORKFLOW = 'AtsLeverToWillo1';
const RESULT_WORKFLOW = 'AtsWilloToLever1';
const STAGES = SEED.lever.stages;
const INTERVIEW = SEED.willo.interviews.backendEngineer;

let env: Environment;

async function control<T = any>(method: string, path: string, body?: unknown): Promise<T> {
	return await env.control<T>(method, path, body);
}

async function participantsFor(email: string) {
	return (await control<Array<Record<string, any>>>('GET', '/willo/participants')).filter((p) => p.email === email);
}

beforeAll(async () => {
	env = await startEnvironment(['lever-stage-to-willo-invite.json', 'willo-result-to-lever-note.json']);
}, 20 * 60_000);

afterAll(async () => {
	await env?.stop();
});

describe('the Lever → Willo → Lever loop in a real n8n', () => {
	let opportunity: { id: string; contact: string };

	it('invites a candidate who moves into Phone Screen once, with the Lever ids', async () => {
		opportunity = await control('POST', '/lever/opportunities', {
			name: 'Ada Lovelace',
			email: 'ada@example.com',
			phone: '+14155550100',
			postingId: SEED.lever.postings.backendEngineer,
			stageId: STAGES.applicantNew,
		});
		const moved = await control<{ deliveries: Array<{ status: number }> }>('POST', `/lever/opportunities/${opportunity.id}/stage`, { stageId: STAGES.phoneScreen });
		expect(moved.deliveries.map((delivery) => delivery.status)).toEqual([200]);
		const [execution] = await env.waitForExecutions(INVITE_WORKFLOW, 1);
		expect(execution.status).toBe('success');
		const participants = await participantsFor('ada@example.com');
		expect(participants).toHaveLength(1);
		expect(participants[0]).toMatchObject({
			external_id: opportunity.id,
			metadata: expect.objectContaining({ ats_candidate_id: opportunity.contact, ats_application_id: opportunity.id }),
		});

		await control('POST', `/lever/opportunities/${opportunity.id}/stage`, { stageId: STAGES.assessment });
		await control('POST', `/lever/opportunities/${opportunity.id}/stage`, { stageId: STAGES.phoneScreen });
		const executions = await env.waitForExecutions(INVITE_WORKFLOW, 2);
		expect(executions.every((run) => run.status === 'success')).toBe(true);
		expect(await participantsFor('ada@example.com')).toHaveLength(1);
	});

	it('writes the answers back as a Lever note with transcripts and video links, and tags', async () => {
		await control('POST', '/willo/complete', { interview: INTERVIEW, email: 'ada@example.com' });
		const [execution] = await env.waitForExecutions(RESULT_WORKFLOW, 1);
		expect(execution.status).toBe('success');
		const lever = await control<Record<string, any>>('GET', `/lever/opportunities/${opportunity.id}`);
		expect(lever.notes).toHaveLength(1);
		const note = lever.notes[0].text as string;
		expect(note).toMatch(/https?:\/\/\S+/);
		expect(note.toLowerCase()).toContain('transcript');
		expect(lever.tags).toEqual(expect.arrayContaining(['Willo: answered', 'Video interview']));
	});

	it('answers a delivery without the URL token with 401 and starts nothing', async () => {
		const before = (await env.client.listExecutions({ workflowId: RESULT_WORKFLOW })).length;
		const [participant] = await participantsFor('ada@example.com');
		const forged = await control<{ deliveries: Array<{ status: number }> }>('POST', '/willo/deliver', {
			event: 'new_response',
			participantKey: participant.key,
			token: 'not-the-token',
		});
		expect(forged.deliveries.length).toBeGreaterThan(0);
		expect(forged.deliveries.every((delivery) => delivery.status === 401)).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await env.client.listExecutions({ workflowId: RESULT_WORKFLOW })).toHaveLength(before);
	});

	it('deletes the registered webhooks when the workflows are unpublished', async () => {
		await env.client.deactivate(INVITE_WORKFLOW);
		await env.client.deactivate(RESULT_WORKFLOW);
		expect(await control('GET', '/lever/webhooks')).toEqual([]);
		expect(await control('GET', '/willo/webhooks')).toEqual([]);
	});
});

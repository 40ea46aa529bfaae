/**
 * Pre-application screening, in a real n8n against the simulator: a completed Willo interview
 * creates the candidate in Lever, once, with a note of the answers; a candidate Lever already has
 * gets the note, once. The template is used as shipped.
 */
import type { Environment } from './environment';
import { startEnvironment } from './environment';

const { SANDBOX_SECRETS, SEED } = require('../../simulator');

jest.setTimeout(120_000);

const WORKFLOW = 'AtsWilloToLevrCd';
const INTERVIEW = SEED.willo.interviews.dataAnalyst;
const POSTING = SEED.lever.postings.dataAnalyst;

let env: Environment;

async function control<T = any>(method: string, path: string, body?: unknown): Promise<T> {
	return await env.control<T>(method, path, body);
}

async function opportunitiesOf(email: string): Promise<Array<Record<string, any>>> {
	return (await control<Array<Record<string, any>>>('GET', '/lever/opportunities')).filter((o) => o.emails.includes(email));
}

/** Opportunities created through Lever's API (the request log), i.e. what the workflow created. */
async function creates(): Promise<number> {
	const requests = await control<Array<{ method: string; path: string; status: number }>>('GET', '/requests?service=lever');
	return requests.filter((request) => request.method === 'POST' && request.path === '/opportunities' && request.status === 201).length;
}

/** What "Create in Lever" output in the newest execution. */
async function lastCreateOutput(): Promise<Record<string, any> | undefined> {
	const executions = await env.client.listExecutions({ workflowId: WORKFLOW });
	const newest = executions.reduce((a, b) => (Number(a.id) > Number(b.id) ? a : b));
	const detail = await env.client.getExecution(newest.id);
	return detail.nodes['Create in Lever']?.output?.[0]?.[0];
}

beforeAll(async () => {
	env = await startEnvironment(['willo-completed-to-lever-candidate.json']);
}, 20 * 60_000);

afterAll(async () => {
	await env?.stop();
});

describe('Willo screening → Lever candidate in a real n8n', () => {
	let participantKey: string;

	it('creates the candidate on the posting, with source, tag and a note of the answers', async () => {
		const participant = await control('POST', '/willo/self-register', { interview: INTERVIEW, name: 'Sam Screened', email: 'sam@example.com', phone: '+14155550123' });
		participantKey = participant.key;
		await control('POST', '/willo/complete', { participantKey });
		const [execution] = await env.waitForExecutions(WORKFLOW, 1);
		expect(execution.status).toBe('success');

		const [opportunity, ...others] = await opportunitiesOf('sam@example.com');
		expect(others).toEqual([]);
		expect(opportunity).toMatchObject({
			name: 'Sam Screened',
			phones: [{ type: 'mobile', value: '+14155550123' }],
			origin: 'applied',
			sources: ['Willo'],
			tags: ['Willo screening'],
			stageChanges: [expect.objectContaining({ userId: SEED.lever.users.recruiter })],
		});
		expect(opportunity.applications.map((application: any) => application.posting)).toEqual([POSTING]);
		expect(opportunity.notes).toHaveLength(1);
		expect(await creates()).toBe(1);
		const note = opportunity.notes[0].text as string;
		expect(note).toContain(`/willo/app/share/${participantKey}`);
		expect(note).toContain('Transcript: ');
		expect(note).toContain('Which SQL function do you use most, and why?');
	});

	it('never creates a second opportunity or note for the same completed interview', async () => {
		const again = await control<{ deliveries: Array<{ status: number }> }>('POST', '/willo/deliver', { event: 'new_response', participantKey });
		expect(again.deliveries.map((delivery) => delivery.status)).toEqual([200]);
		const executions = await env.waitForExecutions(WORKFLOW, 2);
		expect(executions.every((execution) => execution.status === 'success')).toBe(true);
		expect(await lastCreateOutput()).toMatchObject({ created: false, alreadyExisted: true });
		const opportunities = await opportunitiesOf('sam@example.com');
		expect(opportunities).toHaveLength(1);
		expect(opportunities[0].notes).toHaveLength(1);
		expect(await creates()).toBe(1);
	});

	it('adds the answers as a note on the opportunity Lever already has for that e-mail and posting, instead of a duplicate', async () => {
		const existing = await control('POST', '/lever/opportunities', { name: 'Kim Known', email: 'kim@example.com', postingId: POSTING });
		const participant = await control('POST', '/willo/self-register', { interview: INTERVIEW, name: 'Kim Known', email: 'kim@example.com' });
		await control('POST', '/willo/complete', { participantKey: participant.key });
		const executions = await env.waitForExecutions(WORKFLOW, 3);
		expect(executions.every((execution) => execution.status === 'success')).toBe(true);
		expect(await lastCreateOutput()).toMatchObject({ id: existing.id, created: false });
		const opportunities = await opportunitiesOf('kim@example.com');
		expect(opportunities.map((o) => o.id)).toEqual([existing.id]);
		expect(opportunities[0].notes).toHaveLength(1);
		expect(opportunities[0].notes[0].text).toContain(`/willo/app/share/${participant.key}`);
		expect(opportunities[0].notes[0].text).toContain('Candidate: Kim Known (kim@example.com)');
		expect(await creates()).toBe(1);

		// The same result delivered again: still one note on the existing candidate.
		await control('POST', '/willo/deliver', { event: 'new_response', participantKey: participant.key });
		const again = await env.waitForExecutions(WORKFLOW, 4);
		expect(again.every((execution) => execution.status === 'success')).toBe(true);
		expect((await opportunitiesOf('kim@example.com'))[0].notes).toHaveLength(1);
		const noteRequests = await control<Array<{ method: string; path: string }>>('GET', '/requests?service=lever');
		expect(noteRequests.filter((request) => request.method === 'POST' && request.path === `/opportunities/${existing.id}/notes`)).toHaveLength(1);
	});

	it('leaves candidates that came from Lever alone', async () => {
		const response = await fetch(`${env.sandbox.services.willo.baseUrl}/participants/`, {
			method: 'POST',
			headers: { authorization: SANDBOX_SECRETS.willo.apiKey, 'content-type': 'application/json' },
			body: JSON.stringify({ interview: INTERVIEW, name: 'Lee Lever', email: 'lee@example.com', metadata: { ats_candidate_id: 'c-1', ats_application_id: 'o-1' } }),
		});
		expect(response.status).toBe(201);
		const participant = (await response.json()) as { key: string };
		await control('POST', '/willo/complete', { participantKey: participant.key });
		const executions = await env.waitForExecutions(WORKFLOW, 5);
		expect(executions.every((execution) => execution.status === 'success')).toBe(true);
		expect(await lastCreateOutput()).toBeUndefined();
		expect(await opportunitiesOf('lee@example.com')).toEqual([]);
		expect(await creates()).toBe(1);
	});
});

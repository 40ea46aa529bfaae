/**
 * Recruiter-triggered sends, in a real n8n against the simulator: a Lever tag "send: willo" is the
 * queue a scheduled workflow works through every minute. The template is used as shipped, so each
 * step waits for the schedule (up to a minute).
 */
import type { Environment } from './environment';
import { startEnvironment } from './environment';

const { SANDBOX_SECRETS, SEED } = require('../../simulator');

jest.setTimeout(240_000);

const WORKFLOW = 'AtsLeverTagWillo';
const INTERVIEW = SEED.willo.interviews.backendEngineer;
const RECRUITER = SEED.lever.users.recruiter;

let env: Environment;

async function control<T = any>(method: string, path: string, body?: unknown): Promise<T> {
	return await env.control<T>(method, path, body);
}

/** A call to the simulated Lever API, as a recruiter's Lever screen would make it. */
async function leverApi<T = any>(method: string, path: string, body?: unknown): Promise<T> {
	const response = await fetch(`${env.sandbox.services.lever.baseUrl}${path}`, {
		method,
		headers: { authorization: `Basic ${Buffer.from(`${SANDBOX_SECRETS.lever.apiKey}:`).toString('base64')}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
	return JSON.parse(text) as T;
}

async function tagsOf(id: string): Promise<string[]> {
	return (await control<Record<string, any>>('GET', `/lever/opportunities/${id}`)).tags;
}

/** Waits (through the next scheduled runs) until the opportunity's tags satisfy the check. */
async function waitForTags(id: string, check: (tags: string[]) => boolean, timeoutMs = 150_000): Promise<string[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const tags = await tagsOf(id);
		if (check(tags)) return tags;
		if (Date.now() > deadline) throw new Error(`tags of ${id} are still ${JSON.stringify(tags)}`);
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

async function participantsOf(applicationId: string): Promise<Array<Record<string, any>>> {
	return (await control<Array<Record<string, any>>>('GET', '/willo/participants')).filter((p) => p.external_id === applicationId);
}

beforeAll(async () => {
	env = await startEnvironment(['lever-tag-to-willo-invite.json']);
}, 20 * 60_000);

afterAll(async () => {
	await env?.stop();
});

describe('Lever tag → Willo invite in a real n8n', () => {
	let tagged: { id: string; contact: string };
	let untagged: { id: string };
	let unreachable: { id: string };

	it('invites the tagged candidate with the Lever ids and swaps the tag; leaves the others alone', async () => {
		tagged = await control('POST', '/lever/opportunities', { name: 'Tia Tagged', email: 'tia@example.com', phone: '+14155550111', tags: ['send: willo', 'priority'] });
		untagged = await control('POST', '/lever/opportunities', { name: 'Uma Untagged', email: 'uma@example.com' });
		// No e-mail and a phone Willo cannot use: the invite fails, and is marked so instead of retried.
		unreachable = (
			await leverApi('POST', `/opportunities?perform_as=${RECRUITER}`, { name: 'Nia Nophone', phones: [{ type: 'mobile', value: '555-0100' }], tags: ['send: willo'] })
		).data;

		expect(await waitForTags(tagged.id, (tags) => tags.includes('willo: invited'))).toEqual(['priority', 'willo: invited']);
		const participants = await participantsOf(tagged.id);
		expect(participants).toHaveLength(1);
		expect(participants[0]).toMatchObject({
			interview: INTERVIEW,
			email: 'tia@example.com',
			phone: '+14155550111',
			metadata: expect.objectContaining({ ats_candidate_id: tagged.contact, ats_application_id: tagged.id }),
		});
		expect(await participantsOf(untagged.id)).toEqual([]);
		expect(await tagsOf(untagged.id)).toEqual([]);

		expect(await waitForTags(unreachable.id, (tags) => !tags.includes('send: willo'))).toEqual(['willo: invite failed']);
		expect(await participantsOf(unreachable.id)).toEqual([]);
		const executions = await env.client.listExecutions({ workflowId: WORKFLOW });
		expect(executions.length).toBeGreaterThan(0);
		expect(executions.every((execution) => execution.status === 'success')).toBe(true);
	});

	it('tagging the same candidate again sends no second invite', async () => {
		await leverApi('POST', `/opportunities/${tagged.id}/addTags?perform_as=${RECRUITER}`, { tags: ['send: willo'] });
		expect(await tagsOf(tagged.id)).toContain('send: willo');
		await waitForTags(tagged.id, (tags) => !tags.includes('send: willo'));
		expect(await tagsOf(tagged.id)).toEqual(['priority', 'willo: invited']);
		expect(await participantsOf(tagged.id)).toHaveLength(1);
	});
});

/**
 * The four reminder templates in a real n8n against the simulators: each lists the open invites
 * at its vendor, resends to those invited more than remindAfterDays (3) ago and not completed, at
 * most maxReminders (2) times, and a re-run never doubles a reminder. The templates run as shipped
 * but for the schedule: every few seconds instead of every day, so the test sees several runs; the
 * invite dates are moved back in the simulators' state to stand for the days that pass.
 *
 * The four workflows run side by side in one n8n anyway, so the four vendors' scenarios run at the
 * same time (started once n8n is up, each awaited by its own test): the suite lasts about as long
 * as one vendor's, not four.
 */
import type { Environment, ExtraWorkflow } from './environment';
import { readTemplate, startEnvironment, waitUntil } from './environment';

const { SEED, SANDBOX_SECRETS } = require('../../simulator');

jest.setTimeout(240_000);

// Every step waits for finished runs, never a fixed time: a shorter schedule only makes them come sooner.
const EVERY_SECONDS = 5;

const DAY = 24 * 60 * 60_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

const TEMPLATES: Record<string, string> = {
	wecp: 'wecp-open-to-wecp-reminder.json',
	willo: 'willo-open-to-willo-reminder.json',
	wiseway: 'wiseway-open-to-wiseway-reminder.json',
	wepow: 'wepow-open-to-wepow-reminder.json',
};
const WORKFLOW_IDS: Record<string, string> = {};

/** The template as shipped, its daily trigger made every few seconds. */
function everyFewSeconds(vendor: string): ExtraWorkflow {
	const workflow = readTemplate(TEMPLATES[vendor]);
	const trigger = workflow.nodes.find((node: any) => node.type === 'n8n-nodes-base.scheduleTrigger');
	trigger.parameters.rule = { interval: [{ field: 'seconds', secondsInterval: EVERY_SECONDS }] };
	WORKFLOW_IDS[vendor] = workflow.id;
	return { file: TEMPLATES[vendor], workflow };
}

let env: Environment;
// Each vendor's scenario, started in beforeAll and awaited by that vendor's test.
const scenarios: Record<string, () => Promise<void>> = {};
const running: Record<string, Promise<void>> = {};

beforeAll(async () => {
	env = await startEnvironment([], Object.keys(TEMPLATES).map(everyFewSeconds));
	for (const vendor of Object.keys(TEMPLATES)) {
		running[vendor] = scenarios[vendor]();
		// Reported by the vendor's test; not an unhandled rejection meanwhile.
		running[vendor].catch(() => undefined);
	}
}, 20 * 60_000);

afterAll(async () => {
	await env?.stop();
});

async function finishedRuns(vendor: string): Promise<number> {
	return (await env.client.listExecutions({ workflowId: WORKFLOW_IDS[vendor] })).filter((run) => !['running', 'new', 'waiting'].includes(run.status)).length;
}

/** Waits for `count` more finished runs of the vendor's workflow, and says they all succeeded. */
async function moreRuns(vendor: string, count: number): Promise<void> {
	const before = await finishedRuns(vendor);
	const runs = await env.waitForExecutions(WORKFLOW_IDS[vendor], before + count, 120_000);
	expect(runs.filter((run) => run.status !== 'success')).toEqual([]);
}

async function reminded(check: () => Promise<number>, expected: number): Promise<void> {
	expect(await waitUntil(async () => (await check()) >= expected, 90_000)).toBe(true);
	expect(await check()).toBe(expected);
}

async function api(service: string, method: string, path: string, headers: Record<string, string>, body: unknown) {
	const response = await fetch(`${env.sandbox.services[service].baseUrl}${path}`, {
		method,
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body),
	});
	expect(response.status).toBeLessThan(300);
	return (await response.json()) as any;
}

describe('WeCP reminders', () => {
	const testId = SEED.wecp.tests.javascriptFundamentals;
	const invite = async (email: string) =>
		await api('wecp', 'POST', `/ats/wecp/tests/${testId}/invite`, { 'x-api-key': SANDBOX_SECRETS.wecp.apiKey }, { candidates: [{ name: email.split('@')[0], email }], sendEmail: true });
	const candidate = (email: string) => [...env.sandbox.state.wecp.candidates.values()].find((c: any) => c.email === email);
	const resends = async (email: string) => candidate(email).resentAt.length as number;

	scenarios.wecp = async () => {
		for (const email of ['open@example.com', 'done@example.com', 'recent@example.com']) await invite(email);
		candidate('open@example.com').invitedAt = daysAgo(4);
		candidate('done@example.com').invitedAt = daysAgo(4);
		await env.control('POST', '/wecp/complete', { testId, email: 'done@example.com', score: 90 });

		await reminded(async () => await resends('open@example.com'), 1);
		await moreRuns('wecp', 2);
		expect(await resends('open@example.com')).toBe(1);

		candidate('open@example.com').invitedAt = daysAgo(7);
		await reminded(async () => await resends('open@example.com'), 2);
		candidate('open@example.com').invitedAt = daysAgo(30);
		await moreRuns('wecp', 2);
		expect(await resends('open@example.com')).toBe(2);
		expect(await resends('done@example.com')).toBe(0);
		expect(await resends('recent@example.com')).toBe(0);
	};
	it('reminds after 3 days and again after 6, never a third time, never the completed or the recent', async () => await running.wecp);
});

describe('Willo reminders', () => {
	const interview = SEED.willo.interviews.backendEngineer;
	const participants = (email: string) => [...env.sandbox.state.willo.participants.values()].filter((p: any) => p.email === email);
	const resends = async (email: string) => participants(email).length - 1;

	scenarios.willo = async () => {
		for (const email of ['open@example.com', 'done@example.com', 'recent@example.com']) {
			await api('willo', 'POST', '/participants/', { authorization: SANDBOX_SECRETS.willo.apiKey }, { interview, name: email.split('@')[0], email });
		}
		participants('open@example.com')[0].created_at = daysAgo(4);
		participants('done@example.com')[0].created_at = daysAgo(4);
		await env.control('POST', '/willo/complete', { participantKey: participants('done@example.com')[0].key });

		await reminded(async () => await resends('open@example.com'), 1);
		await moreRuns('willo', 2);
		expect(await resends('open@example.com')).toBe(1);

		participants('open@example.com')[0].created_at = daysAgo(7);
		await reminded(async () => await resends('open@example.com'), 2);
		participants('open@example.com')[0].created_at = daysAgo(30);
		await moreRuns('willo', 2);
		expect(await resends('open@example.com')).toBe(2);
		expect(await resends('done@example.com')).toBe(0);
		expect(await resends('recent@example.com')).toBe(0);
	};
	it('reminds the newest participant of an e-mail, counting from the first, at most twice, never after completion', async () => await running.willo);
});

describe('WiseWay reminders', () => {
	const positionId = SEED.wiseway.positions.backendEngineer;
	const current = (email: string) => [...env.sandbox.state.wiseway.candidates.values()].find((c: any) => c.email === email);
	const resends = async (email: string) =>
		(env.sandbox.state.requests as Array<Record<string, any>>).filter(
			(request) => request.service === 'wiseway' && request.method === 'POST' && /\/candidates$/.test(request.path) && request.body?.email === email && request.status === 201,
		).length - 1;

	scenarios.wiseway = async () => {
		for (const email of ['open@example.com', 'done@example.com', 'recent@example.com']) {
			await api('wiseway', 'POST', `/api/app/positions/${positionId}/candidates`, { 'x-api-key': SANDBOX_SECRETS.wiseway.apiKey }, { name: email.split('@')[0], email });
		}
		current('open@example.com').invitedAt = daysAgo(4);
		current('done@example.com').invitedAt = daysAgo(4);
		await env.control('POST', '/wiseway/complete', { positionId, email: 'done@example.com' });

		await reminded(async () => await resends('open@example.com'), 1);
		await moreRuns('wiseway', 2);
		expect(await resends('open@example.com')).toBe(1);

		current('open@example.com').invitedAt = daysAgo(4);
		await reminded(async () => await resends('open@example.com'), 2);
		current('open@example.com').invitedAt = daysAgo(4);
		await moreRuns('wiseway', 2);
		expect(await resends('open@example.com')).toBe(2);
		expect(await resends('done@example.com')).toBe(0);
		expect(await resends('recent@example.com')).toBe(0);
	};
	it('re-invites one not started 3 days after each send, at most twice, never after completion', async () => await running.wiseway);
});

describe('Wepow reminders', () => {
	const interviewId = SEED.wepow.interviews.backendEngineer;
	const application = (email: string) => [...env.sandbox.state.wepow.applications.values()].find((a: any) => String(a.id) === ids[email]);
	const ids: Record<string, string> = {};
	const resends = async (email: string) => application(email).resentAt.length as number;

	scenarios.wepow = async () => {
		for (const email of ['open@example.com', 'done@example.com', 'recent@example.com']) {
			const created = await env.control('POST', '/wepow/applications', { interviewId, email, firstName: email.split('@')[0], lastName: 'Test', externalId: `ext-${email}` });
			ids[email] = String(created.id);
		}
		application('open@example.com').date_sent = daysAgo(4);
		application('done@example.com').date_sent = daysAgo(4);
		await env.control('POST', '/wepow/complete', { applicationId: ids['done@example.com'] });

		await reminded(async () => await resends('open@example.com'), 1);
		await moreRuns('wepow', 2);
		expect(await resends('open@example.com')).toBe(1);

		application('open@example.com').date_sent = daysAgo(4);
		await reminded(async () => await resends('open@example.com'), 2);
		application('open@example.com').date_sent = daysAgo(4);
		await moreRuns('wepow', 2);
		expect(await resends('open@example.com')).toBe(2);
		expect(await resends('done@example.com')).toBe(0);
		expect(await resends('recent@example.com')).toBe(0);
	};
	it('resends 3 days after each send, at most twice, never after completion', async () => await running.wepow);
});

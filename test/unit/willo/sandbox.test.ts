/**
 * The Willo simulator against docs/api/willo.md: bare and Bearer keys, DRF page-number
 * lists with `next` links and "Invalid page.", validation errors per field, unsigned deliveries
 * whose URL carries the token, the media_url quirk, and injected 429s.
 */
import * as http from 'node:http';

import { createSandbox } from '../../../simulator/shared/core';
import * as willo from '../../../simulator/willo';
import { startReceiver as startLocalReceiver, type Receiver } from '../helpers/receiver';

interface Page<T> { count: number; next: string | null; previous: string | null; results: T[] }
interface Participant {
	key: string; interview: string; name: string; email: string | null; phone: string | null; external_id: string | null;
	metadata: Record<string, unknown>; stage: string; completed_at: string | null; share_link: string;
	responses: Array<{ question: { text: string; answer_type: string }; answer_type: string; video_url: string | null; media_url: string | null; transcript: string | null; text: string | null }>;
	invitationsSent?: { email: number; sms: number };
}
interface Webhook { key: string; url: string; event: string; interviews: string[]; follow_all_interviews: boolean; status: string }
interface Delivery { webhookId: string; url: string; event: string; status: number; payload: Record<string, unknown> }
interface Received { url: string; headers: http.IncomingHttpHeaders; body: Record<string, unknown> }

const SEED = willo.SEED;
const KEY: string = willo.SECRETS.apiKey;
let sandbox: ReturnType<typeof createSandbox>;
let url: string;
let base: string;

function api(path: string, init: { method?: string; body?: unknown; auth?: string | null } = {}): Promise<Response> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (init.auth !== null) headers.authorization = init.auth ?? KEY;
	return fetch(base + path, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}

async function json<T>(res: Response): Promise<T> {
	return (await res.json()) as T;
}

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
	const res = await fetch(`${url}/_control${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
	if (!res.ok) throw new Error(`${method} /_control${path} → ${res.status} ${await res.text()}`);
	return json<T>(res);
}

async function invite(name: string, extra: Record<string, unknown> = {}): Promise<Participant> {
	const res = await api('/participants/', { method: 'POST', body: { interview: SEED.interviews.backendEngineer, name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.org`, ...extra } });
	expect(res.status).toBe(201);
	return json<Participant>(res);
}

function startReceiver(): Promise<Receiver<Received>> {
	return startLocalReceiver<Received>({
		record: ({ url, headers, raw }) => ({ url, headers, body: JSON.parse(raw.toString('utf8')) }),
	});
}

beforeAll(async () => {
	sandbox = createSandbox([willo]);
	url = (await sandbox.listen(0, '127.0.0.1')).url;
	base = url + willo.prefix;
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

describe('Willo simulator: auth', () => {
	it('takes the bare key and the Bearer form, and answers 401 in DRF shape otherwise', async () => {
		expect((await api('/interviews/')).status).toBe(200);
		expect((await api('/interviews/', { auth: `Bearer ${KEY}` })).status).toBe(200);
		const none = await api('/interviews/', { auth: null });
		expect(none.status).toBe(401);
		expect(await json(none)).toEqual({ detail: 'Authentication credentials were not provided.' });
		expect((await api('/interviews/', { auth: 'wrong' })).status).toBe(401);
		expect((await api('/interviews/', { auth: `Basic ${KEY}` })).status).toBe(401);
	});
});

describe('Willo simulator: lists', () => {
	it('pages with page and page_size (capped at 30), next links keeping the filter, and 404 past the end', async () => {
		for (let n = 0; n < 33; n++) await invite(`Candidate ${n}`);
		await api('/participants/', { method: 'POST', body: { interview: SEED.interviews.dataAnalyst, name: 'Other', email: 'other@example.org' } });
		const first = await json<Page<Participant>>(await api(`/participants/?interview=${SEED.interviews.backendEngineer}&page_size=50`));
		expect(first.count).toBe(33);
		expect(first.results).toHaveLength(30);
		expect(first.previous).toBeNull();
		const next = new URL(first.next!);
		expect(next.pathname).toBe(`${willo.prefix}/participants/`);
		expect(Object.fromEntries(next.searchParams)).toEqual({ interview: SEED.interviews.backendEngineer, page_size: '50', page: '2' });
		const second = await json<Page<Participant>>(await fetch(first.next!, { headers: { authorization: KEY } }));
		expect(second.results.map((p) => p.name)).toEqual(['Candidate 30', 'Candidate 31', 'Candidate 32']);
		expect(second.next).toBeNull();
		const past = await api(`/participants/?interview=${SEED.interviews.backendEngineer}&page=3&page_size=30`);
		expect(past.status).toBe(404);
		expect(await json(past)).toEqual({ detail: 'Invalid page.' });
		expect((await json<Page<Participant>>(await api('/participants/'))).results).toHaveLength(10); // default page size
	});

	it('filters interviews by search, owner and department, and orders them', async () => {
		const search = await json<Page<{ title: string }>>(await api('/interviews/?search=analyst'));
		expect(search.results.map((i) => i.title)).toEqual(['Data Analyst: First Interview']);
		const byDepartment = await json<Page<{ key: string }>>(await api(`/interviews/?department=${SEED.departments.operations}&ordering=-created_at`));
		expect(byDepartment.results.map((i) => i.key)).toEqual([SEED.interviews.dataAnalyst, SEED.interviews.supportArchived]);
		const byOwner = await json<Page<{ key: string }>>(await api(`/interviews/?owner=${SEED.users.hiringManager}`));
		expect(byOwner.results.map((i) => i.key)).toEqual([SEED.interviews.dataAnalyst]);
		expect((await api('/interviews/nope/')).status).toBe(404);
	});
});

describe('Willo simulator: participants', () => {
	it('answers 400 per field: name required, E.164 phone, valid e-mail, known interview', async () => {
		const noName = await api('/participants/', { method: 'POST', body: { interview: SEED.interviews.backendEngineer, email: 'a@example.org' } });
		expect(noName.status).toBe(400);
		expect(await json(noName)).toEqual({ name: ['This field is required.'] });
		const phone = await api('/participants/', { method: 'POST', body: { interview: SEED.interviews.backendEngineer, name: 'A', phone: '0415 555 0100' } });
		expect(phone.status).toBe(400);
		expect(Object.keys(await json(phone))).toEqual(['phone']);
		expect((await api('/participants/', { method: 'POST', body: { interview: SEED.interviews.backendEngineer, name: 'A', email: 'nope' } })).status).toBe(400);
		expect((await api('/participants/', { method: 'POST', body: { interview: 'missing', name: 'A' } })).status).toBe(400);
		expect((await api('/participants/', { method: 'POST', body: { interview: SEED.interviews.supportArchived, name: 'A', email: 'a@example.org' } })).status).toBe(400);
		expect(await control<unknown[]>('GET', '/willo/participants')).toEqual([]);
	});

	it('keeps metadata and external_id, counts invitations, and lets the same e-mail in twice', async () => {
		const metadata = { ats_candidate_id: 'contact-1', ats_application_id: 'opp-1' };
		const a = await invite('Jane Doe', { phone: '+14155550100', external_id: 'opp-1', metadata });
		expect(a).toMatchObject({ name: 'Jane Doe', phone: '+14155550100', external_id: 'opp-1', metadata, stage: 'Invited', completed_at: null, responses: [] });
		await invite('Jane Doe');
		const state = await control<Participant[]>('GET', '/willo/participants');
		expect(state).toHaveLength(2);
		expect(state[0].invitationsSent).toEqual({ email: 1, sms: 1 });
	});

	it('answers the tutorial route as an alias', async () => {
		const res = await api('/v1/interviews/send', {
			method: 'POST',
			body: { interview_id: SEED.interviews.dataAnalyst, candidate: { name: 'Tu Torial', email: 'tu@example.org' }, metadata: { ats_candidate_id: 'c-9' } },
		});
		expect(res.status).toBe(201);
		expect(await json(res)).toMatchObject({ interview: SEED.interviews.dataAnalyst, metadata: { ats_candidate_id: 'c-9' } });
	});

	it('registers a candidate through the public link: no ATS metadata, nothing sent, answers complete it', async () => {
		const registered = await control<Participant & { createdBy: string }>('POST', '/willo/self-register', { interview: SEED.interviews.backendEngineer, name: 'Sam Self', email: 'sam@example.org' });
		expect(registered).toMatchObject({ metadata: {}, external_id: null, createdBy: 'public-link', invitationsSent: { email: 0, sms: 0 } });
		await expect(control('POST', '/willo/self-register', { interview: SEED.interviews.backendEngineer, email: 'sam@example.org' })).rejects.toThrow(/400/);
		const done = await control<{ participant: Participant }>('POST', '/willo/complete', { interview: SEED.interviews.backendEngineer, email: 'sam@example.org' });
		expect(done.participant.completed_at).not.toBeNull();
	});

	it('creates an interview from a template with its questions', async () => {
		const res = await api(`/interview-templates/${SEED.templates.screening}/interviews/`, { method: 'POST', body: { title: 'Platform Engineer' } });
		expect(res.status).toBe(201);
		const created = await json<{ key: string; title: string; questions: unknown[]; department: { key: string } }>(res);
		expect(created).toMatchObject({ title: 'Platform Engineer', department: { key: SEED.departments.engineering } });
		expect(created.questions).toHaveLength(3);
		expect((await api(`/interviews/${created.key}/`)).status).toBe(200);
		expect((await api(`/interview-templates/${SEED.templates.screening}/interviews/`, { method: 'POST', body: {} })).status).toBe(400);
	});
});

describe('Willo simulator: webhooks and deliveries', () => {
	it('delivers unsigned events to the registered URL with its token, new_response without naming its event', async () => {
		const receiver = await startReceiver();
		try {
			const hookUrl = `${receiver.url}?token=tok-1&event=new_response`;
			const created = await api('/webhooks/', {
				method: 'POST',
				body: { url: hookUrl, event: 'new_response', interviews: [SEED.interviews.backendEngineer], follow_all_interviews: false, api_version: 'v1', status: 'active' },
			});
			expect(created.status).toBe(201);
			const hook = await json<Webhook>(created);
			expect(hook).toMatchObject({ url: hookUrl, event: 'new_response', interviews: [SEED.interviews.backendEngineer], status: 'active' });
			const stageHook = await json<Webhook>(await api('/webhooks/', { method: 'POST', body: { url: `${receiver.url}?token=tok-2&event=stage_change`, event: 'stage_change', follow_all_interviews: true } }));

			const p = await invite('Ana Answer', { metadata: { ats_application_id: 'opp-7' } });
			const done = await control<{ participant: Participant; deliveries: Delivery[] }>('POST', '/willo/complete', { participantKey: p.key });
			expect(done.deliveries).toHaveLength(1);
			expect(done.deliveries[0].status).toBe(200);
			const delivered = receiver.received[0];
			expect(delivered.url).toBe('/webhook/abc/webhook?token=tok-1&event=new_response');
			expect(delivered.headers['x-willo-signature']).toBeUndefined();
			expect(delivered.body).not.toHaveProperty('event');
			expect(delivered.body.participant).toEqual({ key: p.key, name: 'Ana Answer', email: 'ana.answer@example.org', stage: 'Responded', interview: SEED.interviews.backendEngineer });
			expect(Date.parse(String(delivered.body.created_at))).toBeGreaterThan(Date.now() - 60_000);

			const full = await json<Participant>(await api(`/participants/${p.key}/`));
			expect(full.completed_at).not.toBeNull();
			const [first, second, third] = full.responses;
			expect(first).toMatchObject({ answer_type: 'video', video_url: expect.stringContaining('.mp4'), transcript: expect.any(String) });
			// The quirk: a later video answer carries only media_url.
			expect(second).toMatchObject({ answer_type: 'video', video_url: null, media_url: expect.stringContaining('.mp4') });
			expect(third).toMatchObject({ answer_type: 'text', media_url: null, text: expect.any(String) });

			const moved = await control<{ deliveries: Delivery[] }>('POST', '/willo/stage', { participantKey: p.key, stage: 'Shortlisted' });
			expect(moved.deliveries.map((d) => d.webhookId)).toEqual([stageHook.key]);
			expect(receiver.received[1].body).toMatchObject({ event: 'stage_change', stage: 'Shortlisted', previous_stage: 'Responded' });

			// An interview the first webhook does not follow, and an inactive webhook, get nothing.
			await api(`/webhooks/${hook.key}/`, { method: 'PATCH', body: { status: 'inactive' } });
			const other = await json<Participant>(await api('/participants/', { method: 'POST', body: { interview: SEED.interviews.dataAnalyst, name: 'Dee', email: 'dee@example.org' } }));
			expect((await control<{ deliveries: Delivery[] }>('POST', '/willo/complete', { participantKey: other.key })).deliveries).toEqual([]);

			const forged = await control<{ deliveries: Delivery[] }>('POST', '/willo/deliver', { event: 'new_response', participantKey: p.key, webhookKey: hook.key, token: 'forged' });
			expect(new URL(forged.deliveries[0].url).searchParams.get('token')).toBe('forged');

			expect((await api(`/webhooks/${hook.key}/`, { method: 'DELETE' })).status).toBe(204);
			expect((await api(`/webhooks/${hook.key}/`, { method: 'DELETE' })).status).toBe(404);
		} finally {
			await receiver.close();
		}
	});

	it('delivers scores and comments, and refuses webhooks to non-loopback hosts or unknown events', async () => {
		const receiver = await startReceiver();
		try {
			await api('/webhooks/', { method: 'POST', body: { url: `${receiver.url}?token=t&event=new_score`, event: 'new_score', follow_all_interviews: true } });
			await api('/webhooks/', { method: 'POST', body: { url: `${receiver.url}?token=t&event=new_comment`, event: 'new_comment', follow_all_interviews: true } });
			const p = await invite('Sam Score');
			await control('POST', '/willo/score', { interview: SEED.interviews.backendEngineer, email: 'sam.score@example.org', score: 4 });
			await control('POST', '/willo/comment', { participantKey: p.key, text: 'Clear answers' });
			expect(receiver.received[0].body).toMatchObject({ event: 'new_score', score: 4, max_score: 5 });
			expect(receiver.received[1].body).toMatchObject({ event: 'new_comment', comment: { text: 'Clear answers' } });
			expect(await json(await api(`/participants/${p.key}/`))).toMatchObject({ score: 4, max_score: 5 });
		} finally {
			await receiver.close();
		}
		expect((await api('/webhooks/', { method: 'POST', body: { url: 'https://example.com/hook', event: 'new_score' } })).status).toBe(400);
		expect((await api('/webhooks/', { method: 'POST', body: { url: 'http://127.0.0.1:1/hook', event: 'interview.completed' } })).status).toBe(400);
	});
});

describe('Willo simulator: throttling', () => {
	it('answers an injected 429 with Retry-After in its own error shape', async () => {
		await control('POST', '/faults', { service: 'willo', nextRequests: 1, kind: '429-retry-after', retryAfterSeconds: 3 });
		const throttled = await api('/interviews/');
		expect(throttled.status).toBe(429);
		expect(throttled.headers.get('retry-after')).toBe('3');
		expect(await json(throttled)).toHaveProperty('detail');
		expect((await api('/interviews/')).status).toBe(200);
	});
});

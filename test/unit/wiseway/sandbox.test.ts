/**
 * The WiseWay simulator against the project's API note: x-api-key auth (owner and member keys),
 * plain-array lists with page and limit, the 409 on a repeated e-mail, positions without
 * invitation messages, webhooks with a secret (or without, when so set), deliveries signed with
 * HMAC-SHA256 of the raw body, repeated deliveries, and 429 with Retry-After.
 */
import * as crypto from 'node:crypto';
import * as http from 'node:http';

import { createSandbox } from '../../../simulator/shared/core';
import * as wiseway from '../../../simulator/wiseway';
import { startReceiver as startLocalReceiver, type Receiver } from '../helpers/receiver';

interface Candidate {
	id: string; positionId: string; name: string; email: string; phone: string | null; status: string; interviewLink: string;
	invitedAt: string | null; startedAt: string | null; completedAt: string | null; rating: number | null; metadata: Record<string, unknown> | null;
	emailsSent?: number; smsSent?: number;
}
interface Position { id: string; title: string; status: string; questions: Array<{ id: string; text: string; type: string; order: number }>; candidatesCount: number }
interface Webhook { id: string; url: string; events: string[]; active: boolean; secret?: string }
interface Delivery { webhookId: string; event: string; status: number; payload: Record<string, unknown> }
interface Received { headers: http.IncomingHttpHeaders; raw: string; body: Record<string, unknown> }

const SEED = wiseway.SEED;
const KEY: string = wiseway.SECRETS.apiKey;
const BACKEND = SEED.positions.backendEngineer;
const SUPPORT = SEED.positions.customerSupport;
let sandbox: ReturnType<typeof createSandbox>;
let url: string;
let base: string;

function api(path: string, init: { method?: string; body?: unknown; key?: string | null } = {}): Promise<Response> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (init.key !== null) headers['x-api-key'] = init.key ?? KEY;
	return fetch(`${base}/api/app${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}

async function json<T>(res: Response): Promise<T> {
	return (await res.json()) as T;
}

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
	const res = await fetch(`${url}/_control${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
	if (!res.ok) throw new Error(`${method} /_control${path} → ${res.status} ${await res.text()}`);
	return json<T>(res);
}

async function invite(positionId: string, name: string, extra: Record<string, unknown> = {}): Promise<Candidate> {
	const res = await api(`/positions/${positionId}/candidates`, { method: 'POST', body: { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.org`, ...extra } });
	expect(res.status).toBe(201);
	return json<Candidate>(res);
}

function startReceiver(): Promise<Receiver<Received>> {
	return startLocalReceiver<Received>({
		record: ({ headers, raw }) => {
			const text = raw.toString('utf8');
			return { headers, raw: text, body: JSON.parse(text) };
		},
	});
}

function hmac(secret: string, raw: string): string {
	return crypto.createHmac('sha256', secret).update(raw).digest('hex');
}

beforeAll(async () => {
	sandbox = createSandbox([wiseway]);
	url = (await sandbox.listen(0, '127.0.0.1')).url;
	base = url + wiseway.prefix;
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

describe('WiseWay simulator: auth', () => {
	it('takes x-api-key and answers 401 in its own shape otherwise', async () => {
		expect((await api('/positions')).status).toBe(200);
		const none = await api('/positions', { key: null });
		expect(none.status).toBe(401);
		expect(await json(none)).toEqual({ error: 'Missing x-api-key header' });
		expect((await api('/positions', { key: 'wrong' })).status).toBe(401);
		const bearer = await fetch(`${base}/api/app/positions`, { headers: { authorization: `Bearer ${KEY}` } });
		expect(bearer.status).toBe(401);
	});

	it('lets only the owner key manage webhooks', async () => {
		const member = wiseway.SECRETS.memberApiKey;
		expect((await api('/positions', { key: member })).status).toBe(200);
		const refused = await api('/webhooks', { method: 'POST', key: member, body: { url: 'http://127.0.0.1:1/hook', events: ['interview.completed'] } });
		expect(refused.status).toBe(403);
		expect(await json(refused)).toEqual({ error: 'Only the workspace owner can manage webhooks' });
	});
});

describe('WiseWay simulator: positions and lists', () => {
	it('lists plain arrays, paged by page and limit when asked, all at once otherwise', async () => {
		for (let n = 0; n < 5; n++) await invite(BACKEND, `Candidate ${n}`);
		const all = await json<Candidate[]>(await api(`/positions/${BACKEND}/candidates`));
		expect(all.map((c) => c.name)).toEqual(['Candidate 0', 'Candidate 1', 'Candidate 2', 'Candidate 3', 'Candidate 4']);
		const second = await json<Candidate[]>(await api(`/positions/${BACKEND}/candidates?page=2&limit=2`));
		expect(second.map((c) => c.name)).toEqual(['Candidate 2', 'Candidate 3']);
		expect(await json(await api(`/positions/${BACKEND}/candidates?page=4&limit=2`))).toEqual([]);
		expect((await api('/positions?limit=101')).status).toBe(400);
		expect((await api('/positions?page=0')).status).toBe(400);
		const positions = await json<Position[]>(await api('/positions'));
		expect(positions.map((p) => p.id)).toEqual([BACKEND, SUPPORT, SEED.positions.summerInternship]);
		expect(positions[0].candidatesCount).toBe(5);
	});

	it('creates, updates (partially) and deletes a position, questions in order', async () => {
		const created = await api('/positions', { method: 'POST', body: { title: 'Platform Engineer', questions: [{ text: 'Why?', type: 'text' }, { text: 'Show us.' }] } });
		expect(created.status).toBe(201);
		const position = await json<Position>(created);
		expect(position).toMatchObject({ title: 'Platform Engineer', status: 'active', candidatesCount: 0 });
		expect(position.questions.map((q) => [q.text, q.type, q.order])).toEqual([['Why?', 'text', 1], ['Show us.', 'video', 2]]);
		const updated = await json<Position>(await api(`/positions/${position.id}`, { method: 'PUT', body: { status: 'closed' } }));
		expect(updated).toMatchObject({ title: 'Platform Engineer', status: 'closed' });
		expect((await api(`/positions/${position.id}`, { method: 'PUT', body: { status: 'archived' } })).status).toBe(400);
		expect((await api('/positions', { method: 'POST', body: {} })).status).toBe(400);
		expect((await api(`/positions/${position.id}`, { method: 'DELETE' })).status).toBe(204);
		const gone = await api(`/positions/${position.id}`);
		expect(gone.status).toBe(404);
		expect(await json(gone)).toEqual({ error: 'Position not found' });
	});
});

describe('WiseWay simulator: candidates', () => {
	it('invites with metadata and an interview link, and answers 409 to the same e-mail in any case', async () => {
		const metadata = { atsCandidateId: '2001', atsApplicationId: '3001' };
		const jane = await invite(BACKEND, 'Jane Doe', { phone: '+14155550101', metadata });
		expect(jane).toMatchObject({ positionId: BACKEND, status: 'invited', phone: '+14155550101', metadata, rating: null, completedAt: null });
		expect(jane.interviewLink).toMatch(new RegExp(`^${url}/wiseway/i/[0-9a-f]{32}$`));
		const again = await api(`/positions/${BACKEND}/candidates`, { method: 'POST', body: { name: 'Jane', email: 'JANE.DOE@example.org' } });
		expect(again.status).toBe(409);
		expect(await json(again)).toEqual({ error: 'Candidate with this email already exists for this position' });
		// Another position takes the same e-mail.
		await invite(SUPPORT, 'Jane Doe');
		const state = await control<Candidate[]>('GET', '/wiseway/candidates');
		expect(state).toHaveLength(2);
		expect(state[0]).toMatchObject({ emailsSent: 1, smsSent: 1 });
	});

	it('sends nothing for a position without invitation messages: the candidate stays created', async () => {
		const sam = await invite(SUPPORT, 'Sam Lee');
		expect(sam).toMatchObject({ status: 'created', invitedAt: null });
		expect((await control<Candidate[]>('GET', '/wiseway/candidates'))[0]).toMatchObject({ emailsSent: 0, smsSent: 0 });
	});

	it.each([
		['no name', { email: 'a@example.org' }, 'name is required'],
		['no e-mail', { name: 'A' }, 'email is required'],
		['a bad e-mail', { name: 'A', email: 'nope' }, 'email is not a valid e-mail address'],
		['a phone not in international form', { name: 'A', email: 'a@example.org', phone: '0415 555 0100' }, 'phone must be in international format, e.g. +14155550100'],
	])('answers 400 to %s and stores nothing', async (_name, body, message) => {
		const res = await api(`/positions/${BACKEND}/candidates`, { method: 'POST', body });
		expect(res.status).toBe(400);
		expect(await json(res)).toEqual({ error: message });
		expect(await control<unknown[]>('GET', '/wiseway/candidates')).toEqual([]);
	});

	it('refuses invites to a closed position and removes candidates', async () => {
		expect((await api(`/positions/${SEED.positions.summerInternship}/candidates`, { method: 'POST', body: { name: 'A', email: 'a@example.org' } })).status).toBe(400);
		const jane = await invite(BACKEND, 'Jane Doe');
		expect((await api(`/positions/${SUPPORT}/candidates/${jane.id}`, { method: 'DELETE' })).status).toBe(404);
		expect((await api(`/positions/${BACKEND}/candidates/${jane.id}`, { method: 'DELETE' })).status).toBe(204);
		expect(await json(await api(`/positions/${BACKEND}/candidates`))).toEqual([]);
	});
});

describe('WiseWay simulator: webhooks and deliveries', () => {
	it('signs every delivery with the secret the creation returned, over the exact raw body', async () => {
		const receiver = await startReceiver();
		try {
			const created = await api('/webhooks', { method: 'POST', body: { url: receiver.url, events: ['candidate.created', 'candidate.invited', 'interview.started', 'interview.completed'] } });
			expect(created.status).toBe(201);
			const hook = await json<Webhook>(created);
			expect(hook.secret).toMatch(/^[0-9a-f]{64}$/);
			expect(await json<Webhook[]>(await api('/webhooks'))).toEqual([expect.not.objectContaining({ secret: expect.anything() })]);

			const jane = await invite(BACKEND, 'Jane Doe', { metadata: { atsApplicationId: '3001' } });
			expect(receiver.received.map((r) => r.body.event)).toEqual(['candidate.created', 'candidate.invited']);
			await control('POST', '/wiseway/start', { candidateId: jane.id });
			const done = await control<{ candidate: Candidate; deliveries: Delivery[] }>('POST', '/wiseway/complete', { positionId: BACKEND, email: 'JANE.DOE@example.org', rating: 4 });
			expect(done.candidate).toMatchObject({ status: 'completed', rating: 4 });
			expect(done.deliveries.map((d) => [d.event, d.status])).toEqual([['interview.completed', 200]]);

			for (const delivery of receiver.received) {
				expect(delivery.headers['x-wiseway-signature']).toBe(hmac(hook.secret!, delivery.raw));
			}
			const completed = receiver.received[3].body;
			expect(completed).toMatchObject({
				event: 'interview.completed',
				data: {
					candidate: { id: jane.id, email: 'jane.doe@example.org', status: 'completed', rating: 4, metadata: { atsApplicationId: '3001' }, interviewLink: jane.interviewLink },
					position: { id: BACKEND, title: 'Senior Backend Engineer' },
				},
			});
			expect(Date.parse(String(completed.timestamp))).toBeGreaterThan(Date.now() - 60_000);
		} finally {
			await receiver.close();
		}
	});

	it('delivers position events, skips inactive webhooks, and updates and deletes webhooks', async () => {
		const receiver = await startReceiver();
		try {
			const hook = await json<Webhook>(await api('/webhooks', { method: 'POST', body: { url: receiver.url, events: ['position.created', 'position.updated'] } }));
			const position = await json<Position>(await api('/positions', { method: 'POST', body: { title: 'Designer' } }));
			await api(`/positions/${position.id}`, { method: 'PUT', body: { title: 'Product Designer' } });
			expect(receiver.received.map((r) => [r.body.event, (r.body.data as { position: Position }).position.title])).toEqual([
				['position.created', 'Designer'],
				['position.updated', 'Product Designer'],
			]);
			const paused = await json<Webhook>(await api(`/webhooks/${hook.id}`, { method: 'PUT', body: { active: false } }));
			expect(paused).toMatchObject({ id: hook.id, active: false, events: ['position.created', 'position.updated'] });
			await api(`/positions/${position.id}`, { method: 'PUT', body: { title: 'Designer II' } });
			expect(receiver.received).toHaveLength(2);
			expect((await api(`/webhooks/${hook.id}`, { method: 'PUT', body: { events: ['nope'] } })).status).toBe(400);
			expect((await api(`/webhooks/${hook.id}`, { method: 'DELETE' })).status).toBe(204);
			expect((await api(`/webhooks/${hook.id}`, { method: 'DELETE' })).status).toBe(404);
		} finally {
			await receiver.close();
		}
		expect((await api('/webhooks', { method: 'POST', body: { url: 'https://example.com/hook', events: ['interview.completed'] } })).status).toBe(400);
		expect((await api('/webhooks', { method: 'POST', body: { url: 'http://127.0.0.1:1/hook', events: [] } })).status).toBe(400);
	});

	it('without a secret in the creation answer, signs with the workspace secret, as webhooks made in the app are', async () => {
		const receiver = await startReceiver();
		try {
			await control('POST', '/wiseway/settings', { returnSecretOnCreate: false });
			const hook = await json<Webhook>(await api('/webhooks', { method: 'POST', body: { url: receiver.url, events: ['interview.completed'] } }));
			expect(hook.secret).toBeUndefined();
			const app = await control<Webhook>('POST', '/wiseway/webhooks', { url: receiver.url, events: ['interview.completed'] });
			expect(app.secret).toBe(wiseway.SECRETS.webhookSecret);
			const jane = await invite(BACKEND, 'Jane Doe');
			await control('POST', '/wiseway/complete', { candidateId: jane.id });
			expect(receiver.received).toHaveLength(2);
			for (const delivery of receiver.received) expect(delivery.headers['x-wiseway-signature']).toBe(hmac(wiseway.SECRETS.webhookSecret, delivery.raw));
		} finally {
			await receiver.close();
		}
	});

	it('repeats a delivery byte for byte, and forges signatures, timestamps and bodies on request', async () => {
		const receiver = await startReceiver();
		try {
			const hook = await json<Webhook>(await api('/webhooks', { method: 'POST', body: { url: receiver.url, events: ['interview.completed'] } }));
			const jane = await invite(BACKEND, 'Jane Doe');
			await control('POST', '/wiseway/deliver', { event: 'interview.completed', candidateId: jane.id, repeat: 2 });
			expect(receiver.received).toHaveLength(2);
			expect(receiver.received[0].raw).toBe(receiver.received[1].raw);

			await control('POST', '/wiseway/settings', { duplicateDeliveries: true });
			await control('POST', '/wiseway/complete', { candidateId: jane.id });
			expect(receiver.received).toHaveLength(4);
			expect(receiver.received[2].raw).toBe(receiver.received[3].raw);

			const stale = new Date(Date.now() - 3 * 3600_000).toISOString();
			await control('POST', '/wiseway/deliver', { event: 'interview.completed', candidateId: jane.id, webhookId: hook.id, signature: 'f'.repeat(64), timestamp: stale, repeat: 1 });
			expect(receiver.received[4].headers['x-wiseway-signature']).toBe('f'.repeat(64));
			expect(receiver.received[4].body.timestamp).toBe(stale);
			await control('POST', '/wiseway/deliver', { event: 'interview.completed', body: { hello: 'world' }, repeat: 1 });
			expect(receiver.received[5].raw).toBe('{"hello":"world"}');
			expect(receiver.received[5].headers['x-wiseway-signature']).toBe(hmac(hook.secret!, '{"hello":"world"}'));
		} finally {
			await receiver.close();
		}
	});
});

describe('WiseWay simulator: rate limiting', () => {
	it('answers 429 with Retry-After once the per-key limit is spent', async () => {
		await control('POST', '/wiseway/settings', { rateLimit: { limit: 2, windowSeconds: 30 } });
		expect((await api('/positions')).status).toBe(200);
		expect((await api('/positions')).status).toBe(200);
		const limited = await api('/positions');
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(29);
		expect(await json(limited)).toEqual({ error: 'Too Many Requests' });
		await control('POST', '/wiseway/settings', { rateLimit: null });
		expect((await api('/positions')).status).toBe(200);
	});

	it('answers an injected 429 with Retry-After in its own error shape', async () => {
		await control('POST', '/faults', { service: 'wiseway', nextRequests: 1, kind: '429-retry-after', retryAfterSeconds: 3 });
		const throttled = await api('/positions');
		expect(throttled.status).toBe(429);
		expect(throttled.headers.get('retry-after')).toBe('3');
		expect(await json(throttled)).toHaveProperty('error');
		expect((await api('/positions')).status).toBe(200);
	});
});

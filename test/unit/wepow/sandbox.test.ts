/**
 * The Wepow simulator against docs/api/wepow.md: Basic "<subdomain>.<email>:<key>" and the
 * HAL Accept header, absolute _links and paging, template -> position, the never-twice rule, bulk
 * and its 422, resend, single-use review links, notifications registered without an id and
 * delivered unsigned to a URL carrying the subscriber's token.
 */
import * as http from 'node:http';

import { createSandbox } from '../../../simulator/shared/core';
import * as wepow from '../../../simulator/wepow';
import { startReceiver as startLocalReceiver, type Receiver } from '../helpers/receiver';

type Json = Record<string, any>;
interface Received { url: string; headers: http.IncomingHttpHeaders; body: Json }

const SEED = wepow.SEED;
const AUTH = `Basic ${Buffer.from(`${wepow.SECRETS.username}:${wepow.SECRETS.apiKey}`).toString('base64')}`;
let sandbox: ReturnType<typeof createSandbox>;
let url: string;
let base: string;

function api(path: string, init: { method?: string; body?: unknown; auth?: string | null; accept?: string | null } = {}): Promise<Response> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (init.auth !== null) headers.authorization = init.auth ?? AUTH;
	if (init.accept !== null) headers.accept = init.accept ?? 'application/hal+json';
	const target = path.startsWith('http') ? path : base + path;
	return fetch(target, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}

async function json(res: Response): Promise<Json> {
	return (await res.json()) as Json;
}

async function control(method: string, path: string, body?: unknown): Promise<Json> {
	const res = await fetch(`${url}/_control${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
	if (!res.ok) throw new Error(`${method} /_control${path} → ${res.status} ${await res.text()}`);
	return json(res);
}

function invite(email: string, externalId: string, interviewId: string = SEED.interviews.backendEngineer): Promise<Response> {
	return api(`/hypermedia/interviews/${interviewId}/applications`, { method: 'POST', body: { candidate: { email, first_name: 'Jane', last_name: 'Doe', external_id: externalId } } });
}

function iframeLink(application: Json): string {
	return application._links['wepow:application:response'].find((link: Json) => link.name === 'iframe').href;
}

function startReceiver(): Promise<Receiver<Received>> {
	return startLocalReceiver<Received>({
		record: ({ url, headers, raw }) => ({ url, headers, body: JSON.parse(raw.toString('utf8')) as Json }),
	});
}

beforeAll(async () => {
	sandbox = createSandbox([wepow]);
	url = (await sandbox.listen(0, '127.0.0.1')).url;
	base = url + wepow.prefix;
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

describe('Wepow simulator: auth and HAL', () => {
	it('takes Basic "<subdomain>.<email>:<key>" and answers HAL', async () => {
		const res = await api('/');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/application\/hal\+json/);
		const root = await json(res);
		expect(root._links['wepow:interview']).toEqual({ href: `${base}/hypermedia/interviews{/id}`, templated: true });
		expect(root._links['wepow:notifications'].href).toBe(`${base}/notifications`);
	});

	it.each([
		['no credentials', null],
		['a wrong key', `Basic ${Buffer.from(`${wepow.SECRETS.username}:nope`).toString('base64')}`],
		['the e-mail without the subdomain', `Basic ${Buffer.from(`${wepow.SECRETS.email}:${wepow.SECRETS.apiKey}`).toString('base64')}`],
		['a Bearer token', `Bearer ${wepow.SECRETS.apiKey}`],
	])('answers 401 to %s', async (_name, auth) => {
		const res = await api('/hypermedia/interviews', { auth });
		expect(res.status).toBe(401);
		expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
		expect((await json(res)).message).toBeDefined();
	});

	it('answers 406 without Accept: application/hal+json', async () => {
		expect((await api('/', { accept: null })).status).toBe(406);
		expect((await api('/', { accept: 'application/json' })).status).toBe(406);
	});

	it('pages lists with absolute next and prev links that carry the filters on', async () => {
		const first = await json(await api('/hypermedia/interview_templates?per_page=2'));
		expect(first.count).toBe(3);
		expect(first._embedded['wepow:interview_template'].map((t: Json) => String(t.id))).toEqual([SEED.templates.standard, SEED.templates.engineering]);
		const second = await json(await api(first._links.next.href));
		expect(second._embedded['wepow:interview_template'].map((t: Json) => String(t.id))).toEqual([SEED.templates.customerSupport]);
		expect(second._links.next).toBeUndefined();
		expect(second._links.prev.href).toContain('page=1');
		const filtered = await json(await api(`/hypermedia/interviews?external_id=${SEED.atsJobs.backendEngineer}&per_page=1`));
		expect(filtered._embedded['wepow:interview'].map((i: Json) => String(i.id))).toEqual([SEED.interviews.backendEngineer]);
		expect((await api('/hypermedia/interviews?per_page=101')).status).toBe(400);
	});
});

describe('Wepow simulator: positions and invitations', () => {
	it('creates a position from a template, searchable by the ATS job id, oldest first', async () => {
		const create = () => api(`/hypermedia/interview_templates/${SEED.templates.engineering}/interviews`, { method: 'POST', body: { name: 'Data Analyst', external_id: '1002' } });
		const created = await create();
		expect(created.status).toBe(201);
		const position = await json(created);
		expect(position).toMatchObject({ name: 'Data Analyst', external_id: '1002', status: 'active', template_id: Number(SEED.templates.engineering) });
		const again = await json(await create());
		const found = await json(await api('/hypermedia/interviews?external_id=1002'));
		expect(found._embedded['wepow:interview'].map((i: Json) => i.id)).toEqual([position.id, again.id]);
		expect((await api(`/hypermedia/interview_templates/${SEED.templates.engineering}/interviews`, { method: 'POST', body: {} })).status).toBe(422);
	});

	it('never sends the same invitation twice: a repeat answers 200 with the application it has', async () => {
		const first = await invite('jane.doe@example.org', '3001');
		expect(first.status).toBe(201);
		const application = await json(first);
		expect(application).toMatchObject({ status: 'sent', external_id: '3001', previous_interviews_count: 0 });
		const repeat = await invite('Jane.Doe@example.org', '3001');
		expect(repeat.status).toBe(200);
		expect((await json(repeat)).id).toBe(application.id);
		const [state] = await control('GET', '/wepow/applications') as unknown as Json[];
		expect(state.emailsSent).toBe(1);
	});

	it('counts the interviews a candidate was invited to before', async () => {
		const position = await json(await api(`/hypermedia/interview_templates/${SEED.templates.standard}/interviews`, { method: 'POST', body: { name: 'Data Analyst', external_id: '1002' } }));
		await invite('sam.lee@example.org', '3002');
		const second = await json(await invite('sam.lee@example.org', '3004', String(position.id)));
		expect(second.previous_interviews_count).toBe(1);
	});

	it('refuses invitations to a closed position with 422, and a bad e-mail with field errors', async () => {
		const closed = await invite('jane.doe@example.org', '3001', SEED.interviews.productDesignerClosed);
		expect(closed.status).toBe(422);
		const bad = await invite('not-an-email', '3001');
		expect(bad.status).toBe(422);
		expect((await json(bad)).errors).toHaveProperty(['candidate.email']);
	});

	it('bulk: 202 with one application per candidate in order, duplicates marked and not sent again', async () => {
		await invite('b@example.org', '4002');
		const res = await api(`/hypermedia/interviews/${SEED.interviews.backendEngineer}/applications/bulk`, {
			method: 'POST',
			body: { candidates: ['a', 'b', 'c'].map((letter, index) => ({ email: `${letter}@example.org`, first_name: letter, last_name: 'X', external_id: String(4001 + index) })) },
		});
		expect(res.status).toBe(202);
		const answers = (await json(res))._embedded['wepow:application'];
		expect(answers.map((a: Json) => [a._embedded['wepow:candidate'].email, a.duplicate])).toEqual([['a@example.org', false], ['b@example.org', true], ['c@example.org', false]]);
		const applications = (await control('GET', '/wepow/applications')) as unknown as Json[];
		expect(applications.map((a) => a.emailsSent)).toEqual([1, 1, 1]);
	});

	it('bulk: all or nothing on a bad candidate, 422 on a closed position or more than 100', async () => {
		const path = (id: string) => `/hypermedia/interviews/${id}/applications/bulk`;
		expect((await api(path(SEED.interviews.backendEngineer), { method: 'POST', body: { candidates: [{ email: 'a@example.org' }, { email: 'nope' }] } })).status).toBe(422);
		expect(await control('GET', '/wepow/applications')).toEqual([]);
		expect((await api(path(SEED.interviews.productDesignerClosed), { method: 'POST', body: { candidates: [{ email: 'a@example.org' }] } })).status).toBe(422);
		const many = Array.from({ length: 101 }, (_unused, index) => ({ email: `p${index}@example.org` }));
		expect((await api(path(SEED.interviews.backendEngineer), { method: 'POST', body: { candidates: many } })).status).toBe(422);
	});

	it('resends on request, all or nothing, and not once the interview is completed', async () => {
		const a = await json(await invite('a@example.org', '4001'));
		const b = await json(await invite('b@example.org', '4002'));
		const res = await api(`/hypermedia/applications/${a.id},${b.id}/resend`, { method: 'POST' });
		expect(res.status).toBe(200);
		expect((await json(res))._embedded['wepow:application']).toHaveLength(2);
		expect(((await control('GET', '/wepow/applications')) as unknown as Json[]).map((x) => x.emailsSent)).toEqual([2, 2]);
		expect((await api(`/hypermedia/applications/${a.id},999999/resend`, { method: 'POST' })).status).toBe(404);
		await control('POST', '/wepow/complete', { applicationId: a.id });
		expect((await api(`/hypermedia/applications/${a.id}/resend`, { method: 'POST' })).status).toBe(422);
	});

	it('issues a fresh single-use limited-access link on every read', async () => {
		const created = await json(await invite('jane.doe@example.org', '3001'));
		const read = await json(await api(`/hypermedia/applications/${created.id}`));
		expect(iframeLink(read)).not.toBe(iframeLink(created));
		const link = iframeLink(read);
		const view = await fetch(link);
		expect(view.status).toBe(200);
		expect(await view.text()).toContain('Jane Doe');
		expect((await fetch(link)).status).toBe(410);
		// An older, unused link still works once.
		expect((await fetch(iframeLink(created))).status).toBe(200);
		const standard = read._links['wepow:application:response'].find((l: Json) => l.name === 'standard').href;
		expect((await fetch(standard)).status).toBe(200);
	});

	it('resets an application to new with PUT status, and nothing else', async () => {
		const created = await json(await invite('jane.doe@example.org', '3001'));
		await control('POST', '/wepow/complete', { applicationId: created.id });
		expect((await api(`/hypermedia/applications/${created.id}/status`, { method: 'PUT', body: { status: 'sent' } })).status).toBe(422);
		expect((await api(`/hypermedia/applications/${created.id}/status`, { method: 'PUT', body: { status: 'new' } })).status).toBe(204);
		expect(await json(await api(`/hypermedia/applications/${created.id}`))).toMatchObject({ status: 'new', date_completed: null });
	});
});

describe('Wepow simulator: notifications', () => {
	it('registers with 204 and no id, lists with ids, delivers unsigned to the URL with its token, deletes', async () => {
		const receiver = await startReceiver();
		try {
			const callback = `${receiver.url}?token=secret-token`;
			const created = await api('/notifications', { method: 'POST', body: { callback_url: callback, target: 'application_status' } });
			expect(created.status).toBe(204);
			expect(await created.text()).toBe('');
			// The same registration again makes no second notification.
			await api('/notifications', { method: 'POST', body: { callback_url: callback, target: 'application_status' } });
			const list = await json(await api('/notifications'));
			expect(list._embedded['wepow:notification']).toEqual([
				{ id: 601, callback_url: callback, target: 'application_status', active: true, _links: { self: { href: `${base}/hypermedia/notifications/601` } } },
			]);

			const application = await json(await invite('jane.doe@example.org', '3001'));
			const { deliveries } = await control('POST', '/wepow/complete', { applicationId: application.id, evaluationStatus: 'approved' });
			expect(deliveries[0]).toMatchObject({ status: 200, webhookId: '601', event: 'application_status' });
			expect(receiver.received).toHaveLength(1);
			const [delivery] = receiver.received;
			expect(delivery.url).toBe('/webhook/abc/webhook?token=secret-token');
			expect(delivery.headers['x-wepow-signature']).toBeUndefined();
			expect(delivery.body).toMatchObject({ target: 'application_status', application: { id: application.id, status: 'completed', evaluation_status: 'approved', external_id: '3001' } });
			expect(Date.parse(delivery.body.application.date_completed)).not.toBeNaN();
			// The notification's review link is already spent: read the application again for a fresh one.
			expect((await fetch(iframeLink(delivery.body.application))).status).toBe(410);

			expect((await api('/hypermedia/notifications/601', { method: 'DELETE' })).status).toBe(204);
			expect((await api('/hypermedia/notifications/601', { method: 'DELETE' })).status).toBe(404);
			await control('POST', '/wepow/start', { interviewId: SEED.interviews.backendEngineer, email: 'jane.doe@example.org' });
			expect(receiver.received).toHaveLength(1);
		} finally {
			await receiver.close();
		}
	});

	it('refuses non-loopback callbacks and other targets', async () => {
		expect((await api('/notifications', { method: 'POST', body: { callback_url: 'https://example.com/hook', target: 'application_status' } })).status).toBe(422);
		expect((await api('/notifications', { method: 'POST', body: { callback_url: 'http://127.0.0.1:1/x', target: 'interview_status' } })).status).toBe(422);
	});

	it('delivers with a changed or missing token, a changed status or date, or a body of choice, for rejection tests', async () => {
		const receiver = await startReceiver();
		try {
			await api('/notifications', { method: 'POST', body: { callback_url: `${receiver.url}?token=right`, target: 'application_status' } });
			const application = await json(await invite('jane.doe@example.org', '3001'));
			await control('POST', '/wepow/deliver', { applicationId: application.id, token: 'wrong' });
			await control('POST', '/wepow/deliver', { applicationId: application.id, token: '' });
			await control('POST', '/wepow/deliver', { externalId: '3001', status: 'completed', dateUpdated: '2020-01-01T00:00:00.000Z' });
			await control('POST', '/wepow/deliver', { applicationId: application.id, body: { target: 'application_status', application: { id: 1 } } });
			expect(receiver.received.map((r) => r.url)).toEqual([
				'/webhook/abc/webhook?token=wrong',
				'/webhook/abc/webhook',
				'/webhook/abc/webhook?token=right',
				'/webhook/abc/webhook?token=right',
			]);
			expect(receiver.received[2].body.application).toMatchObject({ status: 'completed', date_updated: '2020-01-01T00:00:00.000Z' });
			expect(receiver.received[3].body).toEqual({ target: 'application_status', application: { id: 1 } });
		} finally {
			await receiver.close();
		}
	});

	it('gives each status change its own later date_updated', async () => {
		const application = await json(await invite('jane.doe@example.org', '3001'));
		const started = (await control('POST', '/wepow/start', { applicationId: application.id })).application;
		const completed = (await control('POST', `/wepow/applications/${application.id}/status`, { status: 'completed' })).application;
		expect(Date.parse(completed.date_updated)).toBeGreaterThan(Date.parse(started.date_updated));
		await expect(control('POST', `/wepow/applications/${application.id}/status`, { status: 'done' })).rejects.toThrow('400');
	});
});

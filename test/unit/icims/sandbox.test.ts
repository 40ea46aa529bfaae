/**
 * The iCIMS simulator against docs/api/icims.md: Basic and OAuth auth (token throttling,
 * expiry), the customer in the path, the daily quota headers, ids-only searches capped at 1,000
 * and paged by id, search staleness, the PATCH that needs an empty required field, results entries
 * with Location, and event notifications (Basic auth, gzip, duplicates).
 */
import * as http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { createSandbox } from '../../../simulator/shared/core';
import * as icims from '../../../simulator/icims';
import { startReceiver, type Receiver } from '../helpers/receiver';

interface Received { headers: http.IncomingHttpHeaders; raw: Buffer; json: Record<string, unknown> }
interface Delivery { status: number; webhookId: string; payload: unknown }
interface Workflow { id: string; status: { id: string }; source: string; assessmentresults: Array<Record<string, unknown>>; history: unknown[] }

const SEED = icims.SEED;
const SECRETS = icims.SECRETS;
const basic = icims.basicAuth(SECRETS.username, SECRETS.password);
let sandbox: ReturnType<typeof createSandbox>;
let url: string;
let api: string;
let receiver: Receiver<Received>;
let receiverUrl: string;
const received: Received[] = [];

function call(path: string, init: { method?: string; body?: unknown; auth?: string | null; customer?: string } = {}): Promise<Response> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (init.auth !== null) headers.authorization = init.auth ?? basic;
	return fetch(`${url}/icims/customers/${init.customer ?? SEED.customerId}${path}`, {
		method: init.method ?? 'GET',
		headers,
		body: init.body === undefined ? undefined : JSON.stringify(init.body),
	});
}

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
	const res = await fetch(`${url}/_control/icims${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
	if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
	return (await res.json()) as T;
}

function token(body: Record<string, unknown>): Promise<Response> {
	return fetch(`${url}/icims/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

const clientCredentials = { grant_type: 'client_credentials', client_id: SECRETS.clientId, client_secret: SECRETS.clientSecret, audience: SECRETS.audience };

beforeAll(async () => {
	sandbox = createSandbox([icims]);
	url = (await sandbox.listen(0, '127.0.0.1')).url;
	api = `${url}/icims/customers/${SEED.customerId}`;
	receiver = await startReceiver<Received>({
		received,
		record: ({ headers, raw }) => {
			const text = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw).toString() : raw.toString();
			return { headers, raw, json: JSON.parse(text) as Record<string, unknown> };
		},
	});
	receiverUrl = receiver.url;
});
beforeEach(() => {
	sandbox.reset();
	received.length = 0;
});
afterAll(async () => {
	await receiver.close();
	await sandbox.close();
});

describe('iCIMS simulator: auth and limits', () => {
	it("accepts the integration user's Basic credentials and refuses others in iCIMS' error shape", async () => {
		expect((await call(`/jobs/${SEED.jobs.backendEngineer}`)).status).toBe(200);
		for (const auth of [null, icims.basicAuth(SECRETS.username, 'wrong'), 'Bearer nope']) {
			const res = await call(`/jobs/${SEED.jobs.backendEngineer}`, { auth });
			expect(res.status).toBe(401);
			expect(await res.json()).toEqual({ errors: [{ errorMessage: expect.any(String), errorCode: 4 }] });
		}
		expect((await call(`/jobs/${SEED.jobs.backendEngineer}`, { customer: '1' })).status).toBe(403);
	});

	it('issues Bearer tokens for client credentials, refuses bad ones, and honours expiry', async () => {
		expect((await token({ ...clientCredentials, client_secret: 'x' })).status).toBe(401);
		expect((await token({ ...clientCredentials, audience: 'https://elsewhere/' })).status).toBe(403);
		expect((await token({ ...clientCredentials, grant_type: 'password' })).status).toBe(400);
		const form = await fetch(`${url}/icims/oauth/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(clientCredentials).toString(),
		});
		const issued = (await form.json()) as { access_token: string; token_type: string; expires_in: number };
		expect(issued).toMatchObject({ token_type: 'Bearer', expires_in: 86400 });
		expect((await call(`/jobs/${SEED.jobs.backendEngineer}`, { auth: `Bearer ${issued.access_token}` })).status).toBe(200);
		await control('POST', '/oauth/expire');
		expect((await call(`/jobs/${SEED.jobs.backendEngineer}`, { auth: `Bearer ${issued.access_token}` })).status).toBe(401);
		expect(await control('GET', '/oauth')).toEqual({ tokenRequests: 4, activeTokens: 0 });
	});

	it('throttles a client asking for more than 500 tokens in 10 minutes', async () => {
		for (let i = 0; i < 500; i++) expect((await token(clientCredentials)).status).toBe(200);
		expect((await token(clientCredentials)).status).toBe(429);
	});

	it('counts calls against the daily quota, says so in headers, and answers 429 when it is used up', async () => {
		const first = await call(`/people/${SEED.people.janeDoe}`);
		expect(first.headers.get('x-ratelimit-limit')).toBe('10000');
		expect(first.headers.get('x-ratelimit-remaining')).toBe('9999');
		expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
		await control('POST', '/quota', { used: 10_000 });
		const refused = await call(`/people/${SEED.people.janeDoe}`);
		expect(refused.status).toBe(429);
		expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(await control('GET', '/quota')).toMatchObject({ limit: 10_000, used: 10_000, remaining: 0 });
	});
});

describe('iCIMS simulator: profiles and writes', () => {
	it('serves workflows, people and jobs with numeric ids and the asked fields', async () => {
		const workflow = (await (await call(`/applicantworkflows/${SEED.workflows.janeBackend}`)).json()) as Record<string, unknown>;
		expect(workflow).toMatchObject({
			associatedprofile: { id: Number(SEED.people.janeDoe), value: 'Doe, Jane' },
			baseprofile: { id: Number(SEED.jobs.backendEngineer), value: 'Senior Backend Engineer' },
			status: { id: SEED.statuses.phoneScreen, value: 'Phone Screen' },
			updateddate: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} (AM|PM)$/),
		});
		const person = (await (await call(`/people/${SEED.people.janeDoe}?fields=firstname,email,phones`)).json()) as Record<string, unknown>;
		expect(Object.keys(person).sort()).toEqual(['email', 'firstname', 'links', 'phones']);
		expect(person.phones).toEqual([expect.objectContaining({ phonenumber: '+14155550101' })]);
		expect((await call('/jobs/999')).status).toBe(404);
	});

	it('refuses a status change while a required field is empty, and takes it with the field', async () => {
		const id = SEED.workflows.alexAnalyst;
		const refused = await call(`/applicantworkflows/${id}`, { method: 'PATCH', body: { status: { id: SEED.statuses.videoInterview } } });
		expect(refused.status).toBe(400);
		expect(((await refused.json()) as { errors: Array<{ errorMessage: string }> }).errors[0].errorMessage).toContain("'source'");
		expect((await call(`/applicantworkflows/${id}`, { method: 'PATCH', body: { status: { id: 'C0' } , source: 'x' } })).status).toBe(400);
		const ok = await call(`/applicantworkflows/${id}`, { method: 'PATCH', body: { status: { id: SEED.statuses.videoInterview }, source: 'Referral' } });
		expect(ok.status).toBe(204);
		expect(await control<Workflow>('GET', `/applicantworkflows/${id}`)).toMatchObject({ status: { id: SEED.statuses.videoInterview }, source: 'Referral' });
	});

	it('adds a results entry with a Location and updates it there', async () => {
		const id = SEED.workflows.janeBackend;
		const added = await call(`/applicantworkflows/${id}/fields/assessmentresults`, {
			method: 'POST',
			body: { assessmentname: { id: SEED.assessmentNames.wepowVideoInterview }, assessmentstatus: { id: SEED.assessmentStatuses.sent } },
		});
		expect(added.status).toBe(201);
		const location = added.headers.get('location')!;
		expect(location).toMatch(new RegExp(`^${api}/applicantworkflows/${id}/fields/assessmentresults/\\d+$`));
		const entryPath = location.slice(api.length);
		expect((await call(entryPath, { method: 'PATCH', body: { assessmentstatus: { id: SEED.assessmentStatuses.complete }, assessmentdate: '2026-02-01 05:30 PM', assessmenturl: 'https://x.test/r' } })).status).toBe(204);
		const read = (await (await call(`/applicantworkflows/${id}?fields=assessmentresults`)).json()) as { assessmentresults: Array<Record<string, unknown>> };
		expect(read.assessmentresults).toEqual([
			expect.objectContaining({
				assessmentname: { id: SEED.assessmentNames.wepowVideoInterview, value: 'Wepow Video Interview' },
				assessmentstatus: { id: SEED.assessmentStatuses.complete, value: 'Complete' },
				assessmentdate: '2026-02-01 05:30 PM',
			}),
		]);
		expect((await call(`/applicantworkflows/${id}/fields/assessmentresults/1`, { method: 'PATCH', body: {} })).status).toBe(404);
	});

	it.each([
		[{ assessmentdate: '2026-02-01T17:30:00Z' }],
		[{ assessmentname: { id: 'D0' } }],
		[{ assessmentresult: 'x'.repeat(129) }],
		[{ assessmentscore: '85' }],
		[{ interviewurl: 'https://x.test' }],
	])('refuses the entry %p with 400', async (body) => {
		const res = await call(`/applicantworkflows/${SEED.workflows.janeBackend}/fields/assessmentresults`, { method: 'POST', body });
		expect(res.status).toBe(400);
	});
});

describe('iCIMS simulator: search', () => {
	it('answers ids only, at most 1,000, oldest first, and pages with id >', async () => {
		await control('POST', '/applicantworkflows/bulk', { count: 1200, statusId: SEED.statuses.videoInterview });
		const filters = [{ name: 'applicantworkflow.status', value: [SEED.statuses.videoInterview], operator: '=' }];
		const first = (await (await call('/search/applicantworkflows', { method: 'POST', body: { filters, operator: '&' } })).json()) as { searchResults: Array<{ id: number; self: string }> };
		expect(first.searchResults).toHaveLength(1000);
		expect(Object.keys(first.searchResults[0]).sort()).toEqual(['id', 'self']);
		const last = first.searchResults[999].id;
		const second = (await (await call('/search/applicantworkflows', {
			method: 'POST',
			body: { filters: [...filters, { name: 'applicantworkflow.id', value: [String(last)], operator: '>' }], operator: '&' },
		})).json()) as { searchResults: Array<{ id: number }> };
		expect(second.searchResults).toHaveLength(200);
		expect(second.searchResults[0].id).toBeGreaterThan(last);
	});

	it('filters by job, person e-mail and update date, also through GET searchJson', async () => {
		const byEmail = { filters: [{ name: 'applicantworkflow.person.email', value: ['JANE.DOE@example.org'], operator: '=' }] };
		const get = (await (await call(`/search/applicantworkflows?searchJson=${encodeURIComponent(JSON.stringify(byEmail))}`)).json()) as { searchResults: Array<{ id: number }> };
		expect(get.searchResults.map((r) => String(r.id))).toEqual([SEED.workflows.janeBackend]);
		const byJob = { filters: [{ name: 'applicantworkflow.job.id', value: [SEED.jobs.dataAnalyst], operator: '=' }], operator: '&' };
		const jobs = (await (await call('/search/applicantworkflows', { method: 'POST', body: byJob })).json()) as { searchResults: Array<{ id: number }> };
		expect(jobs.searchResults.map((r) => String(r.id))).toEqual([SEED.workflows.alexAnalyst]);
		const future = { filters: [{ name: 'applicantworkflow.updateddate', value: [icims.icimsDate(Date.now() + 3600_000)], operator: '>=' }] };
		expect(((await (await call('/search/applicantworkflows', { method: 'POST', body: future })).json()) as { searchResults: unknown[] }).searchResults).toEqual([]);
		expect((await call('/search/applicantworkflows', { method: 'POST', body: { filters: [{ name: 'nope', value: ['1'] }] } })).status).toBe(400);
	});

	it('serves cached results while the staleness window lasts', async () => {
		await control('POST', '/search', { stalenessSeconds: 900 });
		const body = { filters: [{ name: 'applicantworkflow.status', value: [SEED.statuses.videoInterview], operator: '=' }] };
		const before = (await (await call('/search/applicantworkflows', { method: 'POST', body })).json()) as { searchResults: unknown[] };
		await control('POST', `/applicantworkflows/${SEED.workflows.samBackend}/status`, { statusId: SEED.statuses.videoInterview });
		const after = (await (await call('/search/applicantworkflows', { method: 'POST', body })).json()) as { searchResults: unknown[] };
		expect(after.searchResults).toEqual(before.searchResults);
		await control('POST', '/search', { stalenessSeconds: 0 });
		const fresh = (await (await call('/search/applicantworkflows', { method: 'POST', body })).json()) as { searchResults: unknown[] };
		expect(fresh.searchResults).toHaveLength(1);
	});
});

describe('iCIMS simulator: event notifications', () => {
	it('posts a status change twice, gzip-compressed, with the Basic credentials given at set-up', async () => {
		await control('POST', '/subscriptions', { url: receiverUrl });
		const { deliveries } = await control<{ deliveries: Delivery[] }>('POST', `/applicantworkflows/${SEED.workflows.janeBackend}/status`, {
			statusId: SEED.statuses.videoInterview,
			userId: SEED.users.recruiter,
		});
		expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
		expect(received).toHaveLength(2);
		expect(received[0].headers['content-encoding']).toBe('gzip');
		expect(received[0].headers.authorization).toBe(icims.basicAuth(SECRETS.webhookUsername, SECRETS.webhookPassword));
		expect(received[0].json).toEqual({
			customerId: SEED.customerId,
			eventType: 'WorkFlowStatusChangeEvent',
			systemId: SEED.workflows.janeBackend,
			userId: SEED.users.recruiter,
			personId: SEED.people.janeDoe,
			jobId: SEED.jobs.backendEngineer,
			oldStatus: SEED.statuses.phoneScreen,
			newStatus: SEED.statuses.videoInterview,
			links: expect.arrayContaining([expect.objectContaining({ rel: 'person', url: `${api}/people/${SEED.people.janeDoe}` })]),
		});
		expect(received[1].json).toEqual(received[0].json);
	});

	it('sends plain JSON, or gzip without Content-Encoding, as set up; and once when asked', async () => {
		await control('POST', '/subscriptions', { url: receiverUrl, encoding: 'none', copies: 1 });
		await control('POST', `/applicantworkflows/${SEED.workflows.samBackend}/status`, { statusId: SEED.statuses.videoInterview });
		expect(received).toHaveLength(1);
		expect(received[0].headers['content-encoding']).toBeUndefined();
		expect(received[0].raw.toString()).toContain('"eventType":"WorkFlowStatusChangeEvent"');
		received.length = 0;
		await control('POST', '/deliver', { workflowId: SEED.workflows.samBackend, encoding: 'gzip-raw' });
		expect(received[0].headers['content-type']).toBe('application/octet-stream');
		expect(received[0].raw[0]).toBe(0x1f);
	});

	it('delivers what a test asks: no credentials, other credentials, a raw body', async () => {
		await control('POST', '/subscriptions', { url: receiverUrl, encoding: 'none' });
		await control('POST', '/deliver', { workflowId: SEED.workflows.janeBackend, auth: null });
		await control('POST', '/deliver', { workflowId: SEED.workflows.janeBackend, auth: { username: 'a', password: 'b' } });
		await control('POST', '/deliver', { body: { eventType: 'WorkFlowStatusChangeEvent' }, copies: 2 });
		expect(received.map((r) => r.headers.authorization)).toEqual([undefined, icims.basicAuth('a', 'b'), expect.any(String), expect.any(String)]);
		expect(received[2].json).toEqual({ eventType: 'WorkFlowStatusChangeEvent' });
	});

	it('notifies a status change made through the API, and a bulk change one workflow at a time', async () => {
		await control('POST', '/subscriptions', { url: receiverUrl, copies: 1 });
		const ok = await call(`/applicantworkflows/${SEED.workflows.janeBackend}`, { method: 'PATCH', body: { status: { id: SEED.statuses.offer } } });
		expect(ok.status).toBe(204);
		await sandbox.settle();
		expect(received.map((r) => r.json.newStatus)).toEqual([SEED.statuses.offer]);
		received.length = 0;
		const { ids } = await control<{ ids: string[] }>('POST', '/applicantworkflows/bulk', { count: 25 });
		await control('POST', '/status/bulk', { workflowIds: ids, statusId: SEED.statuses.videoInterview });
		expect(new Set(received.map((r) => r.json.systemId))).toEqual(new Set(ids));
	});
});

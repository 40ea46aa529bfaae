/**
 * The simulator (simulator/) against its contracts in docs/api/: auth, Lever pagination and
 * webhook signing, WeCP invite idempotency, the "No candidate found" quirk, WeCP signing, faults.
 */
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import { SANDBOX_SECRETS, SEED, signLeverDelivery, signWecpDelivery, startSandbox } from '../../../simulator';
import { startReceiver as startLocalReceiver, type Receiver } from '../helpers/receiver';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

interface LeverList { data: { id: string }[]; next?: string; hasNext: boolean }
interface LeverError { code: string; message: string }
interface LeverOpportunity { id: string; contact: string; stage: string; applications: string[]; stageChanges: { toStageId: string; userId: string | null }[] }
interface LeverWebhook { id: string; url: string; event: string; configuration: { conditions: object; signatureToken?: string } }
interface Delivery { webhookId: string; url: string; event: string; status: number; body: unknown }
interface WecpInviteAnswer { email: string; candidateId: string; inviteLink: string; status: string }
interface WecpInvite { candidateId: string; email: string; metadata: Record<string, unknown>; actingUserEmail: string | null; emailsSent: number }
interface WecpReport { candidateId: string; quizId: string; score: number; maxScore: number; percentage: number; testFinished: boolean; questionWiseScore: { score: number; maxScore: number }[]; reportLink: string; metadata: Record<string, unknown> }
interface LogEntry { service: string; method: string; path: string; query: Record<string, string | string[]>; headers: Record<string, string>; body: unknown; status: number | null; fault?: string }

let sandbox: Sandbox;
const leverAuth = 'Basic ' + Buffer.from(`${SANDBOX_SECRETS.lever.apiKey}:`).toString('base64');
const partnerAuth = Buffer.from(`${SANDBOX_SECRETS.wecp.partnerKey}:${SANDBOX_SECRETS.wecp.partnerSecret}`).toString('base64');

async function json<T>(res: Response): Promise<T> {
	return (await res.json()) as T;
}

function lever(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
	return fetch(sandbox.services.lever.baseUrl + path, {
		method: init.method ?? 'GET',
		headers: { authorization: leverAuth, 'content-type': 'application/json', ...init.headers },
		body: init.body === undefined ? undefined : JSON.stringify(init.body),
	});
}

function wecp(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
	return fetch(sandbox.services.wecp.baseUrl + path, {
		method: init.method ?? 'GET',
		headers: { 'x-api-key': SANDBOX_SECRETS.wecp.apiKey, 'content-type': 'application/json', ...init.headers },
		body: init.body === undefined ? undefined : JSON.stringify(init.body),
	});
}

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
	const res = await fetch(`${sandbox.url}/_control${path}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!res.ok) throw new Error(`${method} /_control${path} → ${res.status} ${await res.text()}`);
	return json<T>(res);
}

function createOpportunity(name: string, extra: Record<string, unknown> = {}): Promise<LeverOpportunity> {
	const email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.org`;
	return control<LeverOpportunity>('POST', '/lever/opportunities', { name, email, ...extra });
}

interface Received { headers: http.IncomingHttpHeaders; rawBody: string }
/** A webhook receiver on a free loopback port that records what it gets. */
function startReceiver(): Promise<Receiver<Received>> {
	return startLocalReceiver<Received>({
		record: ({ headers, raw }) => ({ headers, rawBody: raw.toString('utf8') }),
		answer: () => ({ headers: { 'content-type': 'application/json' }, body: '{"received":true}' }),
		path: '/hook',
	});
}

const hmacHex = (key: string, message: string) => crypto.createHmac('sha256', key).update(message).digest('hex');

beforeAll(async () => {
	sandbox = await startSandbox();
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(async () => {
	await control('POST', '/reset');
});

describe('startSandbox', () => {
	it('serves every service under its prefix on a loopback port', async () => {
		expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sandbox.port).toBeGreaterThan(0);
		expect(sandbox.services.lever.baseUrl).toBe(`${sandbox.url}/lever/v1`);
		expect(sandbox.services.wecp.baseUrl).toBe(`${sandbox.url}/wecp`);
		expect(await control('GET', '/health')).toEqual({ ok: true });
	});
});

describe('auth', () => {
	it('Lever: rejects a missing or wrong key with its error body, accepts the key as Basic username', async () => {
		const none = await fetch(`${sandbox.services.lever.baseUrl}/stages`);
		expect(none.status).toBe(401);
		expect((await json<LeverError>(none)).code).toBe('UnauthorizedError');

		const wrong = await lever('/stages', { headers: { authorization: 'Basic ' + Buffer.from('not-the-key:').toString('base64') } });
		expect(wrong.status).toBe(401);

		const ok = await lever('/stages');
		expect(ok.status).toBe(200);
		const stages = await json<{ data: { id: string; text: string }[] }>(ok);
		expect(stages.data).toContainEqual({ id: SEED.lever.stages.assessment, text: 'Assessment' });
		expect(stages.data.map((s) => s.id)).toEqual(expect.arrayContaining(['lead-new', 'applicant-new', 'offer']));
	});

	it('WeCP: x-api-key required; partner header and user email checked when present', async () => {
		const none = await fetch(`${sandbox.services.wecp.baseUrl}/ats/wecp/tests`);
		expect(none.status).toBe(401);
		expect(await none.json()).toHaveProperty('message');
		expect((await wecp('/ats/wecp/tests', { headers: { 'x-api-key': 'nope' } })).status).toBe(401);

		const ok = await wecp('/ats/wecp/tests');
		expect(ok.status).toBe(200);
		expect((await json<{ testId: string }[]>(ok)).map((t) => t.testId)).toEqual(['test-js-101', 'test-py-201', 'test-sql-301']);

		const badPartner = Buffer.from(`${SANDBOX_SECRETS.wecp.partnerKey}:wrong`).toString('base64');
		expect((await wecp('/ats/wecp/tests', { headers: { 'x-wecp-partner-authorization': badPartner } })).status).toBe(401);
		expect((await wecp('/ats/wecp/tests', { headers: { 'x-wecp-partner-authorization': partnerAuth } })).status).toBe(200);
		expect((await wecp('/ats/wecp/tests', { headers: { 'x-wecp-partner-authorization': `Basic ${partnerAuth}` } })).status).toBe(200);

		const stranger = await wecp('/ats/wecp/tests', { headers: { 'wecp-user-email': 'stranger@example.com' } });
		expect(stranger.status).toBe(403);
		expect(await stranger.json()).toEqual({ message: expect.stringContaining('stranger@example.com') });
		expect((await wecp('/ats/wecp/tests', { headers: { 'wecp-user-email': SEED.wecp.users.hiringManager } })).status).toBe(200);
	});
});

describe('Lever', () => {
	it('pages through opportunities with limit=2 and opaque offset tokens', async () => {
		const created: string[] = [];
		for (const n of ['Ada One', 'Bo Two', 'Cy Three', 'Di Four', 'Ed Five']) created.push((await createOpportunity(n)).id);

		const pages: LeverList[] = [];
		let offset: string | undefined;
		do {
			const res = await lever(`/opportunities?limit=2${offset ? `&offset=${encodeURIComponent(offset)}` : ''}`);
			expect(res.status).toBe(200);
			const page = await json<LeverList>(res);
			pages.push(page);
			offset = page.next;
			expect(page.hasNext).toBe(page.next !== undefined);
		} while (offset && pages.length < 10);

		expect(pages.map((p) => p.data.length)).toEqual([2, 2, 1]);
		expect(pages[0].next).toBeDefined();
		expect(JSON.parse(decodeURIComponent(pages[0].next as string))).toEqual([expect.any(Number), created[1]]);
		expect(pages[2]).not.toHaveProperty('next');
		expect(pages.flatMap((p) => p.data.map((o) => o.id))).toEqual(created);

		const whole = await json<LeverList>(await lever('/opportunities?limit=5'));
		expect(whole.data).toHaveLength(5);
		expect(whole).toEqual(expect.objectContaining({ hasNext: false }));
		expect(whole).not.toHaveProperty('next');

		expect((await lever('/opportunities?limit=0')).status).toBe(400);
		expect((await lever('/opportunities?limit=101')).status).toBe(400);
		expect((await lever('/opportunities?offset=garbage')).status).toBe(400);
	});

	it('filters by repeated stage_id and rejects an invalid email filter', async () => {
		const a = await createOpportunity('Ann Screen', { stageId: SEED.lever.stages.phoneScreen });
		const b = await createOpportunity('Ben Assess', { stageId: SEED.lever.stages.assessment, postingId: SEED.lever.postings.dataAnalyst });
		await createOpportunity('Cat Offer', { stageId: 'offer' });

		const res = await lever(`/opportunities?stage_id=${SEED.lever.stages.phoneScreen}&stage_id=${SEED.lever.stages.assessment}`);
		expect((await json<LeverList>(res)).data.map((o) => o.id).sort()).toEqual([a.id, b.id].sort());

		const byPosting = await json<LeverList>(await lever(`/opportunities?posting_id=${SEED.lever.postings.dataAnalyst}`));
		expect(byPosting.data.map((o) => o.id)).toEqual([b.id]);

		const bad = await lever('/opportunities?email=not-an-email');
		expect(bad.status).toBe(400);
		expect((await json<LeverError>(bad)).code).toBe('BadRequestError');
	});

	it('signs deliveries as in the test vector of lever.md', () => {
		expect(signLeverDelivery(
			'5f3c9a1e7b2d4c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8',
			'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718',
			1767225600123,
		)).toBe('c26fd4615e0e9beace9f168f5393ff6585454909e3786fc97ffa006a130027f0');
	});

	it('delivers a correctly signed candidateStageChange when a candidate moves', async () => {
		const receiver = await startReceiver();
		try {
			expect((await lever('/webhooks', { method: 'POST', body: { url: 'https://example.com/hook', event: 'candidateStageChange' } })).status).toBe(400);

			const created = await lever('/webhooks', { method: 'POST', body: { url: receiver.url, event: 'candidateStageChange' } });
			expect(created.status).toBe(201);
			const hook = (await json<{ data: LeverWebhook }>(created)).data;
			const signatureToken = hook.configuration.signatureToken as string;
			expect(signatureToken).toHaveLength(48);
			const listed = await json<{ data: LeverWebhook[] }>(await lever('/webhooks'));
			expect(listed.data[0].configuration).not.toHaveProperty('signatureToken');

			const opp = await createOpportunity('Sam Mover', { postingId: SEED.lever.postings.backendEngineer });
			expect(receiver.received).toHaveLength(0); // applicationCreated has no subscriber

			const moved = await control<{ opportunity: LeverOpportunity; deliveries: Delivery[] }>(
				'POST', `/lever/opportunities/${opp.id}/stage`, { stageId: SEED.lever.stages.assessment },
			);
			expect(moved.opportunity.stage).toBe(SEED.lever.stages.assessment);
			expect(moved.deliveries).toEqual([expect.objectContaining({ webhookId: hook.id, status: 200, body: { received: true } })]);

			expect(receiver.received).toHaveLength(1);
			const { headers, rawBody } = receiver.received[0];
			expect(headers['user-agent']).toBe('Lever-Webhooks');
			expect(headers['content-type']).toBe('application/json');
			const body = JSON.parse(rawBody) as { event: string; triggeredAt: number; token: string; signature: string; data: Record<string, unknown> };
			expect(body.event).toBe('candidateStageChange');
			expect(body.data).toEqual({
				opportunityId: opp.id, candidateId: opp.id, contactId: opp.contact,
				fromStageId: 'applicant-new', toStageId: SEED.lever.stages.assessment,
			});
			expect(typeof body.triggeredAt).toBe('number');
			expect(body.token).toHaveLength(48);
			expect(body.signature).toBe(hmacHex(signatureToken, body.token + String(body.triggeredAt)));

			const full = await control<LeverOpportunity>('GET', `/lever/opportunities/${opp.id}`);
			expect(full.stageChanges.map((c) => c.toStageId)).toEqual(['applicant-new', SEED.lever.stages.assessment]);
		} finally {
			await receiver.close();
		}
	});

	it('resends a delivery that got no 2xx only when told to, the same signed bytes each time', async () => {
		const statuses = [503, 500, 200, 503];
		let calls = 0;
		const receiver = await startLocalReceiver<string>({
			record: ({ raw }) => raw.toString('utf8'),
			answer: () => ({ status: statuses[calls++ % statuses.length] }),
			path: '/hook',
		});
		type Logged = { webhookId: string; status: number; attempt: number; at: number };
		try {
			const hook = (await json<{ data: LeverWebhook }>(await lever('/webhooks', { method: 'POST', body: { url: receiver.url, event: 'candidateStageChange' } }))).data;
			const move = async (name: string) => {
				const opp = await createOpportunity(name);
				return control<{ deliveries: Delivery[] }>('POST', `/lever/opportunities/${opp.id}/stage`, { stageId: SEED.lever.stages.assessment });
			};
			await control('DELETE', '/deliveries');

			// Off by default: the first outcome stands.
			expect((await move('Una Once')).deliveries).toEqual([expect.objectContaining({ webhookId: hook.id, status: 503 })]);
			expect(receiver.received).toHaveLength(1);

			await expect(control('POST', '/deliveryRetries', { service: 'lever', retries: 11, firstDelayMs: 1 })).rejects.toThrow(/retries must be an integer/);
			expect(await control('POST', '/deliveryRetries', { service: 'lever', retries: 2, firstDelayMs: 40 })).toEqual({ lever: { retries: 2, firstDelayMs: 40 } });
			// 500, then 200 after 40 ms: one resend, and the outcome is the last attempt's.
			expect((await move('Rhea Resent')).deliveries).toEqual([expect.objectContaining({ status: 200 })]);
			expect(receiver.received).toHaveLength(3);
			expect(receiver.received[2]).toBe(receiver.received[1]);
			// 503, then 503 twice more (statuses wrap): the two retries are used up, the last outcome stands.
			statuses.splice(0, statuses.length, 503);
			expect((await move('Gus Givenup')).deliveries).toEqual([expect.objectContaining({ status: 503 })]);
			expect(receiver.received).toHaveLength(6);
			expect(new Set(receiver.received.slice(3)).size).toBe(1);

			const log = await control<Logged[]>('GET', '/deliveries?service=lever');
			expect(log.map((d) => [d.status, d.attempt])).toEqual([[503, 1], [500, 1], [200, 2], [503, 1], [503, 2], [503, 3]]);
			// Growing delays: 40 ms, then 80 ms.
			expect(log[4].at - log[3].at).toBeGreaterThanOrEqual(40);
			expect(log[5].at - log[4].at).toBeGreaterThanOrEqual(80);

			expect(await control('DELETE', '/deliveryRetries?service=lever')).toEqual({});
		} finally {
			await receiver.close();
		}
	});

	it('adds notes (201, noteId), validating value, score and perform_as', async () => {
		const opp = await createOpportunity('Nia Noted');
		const recruiter = SEED.lever.users.recruiter;
		expect((await lever(`/opportunities/${opp.id}/notes?perform_as=${recruiter}`, { method: 'POST', body: { secret: true } })).status).toBe(400);
		expect((await lever(`/opportunities/${opp.id}/notes?perform_as=${recruiter}`, { method: 'POST', body: { value: 'x', score: 5 } })).status).toBe(400);
		expect((await lever(`/opportunities/${opp.id}/notes?perform_as=nobody`, { method: 'POST', body: { value: 'x' } })).status).toBe(400);
		const missing = await lever('/opportunities/no-such-id/notes', { method: 'POST', body: { value: 'x' } });
		expect(missing.status).toBe(404);
		expect((await json<LeverError>(missing)).code).toBe('ResourceNotFound');

		const res = await lever(`/opportunities/${opp.id}/notes?perform_as=${recruiter}`, { method: 'POST', body: { value: 'Scored 80%', score: 3 } });
		expect(res.status).toBe(201);
		const note = (await json<{ data: { id: string; noteId: string; text: string } }>(res)).data;
		expect(note).toEqual(expect.objectContaining({ noteId: note.id, text: 'Scored 80%' }));
		const full = await control<{ notes: { noteId: string; user: string; score: number }[] }>('GET', `/lever/opportunities/${opp.id}`);
		expect(full.notes).toEqual([expect.objectContaining({ noteId: note.id, user: recruiter, score: 3 })]);
	});

	it('creates opportunities by API: perform_as required, one posting, same e-mail → same contact', async () => {
		const recruiter = SEED.lever.users.recruiter;
		const posting = SEED.lever.postings.backendEngineer;
		const body = { name: 'Cora Created', emails: ['cora@example.org'], phones: [{ type: 'mobile', value: '+14155550100' }], postings: [posting], tags: ['Willo screening'], sources: ['Willo'], origin: 'sourced' };
		expect((await lever('/opportunities', { method: 'POST', body })).status).toBe(400);
		expect((await lever(`/opportunities?perform_as=${recruiter}`, { method: 'POST', body: { ...body, postings: [posting, SEED.lever.postings.dataAnalyst] } })).status).toBe(400);
		expect((await lever(`/opportunities?perform_as=${recruiter}`, { method: 'POST', body: { ...body, emails: ['nope'] } })).status).toBe(400);

		const res = await lever(`/opportunities?perform_as=${recruiter}&expand=applications`, { method: 'POST', body });
		expect(res.status).toBe(201);
		const created = (await json<{ data: LeverOpportunity & { tags: string[]; sources: string[]; origin: string; applications: Array<{ posting: string }> } }>(res)).data;
		expect(created).toEqual(expect.objectContaining({ tags: ['Willo screening'], sources: ['Willo'], origin: 'sourced', stage: SEED.lever.stages.applicantNew }));
		expect(created.applications[0].posting).toBe(posting);
		const found = await json<LeverList>(await lever(`/opportunities?email=cora@example.org&posting_id=${posting}&archived=false`));
		expect(found.data.map((o) => o.id)).toEqual([created.id]);

		const again = (await json<{ data: LeverOpportunity }>(await lever(`/opportunities?perform_as=${recruiter}`, { method: 'POST', body }))).data;
		expect(again.id).not.toBe(created.id);
		expect(again.contact).toBe(created.contact);
	});
});

describe('WeCP', () => {
	const testId = SEED.wecp.tests.javascriptFundamentals;
	const metadata = { candidateId: 'opp-1', applicationId: 'app-1', user_email: SEED.wecp.users.recruiter };

	it('answers an invite of the same email to the same test with already_invited and sends one email', async () => {
		const invite = () => wecp(`/ats/wecp/tests/${testId}/invite`, {
			method: 'POST',
			headers: { 'wecp-user-email': SEED.wecp.users.recruiter },
			body: { candidates: [{ name: 'Kim Coder', email: 'kim@example.org' }], sendEmail: true, metadata },
		});
		const first = await invite();
		expect(first.status).toBe(200);
		const [a] = await json<WecpInviteAnswer[]>(first);
		expect(a).toEqual(expect.objectContaining({ email: 'kim@example.org', status: 'invited' }));

		const second = await invite();
		expect(second.status).toBe(200);
		const [b] = await json<WecpInviteAnswer[]>(second);
		expect(b).toEqual({ ...a, status: 'already_invited' });

		let invites = await control<WecpInvite[]>('GET', '/wecp/invites');
		expect(invites).toHaveLength(1);
		expect(invites[0]).toEqual(expect.objectContaining({ candidateId: a.candidateId, emailsSent: 1, metadata, actingUserEmail: SEED.wecp.users.recruiter }));

		expect((await wecp(`/ats/wecp/tests/${testId}/resend`, { method: 'POST', body: { emails: ['kim@example.org'] } })).status).toBe(200);
		invites = await control<WecpInvite[]>('GET', '/wecp/invites');
		expect(invites[0].emailsSent).toBe(2);
		expect((await wecp(`/ats/wecp/tests/${testId}/resend`, { method: 'POST', body: { emails: ['nobody@example.org'] } })).status).toBe(404);

		await wecp(`/ats/wecp/tests/${testId}/invite`, { method: 'POST', body: { candidates: [{ name: 'Quiet One', email: 'quiet@example.org' }], sendEmail: false } });
		invites = await control<WecpInvite[]>('GET', '/wecp/invites');
		expect(invites.find((i) => i.email === 'quiet@example.org')?.emailsSent).toBe(0);

		const empty = await wecp(`/ats/wecp/tests/${testId}/invite`, { method: 'POST', body: { candidates: [] } });
		expect(empty.status).toBe(400);
		expect(await empty.json()).toEqual({ message: expect.any(String) });
		expect((await wecp(`/ats/wecp/tests/${testId}/invite`, { method: 'POST', body: { candidates: [{ email: 'no-name@example.org' }] } })).status).toBe(400);
	});

	it('answers an empty candidate list with 404 and the plain text "No candidate found"', async () => {
		const empty = await wecp(`/ats/wecp/tests/${testId}/candidates`);
		expect(empty.status).toBe(404);
		expect(empty.headers.get('content-type')).toMatch(/^text\/plain/);
		expect(await empty.text()).toBe('No candidate found');

		await wecp(`/ats/wecp/tests/${testId}/invite`, { method: 'POST', body: { candidates: [{ name: 'Lu Listed', email: 'lu@example.org' }] } });
		const listed = await wecp(`/ats/wecp/tests/${testId}/candidates`);
		expect(listed.status).toBe(200);
		expect(await listed.json()).toEqual([expect.objectContaining({ candidateDetails: { Name: 'Lu Listed', Email: 'lu@example.org' }, testFinished: false })]);
	});

	it('delivers test.completed signed with the webhook secret over the raw body', async () => {
		const receiver = await startReceiver();
		try {
			const res = await wecp('/ats/wecp/webhooks', { method: 'POST', body: { url: receiver.url, events: ['test.completed'] } });
			expect(res.status).toBe(201);
			const hook = await json<{ id: string; secret: string }>(res);
			expect(hook.secret.length).toBeGreaterThanOrEqual(32);

			const invited = await wecp(`/ats/wecp/tests/${testId}/invite`, {
				method: 'POST', body: { candidates: [{ name: 'Mo Finisher', email: 'mo@example.org' }], metadata },
			});
			const [{ candidateId }] = await json<WecpInviteAnswer[]>(invited);

			const done = await control<{ candidate: WecpReport; deliveries: Delivery[] }>('POST', '/wecp/complete', { testId, email: 'mo@example.org', score: 42 });
			expect(done.deliveries).toEqual([expect.objectContaining({ webhookId: hook.id, status: 200 })]);
			expect(receiver.received).toHaveLength(1);

			const { headers, rawBody } = receiver.received[0];
			expect(headers['x-wecp-event']).toBe('test.completed');
			expect(headers['x-wecp-signature']).toBe(`sha256=${hmacHex(hook.secret, rawBody)}`);
			expect(signWecpDelivery(hook.secret, rawBody)).toBe(headers['x-wecp-signature']);
			const body = JSON.parse(rawBody) as { event: string; timestamp: string; data: Record<string, unknown> };
			expect(body.event).toBe('test.completed');
			expect(body.data).toEqual(expect.objectContaining({
				testId, testName: 'JavaScript Fundamentals', candidateId, email: 'mo@example.org', name: 'Mo Finisher',
				score: 42, maxScore: 100, percentage: 42, metadata,
			}));

			const report = await json<WecpReport>(await wecp(`/ats/wecp/candidates/${candidateId}`));
			expect(report).toEqual(expect.objectContaining({ candidateId, quizId: testId, testFinished: true, score: 42, metadata }));
			expect(report.questionWiseScore.reduce((sum, q) => sum + q.score, 0)).toBeCloseTo(42);
			expect(report.questionWiseScore.reduce((sum, q) => sum + q.maxScore, 0)).toBeCloseTo(100);
		} finally {
			await receiver.close();
		}
	});
});

describe('faults and the request log', () => {
	it('fails exactly the next N requests of a service, logged and without changing state', async () => {
		const opp = await createOpportunity('Flo Faulted');
		await control('POST', '/faults', { service: 'lever', nextRequests: 2, kind: '503' });

		expect((await wecp('/ats/wecp/tests')).status).toBe(200); // another service is not affected
		const faulted = await lever(`/opportunities/${opp.id}/stage`, { method: 'PUT', body: { stage: 'offer' } });
		expect(faulted.status).toBe(503);
		expect((await json<LeverError>(faulted)).code).toBe('ServiceUnavailable');
		expect((await lever('/stages')).status).toBe(503);
		expect((await lever('/stages')).status).toBe(200);
		expect((await control<LeverOpportunity>('GET', `/lever/opportunities/${opp.id}`)).stage).toBe('applicant-new');

		const log = await control<LogEntry[]>('GET', '/requests?service=lever');
		expect(log.map((e) => [e.method, e.path, e.status, e.fault])).toEqual([
			['PUT', `/opportunities/${opp.id}/stage`, 503, '503'],
			['GET', '/stages', 503, '503'],
			['GET', '/stages', 200, undefined],
		]);

		await control('POST', '/faults', { service: 'wecp', nextRequests: 1, kind: '429-retry-after', retryAfterSeconds: 7 });
		const throttled = await wecp('/ats/wecp/tests');
		expect(throttled.status).toBe(429);
		expect(throttled.headers.get('retry-after')).toBe('7');

		await control('POST', '/faults', { service: 'lever', nextRequests: 1, kind: 'drop' });
		await expect(lever(`/opportunities/${opp.id}/addTags`, { method: 'POST', body: { tags: ['x'] } })).rejects.toThrow();
		expect((await control<LeverOpportunity & { tags: string[] }>('GET', `/lever/opportunities/${opp.id}`)).tags).toEqual([]);
	});

	it('fails a seeded share of requests in a reproducible pattern, and stops when cleared', async () => {
		const run = async () => {
			await control('POST', '/faults', { service: 'wecp', rate: 0.5, kinds: ['429', '503'], seed: 42 });
			const statuses: number[] = [];
			for (let i = 0; i < 12; i++) statuses.push((await wecp('/ats/wecp/tests')).status);
			return statuses;
		};
		const first = await run();
		expect(await run()).toEqual(first);
		expect(first).toContain(200);
		expect(first.some((s) => s === 429 || s === 503)).toBe(true);

		await control('DELETE', '/faults');
		for (let i = 0; i < 5; i++) expect((await wecp('/ats/wecp/tests')).status).toBe(200);
	});

	it('logs API requests (not control ones) with path below the prefix, query arrays and lower-cased headers', async () => {
		await control('DELETE', '/requests');
		await lever('/opportunities?stage_id=a&stage_id=b&limit=5', { headers: { 'X-Trace-Id': 'abc' } });
		await wecp(`/ats/wecp/tests/${SEED.wecp.tests.sqlBasics}/invite`, { method: 'POST', body: { candidates: [{ name: 'Q', email: 'q@example.org' }] } });
		const log = await control<LogEntry[]>('GET', '/requests');
		expect(log).toHaveLength(2);
		expect(log[0]).toEqual(expect.objectContaining({
			service: 'lever', method: 'GET', path: '/opportunities', query: { stage_id: ['a', 'b'], limit: '5' }, status: 200,
		}));
		expect(log[0].headers['x-trace-id']).toBe('abc');
		expect(log[1]).toEqual(expect.objectContaining({
			service: 'wecp', method: 'POST', path: `/ats/wecp/tests/${SEED.wecp.tests.sqlBasics}/invite`,
			body: { candidates: [{ name: 'Q', email: 'q@example.org' }] }, status: 200,
		}));
		expect(await control<LogEntry[]>('GET', '/requests?service=wecp')).toHaveLength(1);
	});
});

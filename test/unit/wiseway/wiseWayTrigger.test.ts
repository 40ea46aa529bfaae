import { createHmac } from 'crypto';
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { WiseWayApi } from '../../../credentials/WiseWayApi.credentials';
import { WiseWayTrigger } from '../../../nodes/WiseWay/WiseWayTrigger.node';
import { createDedupStore, runDelivery, runWebhook, runWebhookMethod } from '../../helpers/harness';

const HOST = 'https://wiseway.test';
const API = '/api/app';
const API_KEY = 'wiseway-key-abc';
const CREDENTIAL_SECRET = 'secret-from-the-wiseway-app';
const credentials = { wiseWayApi: { apiKey: API_KEY, baseUrl: HOST, webhookSecret: '' } };
const withCredentialSecret = { wiseWayApi: { ...credentials.wiseWayApi, webhookSecret: CREDENTIAL_SECRET } };
const credentialTypes = [new WiseWayApi()];
const URL = 'http://127.0.0.1:5678/webhook/abc/webhook';
const SECRET = 'a'.repeat(64);
const POSITION = '6650a1b2c3d4e5f60718293a';

function registered(secret = SECRET, events = 'interview.completed'): IDataObject {
	return { registrations: [{ id: 'wh-1', event: events, secret, url: URL }] };
}

function completed(overrides: IDataObject = {}): IDataObject {
	return {
		event: 'interview.completed',
		timestamp: new Date().toISOString(),
		data: {
			candidate: {
				id: 'c-1',
				positionId: POSITION,
				name: 'Jane Doe',
				email: 'jane@example.com',
				phone: '+14155550101',
				status: 'completed',
				interviewLink: 'https://wiseway.test/i/abc',
				invitedAt: '2026-11-20T09:00:00.000Z',
				startedAt: '2026-11-23T09:45:00.000Z',
				completedAt: '2026-11-23T10:00:00.000Z',
				rating: 4,
				metadata: { atsCandidateId: '2001', atsApplicationId: '3001' },
			},
			position: { id: POSITION, title: 'Senior Backend Engineer' },
		},
		...overrides,
	};
}

function sign(secret: string, raw: string): string {
	return createHmac('sha256', secret).update(raw).digest('hex');
}

function deliver(
	body: IDataObject,
	options: {
		signature?: string | null;
		secret?: string;
		raw?: string;
		parameters?: IDataObject;
		staticData?: IDataObject;
		credentials?: typeof credentials;
	} = {},
) {
	const raw = options.raw ?? JSON.stringify(body);
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	const signature = options.signature === undefined ? sign(options.secret ?? SECRET, raw) : options.signature;
	if (signature !== null) headers['x-wiseway-signature'] = signature;
	return runWebhook(new WiseWayTrigger(), {
		parameters: { events: ['interview.completed'], positionIds: [], options: {}, ...options.parameters },
		credentials: options.credentials ?? credentials,
		credentialTypes,
		staticData: options.staticData ?? registered(),
		request: { body, rawBody: Buffer.from(raw), headers },
	});
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('WiseWay Trigger: registration', () => {
	it('registers one webhook for the chosen events and keeps its id and secret', async () => {
		const scope = nock(HOST, { reqheaders: { 'x-api-key': API_KEY } })
			.post(`${API}/webhooks`, { url: URL, events: ['candidate.invited', 'interview.completed'], active: true })
			.reply(201, { id: 'wh-1', url: URL, events: ['candidate.invited', 'interview.completed'], active: true, secret: SECRET });
		const staticData: IDataObject = {};
		await runWebhookMethod(new WiseWayTrigger(), 'create', {
			parameters: { events: ['interview.completed', 'candidate.invited'] },
			credentials,
			credentialTypes,
			staticData,
			webhookUrl: URL,
		});
		expect(scope.isDone()).toBe(true);
		expect(staticData).toEqual({ registrations: [{ id: 'wh-1', event: 'candidate.invited,interview.completed', secret: SECRET, url: URL }] });
	});

	it("keeps no secret when WiseWay returns none and the credential has one, which then signs", async () => {
		nock(HOST).post(`${API}/webhooks`).reply(201, { id: 'wh-1', url: URL, events: ['interview.completed'], active: true });
		const staticData: IDataObject = {};
		await runWebhookMethod(new WiseWayTrigger(), 'create', { parameters: { events: ['interview.completed'] }, credentials: withCredentialSecret, credentialTypes, staticData, webhookUrl: URL });
		expect(staticData.registrations).toEqual([{ id: 'wh-1', event: 'interview.completed', secret: '', url: URL }]);
		const { result } = await deliver(completed(), { secret: CREDENTIAL_SECRET, staticData, credentials: withCredentialSecret });
		expect(result.workflowData).toBeDefined();
	});

	it('deletes the webhook again and fails activation when no secret is known at all', async () => {
		const scope = nock(HOST)
			.post(`${API}/webhooks`).reply(201, { id: 'wh-1', url: URL, events: ['interview.completed'], active: true })
			.delete(`${API}/webhooks/wh-1`).reply(204);
		const staticData: IDataObject = {};
		await expect(
			runWebhookMethod(new WiseWayTrigger(), 'create', { parameters: { events: ['interview.completed'] }, credentials, credentialTypes, staticData, webhookUrl: URL }),
		).rejects.toThrow('WiseWay returned no signing secret for the webhook');
		expect(scope.isDone()).toBe(true);
		expect(staticData.registrations).toBeUndefined();
	});

	it('surfaces the 403 a member key gets', async () => {
		nock(HOST).post(`${API}/webhooks`).reply(403, { error: 'Only the workspace owner can manage webhooks' });
		await expect(
			runWebhookMethod(new WiseWayTrigger(), 'create', { parameters: { events: ['interview.completed'] }, credentials, credentialTypes, staticData: {}, webhookUrl: URL }),
		).rejects.toThrow('WiseWay answered HTTP 403: Only the workspace owner can manage webhooks');
	});

	it('finds its webhook while WiseWay holds it active at the URL, and not once paused, gone or for other events', async () => {
		const check = (staticData: IDataObject, events = ['interview.completed']) =>
			runWebhookMethod(new WiseWayTrigger(), 'checkExists', { parameters: { events }, credentials, credentialTypes, staticData, webhookUrl: URL });
		const hook = { id: 'wh-1', url: URL, events: ['interview.completed'], active: true };
		nock(HOST).get(`${API}/webhooks`).query({ page: '1', limit: '100' }).reply(200, [hook]);
		expect(await check(registered())).toBe(true);
		nock(HOST).get(`${API}/webhooks`).query(true).reply(200, [{ ...hook, active: false }]);
		expect(await check(registered())).toBe(false);
		nock(HOST).get(`${API}/webhooks`).query(true).reply(200, []);
		expect(await check(registered())).toBe(false);
		// Other events chosen since: no request needed to know.
		expect(await check(registered(), ['interview.started'])).toBe(false);
	});

	it('deletes its webhook on deactivation, one already gone included', async () => {
		const scope = nock(HOST, { reqheaders: { 'x-api-key': API_KEY } }).delete(`${API}/webhooks/wh-1`).reply(404, { error: 'Webhook not found' });
		const staticData = registered();
		await runWebhookMethod(new WiseWayTrigger(), 'delete', { parameters: {}, credentials, credentialTypes, staticData });
		expect(staticData.registrations).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('makes no request when the webhook was made in the WiseWay app', async () => {
		const parameters = { events: ['interview.completed'], registration: 'manual' };
		expect(await runWebhookMethod(new WiseWayTrigger(), 'checkExists', { parameters, credentials, credentialTypes, staticData: {}, webhookUrl: URL })).toBe(true);
		expect(await runWebhookMethod(new WiseWayTrigger(), 'create', { parameters, credentials, credentialTypes, staticData: {}, webhookUrl: URL })).toBe(true);
	});
});

describe('WiseWay Trigger: deliveries', () => {
	it('emits the normalised result with the ATS ids, the rating and the interview link', async () => {
		const body = completed();
		const { result, response } = await deliver(body);
		expect(response.statusCode).toBeUndefined();
		expect(result.workflowData![0][0].json).toEqual({
			vendor: 'wiseWay',
			event: 'interview.completed',
			status: 'completed',
			candidate: { email: 'jane@example.com', name: 'Jane Doe' },
			ats: { candidateId: '2001', applicationId: '3001' },
			assessment: { id: POSITION, name: 'Senior Backend Engineer' },
			score: 4,
			maxScore: null,
			percent: null,
			passed: null,
			reportUrl: null,
			completedAt: '2026-11-23T10:00:00.000Z',
			responses: [],
			raw: body,
			wiseWayCandidateId: 'c-1',
			interviewLink: 'https://wiseway.test/i/abc',
			candidateStatus: 'completed',
			phone: '+14155550101',
			rating: 4,
			invitedAt: '2026-11-20T09:00:00.000Z',
			startedAt: '2026-11-23T09:45:00.000Z',
			position: { id: POSITION, title: 'Senior Backend Engineer' },
			occurredAt: body.timestamp,
			deliveryId: expect.stringMatching(/^[0-9a-f]{32}$/),
		});
	});

	it('takes the signature with a sha256= prefix and in capitals', async () => {
		const raw = JSON.stringify(completed());
		expect((await deliver(completed(), { raw, signature: `sha256=${sign(SECRET, raw)}` })).result.workflowData).toBeDefined();
		expect((await deliver(completed(), { raw, signature: sign(SECRET, raw).toUpperCase() })).result.workflowData).toBeDefined();
	});

	it.each([
		['no signature', { signature: null }],
		['a wrong signature', { signature: 'f'.repeat(64) }],
		['a signature of another length', { signature: 'abc' }],
		['a signature by another secret', { secret: 'b'.repeat(64) }],
		['the credential secret where the webhook has its own', { secret: CREDENTIAL_SECRET, credentials: withCredentialSecret }],
	])('answers 401 and starts nothing for %s', async (_name, options) => {
		const { result, response } = await deliver(completed(), options as Parameters<typeof deliver>[1]);
		expect(response.statusCode).toBe(401);
		expect(response.body).toEqual({ message: 'Signature does not match' });
		expect(result.workflowData).toBeUndefined();
	});

	it('answers 401 to a body changed after signing', async () => {
		const original = JSON.stringify(completed());
		const tampered = original.replace('"rating":4', '"rating":5');
		const { response, result } = await deliver(JSON.parse(tampered), { raw: tampered, signature: sign(SECRET, original) });
		expect(response.statusCode).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});

	it('hashes the raw bytes received, not a re-serialisation', async () => {
		const raw = JSON.stringify(completed(), null, 2);
		const { result } = await deliver(completed(), { raw });
		expect(result.workflowData).toBeDefined();
	});

	it('answers 401 when nothing was registered', async () => {
		const { response } = await deliver(completed(), { staticData: {} });
		expect(response.statusCode).toBe(401);
	});

	it('answers 401 to a stale timestamp and to a delivery without one', async () => {
		const stale = completed({ timestamp: new Date(Date.now() - 2 * 3600_000).toISOString() });
		const { response, result } = await deliver(stale);
		expect(response.statusCode).toBe(401);
		expect(response.body).toEqual({ message: 'The delivery time is missing or outside the accepted window' });
		expect(result.workflowData).toBeUndefined();
		expect((await deliver(stale, { parameters: { options: { toleranceMinutes: 180 } } })).result.workflowData).toBeDefined();
		const untimed = await deliver(completed({ timestamp: undefined }));
		expect(untimed.response.statusCode).toBe(401);
		expect(untimed.result.workflowData).toBeUndefined();
	});

	it('runs the workflow once for the same delivery received twice: the second stops at the trigger', async () => {
		const staticData = registered();
		const dedupStore = createDedupStore();
		const run = (body: IDataObject) => {
			const raw = JSON.stringify(body);
			return runDelivery(new WiseWayTrigger(), {
				parameters: { events: ['interview.completed'], positionIds: [], options: {} },
				credentials,
				credentialTypes,
				staticData,
				dedupStore,
				request: { body, rawBody: Buffer.from(raw), headers: { 'x-wiseway-signature': sign(SECRET, raw) } },
			});
		};
		const body = completed();
		expect((await run(body)).items).toHaveLength(1);
		expect((await run(body)).items).toEqual([]);
		// Different content is a different delivery.
		expect((await run(completed({ timestamp: new Date(Date.now() + 1000).toISOString() }))).items).toHaveLength(1);
	});

	it('answers 401 to a repeat of a delivery it answered without an execution', async () => {
		const staticData = registered();
		const body = completed({ event: 'ping' });
		expect((await deliver(body, { staticData })).result).toEqual({});
		const again = await deliver(body, { staticData });
		expect(again.response.statusCode).toBe(401);
		expect(again.response.body).toEqual({ message: 'This delivery was received before' });
	});

	it('answers 400 to a signed body that is not a JSON object', async () => {
		const { response } = await deliver([] as unknown as IDataObject, { raw: '[]' });
		expect(response.statusCode).toBe(400);
	});

	it('acknowledges an event not chosen, another position, an unknown event and a delivery without a candidate', async () => {
		expect((await deliver(completed(), { parameters: { events: ['interview.started'] } })).result).toEqual({});
		expect((await deliver(completed(), { parameters: { positionIds: ['other-position'] } })).result).toEqual({});
		expect((await deliver(completed({ event: 'ping' }))).result).toEqual({});
		expect((await deliver(completed({ data: { position: { id: POSITION } } }))).result).toEqual({});
		expect((await deliver(completed(), { parameters: { positionIds: [POSITION] } })).result.workflowData).toBeDefined();
	});

	it('gives each candidate event its status', async () => {
		const statuses: Record<string, string> = {
			'candidate.created': 'invited',
			'candidate.invited': 'invited',
			'interview.started': 'started',
			'interview.completed': 'completed',
		};
		for (const [event, status] of Object.entries(statuses)) {
			const { result } = await deliver(completed({ event }), { parameters: { events: [event] } });
			const output = result.workflowData![0][0].json;
			expect({ event, status: output.status, completedAt: output.completedAt === null }).toEqual({ event, status, completedAt: status !== 'completed' });
		}
	});

	it('emits the position itself for position events', async () => {
		const body = { event: 'position.updated', timestamp: new Date().toISOString(), data: { position: { id: POSITION, title: 'Staff Engineer', status: 'closed' } } };
		const { result } = await deliver(body, { parameters: { events: ['position.updated'] } });
		expect(result.workflowData![0][0].json).toEqual({
			vendor: 'wiseWay',
			event: 'position.updated',
			position: { id: POSITION, title: 'Staff Engineer', status: 'closed' },
			assessment: { id: POSITION, name: 'Staff Engineer' },
			occurredAt: body.timestamp,
			deliveryId: expect.stringMatching(/^[0-9a-f]{32}$/),
			raw: body,
		});
	});

	it("checks a webhook made in the WiseWay app with the credential's secret, and refuses all without one", async () => {
		const parameters = { registration: 'manual' };
		expect((await deliver(completed(), { parameters, secret: CREDENTIAL_SECRET, credentials: withCredentialSecret, staticData: {} })).result.workflowData).toBeDefined();
		expect((await deliver(completed(), { parameters, secret: SECRET, credentials: withCredentialSecret, staticData: registered() })).response.statusCode).toBe(401);
		expect((await deliver(completed(), { parameters, secret: '', credentials, staticData: {} })).response.statusCode).toBe(401);
	});
});

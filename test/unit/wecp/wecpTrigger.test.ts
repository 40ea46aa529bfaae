import { createHmac } from 'crypto';
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { WecpApi } from '../../../credentials/WecpApi.credentials';
import { WecpTrigger } from '../../../nodes/Wecp/WecpTrigger.node';
import { createDedupStore, runDelivery, runNode, runPoll, runWebhook, runWebhookMethod } from '../../helpers/harness';

const BASE = 'https://wecp.test';
const credentials = { wecpApi: { apiKey: 'wecp-key', baseUrl: BASE } };
const credentialTypes = [new WecpApi()];
const SECRET = 'whsec-123';
const URL = 'http://127.0.0.1:5678/webhook/abc/webhook';

function registered(): IDataObject {
	return { registrations: [{ id: 'hook-1', event: 'test.completed', secret: SECRET, url: URL }] };
}

function completion(overrides: IDataObject = {}): IDataObject {
	return {
		event: 'test.completed',
		timestamp: new Date().toISOString(),
		data: {
			testId: 'test-js-101',
			testName: 'JavaScript Fundamentals',
			candidateId: 'w-1',
			email: 'jane@example.com',
			name: 'Jane Doe',
			score: 85,
			maxScore: 100,
			percentage: 85,
			reportLink: 'https://assess.test/r/w-1',
			metadata: { candidateId: 'contact-1', applicationId: 'opp-1' },
		},
		...overrides,
	};
}

function deliver(body: IDataObject, options: { secret?: string; rawBody?: Buffer; signature?: string; parameters?: IDataObject; staticData?: IDataObject } = {}) {
	const rawBody = options.rawBody ?? Buffer.from(JSON.stringify(body));
	const signature = options.signature ?? `sha256=${createHmac('sha256', options.secret ?? SECRET).update(rawBody).digest('hex')}`;
	return runWebhook(new WecpTrigger(), {
		parameters: { events: ['test.completed'], passMark: 70, options: { fetchReport: false }, ...options.parameters },
		credentials,
		credentialTypes,
		staticData: options.staticData ?? registered(),
		request: { body, rawBody, headers: { 'content-type': 'application/json', 'x-wecp-event': String(body.event), 'x-wecp-signature': signature } },
	});
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('WeCP Trigger: registration', () => {
	it('registers one webhook for the chosen events and keeps its secret', async () => {
		const scope = nock(BASE, { reqheaders: { 'x-api-key': 'wecp-key' } })
			.post('/ats/wecp/webhooks', { url: URL, events: ['test.completed', 'test.started'] })
			.reply(200, { id: 'hook-9', url: URL, events: ['test.completed', 'test.started'], secret: 'fresh-secret' });
		const staticData: IDataObject = {};
		await runWebhookMethod(new WecpTrigger(), 'create', { parameters: { events: ['test.started', 'test.completed'] }, credentials, credentialTypes, staticData, webhookUrl: URL });
		expect(staticData).toEqual({ registrations: [{ id: 'hook-9', event: 'test.completed,test.started', secret: 'fresh-secret', url: URL }] });
		expect(scope.isDone()).toBe(true);
	});

	it('deletes it on deactivation', async () => {
		const scope = nock(BASE).delete('/ats/wecp/webhooks/hook-1').reply(204);
		const staticData = registered();
		await runWebhookMethod(new WecpTrigger(), 'delete', { parameters: {}, credentials, credentialTypes, staticData });
		expect(staticData.registrations).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('registers nothing in polling mode', async () => {
		const staticData: IDataObject = {};
		expect(await runWebhookMethod(new WecpTrigger(), 'create', { parameters: { source: 'polling', testIds: ['t'] }, credentials, credentialTypes, staticData })).toBe(true);
		expect(staticData).toEqual({});
	});
});

describe('WeCP Trigger: deliveries', () => {
	it('emits the normalised result with the ATS ids from the invite metadata', async () => {
		const { result } = await deliver(completion());
		expect(result.workflowData![0][0].json).toMatchObject({
			vendor: 'wecp',
			event: 'test.completed',
			status: 'completed',
			candidate: { email: 'jane@example.com', name: 'Jane Doe' },
			ats: { candidateId: 'contact-1', applicationId: 'opp-1' },
			assessment: { id: 'test-js-101', name: 'JavaScript Fundamentals' },
			score: 85,
			maxScore: 100,
			percent: 85,
			passed: true,
			reportUrl: 'https://assess.test/r/w-1',
			wecpCandidateId: 'w-1',
		});
	});

	it('fetches the full report for question-wise scores when asked', async () => {
		const scope = nock(BASE).get('/ats/wecp/candidates/w-1').reply(200, {
			candidateId: 'w-1',
			finishTime: '2026-11-23T10:00:00Z',
			questionWiseScore: [{ question: 'Closures', score: 5, maxScore: 10 }],
		});
		const { result } = await deliver(completion(), { parameters: { options: {} } });
		expect(result.workflowData![0][0].json).toMatchObject({ completedAt: '2026-11-23T10:00:00.000Z', responses: [{ question: 'Closures', score: 5 }] });
		expect(scope.isDone()).toBe(true);
	});

	it.each([
		['a wrong signature', { signature: `sha256=${'0'.repeat(64)}` }],
		['no signature', { signature: '' }],
		["another webhook's secret", { secret: 'other-secret' }],
		['a body changed after signing', { rawBody: Buffer.from(JSON.stringify(completion({ data: { score: 100 } }))), signature: `sha256=${createHmac('sha256', SECRET).update(JSON.stringify(completion())).digest('hex')}` }],
	])('answers 401 and starts nothing for %s', async (_name, options) => {
		const { result, response } = await deliver(completion(), options as IDataObject);
		expect(response.statusCode).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});

	it('answers 401 to a stale timestamp', async () => {
		const stale = await deliver(completion({ timestamp: new Date(Date.now() - 3600_000).toISOString() }));
		expect(stale.response.statusCode).toBe(401);
		expect(stale.response.body).toEqual({ message: 'The delivery time is missing or outside the accepted window' });
		expect(stale.result.workflowData).toBeUndefined();
	});

	it('stops a replay of an accepted delivery at the trigger: the second execution passes nothing on', async () => {
		const staticData = registered();
		const dedupStore = createDedupStore();
		const body = completion();
		const rawBody = Buffer.from(JSON.stringify(body));
		const signature = `sha256=${createHmac('sha256', SECRET).update(rawBody).digest('hex')}`;
		const once = () =>
			runDelivery(new WecpTrigger(), {
				parameters: { events: ['test.completed'], passMark: 70, options: { fetchReport: false } },
				credentials,
				credentialTypes,
				staticData,
				dedupStore,
				request: { body, rawBody, headers: { 'x-wecp-event': 'test.completed', 'x-wecp-signature': signature } },
			});
		const first = await once();
		expect(first.items).toHaveLength(1);
		expect(first.items[0].json.deliveryId).toMatch(/^[0-9a-f]{32}$/);
		const replay = await once();
		expect(replay.result.workflowData?.[0][0].json.deliveryId).toBe(first.items[0].json.deliveryId);
		expect(replay.items).toEqual([]);
	});

	it('answers 401 to a repeat of a delivery it answered without an execution', async () => {
		const staticData = registered();
		const body = completion({ event: 'test.started' });
		expect((await deliver(body, { staticData })).result).toEqual({});
		const again = await deliver(body, { staticData });
		expect(again.response.statusCode).toBe(401);
		expect(again.response.body).toEqual({ message: 'This delivery was received before' });
	});

	it('acknowledges an event the trigger was not asked for', async () => {
		const { result, response } = await deliver(completion({ event: 'test.started' }));
		expect(response.statusCode).toBeUndefined();
		expect(result).toEqual({});
	});

	it('answers 400 to a body that is not a JSON object', async () => {
		const { response } = await deliver([] as unknown as IDataObject);
		expect(response.statusCode).toBe(400);
	});
});

describe('WeCP Trigger: polling', () => {
	const parameters = { source: 'polling', testIds: ['test-js-101'], passMark: 70 };

	it('records what is finished on the first poll, then emits each newly finished attempt once', async () => {
		const staticData: IDataObject = {};
		nock(BASE).get('/ats/wecp/tests/test-js-101/candidates').reply(200, [{ candidateId: 'old', testFinished: true }]);
		expect(await runPoll(new WecpTrigger(), { parameters, credentials, credentialTypes, staticData })).toBeNull();

		nock(BASE)
			.get('/ats/wecp/tests/test-js-101/candidates')
			.reply(200, [
				{ candidateId: 'old', testFinished: true },
				{ candidateId: 'new', testFinished: true },
				{ candidateId: 'busy', testFinished: false },
			])
			.get('/ats/wecp/candidates/new')
			.reply(200, { candidateId: 'new', score: 50, maxScore: 100, metadata: { applicationId: 'opp-2' }, candidateDetails: { Email: 'sam@example.com' } });
		const emitted = await runPoll(new WecpTrigger(), { parameters, credentials, credentialTypes, staticData });
		expect(emitted![0]).toHaveLength(1);
		expect(emitted![0][0].json).toMatchObject({ wecpCandidateId: 'new', percent: 50, passed: false, ats: { applicationId: 'opp-2' }, candidate: { email: 'sam@example.com' } });

		nock(BASE).get('/ats/wecp/tests/test-js-101/candidates').reply(200, [{ candidateId: 'old', testFinished: true }, { candidateId: 'new', testFinished: true }]);
		expect(await runPoll(new WecpTrigger(), { parameters, credentials, credentialTypes, staticData })).toBeNull();
	});

	it("polls when a user tests the trigger in the editor (n8n runs execute() there, not poll())", async () => {
		nock(BASE)
			.get('/ats/wecp/tests/test-js-101/candidates')
			.reply(200, [
				{ candidateId: 'old', testFinished: true },
				{ candidateId: 'new', testFinished: true },
			])
			.get('/ats/wecp/candidates/new')
			.reply(200, { candidateId: 'new', score: 90, maxScore: 100, metadata: { applicationId: 'opp-2' }, candidateDetails: { Email: 'sam@example.com' } });
		const { items, error } = await runNode(new WecpTrigger(), { parameters, credentials, credentialTypes, mode: 'manual' });
		expect(error).toBeUndefined();
		expect(items[0]).toHaveLength(1);
		expect(items[0][0].json).toMatchObject({ wecpCandidateId: 'new', percent: 90, ats: { applicationId: 'opp-2' } });
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('does not poll in webhook mode', async () => {
		expect(await runPoll(new WecpTrigger(), { parameters: { source: 'webhook' }, credentials, credentialTypes, staticData: {} })).toBeNull();
	});
});

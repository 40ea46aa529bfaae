import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { LeverTrigger } from '../../../nodes/Lever/LeverTrigger.node';
import { clearCache } from '../../../nodes/shared/cache';
import { createDedupStore, runDelivery, runWebhookMethod } from '../../helpers/harness';
import { ASSESSMENT, BASE, credentials, credentialTypes, deliver, mockResolve, registeredStaticData, signedDelivery } from './leverTriggerFixtures';

beforeAll(() => nock.disableNetConnect());
// Stage names are kept in process memory: each test starts without them.
beforeEach(() => clearCache());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Lever Trigger: registration', () => {
	it('creates one webhook per event and keeps ids and signature tokens in static data', async () => {
		const scope = nock(BASE)
			.post('/v1/webhooks', { url: 'http://127.0.0.1:5678/webhook/abc/webhook', event: 'candidateStageChange' })
			.reply(201, { data: { id: 'wh-1', event: 'candidateStageChange', configuration: { signatureToken: 'tok-1' } } })
			.post('/v1/webhooks', { url: 'http://127.0.0.1:5678/webhook/abc/webhook', event: 'candidateHired' })
			.reply(201, { data: { id: 'wh-2', event: 'candidateHired', configuration: { signatureToken: 'tok-2' } } });
		const staticData: IDataObject = {};
		const created = await runWebhookMethod(new LeverTrigger(), 'create', {
			parameters: { events: ['candidateStageChange', 'candidateHired'] },
			credentials,
			credentialTypes,
			staticData,
			webhookUrl: 'http://127.0.0.1:5678/webhook/abc/webhook',
		});
		expect(created).toBe(true);
		expect(staticData).toEqual({
			registrations: [
				{ id: 'wh-1', event: 'candidateStageChange', secret: 'tok-1', url: 'http://127.0.0.1:5678/webhook/abc/webhook' },
				{ id: 'wh-2', event: 'candidateHired', secret: 'tok-2', url: 'http://127.0.0.1:5678/webhook/abc/webhook' },
			],
		});
		expect(scope.isDone()).toBe(true);
	});

	it('checkExists is true only while Lever still has the webhooks', async () => {
		const options = {
			parameters: { events: ['candidateStageChange'] },
			credentials,
			credentialTypes,
			webhookUrl: 'http://127.0.0.1:5678/webhook/abc/webhook',
		};
		nock(BASE).get('/v1/webhooks').query(true).reply(200, { data: [{ id: 'wh-1', url: options.webhookUrl, event: 'candidateStageChange' }], hasNext: false });
		expect(await runWebhookMethod(new LeverTrigger(), 'checkExists', { ...options, staticData: registeredStaticData() })).toBe(true);
		nock(BASE).get('/v1/webhooks').query(true).reply(200, { data: [], hasNext: false });
		expect(await runWebhookMethod(new LeverTrigger(), 'checkExists', { ...options, staticData: registeredStaticData() })).toBe(false);
		expect(await runWebhookMethod(new LeverTrigger(), 'checkExists', { ...options, staticData: {} })).toBe(false);
	});

	it('deletes its webhooks on deactivation and forgets them; one already gone is fine', async () => {
		const scope = nock(BASE).delete('/v1/webhooks/wh-1').reply(404, { code: 'ResourceNotFound', message: 'gone' });
		const staticData = registeredStaticData();
		expect(await runWebhookMethod(new LeverTrigger(), 'delete', { parameters: { events: ['candidateStageChange'] }, credentials, credentialTypes, staticData })).toBe(true);
		expect(staticData.registrations).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('registers nothing in manual mode', async () => {
		const staticData: IDataObject = {};
		expect(await runWebhookMethod(new LeverTrigger(), 'create', { parameters: { registration: 'manual', signatureTokens: 'x' }, credentials, credentialTypes, staticData })).toBe(true);
		expect(staticData).toEqual({});
	});
});

describe('Lever Trigger: deliveries', () => {
	it('accepts a signed stage change into the chosen stage and emits the normalised ATS event', async () => {
		const scope = mockResolve();
		const body = signedDelivery();
		const { items, response } = await deliver(body);
		expect(response.statusCode).toBeUndefined();
		expect(items).toHaveLength(1);
		const item = items[0].json;
		expect(item).toMatchObject({
			ats: 'lever',
			event: 'candidateStageChange',
			candidateId: 'contact-1',
			applicationId: 'opp-1',
			jobId: 'posting-1',
			fromStage: { id: 'applicant-new', name: 'New applicant' },
			toStage: { id: ASSESSMENT, name: 'Assessment' },
			email: 'jane@example.com',
			name: 'Jane Doe',
			phone: '+14155550100',
			occurredAt: new Date(body.triggeredAt as number).toISOString(),
		});
		expect(item.deliveryId).toMatch(/^[0-9a-f]{32}$/);
		expect(item.raw).toEqual(body);
		expect(scope.isDone()).toBe(true);
	});

	it.each([
		['a wrong signature', (b: IDataObject) => ({ ...b, signature: 'f'.repeat(64) })],
		['no signature', (b: IDataObject) => ({ ...b, signature: undefined })],
		['a token changed after signing', (b: IDataObject) => ({ ...b, token: 'c'.repeat(48) })],
		['triggeredAt changed after signing', (b: IDataObject) => ({ ...b, triggeredAt: (b.triggeredAt as number) + 1 })],
	])('answers 401 and starts nothing for %s', async (_name, tamper) => {
		const { result, response } = await deliver(tamper(signedDelivery()));
		expect(response.statusCode).toBe(401);
		expect(result.workflowData).toBeUndefined();
		expect(result.noWebhookResponse).toBe(true);
	});

	it("answers 401 to a delivery signed with another webhook's token", async () => {
		const { result, response } = await deliver(signedDelivery({}, 'b'.repeat(48)));
		expect(response.statusCode).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});

	it('answers 401 to a stale triggeredAt even when correctly signed', async () => {
		const { result, response } = await deliver(signedDelivery({ triggeredAt: Date.now() - 11 * 60_000 }));
		expect(response.statusCode).toBe(401);
		expect(response.body).toEqual({ message: 'The delivery time is missing or outside the accepted window' });
		expect(result.workflowData).toBeUndefined();
	});

	// Lever signs token + triggeredAt only: a replay with other data is the same delivery.
	it('stops a replay of an accepted delivery at the trigger, even with altered data', async () => {
		const staticData = registeredStaticData();
		const dedupStore = createDedupStore();
		const body = signedDelivery();
		const run = (delivered: IDataObject) =>
			runDelivery(new LeverTrigger(), {
				parameters: { events: ['candidateStageChange'], toStageIds: [ASSESSMENT] },
				credentials,
				credentialTypes,
				staticData,
				dedupStore,
				request: { body: delivered, headers: { 'user-agent': 'Lever-Webhooks' } },
			});
		mockResolve();
		const first = await run(body);
		expect(first.items).toHaveLength(1);
		mockResolve();
		const altered = { ...body, data: { ...(body.data as IDataObject), contactId: 'contact-2', fromStageId: 'offer' } };
		const replay = await run(altered);
		expect(replay.result.workflowData?.[0][0].json.deliveryId).toBe(first.items[0].json.deliveryId);
		expect(replay.items).toEqual([]);
		// Dropped before any look-up: the replay's opportunity was not fetched.
		expect(nock.pendingMocks()).toContain(`GET ${BASE}:443/v1/opportunities/opp-1`);
	});

	it('answers 401 to a repeat of a delivery it answered without an execution', async () => {
		const staticData = registeredStaticData();
		const body = signedDelivery({ data: { opportunityId: 'opp-1', fromStageId: 'a', toStageId: 'offer' } });
		expect((await deliver(body, {}, staticData)).result).toEqual({});
		const second = await deliver(body, {}, staticData);
		expect(second.response.statusCode).toBe(401);
		expect(second.response.body).toEqual({ message: 'This delivery was received before' });
	});

	it('answers 400 to a body that is not a Lever delivery', async () => {
		const { response, result } = await deliver({ hello: 'world' });
		expect(response.statusCode).toBe(400);
		expect(result.workflowData).toBeUndefined();
	});

	it('acknowledges a stage change into another stage without starting the workflow', async () => {
		const { result, response } = await deliver(signedDelivery({ data: { opportunityId: 'opp-1', fromStageId: 'a', toStageId: 'offer' } }));
		expect(response.statusCode).toBeUndefined();
		expect(result).toEqual({});
		expect(nock.pendingMocks()).toEqual([]);
	});

	it("answers Lever's verify ping with 200 and starts nothing", async () => {
		const { result, response } = await deliver(signedDelivery({ event: 'candidateHired', data: {} }));
		expect(response.statusCode).toBeUndefined();
		expect(result).toEqual({});
	});

	it('verifies with the pasted tokens in manual mode', async () => {
		mockResolve();
		const { items } = await deliver(signedDelivery({}, 'manual-token-2'), { registration: 'manual', signatureTokens: 'manual-token-1, manual-token-2' }, {});
		expect(items).toHaveLength(1);
	});

	it('answers 400 to a body that is not JSON or is larger than 1 MiB, before checking anything else', async () => {
		const asText = await deliver(signedDelivery(), {}, registeredStaticData(), { 'content-type': 'text/plain' });
		expect(asText.response.statusCode).toBe(400);
		expect(asText.result.workflowData).toBeUndefined();
		const body = { ...signedDelivery(), padding: 'x'.repeat(1024 * 1024) };
		const oversize = await deliver(body);
		expect(oversize.response.statusCode).toBe(400);
		expect(oversize.response.body).toEqual({ message: 'The body is larger than 1048576 bytes' });
	});
});

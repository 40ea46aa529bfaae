/**
 * Lever Trigger: what its execution does with an accepted delivery. webhook() answers Lever without
 * a single Lever call; the execution confirms the stage change with Lever, filters and resolves.
 */
import nock from 'nock';
import * as n8nWorkflow from 'n8n-workflow';
import { LeverTrigger } from '../../../nodes/Lever/LeverTrigger.node';
import { clearCache } from '../../../nodes/shared/cache';
import { createDedupStore, runNode, runWebhook } from '../../helpers/harness';
import { ASSESSMENT, BASE, credentials, credentialTypes, deliver, mockResolve, registeredStaticData, request, signedDelivery } from './leverTriggerFixtures';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));
const sleep = n8nWorkflow.sleep as jest.MockedFunction<typeof n8nWorkflow.sleep>;

beforeAll(() => nock.disableNetConnect());
// Stage names are kept in process memory: each test starts without them.
beforeEach(() => clearCache());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Lever Trigger: the execution', () => {
	it('answers the delivery without any Lever request: webhook() hands the delivery on as it came', async () => {
		const requested: string[] = [];
		const record = (request: { method?: string; path?: string }) => requested.push(`${request.method} ${request.path}`);
		nock.emitter.on('no match', record);
		try {
			const body = signedDelivery();
			const { result, response } = await runWebhook(new LeverTrigger(), {
				parameters: { events: ['candidateStageChange'], toStageIds: [ASSESSMENT], postingIds: ['posting-1'], options: { resolvePostingOwner: true } },
				credentials,
				credentialTypes,
				staticData: registeredStaticData(),
				request: request(body),
			});
			expect(response.statusCode).toBeUndefined();
			const [item] = result.workflowData![0];
			expect(item.json).toEqual({ deliveryId: expect.stringMatching(/^[0-9a-f]{32}$/), raw: body });
		} finally {
			nock.emitter.removeListener('no match', record);
		}
		expect(requested).toEqual([]);
	});

	it('waits out a rate limit in the execution as any node does (normal retry policy, not the webhook one)', async () => {
		sleep.mockClear();
		// A Retry-After of 5 s: more than a webhook() may wait (2 s), within what an execution waits.
		nock(BASE).get('/v1/opportunities/opp-1').query(true).reply(429, { code: 'TooManyRequests', message: 'slow down' }, { 'Retry-After': '5' });
		const scope = mockResolve();
		const { items, error } = await deliver(signedDelivery());
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([5000]);
		expect(scope.isDone()).toBe(true);
	});

	it('runs a delivery again when its execution failed on a Lever look-up and is retried', async () => {
		const dedupStore = createDedupStore();
		const { result } = await runWebhook(new LeverTrigger(), {
			parameters: { events: ['candidateStageChange'], toStageIds: [ASSESSMENT] },
			credentials,
			credentialTypes,
			staticData: registeredStaticData(),
			request: request(signedDelivery()),
		});
		const execute = () =>
			runNode(new LeverTrigger(), {
				parameters: { events: ['candidateStageChange'], toStageIds: [ASSESSMENT] },
				credentials,
				credentialTypes,
				staticData: registeredStaticData(),
				dedupStore,
				input: result.workflowData![0],
				mode: 'webhook',
			});
		nock(BASE).get('/v1/opportunities/opp-1').query(true).reply(401, { code: 'Unauthorized', message: 'Invalid API key' });
		const failed = await execute();
		expect(failed.error?.message).toBeDefined();
		mockResolve();
		const retried = await execute();
		expect(retried.error).toBeUndefined();
		expect(retried.items[0]).toHaveLength(1);
		const repeat = await execute();
		expect(repeat.items[0] ?? []).toEqual([]);
	});

	it('filters by posting after resolving the candidate, in the execution: 200 to Lever, no output', async () => {
		mockResolve();
		const { result, response, items } = await deliver(signedDelivery(), { postingIds: ['another-posting'] });
		expect(response.statusCode).toBeUndefined();
		expect(result.workflowData).toBeDefined();
		expect(items).toEqual([]);
	});

	it('reads the stage names once for several deliveries (kept per credential for 5 minutes)', async () => {
		const opportunity = { data: { id: 'opp-1', emails: ['jane@example.com'], stage: ASSESSMENT, applications: [] } };
		const stages = { data: [{ id: ASSESSMENT, text: 'Assessment' }], hasNext: false };
		const scope = nock(BASE)
			.get('/v1/opportunities/opp-1').query(true).times(3).reply(200, opportunity)
			.get('/v1/stages').query(true).once().reply(200, stages);
		for (let delivery = 0; delivery < 3; delivery++) {
			const { items } = await deliver(signedDelivery());
			expect(items[0].json).toMatchObject({ toStage: { id: ASSESSMENT, name: 'Assessment' } });
		}
		expect(scope.isDone()).toBe(true);
	});

	it('confirms the stage change with one lookup and reads no stage names when Resolve Candidate is off', async () => {
		const scope = nock(BASE)
			.get('/v1/opportunities/opp-1')
			.query({ expand: ['applications', 'stage'] })
			.reply(200, { data: { id: 'opp-1', emails: ['jane@example.com'], stage: ASSESSMENT, applications: [] } });
		const { items } = await deliver(signedDelivery(), { options: { resolveCandidate: false } });
		expect(items[0].json).toMatchObject({ applicationId: 'opp-1', toStage: { id: ASSESSMENT, name: null } });
		expect(scope.isDone()).toBe(true);
		expect(nock.pendingMocks()).toEqual([]);
	});

	// Lever signs token + triggeredAt, not the data: altered data must not invite anyone.
	// The look-up runs in the execution, after n8n answered: Lever gets 200, the execution outputs nothing.
	it('outputs nothing when Lever says the opportunity is in another stage (Lever is answered 200)', async () => {
		const scope = nock(BASE)
			.get('/v1/opportunities/opp-1')
			.query(true)
			.reply(200, { data: { id: 'opp-1', emails: ['jane@example.com'], stage: { id: 'applicant-new', text: 'New applicant' }, applications: [] } });
		const { result, response, items, error } = await deliver(signedDelivery());
		expect(response.statusCode).toBeUndefined();
		expect(result.workflowData).toBeDefined();
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
		expect(scope.isDone()).toBe(true);
	});

	it('outputs nothing when Lever has no such opportunity (Lever is answered 200)', async () => {
		const scope = nock(BASE).get('/v1/opportunities/opp-1').query(true).reply(404, { code: 'ResourceNotFound', message: 'Not found' });
		const { response, items, error } = await deliver(signedDelivery());
		expect(response.statusCode).toBeUndefined();
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
		expect(scope.isDone()).toBe(true);
	});

});

import { gzipSync } from 'zlib';
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import { IcimsTrigger } from '../../../nodes/Icims/IcimsTrigger.node';
import type { DedupStore } from '../../helpers/harness';
import { createDedupStore, runDelivery, runWebhook, runWebhookMethod } from '../../helpers/harness';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));
const sleep = n8nWorkflow.sleep as jest.MockedFunction<typeof n8nWorkflow.sleep>;

import { API, credentials, credentialTypes, goodAuth, HOST, RECEIVER_PASSWORD, resolution, statusChange } from './icimsTriggerFixtures';

interface Delivery {
	body?: unknown;
	rawBody?: Buffer;
	headers?: Record<string, string>;
	parameters?: IDataObject;
	staticData?: IDataObject;
	credentials?: IDataObject;
}

/** A notification end to end at the trigger: webhook() (n8n's answer), then the execution's first step (items). */
function deliver(options: Delivery = {}) {
	const body = options.body ?? statusChange();
	return runDelivery(new IcimsTrigger(), {
		dedupStore: createDedupStore(),
		parameters: { source: 'events', statusIds: 'C36951', ...options.parameters },
		credentials: options.credentials ? { icimsApi: options.credentials as never } : credentials,
		credentialTypes,
		staticData: options.staticData ?? {},
		request: {
			body,
			rawBody: options.rawBody,
			headers: { 'content-type': 'application/json', authorization: goodAuth, ...options.headers },
		},
	});
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	sleep.mockClear();
});
afterAll(() => nock.enableNetConnect());

describe('iCIMS Trigger: event receiver', () => {
	it('answers iCIMS without any iCIMS request: webhook() hands the status change on as it came', async () => {
		const requested: string[] = [];
		const record = (request: { method?: string; path?: string }) => requested.push(`${request.method} ${request.path}`);
		nock.emitter.on('no match', record);
		try {
			const body = statusChange();
			const { result, response } = await runWebhook(new IcimsTrigger(), {
				parameters: { source: 'events', statusIds: 'C36951' },
				credentials,
				credentialTypes,
				staticData: {},
				request: { body, headers: { 'content-type': 'application/json', authorization: goodAuth } },
			});
			expect(response.statusCode).toBeUndefined();
			expect(result.workflowData![0][0].json).toEqual({ deliveryId: expect.stringMatching(/^[0-9a-f]{32}$/), receivedAt: expect.any(String), raw: body });
		} finally {
			nock.emitter.removeListener('no match', record);
		}
		expect(requested).toEqual([]);
	});

	it('emits the normalised ATS event with person and job resolved, one request each', async () => {
		const scope = resolution();
		const { items, response } = await deliver();
		expect(response.statusCode).toBeUndefined();
		expect(items[0].json).toMatchObject({
			ats: 'icims',
			event: 'workflowStatusChange',
			candidateId: '2587',
			applicationId: '19288',
			jobId: '1026',
			fromStage: { id: 'C2002', name: null },
			toStage: { id: 'C36951', name: null },
			email: 'jane.doe@example.org',
			name: 'Jane Doe',
			phone: '+14155550101',
			jobTitle: 'Senior Backend Engineer',
			changedByUserId: '1501',
			raw: { systemId: '19288' },
		});
		expect(scope.isDone()).toBe(true);
	});

	it('makes no request with Resolve Candidate off', async () => {
		const { items } = await deliver({ parameters: { options: { resolveCandidate: false } } });
		expect(items[0].json).toMatchObject({ applicationId: '19288', email: null, jobTitle: null });
	});

	it('reads a gzip body that n8n left compressed', async () => {
		const scope = resolution();
		const rawBody = gzipSync(JSON.stringify(statusChange()));
		const { items } = await deliver({ body: {}, rawBody, headers: { 'content-type': 'application/octet-stream' } });
		expect(items[0].json.applicationId).toBe('19288');
		expect(scope.isDone()).toBe(true);
	});

	it('reads a body n8n already inflated (Content-Encoding: gzip)', async () => {
		const scope = resolution();
		const { items } = await deliver({ headers: { 'content-encoding': 'gzip' } });
		expect(items[0].json.applicationId).toBe('19288');
		expect(scope.isDone()).toBe(true);
	});

	it.each([
		['no Authorization header', { authorization: '' }],
		['a wrong password', { authorization: `Basic ${Buffer.from('icims-events:guess').toString('base64')}` }],
		['a wrong username', { authorization: `Basic ${Buffer.from(`someone:${RECEIVER_PASSWORD}`).toString('base64')}` }],
		['a Bearer token', { authorization: `Bearer ${RECEIVER_PASSWORD}` }],
		['no colon', { authorization: `Basic ${Buffer.from('icims-events').toString('base64')}` }],
	])('answers 401 and starts nothing for %s', async (_name, headers) => {
		const { result, response } = await deliver({ headers });
		expect(response.statusCode).toBe(401);
		expect(response.headers['www-authenticate']).toContain('Basic');
		expect(response.body).toEqual({ error: { userMessage: 'Authentication failed', debugErrorMessage: expect.any(String) } });
		expect(JSON.stringify(response.body)).not.toContain(RECEIVER_PASSWORD);
		expect(result.workflowData).toBeUndefined();
	});

	it('answers 401 to everyone while the credential has no receiver password', async () => {
		const { response } = await deliver({
			credentials: { ...credentials.icimsApi, webhookUsername: '', webhookPassword: '' },
			headers: { authorization: `Basic ${Buffer.from(':').toString('base64')}` },
		});
		expect(response.statusCode).toBe(401);
	});

	it.each([
		['broken gzip', { body: {}, rawBody: Buffer.concat([gzipSync('{"a":1}').subarray(0, 12), Buffer.from('garbage')]), headers: { 'content-type': 'application/octet-stream' } }],
		['text that is not JSON', { body: {}, rawBody: Buffer.from('not json'), headers: { 'content-type': 'text/plain' } }],
		['no eventType', { body: { systemId: '1' } }],
		['a status change without systemId', { body: statusChange({ systemId: undefined }) }],
		['a status change without newStatus', { body: statusChange({ newStatus: null }) }],
		['another customer', { body: statusChange({ customerId: '9999' }) }],
	])("answers 400 in iCIMS' error shape to %s", async (_name, delivery) => {
		const { result, response } = await deliver(delivery as Delivery);
		expect(response.statusCode).toBe(400);
		expect(response.body).toEqual({ error: { userMessage: expect.any(String), debugErrorMessage: expect.any(String) } });
		expect(result.workflowData).toBeUndefined();
	});

	/** A notification through webhook() and then the trigger's execute(), which drops repeats. */
	function notify(dedupStore: DedupStore, options: Delivery = {}) {
		return runDelivery(new IcimsTrigger(), {
			parameters: { source: 'events', statusIds: '', options: { resolveCandidate: false }, ...options.parameters },
			credentials,
			credentialTypes,
			staticData: {},
			dedupStore,
			request: { body: options.body ?? statusChange(), headers: { authorization: goodAuth } },
		});
	}

	it('starts an execution for both notifications of one status change; the second stops at the trigger, a different status runs', async () => {
		const dedupStore = createDedupStore();
		const first = await notify(dedupStore);
		expect(first.items).toHaveLength(1);
		expect(first.items[0].json.deliveryId).toMatch(/^[0-9a-f]{32}$/);
		const duplicate = await notify(dedupStore);
		expect(duplicate.response.statusCode).toBeUndefined();
		expect(duplicate.result.workflowData).toBeDefined();
		expect(duplicate.items).toEqual([]);
		const next = await notify(dedupStore, { body: statusChange({ oldStatus: 'C36951', newStatus: 'C2004' }) });
		expect(next.items).toHaveLength(1);
	});

	it('takes the same status change again once the Duplicate Window has passed, not before', async () => {
		const start = Date.now();
		const at = async (dedupStore: DedupStore, minutes: number) => {
			jest.spyOn(Date, 'now').mockReturnValue(start + minutes * 60_000);
			try {
				return (await notify(dedupStore)).items.length;
			} finally {
				jest.restoreAllMocks();
			}
		};
		const within = createDedupStore();
		expect(await at(within, 0)).toBe(1);
		expect(await at(within, 9)).toBe(0);
		// The window is kept to a quarter of its length: 10 minutes end by 12.5.
		const after = createDedupStore();
		expect(await at(after, 0)).toBe(1);
		expect(await at(after, 13)).toBe(1);
		expect(await at(after, 15)).toBe(0);
	});

	it('counts the window from the first notification: a repeat inside it does not extend it', async () => {
		const start = Date.now();
		const dedupStore = createDedupStore();
		const at = async (minutes: number) => {
			jest.spyOn(Date, 'now').mockReturnValue(start + minutes * 60_000);
			try {
				return (await notify(dedupStore)).items.length;
			} finally {
				jest.restoreAllMocks();
			}
		};
		expect(await at(0)).toBe(1);
		expect(await at(9)).toBe(0);
		// Had the repeat at minute 9 been recorded, the change would stay dropped until minute 21.
		expect(await at(13)).toBe(1);
	});

	it('honours a Duplicate Window set on the node', async () => {
		const dedupStore = createDedupStore();
		const parameters = { options: { resolveCandidate: false, duplicateWindowMinutes: 60 } };
		const start = Date.now();
		jest.spyOn(Date, 'now').mockReturnValue(start);
		expect((await notify(dedupStore, { parameters })).items).toHaveLength(1);
		jest.spyOn(Date, 'now').mockReturnValue(start + 30 * 60_000);
		expect((await notify(dedupStore, { parameters })).items).toEqual([]);
		jest.restoreAllMocks();
	});

	it('does not drop the retry of a delivery whose resolution failed', async () => {
		const dedupStore = createDedupStore();
		nock(HOST).get(`${API}/people/2587`).query(true).reply(404, { errors: [{ errorMessage: 'Person not found' }] });
		const parameters = { options: {} };
		const failed = await notify(dedupStore, { parameters });
		expect(failed.response.statusCode).toBeUndefined();
		expect(failed.error?.message).toContain('iCIMS answered HTTP 404: Person not found');
		const scope = resolution();
		expect((await notify(dedupStore, { parameters })).items).toHaveLength(1);
		expect(scope.isDone()).toBe(true);
	});

	it('answers iCIMS 200 at once; a look-up that keeps failing fails the execution, and the next notification runs', async () => {
		const dedupStore = createDedupStore();
		nock(HOST).get(`${API}/people/2587`).query(true).times(8).reply(503, { errors: [{ errorMessage: 'Busy' }] });
		const failed = await notify(dedupStore, { parameters: { options: {} } });
		expect(failed.response.statusCode).toBeUndefined();
		expect(failed.items).toEqual([]);
		expect(failed.error?.message).toBe('iCIMS answered HTTP 503 after 8 attempts: Busy');
		// In the execution: the normal retry policy, not the webhook one (waits up to a second).
		expect(sleep).toHaveBeenCalledTimes(7);
		expect(Math.max(...sleep.mock.calls.map(([ms]) => ms))).toBeGreaterThan(1000);
		expect(nock.pendingMocks()).toEqual([]);
		// iCIMS' repeat of the notification is taken, not dropped as a repeat.
		const scope = resolution();
		expect((await notify(dedupStore, { parameters: { options: {} } })).items).toHaveLength(1);
		expect(scope.isDone()).toBe(true);
	});

	it.each([
		['another status', { body: statusChange({ newStatus: 'C2004' }) }],
		['another job', { parameters: { jobIds: '1, 2' } }],
		['another event type', { body: { customerId: '4242', eventType: 'AssessmentEvent', systemId: '19288' } }],
	])('acknowledges %s with 200 and starts nothing, at no API cost', async (_name, delivery) => {
		const { result, response } = await deliver(delivery as Delivery);
		expect(response.statusCode).toBeUndefined();
		expect(result).toEqual({});
	});

	it('answers 404 in polling mode', async () => {
		const { response } = await deliver({ parameters: { source: 'polling' } });
		expect(response.statusCode).toBe(404);
	});

	it('registers nothing with iCIMS (iCIMS staff configure the URL)', async () => {
		for (const method of ['checkExists', 'create', 'delete'] as const) {
			expect(await runWebhookMethod(new IcimsTrigger(), method, { parameters: {}, credentials, credentialTypes, staticData: {} })).toBe(true);
		}
	});
});

import { gzipSync } from 'zlib';
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import { IcimsApi } from '../../../credentials/IcimsApi.credentials';
import { IcimsTrigger } from '../../../nodes/Icims/IcimsTrigger.node';
import { repeatsWithin } from '../../../nodes/shared/deliveryGate';
import type { DedupStore } from '../../helpers/harness';
import { createDedupStore, runDelivery, runPoll, runWebhook, runWebhookMethod } from '../../helpers/harness';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));
const sleep = n8nWorkflow.sleep as jest.MockedFunction<typeof n8nWorkflow.sleep>;

const HOST = 'https://icims.test';
const API = '/customers/4242';
const RECEIVER_PASSWORD = 'receiver-password-789';
const credentials = {
	icimsApi: {
		customerId: '4242',
		authentication: 'basic',
		username: 'api-user',
		password: 'api-password',
		environment: 'custom',
		baseUrl: HOST,
		webhookUsername: 'icims-events',
		webhookPassword: RECEIVER_PASSWORD,
	},
};
const credentialTypes = [new IcimsApi()];
const goodAuth = `Basic ${Buffer.from(`icims-events:${RECEIVER_PASSWORD}`).toString('base64')}`;

function statusChange(overrides: IDataObject = {}): IDataObject {
	return {
		customerId: '4242',
		eventType: 'WorkFlowStatusChangeEvent',
		systemId: '19288',
		userId: '1501',
		personId: '2587',
		jobId: '1026',
		oldStatus: 'C2002',
		newStatus: 'C36951',
		links: [{ rel: 'applicantWorkflow', title: 'Applicant Workflow', url: 'https://api.icims.com/customers/4242/applicantworkflows/19288' }],
		...overrides,
	};
}

interface Delivery {
	body?: unknown;
	rawBody?: Buffer;
	headers?: Record<string, string>;
	parameters?: IDataObject;
	staticData?: IDataObject;
	credentials?: IDataObject;
}

function deliver(options: Delivery = {}) {
	const body = options.body ?? statusChange();
	return runWebhook(new IcimsTrigger(), {
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

function resolution() {
	return nock(HOST)
		.get(`${API}/people/2587`)
		.query({ fields: 'firstname,lastname,email,phones' })
		.reply(200, { firstname: 'Jane', lastname: 'Doe', email: 'jane.doe@example.org', phones: [{ phonenumber: '+14155550101' }] })
		.get(`${API}/jobs/1026`)
		.query({ fields: 'jobtitle,jobid,folder,joblocation,hiringmanager,recruiter' })
		.reply(200, { jobtitle: 'Senior Backend Engineer', jobid: '2026-1026' });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	sleep.mockClear();
});
afterAll(() => nock.enableNetConnect());

describe('iCIMS Trigger: event receiver', () => {
	it('emits the normalised ATS event with person and job resolved, one request each', async () => {
		const scope = resolution();
		const { result, response } = await deliver();
		expect(response.statusCode).toBeUndefined();
		expect(result.workflowData![0][0].json).toMatchObject({
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
		const { result } = await deliver({ parameters: { options: { resolveCandidate: false } } });
		expect(result.workflowData![0][0].json).toMatchObject({ applicationId: '19288', email: null, jobTitle: null });
	});

	it('reads a gzip body that n8n left compressed', async () => {
		const scope = resolution();
		const rawBody = gzipSync(JSON.stringify(statusChange()));
		const { result } = await deliver({ body: {}, rawBody, headers: { 'content-type': 'application/octet-stream' } });
		expect(result.workflowData![0][0].json.applicationId).toBe('19288');
		expect(scope.isDone()).toBe(true);
	});

	it('reads a body n8n already inflated (Content-Encoding: gzip)', async () => {
		const scope = resolution();
		const { result } = await deliver({ headers: { 'content-encoding': 'gzip' } });
		expect(result.workflowData![0][0].json.applicationId).toBe('19288');
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
		await expect(notify(dedupStore, { parameters })).rejects.toThrow('iCIMS answered HTTP 404: Person not found');
		const scope = resolution();
		expect((await notify(dedupStore, { parameters })).items).toHaveLength(1);
		expect(scope.isDone()).toBe(true);
	});

	it('retries a failing lookup within iCIMS\' 30 s, then answers 503 so iCIMS sends the event again, starting nothing', async () => {
		const staticData: IDataObject = {};
		nock(HOST).get(`${API}/people/2587`).query(true).times(8).reply(503, { errors: [{ errorMessage: 'Busy' }] });
		const { result, response } = await deliver({ staticData });
		expect(result.workflowData).toBeUndefined();
		expect(response.statusCode).toBe(503);
		expect(response.body).toEqual({ error: { userMessage: 'iCIMS could not be read just now: send the event again', debugErrorMessage: 'iCIMS answered HTTP 503 after 8 attempts: Busy' } });
		expect(sleep).toHaveBeenCalledTimes(7);
		for (const [ms] of sleep.mock.calls) expect(ms).toBeLessThanOrEqual(1000);
		expect(nock.pendingMocks()).toEqual([]);
		// iCIMS' retry is taken, not dropped as a repeat.
		const scope = resolution();
		expect((await deliver({ staticData })).result.workflowData).toBeDefined();
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

describe('repeatsWithin: the keys of a Duplicate Window', () => {
	const WINDOW = 600_000;
	const item = (deliveryId?: string) => ({ json: deliveryId === undefined ? { raw: { a: 1 } } : { deliveryId } });
	const keyOf = (entry: { json: IDataObject }) => entry.json.deliveryId as string | undefined;

	it('records the current quarter of the window and looks at the four before', () => {
		const keys = repeatsWithin(WINDOW, keyOf, () => 10 * 150_000 + 1)(item('k'));
		expect(keys).toEqual(['delivery:k@10', 'delivery:k@9', 'delivery:k@8', 'delivery:k@7', 'delivery:k@6']);
	});

	it('shares a key with the same change within the window, and none past it', () => {
		const at = (ms: number) => repeatsWithin(WINDOW, keyOf, () => ms)(item('k'));
		const recorded = at(1_000_000)[0];
		expect(at(1_000_000 + WINDOW - 1)).toContain(recorded);
		expect(at(1_000_000 + WINDOW + 150_000)).not.toContain(recorded);
		expect(repeatsWithin(WINDOW, keyOf, () => 1_000_000)(item('other'))).not.toContain(recorded);
	});

	it('falls back to the content key for an item without one', () => {
		expect(repeatsWithin(WINDOW, keyOf)(item())).toHaveLength(1);
	});
});

describe('iCIMS Trigger: polling', () => {
	const parameters = { source: 'polling', statusIds: 'C36951' };

	function search(ids: number[], since?: string) {
		return nock(HOST)
			.post(`${API}/search/applicantworkflows`, (body: { filters: Array<{ name: string; value: string[]; operator: string }>; operator: string }) => {
				const [status, updated] = body.filters;
				return (
					body.operator === '&' &&
					status.name === 'applicantworkflow.status' && status.value.join() === 'C36951' &&
					updated.name === 'applicantworkflow.updateddate' && updated.operator === '>=' &&
					/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} (AM|PM)$/.test(updated.value[0]) &&
					(since === undefined || updated.value[0] === since)
				);
			})
			.reply(200, { searchResults: ids.map((id) => ({ id })) });
	}

	function workflow(id: number, status = 'C36951') {
		return nock(HOST)
			.get(`${API}/applicantworkflows/${id}`)
			.query({ fields: 'associatedprofile,baseprofile,status,updateddate' })
			.reply(200, {
				associatedprofile: { id: 2587 },
				baseprofile: { id: 1026 },
				status: { id: status, value: 'Video Interview', formattedvalue: 'Video Interview' },
				updateddate: '2026-02-01 05:30 PM',
			});
	}

	it('records what is there on the first poll, then emits each newly moved workflow once', async () => {
		const staticData: IDataObject = {};
		const first = search([1, 2]);
		expect(await runPoll(new IcimsTrigger(), { parameters, credentials, credentialTypes, staticData })).toBeNull();
		expect(first.isDone()).toBe(true);
		expect(staticData.cursor).toEqual(expect.any(Number));

		const second = search([1, 2, 3]);
		const details = workflow(3);
		const people = resolution();
		const emitted = await runPoll(new IcimsTrigger(), { parameters, credentials, credentialTypes, staticData });
		expect(emitted![0]).toHaveLength(1);
		expect(emitted![0][0].json).toMatchObject({
			ats: 'icims',
			applicationId: '3',
			candidateId: '2587',
			jobId: '1026',
			toStage: { id: 'C36951', name: 'Video Interview' },
			email: 'jane.doe@example.org',
			occurredAt: '2026-02-01T17:30:00.000Z',
		});
		expect(second.isDone() && details.isDone() && people.isDone()).toBe(true);

		search([1, 2, 3]);
		expect(await runPoll(new IcimsTrigger(), { parameters, credentials, credentialTypes, staticData })).toBeNull();
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('looks back 20 minutes from the cursor, because iCIMS search results can be 15 minutes stale', async () => {
		const cursor = Date.UTC(2026, 1, 1, 17, 30);
		search([], '2026-02-01 05:10 PM');
		expect(await runPoll(new IcimsTrigger(), { parameters, credentials, credentialTypes, staticData: { cursor, emitted: {} } })).toBeNull();
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('trusts the workflow over a stale search: one no longer in the status is neither emitted nor recorded', async () => {
		const staticData: IDataObject = { cursor: Date.now(), emitted: {} };
		search([5]);
		workflow(5, 'C2004');
		expect(await runPoll(new IcimsTrigger(), { parameters, credentials, credentialTypes, staticData })).toBeNull();
		expect(staticData.emitted).toEqual({});
	});

	it('shows the newest match as a sample in a manual run, recording nothing', async () => {
		const staticData: IDataObject = {};
		search([8, 9]);
		workflow(9);
		const sample = await runPoll(new IcimsTrigger(), {
			parameters: { ...parameters, options: { resolveCandidate: false } },
			credentials,
			credentialTypes,
			staticData,
			mode: 'manual',
		});
		expect(sample![0][0].json.applicationId).toBe('9');
		expect(staticData.cursor).toBeUndefined();
		expect(staticData.emitted).toEqual({});
	});

	it('adds the job filter to the search', async () => {
		const scope = nock(HOST)
			.post(`${API}/search/applicantworkflows`, (body: { filters: Array<{ name: string; value: string[] }> }) =>
				body.filters.some((filter) => filter.name === 'applicantworkflow.job.id' && filter.value.join() === '1026,1027'),
			)
			.reply(200, { searchResults: [] });
		await runPoll(new IcimsTrigger(), { parameters: { ...parameters, jobIds: '1026, 1027' }, credentials, credentialTypes, staticData: {} });
		expect(scope.isDone()).toBe(true);
	});

	it('needs at least one status, and refuses malformed ids before any request', async () => {
		await expect(runPoll(new IcimsTrigger(), { parameters: { source: 'polling', statusIds: '' }, credentials, credentialTypes, staticData: {} })).rejects.toThrow(
			'The field "Only Into Status IDs" is required for polling',
		);
		await expect(
			runPoll(new IcimsTrigger(), { parameters: { ...parameters, jobIds: '1026, ../x' }, credentials, credentialTypes, staticData: {} }),
		).rejects.toThrow('The field "Only Job IDs" has a value that is not an iCIMS ID');
	});

	it('does not poll in event receiver mode', async () => {
		expect(await runPoll(new IcimsTrigger(), { parameters: { source: 'events' }, credentials, credentialTypes, staticData: {} })).toBeNull();
	});
});

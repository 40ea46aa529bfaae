import { gzipSync } from 'zlib';
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import { IcimsApi } from '../../../credentials/IcimsApi.credentials';
import { IcimsTrigger } from '../../../nodes/Icims/IcimsTrigger.node';
import { claimStatusChange, releaseStatusChange } from '../../../nodes/Icims/events';
import { runPoll, runWebhook, runWebhookMethod } from '../../helpers/harness';

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

	it('drops the duplicate notification for the same workflow and status, not a different status', async () => {
		const staticData: IDataObject = {};
		const parameters = { statusIds: '', options: { resolveCandidate: false } };
		expect((await deliver({ staticData, parameters })).result.workflowData).toBeDefined();
		const duplicate = await deliver({ staticData, parameters });
		expect(duplicate.response.statusCode).toBeUndefined();
		expect(duplicate.result).toEqual({});
		const next = await deliver({ staticData, parameters, body: statusChange({ oldStatus: 'C36951', newStatus: 'C2004' }) });
		expect(next.result.workflowData).toBeDefined();
	});

	it('takes the same status change again once the window has passed', async () => {
		const staticData: IDataObject = { recentStatusChanges: { '19288:C36951': Date.now() - 1 } };
		const { result } = await deliver({ staticData, parameters: { options: { resolveCandidate: false } } });
		expect(result.workflowData).toBeDefined();
	});

	it('does not drop the retry of a delivery whose resolution failed', async () => {
		const staticData: IDataObject = {};
		nock(HOST).get(`${API}/people/2587`).query(true).reply(404, { errors: [{ errorMessage: 'Person not found' }] });
		await expect(deliver({ staticData })).rejects.toThrow('iCIMS answered HTTP 404: Person not found');
		const scope = resolution();
		expect((await deliver({ staticData })).result.workflowData).toBeDefined();
		expect(scope.isDone()).toBe(true);
	});

	it('retries a failing lookup within iCIMS\' 30 s, then answers 503 so iCIMS sends the event again, starting nothing', async () => {
		const staticData: IDataObject = {};
		nock(HOST).get(`${API}/people/2587`).query(true).times(4).reply(503, { errors: [{ errorMessage: 'Busy' }] });
		const { result, response } = await deliver({ staticData });
		expect(result.workflowData).toBeUndefined();
		expect(response.statusCode).toBe(503);
		expect(response.body).toEqual({ error: { userMessage: 'iCIMS could not be read just now: send the event again', debugErrorMessage: 'iCIMS answered HTTP 503 after 4 attempts: Busy' } });
		expect(sleep).toHaveBeenCalledTimes(3);
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

describe('iCIMS Trigger: the duplicate window', () => {
	it('claims a status change once per window, forgets it on release, and stays bounded', () => {
		const staticData: IDataObject = {};
		expect(claimStatusChange(staticData, '1:C1', 1_000, 600_000)).toBe(true);
		expect(claimStatusChange(staticData, '1:C1', 2_000, 600_000)).toBe(false);
		expect(claimStatusChange(staticData, '1:C1', 601_000, 600_000)).toBe(true);
		releaseStatusChange(staticData, '1:C1');
		expect(claimStatusChange(staticData, '1:C1', 602_000, 600_000)).toBe(true);
		for (let id = 2; id < 10; id++) claimStatusChange(staticData, `${id}:C1`, 603_000, 600_000, 5);
		expect(Object.keys(staticData.recentStatusChanges as IDataObject)).toEqual(['5:C1', '6:C1', '7:C1', '8:C1', '9:C1']);
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

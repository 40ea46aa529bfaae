/**
 * The iCIMS nodes against the iCIMS simulator over real HTTP on loopback: gzip event notifications
 * sent twice make one execution, OAuth tokens are fetched once and refreshed on expiry, results are
 * written once then updated, searches page past 1,000, and polling spends few calls.
 */
import { gunzipSync } from 'node:zlib';
import type { IDataObject } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import { IcimsApi } from '../../../credentials/IcimsApi.credentials';
import { Icims } from '../../../nodes/Icims/Icims.node';
import { IcimsTrigger } from '../../../nodes/Icims/IcimsTrigger.node';
import { createSandbox } from '../../../simulator/shared/core';
import * as icims from '../../../simulator/icims';
import { createDedupStore, runDelivery, runNode, runPoll } from '../../helpers/harness';
import { startReceiver, type IncomingCall, type Receiver } from '../helpers/receiver';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));

const SEED = icims.SEED;
const credentialTypes = [new IcimsApi()];
let sandbox: ReturnType<typeof createSandbox>;
let url: string;
let basicCredentials: IDataObject;
let oauthCredentials: IDataObject;
let receiver: Receiver<IncomingCall>;
let receiverUrl: string;
const executions: IDataObject[] = [];
let triggerDedupStore = createDedupStore();
const triggerStaticData: IDataObject = {};
let triggerParameters: IDataObject = {};

let workflowStaticData: IDataObject = {};
const getStaticData = Workflow.prototype.getStaticData;

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
	const res = await fetch(`${url}/_control/icims${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
	if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
	return (await res.json()) as T;
}

function apiRequests(): Array<{ method: string; path: string }> {
	return (sandbox.state.requests as Array<{ service: string; method: string; path: string }>).filter((r) => r.service === 'icims');
}

function run(parameters: IDataObject, credentials = basicCredentials, input?: Array<{ json: IDataObject }>) {
	return runNode(new Icims(), { parameters, credentials: { icimsApi: credentials as n8nWorkflow.ICredentialDataDecryptedObject }, credentialTypes, input });
}

beforeAll(async () => {
	jest.spyOn(Workflow.prototype, 'getStaticData').mockImplementation(function (this: Workflow, type, node) {
		return type === 'global' ? workflowStaticData : getStaticData.call(this, type, node);
	});
	sandbox = createSandbox([icims]);
	url = (await sandbox.listen(0, '127.0.0.1')).url;
	const common = {
		customerId: SEED.customerId,
		environment: 'custom',
		baseUrl: url + icims.prefix,
		webhookUsername: icims.SECRETS.webhookUsername,
		webhookPassword: icims.SECRETS.webhookPassword,
	};
	basicCredentials = { ...common, authentication: 'basic', username: icims.SECRETS.username, password: icims.SECRETS.password };
	oauthCredentials = {
		...common,
		authentication: 'oauth2ClientCredentials',
		clientId: icims.SECRETS.clientId,
		clientSecret: icims.SECRETS.clientSecret,
		tokenUrl: `${url}${icims.prefix}/oauth/token`,
	};
	// Stands in for n8n's webhook server: inflates Content-Encoding gzip, parses JSON, runs the trigger.
	receiver = await startReceiver({
		answer: async ({ headers, raw }) => {
			try {
				let rawBody = raw;
				if (headers['content-encoding'] === 'gzip') rawBody = gunzipSync(rawBody);
				const body = String(headers['content-type']).startsWith('application/json') ? (JSON.parse(rawBody.toString()) as IDataObject) : {};
				// webhook(), then the trigger's execute() that starts the execution and drops repeats.
				const { items, response } = await runDelivery(new IcimsTrigger(), {
					parameters: triggerParameters,
					credentials: { icimsApi: basicCredentials as n8nWorkflow.ICredentialDataDecryptedObject },
					credentialTypes,
					staticData: triggerStaticData,
					dedupStore: triggerDedupStore,
					request: { body, rawBody, headers: headers as Record<string, string> },
				});
				for (const item of items) executions.push(item.json);
				return { status: response.statusCode ?? 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(response.body ?? {}) };
			} catch (error: unknown) {
				// As n8n does when a trigger throws: a 500, and the test that counts executions sees none.
				return { status: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: String(error) }) };
			}
		},
	});
	receiverUrl = receiver.url;
});
beforeEach(async () => {
	// Notifications of the last test still on their way would reach the reset simulator.
	await sandbox.settle();
	sandbox.reset();
	executions.length = 0;
	triggerDedupStore = createDedupStore();
	for (const key of Object.keys(triggerStaticData)) delete triggerStaticData[key];
	workflowStaticData = {};
	triggerParameters = { source: 'events', statusIds: SEED.statuses.videoInterview };
});
afterAll(async () => {
	jest.restoreAllMocks();
	await receiver.close();
	await sandbox.close();
});

describe('iCIMS event receiver against the simulator', () => {
	it('turns a status change iCIMS posts twice (gzip) into one execution with person and job', async () => {
		await control('POST', '/subscriptions', { url: receiverUrl });
		const { deliveries } = await control<{ deliveries: Array<{ status: number }> }>('POST', `/applicantworkflows/${SEED.workflows.janeBackend}/status`, {
			statusId: SEED.statuses.videoInterview,
		});
		expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
		expect(executions).toHaveLength(1);
		expect(executions[0]).toMatchObject({
			ats: 'icims',
			applicationId: SEED.workflows.janeBackend,
			candidateId: SEED.people.janeDoe,
			jobId: SEED.jobs.backendEngineer,
			toStage: { id: SEED.statuses.videoInterview },
			fromStage: { id: SEED.statuses.phoneScreen },
			name: 'Jane Doe',
			email: 'jane.doe@example.org',
			phone: '+14155550101',
			jobTitle: 'Senior Backend Engineer',
		});
		// One call for the person and one for the job, in the execution: the repeat is dropped before them, at the trigger's execute().
		const lookups = [`GET /customers/${SEED.customerId}/people/${SEED.people.janeDoe}`, `GET /customers/${SEED.customerId}/jobs/${SEED.jobs.backendEngineer}`];
		expect(apiRequests().map((r) => `${r.method} ${r.path}`)).toEqual(lookups);
	});

	it('reads gzip sent without Content-Encoding, refuses wrong credentials with 401, drops other statuses', async () => {
		await control('POST', '/subscriptions', { url: receiverUrl, encoding: 'gzip-raw', copies: 1 });
		await control('POST', `/applicantworkflows/${SEED.workflows.samBackend}/status`, { statusId: SEED.statuses.videoInterview });
		expect(executions.map((e) => e.applicationId)).toEqual([SEED.workflows.samBackend]);
		const refused = await control<{ deliveries: Array<{ status: number; body: unknown }> }>('POST', '/deliver', {
			workflowId: SEED.workflows.janeBackend,
			newStatus: SEED.statuses.videoInterview,
			auth: { username: icims.SECRETS.webhookUsername, password: 'guess' },
		});
		expect(refused.deliveries[0].status).toBe(401);
		const other = await control<{ deliveries: Array<{ status: number }> }>('POST', `/applicantworkflows/${SEED.workflows.janeBackend}/status`, { statusId: SEED.statuses.offer });
		expect(other.deliveries[0].status).toBe(200);
		expect(executions).toHaveLength(1);
	});

	it('starts one execution per candidate in a bulk change of 25, duplicates dropped', async () => {
		await control('POST', '/subscriptions', { url: receiverUrl });
		triggerParameters = { ...triggerParameters, options: { resolveCandidate: false } };
		const { ids } = await control<{ ids: string[] }>('POST', '/applicantworkflows/bulk', { count: 25 });
		await control('POST', '/status/bulk', { workflowIds: ids, statusId: SEED.statuses.videoInterview });
		expect(executions.map((e) => e.applicationId).sort()).toEqual([...ids].sort());
	});
});

describe('iCIMS node against the simulator', () => {
	it('fetches one OAuth token for several calls, and a new one after it expires', async () => {
		const credentials = { ...oauthCredentials };
		const input = [{ json: { id: SEED.people.janeDoe } }, { json: { id: SEED.people.samLee } }];
		const first = await run({ resource: 'person', operation: 'get', simple: false, personId: '={{ $json.id }}' }, credentials, input);
		expect(first.error).toBeUndefined();
		expect(first.items[0].map((item) => (item.json.contact as IDataObject).email)).toEqual(['jane.doe@example.org', 'sam.lee@example.org']);
		expect(await control('GET', '/oauth')).toMatchObject({ tokenRequests: 1 });
		await control('POST', '/oauth/expire');
		const afterExpiry = await run({ resource: 'job', operation: 'get', simple: false, jobId: SEED.jobs.dataAnalyst }, credentials);
		expect(afterExpiry.items[0][0].json.jobtitle).toBe('Data Analyst');
		expect(await control('GET', '/oauth')).toMatchObject({ tokenRequests: 2, activeTokens: 1 });
	});

	it('writes Sent, then Complete, to one assessmentresults entry; another workflow finds it by name', async () => {
		const write = (status: string, extra: IDataObject = {}) =>
			run({
				resource: 'assessmentResult',
				operation: 'write',
				workflowId: SEED.workflows.janeBackend,
				assessmentNameId: SEED.assessmentNames.wepowVideoInterview,
				assessmentStatus: 'custom',
				assessmentStatusId: status,
				additionalFields: extra,
			});
		expect((await write(SEED.assessmentStatuses.sent)).items[0][0].json.action).toBe('added');
		expect((await write(SEED.assessmentStatuses.complete, { score: 88, url: 'https://wepow.test/r/1', date: '2026-02-01T17:30:00Z' })).items[0][0].json.action).toBe('updated');
		workflowStaticData = {};
		const interview = await run({
			resource: 'interview',
			operation: 'writeResult',
			workflowId: SEED.workflows.janeBackend,
			interviewStatus: SEED.assessmentStatuses.complete,
			interviewUrl: 'https://wepow.test/review/limited',
			interviewDateTime: '2026-02-01T18:00:00Z',
			entryNameId: SEED.assessmentNames.wepowVideoInterview,
		});
		expect(interview.error).toBeUndefined();
		expect(interview.items[0][0].json.action).toBe('updated');
		const workflow = await control<{ assessmentresults: IDataObject[] }>('GET', `/applicantworkflows/${SEED.workflows.janeBackend}`);
		expect(workflow.assessmentresults).toEqual([
			expect.objectContaining({
				assessmentstatus: { id: SEED.assessmentStatuses.complete, value: 'Complete' },
				assessmentscore: 88,
				assessmenturl: 'https://wepow.test/review/limited',
				assessmentdate: '2026-02-01 06:00 PM',
			}),
		]);
	});

	it('changes a status that needs an empty required field, and searches past 1,000 results', async () => {
		const refused = await run({ resource: 'applicantWorkflow', operation: 'changeStatus', workflowId: SEED.workflows.alexAnalyst, statusId: SEED.statuses.offer });
		expect(refused.error!.message).toContain("Field 'source' is required");
		const ok = await run({ resource: 'applicantWorkflow', operation: 'changeStatus', workflowId: SEED.workflows.alexAnalyst, statusId: SEED.statuses.offer, extraFields: '{"source":"Referral"}' });
		expect(ok.error).toBeUndefined();
		await control('POST', '/applicantworkflows/bulk', { count: 1500, statusId: SEED.statuses.offer });
		const found = await run({ resource: 'applicantWorkflow', operation: 'search', returnAll: true, filters: { statusIds: SEED.statuses.offer } });
		expect(found.items[0]).toHaveLength(1501);
		expect(apiRequests().filter((r) => r.path.endsWith('/search/applicantworkflows'))).toHaveLength(2);
	});
});

describe('iCIMS polling against the simulator', () => {
	it('records on activation, then emits a newly moved candidate once, at four calls', async () => {
		const parameters = { source: 'polling', statusIds: SEED.statuses.videoInterview };
		const staticData: IDataObject = {};
		const poll = () => runPoll(new IcimsTrigger(), { parameters, credentials: { icimsApi: basicCredentials as n8nWorkflow.ICredentialDataDecryptedObject }, credentialTypes, staticData });
		await control('POST', `/applicantworkflows/${SEED.workflows.janeBackend}/status`, { statusId: SEED.statuses.videoInterview });
		expect(await poll()).toBeNull();
		await control('POST', `/applicantworkflows/${SEED.workflows.samBackend}/status`, { statusId: SEED.statuses.videoInterview });
		await fetch(`${url}/_control/requests`, { method: 'DELETE' });
		const emitted = await poll();
		expect(emitted![0].map((item) => item.json.applicationId)).toEqual([SEED.workflows.samBackend]);
		expect(emitted![0][0].json).toMatchObject({ email: 'sam.lee@example.org', toStage: { id: SEED.statuses.videoInterview, name: 'Video Interview' } });
		// Search, workflow, person, job.
		expect(apiRequests()).toHaveLength(4);
		expect(await poll()).toBeNull();
	});

	it('passes the credential test request', async () => {
		const test = new IcimsApi().test.request;
		const res = await fetch(`${url}${icims.prefix}/customers/${SEED.customerId}/search/applicantworkflows?searchJson=${encodeURIComponent(String(test.qs!.searchJson))}`, {
			headers: { authorization: icims.basicAuth(icims.SECRETS.username, icims.SECRETS.password) },
		});
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ searchResults: [] });
		expect(test.url).toBe('=/customers/{{$credentials.customerId}}/search/applicantworkflows');
	});
});

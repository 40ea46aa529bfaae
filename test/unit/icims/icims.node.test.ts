import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, Workflow } from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import { IcimsApi } from '../../../credentials/IcimsApi.credentials';
import { Icims } from '../../../nodes/Icims/Icims.node';
import { runNode } from '../../helpers/harness';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));
const sleep = n8nWorkflow.sleep as jest.MockedFunction<typeof n8nWorkflow.sleep>;

const HOST = 'https://icims.test';
const API = '/customers/4242';
const PASSWORD = 'icims-api-password-123';
const CLIENT_SECRET = 'icims-client-secret-456';
const basicCredentials = { customerId: '4242', authentication: 'basic', username: 'api-user', password: PASSWORD, environment: 'custom', baseUrl: HOST };
const oauthCredentials = {
	customerId: '4242',
	authentication: 'oauth2ClientCredentials',
	clientId: 'client-1',
	clientSecret: CLIENT_SECRET,
	environment: 'custom',
	baseUrl: HOST,
	tokenUrl: 'https://login.icims.test/oauth/token',
};
const credentialTypes = [new IcimsApi()];
const basicAuth = `Basic ${Buffer.from(`api-user:${PASSWORD}`).toString('base64')}`;

// The harness gives every run fresh workflow static data; n8n keeps it between executions.
let workflowStaticData: IDataObject = {};
const getStaticData = Workflow.prototype.getStaticData;
beforeAll(() => {
	nock.disableNetConnect();
	jest.spyOn(Workflow.prototype, 'getStaticData').mockImplementation(function (this: Workflow, type, node) {
		return type === 'global' ? workflowStaticData : getStaticData.call(this, type, node);
	});
});
beforeEach(() => {
	workflowStaticData = {};
});
afterEach(() => {
	nock.cleanAll();
	sleep.mockClear();
});
afterAll(() => {
	nock.enableNetConnect();
	jest.restoreAllMocks();
});

function run(parameters: Record<string, unknown>, options: { input?: Array<{ json: IDataObject }>; continueOnFail?: boolean; credentials?: IDataObject } = {}) {
	return runNode(new Icims(), {
		parameters,
		credentials: { icimsApi: (options.credentials ?? basicCredentials) as n8nWorkflow.ICredentialDataDecryptedObject },
		credentialTypes,
		input: options.input,
		continueOnFail: options.continueOnFail,
	});
}

describe('iCIMS node: reads', () => {
	it('gets an applicant workflow with HTTP Basic and the chosen fields', async () => {
		const scope = nock(HOST, { reqheaders: { authorization: basicAuth } })
			.get(`${API}/applicantworkflows/19288`)
			.query({ fields: 'associatedprofile,baseprofile,status,source,updateddate' })
			.reply(200, { associatedprofile: { id: 2587 }, baseprofile: { id: 1026 }, status: { id: 'C36951', value: 'Video Interview' } });
		const { items, error } = await run({ resource: 'applicantWorkflow', operation: 'get', simple: false, workflowId: '19288' });
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ id: '19288', status: { id: 'C36951' } });
		expect(items[0][0].pairedItem).toEqual({ item: 0 });
		expect(scope.isDone()).toBe(true);
	});

	it('gets a person with name, e-mail and phone summarised', async () => {
		const scope = nock(HOST)
			.get(`${API}/people/2587`)
			.query({ fields: 'firstname,lastname,email,phones' })
			.reply(200, { firstname: 'Jane', lastname: 'Doe', email: 'jane@example.org', phones: [{ phonetype: { value: 'Home' }, phonenumber: '+14155550101' }] });
		const { items } = await run({ resource: 'person', operation: 'get', simple: false, personId: '2587' });
		expect(items[0][0].json.contact).toEqual({ name: 'Jane Doe', email: 'jane@example.org', phone: '+14155550101' });
		expect(scope.isDone()).toBe(true);
	});

	it("gets a job with iCIMS' default fields when Fields is emptied", async () => {
		const scope = nock(HOST).get(`${API}/jobs/1026`).query({}).reply(200, { jobtitle: 'Senior Backend Engineer' });
		const { items } = await run({ resource: 'job', operation: 'get', simple: false, jobId: '1026', fields: '' });
		expect(items[0][0].json).toEqual({ id: '1026', jobtitle: 'Senior Backend Engineer' });
		expect(scope.isDone()).toBe(true);
	});

	it('uses the EU host when the credential says so', async () => {
		const scope = nock('https://api-eu.icims.com').get(`${API}/jobs/1026`).query(true).reply(200, {});
		const { error } = await run({ resource: 'job', operation: 'get', simple: false, jobId: '1026' }, { credentials: { ...basicCredentials, environment: 'eu' } });
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});
});

describe('iCIMS node: search', () => {
	const ids = (from: number, count: number) => Array.from({ length: count }, (_, index) => ({ id: from + index, self: `x/${from + index}` }));

	it('pages past the 1,000-id cap with an id cursor, every filter ANDed', async () => {
		const filters = [
			{ name: 'applicantworkflow.status', value: ['C36951', 'C2002'], operator: '=' },
			{ name: 'applicantworkflow.job.id', value: ['1026'], operator: '=' },
			{ name: 'applicantworkflow.person.email', value: ['jane@example.org'], operator: '=' },
		];
		const scope = nock(HOST)
			.post(`${API}/search/applicantworkflows`, { filters, operator: '&' })
			.reply(200, { searchResults: ids(1, 1000).reverse() })
			.post(`${API}/search/applicantworkflows`, {
				filters: [...filters, { name: 'applicantworkflow.id', value: ['1000'], operator: '>' }],
				operator: '&',
			})
			.reply(200, { searchResults: ids(1001, 5) });
		const { items } = await run({
			resource: 'applicantWorkflow',
			operation: 'search',
			returnAll: true,
			filters: { statusIds: 'C36951, C2002', jobId: '1026', personEmail: 'jane@example.org' },
		});
		expect(items[0]).toHaveLength(1005);
		expect(items[0][0].json).toEqual({ id: '1', self: 'x/1' });
		expect(items[0][1004].json.id).toBe('1005');
		expect(scope.isDone()).toBe(true);
	});

	it('stops at Limit without asking for another page', async () => {
		const scope = nock(HOST).post(`${API}/search/applicantworkflows`).reply(200, { searchResults: ids(1, 1000) });
		const { items } = await run({ resource: 'applicantWorkflow', operation: 'search', limit: 3, filters: { statusIds: 'C36951' } });
		expect(items[0].map((item) => item.json.id)).toEqual(['1', '2', '3']);
		expect(scope.isDone()).toBe(true);
	});

	it('fetches each workflow when Include Details is on, and converts Updated Since to iCIMS form', async () => {
		const scope = nock(HOST)
			.post(`${API}/search/applicantworkflows`, {
				filters: [{ name: 'applicantworkflow.updateddate', value: ['2026-01-31 02:05 PM'], operator: '>=' }],
				operator: '&',
			})
			.reply(200, { searchResults: [{ id: 7 }] })
			.get(`${API}/applicantworkflows/7`)
			.query(true)
			.reply(200, { status: { id: 'C1' } });
		const { items } = await run({
			resource: 'applicantWorkflow',
			operation: 'search',
			filters: { updatedSince: '2026-01-31T14:05:00Z' },
			includeDetails: true,
		});
		expect(items[0][0].json).toMatchObject({ id: '7', status: { id: 'C1' } });
		expect(scope.isDone()).toBe(true);
	});

	it('refuses a search without any filter, and a malformed e-mail, before any request', async () => {
		const none = await run({ resource: 'applicantWorkflow', operation: 'search', filters: {} });
		expect(none.error).toBeInstanceOf(NodeOperationError);
		expect(none.error!.message).toBe('Add at least one filter');
		const bad = await run({ resource: 'applicantWorkflow', operation: 'search', filters: { personEmail: 'nope' } });
		expect(bad.error!.message).toBe('The filter "Person Email" is not valid');
		expect(nock.pendingMocks()).toEqual([]);
	});
});

describe('iCIMS node: change status', () => {
	it('PATCHes the status with the extra required fields, answering 204', async () => {
		const scope = nock(HOST)
			.patch(`${API}/applicantworkflows/19288`, { source: 'Referral', status: { id: 'C36951' } })
			.reply(204);
		const { items } = await run({ resource: 'applicantWorkflow', operation: 'changeStatus', workflowId: '19288', statusId: 'C36951', extraFields: '{"source":"Referral"}' });
		expect(items[0][0].json).toEqual({ id: '19288', status: { id: 'C36951' }, changed: true });
		expect(scope.isDone()).toBe(true);
	});

	it('reports what iCIMS said when the PATCH fails, without retrying a 400', async () => {
		nock(HOST)
			.patch(`${API}/applicantworkflows/19288`)
			.once()
			.reply(400, { errors: [{ errorMessage: "Field 'source' is required", errorCode: 6 }] });
		const { error } = await run({ resource: 'applicantWorkflow', operation: 'changeStatus', workflowId: '19288', statusId: 'C36951' });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error!.message).toBe("iCIMS answered HTTP 400: Field 'source' is required");
		expect(sleep).not.toHaveBeenCalled();
	});

	it('rejects extra fields that are not a JSON object, or that set the status', async () => {
		for (const extraFields of ['[1]', '{"status":{"id":"X"}}', 'not json']) {
			const { error } = await run({ resource: 'applicantWorkflow', operation: 'changeStatus', workflowId: '19288', statusId: 'C36951', extraFields });
			expect(error!.message).toBe('The field "Extra Fields" is not a JSON object of fields');
		}
	});
});

describe('iCIMS node: assessment results', () => {
	const write = {
		resource: 'assessmentResult',
		operation: 'write',
		workflowId: '19288',
		assessmentNameId: 'D37001001',
		additionalFields: { score: 85.5, result: 'Pass', notes: 'Strong', date: '2026-01-31T09:00:00Z', url: 'https://vendor.test/r/1', findExisting: false },
	};
	const fields = {
		assessmentname: { id: 'D37001001' },
		assessmentstatus: { id: 'D37002019001' },
		assessmentscore: 85.5,
		assessmentresult: 'Pass',
		assessmentnotes: 'Strong',
		assessmentdate: '2026-01-31 09:00 AM',
		assessmenturl: 'https://vendor.test/r/1',
	};

	const withFind = { ...write, additionalFields: { ...write.additionalFields, findExisting: true } };
	const entries = (...list: Array<{ entry: number; id: string }>) => ({ assessmentresults: list.map(({ entry, id }) => ({ entry, assessmentname: { id } })) });

	it('adds an entry, then on the next run finds it by name in iCIMS and updates it; nothing is kept in static data', async () => {
		const scope = nock(HOST)
			.get(`${API}/applicantworkflows/19288`)
			.query({ fields: 'assessmentresults' })
			.reply(200, entries({ entry: 12, id: 'D37001002' }))
			.post(`${API}/applicantworkflows/19288/fields/assessmentresults`, fields)
			.reply(201, '', { Location: `${HOST}${API}/applicantworkflows/19288/fields/assessmentresults/77` })
			.get(`${API}/applicantworkflows/19288`)
			.query({ fields: 'assessmentresults' })
			.reply(200, entries({ entry: 12, id: 'D37001002' }, { entry: 77, id: 'D37001001' }))
			.patch(`${API}/applicantworkflows/19288/fields/assessmentresults/77`, fields)
			.reply(204);
		const first = await run(withFind);
		expect(first.items[0][0].json).toMatchObject({ action: 'added', entryId: '77' });
		const second = await run(withFind);
		expect(second.items[0][0].json).toMatchObject({ action: 'updated', entryId: '77' });
		expect(scope.isDone()).toBe(true);
		// An execution on a queue-mode worker has no static data: writing any would replace the workflow's.
		expect(workflowStaticData).toEqual({});
	});

	it('finds the entry another workflow added, by assessment name, before adding one', async () => {
		const scope = nock(HOST)
			.get(`${API}/applicantworkflows/19288`)
			.query({ fields: 'assessmentresults' })
			.reply(200, { assessmentresults: [{ entry: 12, assessmentname: { id: 'D37001002' } }, { entry: 13, assessmentname: { id: 'D37001001', value: 'Wepow' } }] })
			.patch(`${API}/applicantworkflows/19288/fields/assessmentresults/13`, { assessmentname: { id: 'D37001001' }, assessmentstatus: { id: 'D37002019002' } })
			.reply(204);
		const { items } = await run({ ...write, assessmentStatus: 'custom', assessmentStatusId: 'D37002019002', additionalFields: {} });
		expect(items[0][0].json).toMatchObject({ action: 'updated', entryId: '13' });
		expect(scope.isDone()).toBe(true);
	});

	it('with Find Existing Entry off, adds an entry on every write', async () => {
		const scope = nock(HOST)
			.post(`${API}/applicantworkflows/19288/fields/assessmentresults`, fields)
			.reply(201, '', { location: `${HOST}${API}/applicantworkflows/19288/fields/assessmentresults/78` })
			.post(`${API}/applicantworkflows/19288/fields/assessmentresults`, fields)
			.reply(201, '', { location: `${HOST}${API}/applicantworkflows/19288/fields/assessmentresults/79` });
		expect((await run(write)).items[0][0].json).toMatchObject({ action: 'added', entryId: '78' });
		expect((await run(write)).items[0][0].json).toMatchObject({ action: 'added', entryId: '79' });
		expect(scope.isDone()).toBe(true);
	});

	it('updates exactly the entry given, and fails if iCIMS has no such entry', async () => {
		const scope = nock(HOST)
			.patch(`${API}/applicantworkflows/19288/fields/assessmentresults/5`, { assessmentname: { id: 'D37001001' } })
			.reply(404, { errors: [{ errorMessage: 'Entry not found' }] });
		const { error } = await run({ ...write, assessmentStatus: 'unchanged', additionalFields: { entryId: '5' } });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error!.message).toContain('Entry not found');
		expect(scope.isDone()).toBe(true);
	});

	it('two items for the same workflow and name in one run make one entry', async () => {
		const scope = nock(HOST)
			.get(`${API}/applicantworkflows/19288`)
			.query({ fields: 'assessmentresults' })
			.reply(200, entries())
			.post(`${API}/applicantworkflows/19288/fields/assessmentresults`)
			.once()
			.reply(201, '', { Location: `${HOST}${API}/applicantworkflows/19288/fields/assessmentresults/90` })
			.get(`${API}/applicantworkflows/19288`)
			.query({ fields: 'assessmentresults' })
			.reply(200, entries({ entry: 90, id: 'D37001001' }))
			.patch(`${API}/applicantworkflows/19288/fields/assessmentresults/90`)
			.once()
			.reply(204);
		const { items } = await run(withFind, { input: [{ json: {} }, { json: {} }] });
		expect(items[0].map((item) => item.json.action)).toEqual(['added', 'updated']);
		expect(scope.isDone()).toBe(true);
	});

	it.each([
		[{ url: 'javascript:alert(1)' }, 'URL'],
		[{ date: 'next tuesday' }, 'Date'],
		[{ result: 'x'.repeat(129) }, 'Result'],
		[{ notes: 'x'.repeat(193) }, 'Notes'],
		[{ entryId: '../7' }, 'Entry ID'],
	])('refuses %p naming the field, sending nothing', async (additionalFields, label) => {
		const { error } = await run({ ...write, additionalFields });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toContain(`"${label}"`);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('refuses a workflow id that is not a number (no path tricks)', async () => {
		const { error } = await run({ ...write, workflowId: '19288/../../people/1' });
		expect(error!.message).toBe('The field "Applicant Workflow ID" is not an iCIMS ID');
	});
});

describe('iCIMS node: video interview fields', () => {
	const base = {
		resource: 'interview',
		operation: 'writeResult',
		workflowId: '19288',
		interviewStatus: 'D37002019001',
		interviewUrl: 'https://wepow.test/review/abc',
		interviewDateTime: '2026-02-01T17:30:00Z',
		entryNameId: 'D37001001',
		options: { findExisting: false },
	};

	it('writes status, URL and date/time to the default assessmentresults fields', async () => {
		const scope = nock(HOST)
			.post(`${API}/applicantworkflows/19288/fields/assessmentresults`, {
				assessmentstatus: { id: 'D37002019001' },
				assessmenturl: 'https://wepow.test/review/abc',
				assessmentdate: '2026-02-01 05:30 PM',
				assessmentname: { id: 'D37001001' },
			})
			.reply(201, '', { Location: `${HOST}${API}/applicantworkflows/19288/fields/assessmentresults/31` });
		const { items } = await run(base);
		expect(items[0][0].json).toMatchObject({ action: 'added', entryId: '31' });
		expect(scope.isDone()).toBe(true);
	});

	describe('when the answer to the add is lost', () => {
		const sent = { assessmentstatus: { id: 'D37002019001' }, assessmenturl: 'https://wepow.test/review/abc', assessmentdate: '2026-02-01 05:30 PM' };
		const groupPath = `${API}/applicantworkflows/19288/fields/assessmentresults`;

		// A 500 to a POST leaves the outcome unknown as a lost answer does (requestWithRetry's tests).
		it('finds the entry iCIMS stored by name and updates it instead of adding another', async () => {
			const scope = nock(HOST)
				.post(groupPath)
				.reply(500, { errors: [{ errorMessage: 'Internal error' }] })
				.get(`${API}/applicantworkflows/19288`)
				.query({ fields: 'assessmentresults' })
				.reply(200, { assessmentresults: [{ entry: 31, assessmentname: { id: 'D37001001', value: 'Wepow' }, ...sent }] })
				.patch(`${groupPath}/31`)
				.reply(204);
			const { items } = await run(base);
			expect(items[0][0].json).toMatchObject({ entryId: '31' });
			expect(scope.isDone()).toBe(true);
		});

		it('without an entry name, finds the stored entry by the fields it holds', async () => {
			const scope = nock(HOST)
				.post(groupPath, sent)
				.reply(500, { errors: [{ errorMessage: 'Internal error' }] })
				.get(`${API}/applicantworkflows/19288`)
				.query({ fields: 'assessmentresults' })
				.reply(200, {
					assessmentresults: [
						{ entry: 30, assessmentstatus: { id: 'D37002019001', value: 'Complete' }, assessmentdate: '2026-01-01 09:00 AM' },
						{ entry: 31, assessmentstatus: { id: 'D37002019001', value: 'Complete' }, assessmenturl: 'https://wepow.test/review/abc', assessmentdate: '2026-02-01 05:30 PM' },
					],
				})
				.patch(`${groupPath}/31`, sent)
				.reply(204);
			const { items } = await run({ ...base, entryNameId: '' });
			expect(items[0][0].json).toMatchObject({ entryId: '31' });
			expect(scope.isDone()).toBe(true);
		});

		it('looks up again when the second add is lost too, and never adds a third time what is stored', async () => {
			const lookup = (entries: IDataObject[]) => ({ assessmentresults: entries });
			const stored = { entry: 33, ...sent };
			const scope = nock(HOST)
				.post(groupPath, sent)
				.reply(500)
				.get(`${API}/applicantworkflows/19288`)
				.query({ fields: 'assessmentresults' })
				.reply(200, lookup([]))
				.post(groupPath, sent)
				.reply(502)
				.get(`${API}/applicantworkflows/19288`)
				.query({ fields: 'assessmentresults' })
				.reply(200, lookup([stored]))
				.patch(`${groupPath}/33`, sent)
				.reply(204);
			const { items } = await run({ ...base, entryNameId: '' });
			expect(items[0][0].json).toMatchObject({ entryId: '33' });
			expect(scope.isDone()).toBe(true);
		});

		it('adds the entry again only when iCIMS holds none like it', async () => {
			const scope = nock(HOST)
				.post(groupPath, sent)
				.reply(500, { errors: [{ errorMessage: 'Internal error' }] })
				.get(`${API}/applicantworkflows/19288`)
				.query({ fields: 'assessmentresults' })
				.reply(200, { assessmentresults: [{ entry: 30, assessmentstatus: { id: 'D37002019001' }, assessmentdate: '2026-01-01 09:00 AM' }] })
				.post(groupPath, sent)
				.reply(201, '', { Location: `${HOST}${groupPath}/32` });
			const { items } = await run({ ...base, entryNameId: '' });
			expect(items[0][0].json).toMatchObject({ action: 'added', entryId: '32' });
			expect(scope.isDone()).toBe(true);
		});
	});

	it("writes to the workflow's own mapped fields, with other fields beside", async () => {
		const scope = nock(HOST)
			.patch(`${API}/applicantworkflows/19288`, {
				field101: 'Completed',
				field102: 'https://wepow.test/review/abc',
				field103: '2026-02-01 05:30 PM',
				field104: { id: 'D1' },
			})
			.reply(204);
		const { items, error } = await run({
			...base,
			interviewStatus: 'Completed',
			writeTo: 'workflow',
			statusField: 'field101',
			statusFormat: 'text',
			urlField: 'field102',
			dateTimeField: 'field103',
			otherFields: { field: [{ name: 'field104', value: 'D1', format: 'listId' }] },
		});
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ action: 'updated', entryId: null });
		expect(scope.isDone()).toBe(true);
	});

	it('says what is missing when there is nothing to write, and names a bad field key', async () => {
		const empty = await run({ ...base, interviewStatus: '', interviewUrl: '', interviewDateTime: '' });
		expect(empty.error!.message).toBe('Nothing to write');
		const badKey = await run({ ...base, urlField: 'Interview URL' });
		expect(badKey.error!.message).toBe('The field "URL Field" is not an iCIMS field name');
		expect(nock.pendingMocks()).toEqual([]);
	});
});

describe('iCIMS node: OAuth client credentials', () => {
	it('asks for one token, keeps it in the credential for the next requests, and sends it as Bearer', async () => {
		const token = nock('https://login.icims.test')
			.post('/oauth/token', { grant_type: 'client_credentials', client_id: 'client-1', client_secret: CLIENT_SECRET, audience: 'https://api.icims.com/v1/' })
			.once()
			.reply(200, { access_token: 'tok-1', token_type: 'Bearer', expires_in: 86400 });
		const api = nock(HOST, { reqheaders: { authorization: 'Bearer tok-1' } })
			.get(`${API}/jobs/1`).query(true).reply(200, {})
			.get(`${API}/jobs/2`).query(true).reply(200, {});
		const { error } = await run(
			{ resource: 'job', operation: 'get', simple: false, jobId: '={{ $json.id }}' },
			{ credentials: oauthCredentials, input: [{ json: { id: '1' } }, { json: { id: '2' } }] },
		);
		expect(error).toBeUndefined();
		expect(token.isDone()).toBe(true);
		expect(api.isDone()).toBe(true);
	});

	it('uses a stored token without asking for another', async () => {
		const api = nock(HOST, { reqheaders: { authorization: 'Bearer stored' } }).get(`${API}/jobs/1`).query(true).reply(200, {});
		const { error } = await run({ resource: 'job', operation: 'get', simple: false, jobId: '1' }, { credentials: { ...oauthCredentials, accessToken: 'stored' } });
		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
	});

	it('on a 401 gets a fresh token once and repeats the request', async () => {
		const token = nock('https://login.icims.test').post('/oauth/token').once().reply(200, { access_token: 'fresh' });
		const api = nock(HOST)
			.get(`${API}/jobs/1`).query(true).matchHeader('authorization', 'Bearer expired').times(2).reply(401, { errors: [{ errorMessage: 'expired' }] })
			.get(`${API}/jobs/1`).query(true).matchHeader('authorization', 'Bearer fresh').reply(200, { jobtitle: 'X' });
		const { items, error } = await run({ resource: 'job', operation: 'get', simple: false, jobId: '1' }, { credentials: { ...oauthCredentials, accessToken: 'expired' } });
		expect(error).toBeUndefined();
		expect(items[0][0].json.jobtitle).toBe('X');
		expect(token.isDone()).toBe(true);
		expect(api.isDone()).toBe(true);
	});

	it('names the client credentials when iCIMS refuses them, and never echoes the secret', async () => {
		nock('https://login.icims.test').post('/oauth/token').reply(401, { error: 'access_denied', error_description: 'Unauthorized' });
		const { error } = await run({ resource: 'job', operation: 'get', simple: false, jobId: '1' }, { credentials: oauthCredentials });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error!.message).toContain('iCIMS refused the OAuth client credentials (HTTP 401)');
		expect(JSON.stringify(error)).not.toContain(CLIENT_SECRET);
		expect(String(error!.stack)).not.toContain(CLIENT_SECRET);
	});
});

describe('iCIMS node: retries and errors', () => {
	it('retries a 429 after Retry-After, then succeeds', async () => {
		const scope = nock(HOST)
			.get(`${API}/jobs/1`).query(true).reply(429, { errors: [{ errorMessage: 'Slow down' }] }, { 'Retry-After': '2', 'x-ratelimit-remaining': '0' })
			.get(`${API}/jobs/1`).query(true).reply(200, { jobtitle: 'X' });
		const { error } = await run({ resource: 'job', operation: 'get', simple: false, jobId: '1' });
		expect(error).toBeUndefined();
		expect(sleep).toHaveBeenCalledWith(2000);
		expect(scope.isDone()).toBe(true);
	});

	it('gives up on a 503 after 8 attempts with the iCIMS message, and no secret in the error', async () => {
		nock(HOST).get(`${API}/jobs/1`).query(true).times(8).reply(503, { errors: [{ errorMessage: 'Maintenance', errorCode: 1 }] });
		const { error } = await run({ resource: 'job', operation: 'get', simple: false, jobId: '1' });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error!.message).toBe('iCIMS answered HTTP 503 after 8 attempts: Maintenance');
		expect(JSON.stringify(error)).not.toContain(PASSWORD);
		expect(JSON.stringify(error)).not.toContain(Buffer.from(`api-user:${PASSWORD}`).toString('base64'));
	});

	it('under Continue On Fail, fails the bad item and carries on with the others', async () => {
		const scope = nock(HOST).get(`${API}/people/2`).query(true).reply(200, { firstname: 'Sam' });
		const { items, error } = await run(
			{ resource: 'person', operation: 'get', simple: false, personId: '={{ $json.id }}' },
			{ continueOnFail: true, input: [{ json: { id: '' } }, { json: { id: '2' } }] },
		);
		expect(error).toBeUndefined();
		expect(items[0][0].json.error).toBe('The field "Person ID" is required');
		expect(items[0][0].pairedItem).toEqual({ item: 0 });
		expect(items[0][1].json).toMatchObject({ id: '2', firstname: 'Sam' });
		expect(scope.isDone()).toBe(true);
	});
});

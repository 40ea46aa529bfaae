import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import { WepowApi } from '../../../credentials/WepowApi.credentials';
import { Wepow } from '../../../nodes/Wepow/Wepow.node';
import type { DedupStore } from '../../helpers/harness';
import { createDedupStore, runNode } from '../../helpers/harness';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));
const sleep = n8nWorkflow.sleep as jest.MockedFunction<typeof n8nWorkflow.sleep>;

const BASE = 'https://wepow.test';
const secrets = { subdomain: 'acme', email: 'recruiter@example.com', apiKey: 'wepow-secret-key-123' };
const credentials = { wepowApi: { ...secrets, baseUrl: BASE } };
const credentialTypes = [new WepowApi()];
const basicAuth = `Basic ${Buffer.from('acme.recruiter@example.com:wepow-secret-key-123').toString('base64')}`;
const authHeaders = { authorization: basicAuth, accept: 'application/hal+json' };

const ROOT = {
	_links: {
		self: { href: `${BASE}/` },
		'wepow:interviews': { href: `${BASE}/hypermedia/interviews` },
		'wepow:interview': { href: `${BASE}/hypermedia/interviews{/id}`, templated: true },
		'wepow:application': { href: `${BASE}/hypermedia/applications{/id}`, templated: true },
		'wepow:notifications': { href: `${BASE}/notifications` },
		'wepow:interview_templates': { href: `${BASE}/hypermedia/interview_templates` },
	},
};

function application(overrides: IDataObject = {}): IDataObject {
	return {
		id: 9001,
		status: 'sent',
		evaluation_status: 'pending',
		date_sent: '2026-03-02T10:00:00Z',
		date_completed: null,
		date_updated: '2026-03-02T10:00:00Z',
		external_id: '3001',
		previous_interviews_count: 2,
		_links: {
			self: { href: `${BASE}/hypermedia/applications/9001` },
			'wepow:interview': { href: `${BASE}/hypermedia/interviews/7001` },
			'wepow:application:response': [
				{ name: 'standard', href: 'https://acme.wepowapp.com/applications/9001' },
				{ name: 'iframe', href: 'https://acme.wepowapp.com/review/tok-1' },
			],
		},
		_embedded: {
			'wepow:candidate': { id: 8001, email: 'jane.doe@example.org', first_name: 'Jane', last_name: 'Doe' },
			'wepow:interview': { id: 7001, name: 'Senior Backend Engineer', external_id: '1001' },
		},
		...overrides,
	};
}

const candidate = { email: 'jane.doe@example.org', firstName: 'Jane', lastName: 'Doe', applicationId: '3001' };
const sendParameters = {
	resource: 'invitation',
	operation: 'send',
	positionId: '7001',
	email: '={{ $json.email }}',
	firstName: '={{ $json.firstName }}',
	lastName: '={{ $json.lastName }}',
	atsApplicationId: '={{ $json.applicationId }}',
};
const wepowCandidate = { email: 'jane.doe@example.org', first_name: 'Jane', last_name: 'Doe', external_id: '3001' };

function run(
	parameters: Record<string, unknown>,
	options: { input?: Array<{ json: IDataObject }>; continueOnFail?: boolean; dedupStore?: DedupStore } = {},
) {
	return runNode(new Wepow(), { parameters, credentials, credentialTypes, input: [{ json: candidate }], dedupStore: createDedupStore(), ...options });
}

function root(times = 1) {
	return nock(BASE, { reqheaders: authHeaders }).get('/').times(times).reply(200, ROOT);
}

/** The position's applications, as the look-up before sending reads them (none by default). */
function positionApplications(found: IDataObject[] = [], { position = '7001', times = 1 } = {}) {
	return nock(BASE, { reqheaders: authHeaders })
		.get(`/hypermedia/interviews/${position}/applications`)
		.query(true)
		.times(times)
		.reply(200, { count: found.length, _embedded: { 'wepow:application': found } });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	sleep.mockClear();
});
afterAll(() => nock.enableNetConnect());

describe('Wepow credential', () => {
	it('tests the credential on the interview list of the configured host, not the open API root', () => {
		const test = new WepowApi().test.request;
		expect(test).toMatchObject({ url: '/hypermedia/interviews', method: 'GET' });
		expect(test.baseURL).toContain('$credentials.baseUrl');
	});
});

describe('Wepow node: invitation send', () => {
	it('posts the candidate with the ATS application id as external id, with Basic "<subdomain>.<email>" and HAL headers', async () => {
		root();
		const scope = nock(BASE, { reqheaders: { ...authHeaders, 'content-type': /application\/json/ } })
			.post('/hypermedia/interviews/7001/applications', { candidate: wepowCandidate })
			.reply(201, application());
		const { items, error } = await run(sendParameters);
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({
			applicationId: '9001',
			alreadyInvited: false,
			sent: true,
			positionId: '7001',
			atsApplicationId: '3001',
			reviewUrl: 'https://acme.wepowapp.com/applications/9001',
			limitedAccessUrl: 'https://acme.wepowapp.com/review/tok-1',
			previousInterviewsCount: 2,
			idempotencyKey: 'invite:wepow:7001:3001',
		});
		expect(items[0][0].pairedItem).toEqual({ item: 0 });
		expect(scope.isDone()).toBe(true);
	});

	it('invites once per application and position: a second run sends nothing', async () => {
		const dedupStore = createDedupStore();
		root();
		const scope = nock(BASE).post('/hypermedia/interviews/7001/applications').once().reply(201, application());
		await run(sendParameters, { dedupStore });
		expect(scope.isDone()).toBe(true);
		// No interceptor is left: any request would fail the run.
		const { items, error } = await run(sendParameters, { dedupStore });
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ alreadyInvited: true, sent: false, positionId: '7001', atsApplicationId: '3001' });
	});

	it("surfaces Wepow's never-twice answer (200 with the existing application) as alreadyInvited", async () => {
		root();
		nock(BASE).post('/hypermedia/interviews/7001/applications').reply(200, application());
		const { items } = await run(sendParameters);
		expect(items[0][0].json).toMatchObject({ alreadyInvited: true, sent: false, applicationId: '9001' });
	});

	it('lets a later run retry an invitation that failed', async () => {
		const dedupStore = createDedupStore();
		root();
		nock(BASE).post('/hypermedia/interviews/7001/applications').reply(422, { message: 'Interview 7001 is closed and accepts no applications' });
		const first = await run(sendParameters, { dedupStore });
		expect(first.error).toBeInstanceOf(NodeApiError);
		expect(first.error!.message).toBe('Wepow answered HTTP 422: Interview 7001 is closed and accepts no applications');
		root();
		const scope = nock(BASE).post('/hypermedia/interviews/7001/applications').reply(201, application());
		const second = await run(sendParameters, { dedupStore });
		expect(second.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it.each([
		['a malformed e-mail', { email: 'jane at example' }, 'The field "Email" is not a valid e-mail address'],
		['no ATS application id', { applicationId: '' }, 'The field "ATS Application ID" is required'],
		['no first name', { firstName: ' ' }, 'The field "First Name" is required'],
	])('rejects %s, naming the field, before any request', async (_name, change, message) => {
		const { error } = await run(sendParameters, { input: [{ json: { ...candidate, ...change } }] });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe(message);
	});

	it('rejects a position id that could leave the URL path', async () => {
		const { error } = await run({ ...sendParameters, positionId: '../notifications' });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('The field "Position" is not a Wepow ID');
	});

	it('follows the links of the API root', async () => {
		nock(BASE).get('/').reply(200, { _links: { ...ROOT._links, 'wepow:interview': { href: `${BASE}/v2/positions{/id}`, templated: true } } });
		const scope = nock(BASE).post('/v2/positions/7001/applications').reply(201, application());
		const { error } = await run(sendParameters);
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('never follows a link to another host, and uses the known path instead', async () => {
		nock(BASE).get('/').reply(200, { _links: { 'wepow:interview': { href: 'https://evil.test/hypermedia/interviews{/id}', templated: true } } });
		const evil = nock('https://evil.test').post(/.*/).reply(201, {});
		const scope = nock(BASE).post('/hypermedia/interviews/7001/applications').reply(201, application());
		const { error } = await run(sendParameters);
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(evil.isDone()).toBe(false);
	});

	it('uses the known paths when the API root is not there', async () => {
		nock(BASE).get('/').reply(404, { message: 'Not found' });
		const scope = nock(BASE).post('/hypermedia/interviews/7001/applications').reply(201, application());
		const { error } = await run(sendParameters);
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('puts an error on the item with Continue On Fail, and never a secret in it', async () => {
		root();
		nock(BASE).post('/hypermedia/interviews/7001/applications').times(8).reply(503, { message: 'Service unavailable' });
		const { items, error } = await run(sendParameters, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(items[0][0].json.error).toBe('Wepow answered HTTP 503 after 8 attempts: Service unavailable');
		expect(sleep).toHaveBeenCalledTimes(7);
		const serialised = JSON.stringify(items);
		for (const secret of [secrets.apiKey, basicAuth, Buffer.from('acme.recruiter@example.com:wepow-secret-key-123').toString('base64')]) {
			expect(serialised).not.toContain(secret);
		}
	});

	it('never puts a secret into a thrown error', async () => {
		nock(BASE).get('/').reply(401, { message: 'Invalid credentials' });
		const { error } = await run(sendParameters);
		expect(error).toBeInstanceOf(NodeApiError);
		const serialised = JSON.stringify({ message: error!.message, description: error!.description, error });
		expect(serialised).not.toContain(secrets.apiKey);
		expect(serialised).not.toContain(basicAuth.slice(6));
	});
});

describe('Wepow node: invitation send, when the outcome is unknown', () => {
	it('looks the application up after a lost answer and does not send it again', async () => {
		root();
		const scope = nock(BASE)
			.post('/hypermedia/interviews/7001/applications')
			.once()
			.reply(500, { message: 'upstream timeout' })
			.get('/hypermedia/interviews/7001/applications')
			.query(true)
			.reply(200, { _embedded: { 'wepow:application': [application({ id: 9001, external_id: '3001' })] } });
		const { items, error } = await run(sendParameters);
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ applicationId: '9001', sent: true });
		expect(scope.isDone()).toBe(true);
	});

	it('with Check Existing Invite on, answers from the list and sends nothing', async () => {
		root();
		const scope = positionApplications([application({ id: 9001, external_id: '3001' })]);
		const { items, error } = await run({ ...sendParameters, options: { checkExisting: true } });
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ applicationId: '9001', sent: false, alreadyInvited: true });
		expect(scope.isDone()).toBe(true);
	});
});

describe('Wepow node: send in bulk', () => {
	const bulkParameters = { ...sendParameters, operation: 'bulkSend' };
	const people = [
		{ email: 'a@example.org', firstName: 'Ann', lastName: 'A', applicationId: '4001' },
		{ email: 'b@example.org', firstName: 'Ben', lastName: 'B', applicationId: '4002' },
		{ email: 'c@example.org', firstName: 'Cat', lastName: 'C', applicationId: '4003' },
	];
	const input = people.map((json) => ({ json }));
	const asWepow = (person: Record<string, string>) => ({ email: person.email, first_name: person.firstName, last_name: person.lastName, external_id: person.applicationId });
	const answer = (person: Record<string, string>, id: number, duplicate = false) =>
		application({ id, external_id: person.applicationId, duplicate, _embedded: { 'wepow:candidate': { email: person.email } } });

	it('posts the items of one run in one bulk call and pairs each answer with its item', async () => {
		root();
		const lookup = positionApplications();
		const scope = nock(BASE, { reqheaders: authHeaders })
			.post('/hypermedia/interviews/7001/applications/bulk', { candidates: people.map(asWepow) })
			.reply(202, { count: 3, _embedded: { 'wepow:application': [answer(people[0], 1), answer(people[1], 2, true), answer(people[2], 3)] } });
		const { items, error } = await run(bulkParameters, { input });
		expect(error).toBeUndefined();
		expect(items[0].map((item) => [item.json.applicationId, item.json.sent, item.json.alreadyInvited, item.pairedItem])).toEqual([
			['1', true, false, { item: 0 }],
			['2', false, true, { item: 1 }],
			['3', true, false, { item: 2 }],
		]);
		expect(scope.isDone()).toBe(true);
		expect(lookup.isDone()).toBe(true);
	});

	it('answers what Wepow already has (another worker or workflow sent it) and sends only the rest', async () => {
		root();
		positionApplications([answer(people[1], 2)]);
		const scope = nock(BASE)
			.post('/hypermedia/interviews/7001/applications/bulk', { candidates: [asWepow(people[0]), asWepow(people[2])] })
			.reply(202, { _embedded: { 'wepow:application': [answer(people[0], 1), answer(people[2], 3)] } });
		const { items, error } = await run(bulkParameters, { input });
		expect(error).toBeUndefined();
		expect(items[0].map((item) => [item.json.applicationId, item.json.sent, item.json.alreadyInvited])).toEqual([
			['1', true, false],
			['2', false, true],
			['3', true, false],
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('after a lost answer, sends again only what Wepow did not store', async () => {
		root();
		positionApplications();
		const scope = nock(BASE)
			.post('/hypermedia/interviews/7001/applications/bulk', { candidates: people.map(asWepow) })
			.reply(500, { message: 'upstream timeout' })
			.get('/hypermedia/interviews/7001/applications')
			.query(true)
			.reply(200, { _embedded: { 'wepow:application': [answer(people[0], 1)] } })
			.post('/hypermedia/interviews/7001/applications/bulk', { candidates: [asWepow(people[1]), asWepow(people[2])] })
			.reply(202, { _embedded: { 'wepow:application': [answer(people[1], 2), answer(people[2], 3)] } });
		const { items, error } = await run(bulkParameters, { input });
		expect(error).toBeUndefined();
		expect(items[0].map((item) => [item.json.applicationId, item.json.sent])).toEqual([
			['1', true],
			['2', true],
			['3', true],
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('leaves out of the call what an earlier run invited, and what repeats within the run', async () => {
		const dedupStore = createDedupStore();
		root();
		positionApplications();
		nock(BASE).post('/hypermedia/interviews/7001/applications/bulk').reply(202, { _embedded: { 'wepow:application': [answer(people[0], 1)] } });
		await run(bulkParameters, { input: [input[0]], dedupStore });
		root();
		positionApplications();
		const scope = nock(BASE)
			.post('/hypermedia/interviews/7001/applications/bulk', { candidates: [asWepow(people[1])] })
			.reply(202, { _embedded: { 'wepow:application': [answer(people[1], 2)] } });
		const { items } = await run(bulkParameters, { input: [input[0], input[1], input[1]], dedupStore });
		expect(items[0].map((item) => item.json.sent)).toEqual([false, true, false]);
		expect(items[0][0].json.alreadyInvited).toBe(true);
		expect(scope.isDone()).toBe(true);
	});

	it('sends at most 100 candidates a call', async () => {
		const many = Array.from({ length: 101 }, (_unused, index) => ({
			json: { email: `p${index}@example.org`, firstName: 'P', lastName: String(index), applicationId: String(5000 + index) },
		}));
		root();
		positionApplications([], { times: 2 });
		const sizes: number[] = [];
		nock(BASE)
			.post('/hypermedia/interviews/7001/applications/bulk', (body: { candidates: unknown[] }) => sizes.push(body.candidates.length) > 0)
			.times(2)
			.reply(202, {});
		const { items, error } = await run(bulkParameters, { input: many });
		expect(error).toBeUndefined();
		expect(sizes).toEqual([100, 1]);
		expect(items[0]).toHaveLength(101);
		expect(items[0].every((item) => item.json.sent === true)).toBe(true);
	});

	it('gives every key back when the call fails, so a later run sends them', async () => {
		const dedupStore = createDedupStore();
		root();
		positionApplications();
		nock(BASE).post('/hypermedia/interviews/7001/applications/bulk').reply(422, { message: 'Interview 7001 is closed and accepts no applications' });
		const failed = await run(bulkParameters, { input, dedupStore, continueOnFail: true });
		expect(failed.items[0].map((item) => item.json.error)).toEqual(Array(3).fill('Wepow answered HTTP 422: Interview 7001 is closed and accepts no applications'));
		root();
		positionApplications();
		const scope = nock(BASE).post('/hypermedia/interviews/7001/applications/bulk', { candidates: people.map(asWepow) }).reply(202, {});
		const retried = await run(bulkParameters, { input, dedupStore });
		expect(retried.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('throws without Continue On Fail', async () => {
		root();
		positionApplications();
		nock(BASE).post('/hypermedia/interviews/7001/applications/bulk').reply(422, { message: 'closed' });
		const { error } = await run(bulkParameters, { input });
		expect(error).toBeInstanceOf(NodeApiError);
	});

	it('checks every item before sending: one bad e-mail stops the run and nothing is sent', async () => {
		const { error } = await run(bulkParameters, { input: [input[0], { json: { ...people[1], email: 'nope' } }] });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('The field "Email" is not a valid e-mail address');
	});

	it('with Continue On Fail, sends the good items and marks the bad one', async () => {
		root();
		positionApplications();
		const scope = nock(BASE)
			.post('/hypermedia/interviews/7001/applications/bulk', { candidates: [asWepow(people[0])] })
			.reply(202, { _embedded: { 'wepow:application': [answer(people[0], 1)] } });
		const { items } = await run(bulkParameters, { input: [input[0], { json: { ...people[1], email: 'nope' } }], continueOnFail: true });
		expect(items[0][0].json).toMatchObject({ sent: true, applicationId: '1' });
		expect(items[0][1].json.error).toBe('The field "Email" is not a valid e-mail address');
		expect(scope.isDone()).toBe(true);
	});

	it('groups by position: one call per position', async () => {
		root();
		positionApplications();
		positionApplications([], { position: '7002' });
		const scope = nock(BASE)
			.post('/hypermedia/interviews/7001/applications/bulk', { candidates: [asWepow(people[0])] })
			.reply(202, {})
			.post('/hypermedia/interviews/7002/applications/bulk', { candidates: [asWepow(people[1])] })
			.reply(202, {});
		const { error } = await run({ ...bulkParameters, positionId: '={{ $json.applicationId === "4001" ? "7001" : "7002" }}' }, { input: input.slice(0, 2) });
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});
});

describe('Wepow node: other operations', () => {
	it('resends explicitly, to several applications in one call', async () => {
		root();
		const scope = nock(BASE, { reqheaders: authHeaders })
			.post('/hypermedia/applications/9001,9002/resend')
			.reply(200, { count: 2, _embedded: { 'wepow:application': [application(), application({ id: 9002 })] } });
		const { items } = await run({ resource: 'invitation', operation: 'resend', applicationId: '9001, 9002' });
		expect(items[0].map((item) => [item.json.applicationId, item.json.resent])).toEqual([['9001', true], ['9002', true]]);
		expect(scope.isDone()).toBe(true);
	});

	it('gets an application as the normalised result with both review links', async () => {
		root();
		nock(BASE, { reqheaders: authHeaders })
			.get('/hypermedia/applications/9001')
			.reply(200, application({ status: 'completed', evaluation_status: 'approved', date_completed: '2026-03-03T09:30:00Z' }));
		const { items } = await run({ resource: 'application', operation: 'get', simple: false, applicationId: '9001' });
		expect(items[0][0].json).toMatchObject({
			vendor: 'wepow',
			status: 'completed',
			candidate: { email: 'jane.doe@example.org', name: 'Jane Doe' },
			ats: { candidateId: null, applicationId: '3001' },
			assessment: { id: '7001', name: 'Senior Backend Engineer' },
			reportUrl: 'https://acme.wepowapp.com/applications/9001',
			limitedAccessUrl: 'https://acme.wepowapp.com/review/tok-1',
			completedAt: '2026-03-03T09:30:00.000Z',
			evaluationStatus: 'approved',
			previousInterviewsCount: 2,
			atsJobId: '1001',
			wepowApplicationId: '9001',
		});
	});

	it('finds positions by ATS job id across pages through the next link', async () => {
		root();
		const scope = nock(BASE)
			.get('/hypermedia/interviews')
			.query({ external_id: '1001', per_page: '100' })
			.reply(200, {
				_embedded: { 'wepow:interview': [{ id: 7001, external_id: '1001', status: 'active', created_at: '2026-01-05T09:00:00Z' }] },
				_links: { next: { href: `${BASE}/hypermedia/interviews?external_id=1001&page=2&per_page=100` } },
			})
			.get('/hypermedia/interviews')
			.query({ external_id: '1001', page: '2', per_page: '100' })
			.reply(200, {
				_embedded: {
					'wepow:interview': [
						{ id: 7005, external_id: '1001', status: 'closed', created_at: '2026-01-06T09:00:00Z' },
						{ id: 7009, external_id: '10010', status: 'active', created_at: '2026-01-07T09:00:00Z' },
					],
				},
				_links: {},
			});
		const { items } = await run({ resource: 'position', operation: 'find', atsJobId: '1001', returnAll: true, onlyOpen: false });
		// Exact matches only, oldest first.
		expect(items[0].map((item) => item.json.id)).toEqual([7001, 7005]);
		expect(scope.isDone()).toBe(true);
	});

	it('asks for no more than Limit and leaves out closed positions by default', async () => {
		root();
		nock(BASE)
			.get('/hypermedia/interviews')
			.query({ external_id: '1001', per_page: '2' })
			.reply(200, { _embedded: { 'wepow:interview': [{ id: 1, external_id: '1001', status: 'closed' }, { id: 2, external_id: '1001', status: 'active' }] } });
		const { items } = await run({ resource: 'position', operation: 'find', atsJobId: '1001', limit: 2 });
		expect(items[0].map((item) => item.json.id)).toEqual([2]);
	});

	it('creates a position from a template, titled like the ATS job and carrying its id', async () => {
		root();
		const scope = nock(BASE, { reqheaders: authHeaders })
			.post('/hypermedia/interview_templates/502/interviews', { name: 'Data Analyst', external_id: '1002' })
			.reply(201, { id: 7101, name: 'Data Analyst', external_id: '1002', status: 'active' });
		const { items } = await run({ resource: 'position', operation: 'create', templateId: '502', name: 'Data Analyst', atsJobId: '1002' });
		expect(items[0][0].json).toMatchObject({ id: 7101, external_id: '1002' });
		expect(scope.isDone()).toBe(true);
	});

	describe('find or create', () => {
		const parameters = { resource: 'position', operation: 'findOrCreate', atsJobId: '1002', templateId: '502', name: 'Data Analyst' };

		it('returns the open position the job has, creating nothing', async () => {
			root();
			nock(BASE)
				.get('/hypermedia/interviews')
				.query(true)
				.reply(200, { _embedded: { 'wepow:interview': [{ id: 7003, external_id: '1002', status: 'closed' }, { id: 7004, external_id: '1002', status: 'active' }] } });
			const { items } = await run(parameters);
			expect(items[0][0].json).toMatchObject({ id: 7004, created: false });
		});

		it('creates one from the template when the job has none', async () => {
			root();
			const scope = nock(BASE)
				.get('/hypermedia/interviews')
				.query({ external_id: '1002', per_page: '100' })
				.reply(200, { _embedded: { 'wepow:interview': [] } })
				.post('/hypermedia/interview_templates/502/interviews', { name: 'Data Analyst', external_id: '1002' })
				.reply(201, { id: 7101, external_id: '1002', status: 'active', created_at: '2026-03-01T10:00:00.001Z' })
				.get('/hypermedia/interviews')
				.query(true)
				.reply(200, { _embedded: { 'wepow:interview': [{ id: 7101, external_id: '1002', status: 'active', created_at: '2026-03-01T10:00:00.001Z' }] } });
			const { items } = await run(parameters);
			expect(items[0][0].json).toMatchObject({ id: 7101, created: true });
			expect(scope.isDone()).toBe(true);
		});

		it('settles on the oldest when another run created one at the same moment', async () => {
			root();
			nock(BASE)
				.get('/hypermedia/interviews')
				.query(true)
				.reply(200, { _embedded: { 'wepow:interview': [] } })
				.post('/hypermedia/interview_templates/502/interviews')
				.reply(201, { id: 7102, external_id: '1002', status: 'active', created_at: '2026-03-01T10:00:00.002Z' })
				.get('/hypermedia/interviews')
				.query(true)
				.reply(200, {
					_embedded: {
						'wepow:interview': [
							{ id: 7102, external_id: '1002', status: 'active', created_at: '2026-03-01T10:00:00.002Z' },
							{ id: 7101, external_id: '1002', status: 'active', created_at: '2026-03-01T10:00:00.001Z' },
						],
					},
				});
			const { items } = await run(parameters);
			expect(items[0][0].json).toMatchObject({ id: 7101, created: false });
		});
	});

	it('lists interview templates up to Limit, and all of them across pages', async () => {
		root();
		nock(BASE)
			.get('/hypermedia/interview_templates')
			.query({ per_page: '2' })
			.reply(200, { _embedded: { 'wepow:interview_template': [{ id: 501 }, { id: 502 }] }, _links: { next: { href: `${BASE}/hypermedia/interview_templates?page=2&per_page=2` } } });
		const limited = await run({ resource: 'interviewTemplate', operation: 'getMany', simple: false, limit: 2 });
		expect(limited.items[0].map((item) => item.json.id)).toEqual([501, 502]);

		root();
		const scope = nock(BASE)
			.get('/hypermedia/interview_templates')
			.query({ per_page: '100' })
			.reply(200, { _embedded: { 'wepow:interview_template': [{ id: 501 }, { id: 502 }] }, _links: { next: { href: '/hypermedia/interview_templates?page=2&per_page=100' } } })
			.get('/hypermedia/interview_templates')
			.query({ page: '2', per_page: '100' })
			.reply(200, { _embedded: { 'wepow:interview_template': [{ id: 503 }] }, _links: {} });
		const all = await run({ resource: 'interviewTemplate', operation: 'getMany', simple: false, returnAll: true });
		expect(all.items[0].map((item) => item.json.id)).toEqual([501, 502, 503]);
		expect(scope.isDone()).toBe(true);
	});

	it('retries a 429 with Retry-After then succeeds', async () => {
		nock(BASE)
			.get('/').reply(429, { message: 'Too many requests' }, { 'Retry-After': '1' })
			.get('/').reply(200, ROOT)
			.get('/hypermedia/applications/9001').reply(200, application());
		const { items, error } = await run({ resource: 'application', operation: 'get', simple: false, applicationId: '9001' });
		expect(error).toBeUndefined();
		expect(items[0][0].json.wepowApplicationId).toBe('9001');
		expect(sleep).toHaveBeenCalledWith(1000);
	});
});

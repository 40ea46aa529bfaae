import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { LeverApi } from '../../../credentials/LeverApi.credentials';
import { Lever } from '../../../nodes/Lever/Lever.node';
import { runNode } from '../../helpers/harness';

const BASE = 'https://lever.test';
const API_KEY = 'lever-secret-key-123';
const credentials = { leverApi: { apiKey: API_KEY, environment: 'custom', baseUrl: `${BASE}/v1` } };
const basicAuth = `Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}`;

function run(parameters: Record<string, unknown>, options: { input?: Array<{ json: IDataObject }>; continueOnFail?: boolean } = {}) {
	return runNode(new Lever(), { parameters, credentials, credentialTypes: [new LeverApi()], ...options });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Lever node: Posting → Get', () => {
	it("gets the posting the trigger's jobId names, with its owner", async () => {
		const scope = nock(BASE, { reqheaders: { authorization: basicAuth } })
			.get('/v1/postings/posting-1')
			.reply(200, { data: { id: 'posting-1', text: 'Data Analyst', owner: 'user-2', hiringManager: 'user-2' } });
		const { items, error } = await run(
			{ resource: 'posting', operation: 'get', simple: false, postingId: '={{ $json.jobId }}' },
			{ input: [{ json: { jobId: 'posting-1' } }] },
		);
		expect(error).toBeUndefined();
		expect(items[0][0]).toEqual({ json: { id: 'posting-1', text: 'Data Analyst', owner: 'user-2', hiringManager: 'user-2' }, pairedItem: { item: 0 } });
		expect(scope.isDone()).toBe(true);
	});

	it('names the field and sends nothing for a candidate without a posting', async () => {
		const { error } = await run({ resource: 'posting', operation: 'get', simple: false, postingId: '={{ $json.jobId }}' }, { input: [{ json: { jobId: null } }] });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('The field "Posting" is required');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('reports a posting Lever does not know with its message', async () => {
		nock(BASE).get('/v1/postings/gone').reply(404, { code: 'ResourceNotFound', message: 'Posting not found' });
		const { error } = await run({ resource: 'posting', operation: 'get', simple: false, postingId: 'gone' });
		expect(error!.message).toBe('Lever answered HTTP 404: Posting not found');
	});
});

describe('Lever node: User → Get', () => {
	it("gets a user with their e-mail, e.g. a posting's owner", async () => {
		const scope = nock(BASE, { reqheaders: { authorization: basicAuth } })
			.get('/v1/users/user-2')
			.reply(200, { data: { id: 'user-2', name: 'Harper', email: 'hiring.manager@example.com' } });
		const { items, error } = await run({ resource: 'user', operation: 'get', simple: false, userId: '={{ $json.owner }}' }, { input: [{ json: { owner: 'user-2' } }] });
		expect(error).toBeUndefined();
		expect(items[0][0].json).toEqual({ id: 'user-2', name: 'Harper', email: 'hiring.manager@example.com' });
		expect(scope.isDone()).toBe(true);
	});

	it('refuses an id with characters Lever never uses, before any request', async () => {
		const { error } = await run({ resource: 'user', operation: 'get', simple: false, userId: '../webhooks' });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('The field "User" is not a Lever ID');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('under Continue On Fail, fails the bad item and gets the others', async () => {
		nock(BASE).get('/v1/users/user-1').reply(200, { data: { id: 'user-1', email: 'recruiter@example.com' } });
		const { items, error } = await run(
			{ resource: 'user', operation: 'get', simple: false, userId: '={{ $json.owner }}' },
			{ continueOnFail: true, input: [{ json: { owner: '' } }, { json: { owner: 'user-1' } }] },
		);
		expect(error).toBeUndefined();
		expect(items[0].map((item) => item.json)).toEqual([
			{ error: 'The field "User" is required', description: expect.any(String) },
			{ id: 'user-1', email: 'recruiter@example.com' },
		]);
	});
});

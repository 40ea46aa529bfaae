import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import { LeverApi } from '../../../credentials/LeverApi.credentials';
import { Lever } from '../../../nodes/Lever/Lever.node';
import { createDedupStore, runNode } from '../../helpers/harness';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));
const sleep = n8nWorkflow.sleep as jest.MockedFunction<typeof n8nWorkflow.sleep>;

const BASE = 'https://lever.test';
const API_KEY = 'lever-secret-key-123';
const credentials = { leverApi: { apiKey: API_KEY, environment: 'custom', baseUrl: `${BASE}/v1` } };
const basicAuth = `Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}`;
const USER = '1a2b3c4d-0001-4e5f-8a9b-0c1d2e3f4a51';
const POSTING = 'e1a2b3c4-d5e6-4f70-8a91-b2c3d4e5f601';

const parameters = {
	resource: 'opportunity',
	operation: 'create',
	performAs: USER,
	name: '={{ $json.name }}',
	email: '={{ $json.email }}',
	additionalFields: {
		phone: '+14155550100',
		origin: 'applied',
		sources: 'Willo',
		tags: 'Willo screening, Video interview',
		postingId: POSTING,
	},
	options: { onceKey: '={{ $json.participant }}' },
};
const candidate = { name: 'Ada Lovelace', email: 'ada@example.com', participant: 'p-1' };

function run(params: Record<string, unknown>, options: { input?: Array<{ json: IDataObject }>; continueOnFail?: boolean; errorOutput?: boolean; dedupStore?: ReturnType<typeof createDedupStore> } = {}) {
	return runNode(new Lever(), {
		parameters: params,
		credentials,
		credentialTypes: [new LeverApi()],
		input: options.input ?? [{ json: candidate }],
		continueOnFail: options.continueOnFail,
		errorOutput: options.errorOutput,
		dedupStore: options.dedupStore ?? createDedupStore(),
	});
}

const lookup = { email: 'ada@example.com', archived: 'false', expand: 'applications', posting_id: POSTING, limit: '1' };
const expectedBody = {
	name: 'Ada Lovelace',
	emails: ['ada@example.com'],
	phones: [{ type: 'mobile', value: '+14155550100' }],
	origin: 'applied',
	sources: ['Willo'],
	tags: ['Willo screening', 'Video interview'],
	postings: [POSTING],
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	sleep.mockClear();
});
afterAll(() => nock.enableNetConnect());

describe('Lever node: Opportunity → Create', () => {
	it('looks the e-mail up for the posting, then creates with perform_as and the fields Lever takes', async () => {
		const scope = nock(BASE, { reqheaders: { authorization: basicAuth } })
			.get('/v1/opportunities')
			.query(lookup)
			.reply(200, { data: [], hasNext: false })
			.post('/v1/opportunities', expectedBody)
			.query({ perform_as: USER })
			.reply(201, { data: { id: 'opp-new', name: 'Ada Lovelace', emails: ['ada@example.com'] } });
		const { items, error } = await run(parameters);
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ id: 'opp-new', created: true, alreadyExisted: false, onceKey: 'p-1' });
		expect(items[0][0].pairedItem).toEqual({ item: 0 });
		expect(scope.isDone()).toBe(true);
	});

	it('returns the active opportunity Lever already has for that e-mail and posting, creating nothing', async () => {
		const scope = nock(BASE)
			.get('/v1/opportunities')
			.query(lookup)
			.reply(200, { data: [{ id: 'opp-old', name: 'Ada Lovelace' }], hasNext: true, next: 'x' });
		const { items } = await run(parameters);
		expect(items[0][0].json).toMatchObject({ id: 'opp-old', created: false, alreadyExisted: true });
		expect(scope.isDone()).toBe(true);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('creates once per key: a second run with the same key posts nothing, even with the look-up off', async () => {
		const dedupStore = createDedupStore();
		const noLookup = { ...parameters, options: { ...parameters.options, returnExisting: false } };
		const first = nock(BASE).post('/v1/opportunities').query({ perform_as: USER }).reply(201, { data: { id: 'opp-new' } });
		await run(noLookup, { dedupStore });
		expect(first.isDone()).toBe(true);

		const second = nock(BASE).get('/v1/opportunities').query(lookup).reply(200, { data: [{ id: 'opp-new' }], hasNext: false });
		const { items, error } = await run(noLookup, { dedupStore });
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ id: 'opp-new', created: false, alreadyExisted: true, onceKey: 'p-1' });
		expect(second.isDone()).toBe(true);
	});

	it('gives the key back when Lever refuses, so a later run can create', async () => {
		const dedupStore = createDedupStore();
		const noLookup = { ...parameters, options: { ...parameters.options, returnExisting: false } };
		nock(BASE).post('/v1/opportunities').query(true).reply(400, { code: 'BadRequestError', message: 'Invalid posting' });
		const { error } = await run(noLookup, { dedupStore });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error!.message).toContain('Invalid posting');
		const retry = nock(BASE).post('/v1/opportunities').query(true).reply(201, { data: { id: 'opp-new' } });
		const { items } = await run(noLookup, { dedupStore });
		expect(items[0][0].json).toMatchObject({ id: 'opp-new', created: true });
		expect(retry.isDone()).toBe(true);
	});

	it('sends only the name without optional fields, and no posting filter in the look-up', async () => {
		const scope = nock(BASE)
			.get('/v1/opportunities')
			.query({ email: 'ada@example.com', archived: 'false', expand: 'applications', limit: '1' })
			.reply(200, { data: [], hasNext: false })
			.post('/v1/opportunities', { name: 'Ada Lovelace', emails: ['ada@example.com'] })
			.query({ perform_as: USER })
			.reply(201, { data: { id: 'opp-new' } });
		const { error } = await run({ resource: 'opportunity', operation: 'create', performAs: USER, name: '={{ $json.name }}', email: '={{ $json.email }}' });
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it.each([
		['a missing name', { name: '={{ "" }}' }, 'The field "Name" is required'],
		['a malformed e-mail', { email: 'ada-at-example' }, 'The field "Email" is not a valid e-mail address'],
		['a missing Perform As', { performAs: '={{ "" }}' }, 'The field "Perform As" is required'],
		['a posting id with path characters', { additionalFields: { postingId: '../users' } }, 'The field "Posting" is not a Lever ID'],
		['an origin Lever does not know', { additionalFields: { origin: 'magic' } }, 'The field "Origin" is not one Lever knows'],
	])('refuses %s, naming the field, and sends nothing', async (_case, change, message) => {
		const { error } = await run({ ...parameters, ...change });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe(message);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('under Continue On Fail, reports the bad item and creates the good one', async () => {
		const scope = nock(BASE)
			.post('/v1/opportunities', { name: 'Grace Hopper' })
			.query({ perform_as: USER })
			.reply(201, { data: { id: 'opp-2' } });
		const { items, error } = await run(
			{ resource: 'opportunity', operation: 'create', performAs: USER, name: '={{ $json.name }}', email: '={{ $json.email }}' },
			{ continueOnFail: true, input: [{ json: { name: 'Ada', email: 'nope' } }, { json: { name: 'Grace Hopper', email: '' } }] },
		);
		expect(error).toBeUndefined();
		expect(items[0][0].json.error).toBe('The field "Email" is not a valid e-mail address');
		expect(items[0][1].json).toMatchObject({ id: 'opp-2', created: true });
		expect(scope.isDone()).toBe(true);
	});

	it('under Continue (using error output), sends the bad item out of the error output', async () => {
		const scope = nock(BASE).post('/v1/opportunities').query(true).reply(201, { data: { id: 'opp-2' } });
		const { items, error } = await run(
			{ resource: 'opportunity', operation: 'create', performAs: USER, name: '={{ $json.name }}', email: '={{ $json.email }}' },
			{ errorOutput: true, input: [{ json: { name: 'Ada', email: 'nope' } }, { json: { name: 'Grace Hopper', email: '' } }] },
		);
		expect(error).toBeUndefined();
		expect(items[0].map((item) => item.json.id)).toEqual(['opp-2']);
		expect(items[1]).toHaveLength(1);
		expect(items[1][0].json).toMatchObject({ error: 'The field "Email" is not a valid e-mail address' });
		expect(scope.isDone()).toBe(true);
	});
});

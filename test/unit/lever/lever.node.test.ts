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
const credentialTypes = [new LeverApi()];
const basicAuth = `Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}`;

function run(parameters: Record<string, unknown>, options: { input?: Array<{ json: IDataObject }>; continueOnFail?: boolean; dedupStore?: ReturnType<typeof createDedupStore> } = {}) {
	return runNode(new Lever(), { parameters, credentials, credentialTypes, ...options });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	sleep.mockClear();
});
afterAll(() => nock.enableNetConnect());

describe('Lever node: requests', () => {
	it('gets an opportunity with Basic auth (key as username, empty password) and expansions', async () => {
		const scope = nock(BASE, { reqheaders: { authorization: basicAuth } })
			.get('/v1/opportunities/opp-1')
			.query({ expand: ['stage', 'owner', 'applications'] })
			.reply(200, { data: { id: 'opp-1', name: 'Jane Doe' } });
		const { items, error } = await run({ resource: 'opportunity', operation: 'get', simple: false, opportunityId: 'opp-1' });
		expect(error).toBeUndefined();
		expect(items[0][0].json).toEqual({ id: 'opp-1', name: 'Jane Doe' });
		expect(items[0][0].pairedItem).toEqual({ item: 0 });
		expect(scope.isDone()).toBe(true);
	});

	it('lists opportunities with repeated stage filters and follows the next token across pages', async () => {
		const scope = nock(BASE)
			.get('/v1/opportunities')
			.query({ stage_id: ['stage-a', 'stage-b'], email: 'jane@example.com', updated_at_start: '1767225600000', limit: '100' })
			.reply(200, { data: [{ id: 'o1' }, { id: 'o2' }], next: 'tok%7B1%7D', hasNext: true })
			.get('/v1/opportunities')
			.query({ stage_id: ['stage-a', 'stage-b'], email: 'jane@example.com', updated_at_start: '1767225600000', limit: '100', offset: 'tok%7B1%7D' })
			.reply(200, { data: [{ id: 'o3' }], hasNext: false });
		const { items } = await run({
			resource: 'opportunity',
			operation: 'getMany',
			returnAll: true,
			filters: { stageIds: ['stage-a', 'stage-b'], email: 'jane@example.com', updatedSince: '2026-01-01T00:00:00Z' },
			expand: [],
		});
		expect(items[0].map((item) => item.json.id)).toEqual(['o1', 'o2', 'o3']);
		expect(scope.isDone()).toBe(true);
	});

	it('lists the active opportunities carrying a tag (the queue of the tag-triggered template)', async () => {
		const scope = nock(BASE)
			.get('/v1/opportunities')
			.query({ tag: 'send: willo', archived: 'false', limit: '100' })
			.reply(200, { data: [{ id: 'o1', tags: ['send: willo'] }], hasNext: false });
		const { items } = await run({ resource: 'opportunity', operation: 'getMany', simple: false, returnAll: true, filters: { tag: 'send: willo', archived: false }, expand: [] });
		expect(items[0].map((item) => item.json.id)).toEqual(['o1']);
		expect(scope.isDone()).toBe(true);
	});

	it('stops at Limit, asking Lever for no more than needed', async () => {
		const scope = nock(BASE)
			.get('/v1/opportunities')
			.query({ limit: '2' })
			.reply(200, { data: [{ id: 'o1' }, { id: 'o2' }], next: 'n', hasNext: true });
		const { items } = await run({ resource: 'opportunity', operation: 'getMany', simple: false, returnAll: false, limit: 2, expand: [] });
		expect(items[0]).toHaveLength(2);
		expect(scope.isDone()).toBe(true);
	});

	it('changes the stage with perform_as in the query', async () => {
		const scope = nock(BASE)
			.put('/v1/opportunities/opp-1/stage', { stage: 'offer' })
			.query({ perform_as: 'user-9' })
			.reply(200, { data: { id: 'opp-1', stage: 'offer' } });
		const { items } = await run({ resource: 'opportunity', operation: 'changeStage', opportunityId: 'opp-1', stageId: 'offer', performAs: 'user-9' });
		expect(items[0][0].json.stage).toBe('offer');
		expect(scope.isDone()).toBe(true);
	});

	it('creates a note with score, secret and notify followers', async () => {
		const scope = nock(BASE)
			.post('/v1/opportunities/opp-1/notes', { value: 'Score 85%', secret: true, notifyFollowers: true, score: 4 })
			.reply(201, { data: { noteId: 'note-1' } });
		const { items } = await run({
			resource: 'note',
			operation: 'create',
			opportunityId: 'opp-1',
			text: 'Score 85%',
			additionalFields: { secret: true, notifyFollowers: true, score: 4 },
		});
		expect(items[0][0].json).toEqual({ opportunityId: 'opp-1', noteId: 'note-1', written: true, alreadyWritten: false });
		expect(scope.isDone()).toBe(true);
	});

	const note = { resource: 'note', operation: 'create', opportunityId: 'opp-1', text: 'Score 85%' };

	it('writes a note once per opportunity and text: a second run sends nothing, another text is written', async () => {
		const dedupStore = createDedupStore();
		nock(BASE).post('/v1/opportunities/opp-1/notes', { value: 'Score 85%' }).once().reply(201, { data: { noteId: 'note-1' } });
		expect((await run(note, { dedupStore })).items[0][0].json).toMatchObject({ written: true, alreadyWritten: false });
		// No interceptor is left: any request would fail the run.
		const again = await run(note, { dedupStore });
		expect(again.error).toBeUndefined();
		expect(again.items[0][0].json).toEqual({ opportunityId: 'opp-1', written: false, alreadyWritten: true });
		const other = nock(BASE).post('/v1/opportunities/opp-1/notes', { value: 'Score 90%' }).reply(201, { data: { noteId: 'note-2' } });
		expect((await run({ ...note, text: 'Score 90%' }, { dedupStore })).items[0][0].json).toMatchObject({ noteId: 'note-2', written: true });
		expect(other.isDone()).toBe(true);
	});

	it('looks the note up when the answer to the write was lost, and does not write it again', async () => {
		const scope = nock(BASE)
			.post('/v1/opportunities/opp-1/notes')
			.once()
			.reply(500, { code: 'InternalError', message: 'upstream timeout' })
			.get('/v1/opportunities/opp-1/notes')
			.query(true)
			.reply(200, { data: [{ id: 'note-0', fields: [{ type: 'note', value: 'Other' }] }, { id: 'note-1', fields: [{ type: 'note', value: 'Score 85%' }] }], hasNext: false });
		const { items, error } = await run(note, { dedupStore: createDedupStore() });
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ opportunityId: 'opp-1', id: 'note-1', written: true });
		expect(scope.isDone()).toBe(true);
	});

	it('writes the note again when the lost write is not in Lever', async () => {
		const scope = nock(BASE)
			.post('/v1/opportunities/opp-1/notes')
			.reply(500, { message: 'upstream timeout' })
			.get('/v1/opportunities/opp-1/notes')
			.query(true)
			.reply(200, { data: [], hasNext: false })
			.post('/v1/opportunities/opp-1/notes')
			.reply(201, { data: { noteId: 'note-3' } });
		const { items } = await run(note, { dedupStore: createDedupStore() });
		expect(items[0][0].json).toMatchObject({ noteId: 'note-3', written: true });
		expect(scope.isDone()).toBe(true);
	});

	it('writes every time with Once per Opportunity and Text off', async () => {
		const dedupStore = createDedupStore();
		const scope = nock(BASE).post('/v1/opportunities/opp-1/notes').twice().reply(201, { data: { noteId: 'note-1' } });
		await run({ ...note, additionalFields: { once: false } }, { dedupStore });
		await run({ ...note, additionalFields: { once: false } }, { dedupStore });
		expect(scope.isDone()).toBe(true);
	});

	it('adds and removes tags from a comma-separated list', async () => {
		const scope = nock(BASE)
			.post('/v1/opportunities/opp-1/addTags', { tags: ['WeCP: passed', 'Assessed'] })
			.reply(200, { data: { id: 'opp-1' } })
			.post('/v1/opportunities/opp-1/removeTags', { tags: ['WeCP: failed'] })
			.reply(200, { data: { id: 'opp-1' } });
		await run({ resource: 'tag', operation: 'add', opportunityId: 'opp-1', tags: 'WeCP: passed, Assessed' });
		await run({ resource: 'tag', operation: 'remove', opportunityId: 'opp-1', tags: 'WeCP: failed' });
		expect(scope.isDone()).toBe(true);
	});

	it('lists stages, postings and users', async () => {
		const scope = nock(BASE)
			.get('/v1/stages').query({ limit: '50' }).reply(200, { data: [{ id: 's1', text: 'Assessment' }], hasNext: false })
			.get('/v1/postings').query({ limit: '50' }).reply(200, { data: [{ id: 'p1' }], hasNext: false })
			.get('/v1/users').query({ limit: '50' }).reply(200, { data: [{ id: 'u1' }], hasNext: false });
		for (const resource of ['stage', 'posting', 'user']) {
			const { items } = await run({ resource, operation: 'getMany' });
			expect(items[0]).toHaveLength(1);
		}
		expect(scope.isDone()).toBe(true);
	});

	it('gets one posting by the id a trigger outputs as jobId', async () => {
		const scope = nock(BASE, { reqheaders: { authorization: basicAuth } })
			.get('/v1/postings/post-1')
			.reply(200, { data: { id: 'post-1', text: 'Senior Backend Engineer', categories: { department: 'R&D', location: 'Remote' } } });
		const { items, error } = await run({ resource: 'posting', operation: 'get', simple: false, postingId: '={{ $json.jobId }}' }, { input: [{ json: { jobId: 'post-1' } }] });
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ text: 'Senior Backend Engineer', categories: { department: 'R&D' } });
		expect(scope.isDone()).toBe(true);
	});

	it('refuses a missing posting id (a candidate without a posting) before any request', async () => {
		const { error } = await run({ resource: 'posting', operation: 'get', simple: false, postingId: '={{ $json.jobId }}' }, { input: [{ json: { jobId: null } }] });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('The field "Posting" is required');
	});

	it('keeps Get Many the default posting operation, which saved workflows rely on', async () => {
		nock(BASE).get('/v1/postings').query({ limit: '50' }).reply(200, { data: [{ id: 'p1' }], hasNext: false });
		const { items, error } = await run({ resource: 'posting' });
		expect(error).toBeUndefined();
		expect(items[0]).toHaveLength(1);
	});

	it('uses the sandbox host when the credential says so', async () => {
		const scope = nock('https://api.sandbox.lever.co').get('/v1/opportunities/opp-1').query(true).reply(200, { data: { id: 'opp-1' } });
		const { error } = await runNode(new Lever(), {
			parameters: { resource: 'opportunity', operation: 'get', simple: false, opportunityId: 'opp-1' },
			credentials: { leverApi: { apiKey: API_KEY, environment: 'sandbox' } },
			credentialTypes,
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});
});

describe('Lever node: retries and errors', () => {
	it('retries a 429 after the Retry-After seconds, then succeeds', async () => {
		const scope = nock(BASE)
			.get('/v1/opportunities/opp-1').query(true).reply(429, { code: 'TooManyRequests', message: 'Slow down' }, { 'Retry-After': '3' })
			.get('/v1/opportunities/opp-1').query(true).reply(200, { data: { id: 'opp-1' } });
		const { items, error } = await run({ resource: 'opportunity', operation: 'get', simple: false, opportunityId: 'opp-1' });
		expect(error).toBeUndefined();
		expect(items[0][0].json.id).toBe('opp-1');
		expect(sleep).toHaveBeenCalledTimes(1);
		expect(sleep).toHaveBeenCalledWith(3000);
		expect(scope.isDone()).toBe(true);
	});

	it('backs off exponentially on 503 without Retry-After and gives up after 8 attempts with the service message', async () => {
		nock(BASE).get('/v1/opportunities/opp-1').query(true).times(8).reply(503, { code: 'ServiceUnavailable', message: 'Maintenance window' });
		const { error } = await run({ resource: 'opportunity', operation: 'get', simple: false, opportunityId: 'opp-1' });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error!.message).toContain('Maintenance window');
		expect(error!.message).toContain('after 8 attempts');
		expect(sleep).toHaveBeenCalledTimes(7);
		const waits = sleep.mock.calls.map(([ms]) => ms as number);
		// Equal jitter: attempt n waits between half and all of 500 * 2^(n-1) ms, capped at 20 s.
		waits.forEach((ms, index) => {
			const step = Math.min(20_000, 500 * 2 ** index);
			expect(ms).toBeGreaterThanOrEqual(step / 2);
			expect(ms).toBeLessThanOrEqual(step);
		});
		expect(JSON.stringify(error)).not.toContain(API_KEY);
		expect(JSON.stringify(error)).not.toContain(Buffer.from(`${API_KEY}:`).toString('base64'));
	});

	it('does not retry a 404 and reports what Lever said', async () => {
		nock(BASE).get('/v1/opportunities/missing').query(true).once().reply(404, { code: 'ResourceNotFound', message: 'Opportunity not found' });
		const { error } = await run({ resource: 'opportunity', operation: 'get', simple: false, opportunityId: 'missing' });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error!.message).toBe('Lever answered HTTP 404: Opportunity not found');
		expect(sleep).not.toHaveBeenCalled();
	});

	it('names the field and sends nothing when a required value is missing', async () => {
		// An expression that resolves to nothing: n8n itself refuses a literal empty required field.
		const { error } = await run({ resource: 'note', operation: 'create', opportunityId: '={{ $json.id }}', text: 'x' }, { input: [{ json: { id: '' } }] });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('The field "Opportunity ID" is required');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('rejects a malformed e-mail filter before any request', async () => {
		const { error } = await run({ resource: 'opportunity', operation: 'getMany', simple: false, filters: { email: 'not-an-email' } });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toContain('"Email"');
	});

	it('rejects an id with characters Lever never uses (no path tricks)', async () => {
		const { error } = await run({ resource: 'opportunity', operation: 'get', simple: false, opportunityId: '../webhooks' });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('The field "Opportunity ID" is not a Lever ID');
	});

	it('under Continue On Fail, fails the bad item and carries on with the others', async () => {
		const scope = nock(BASE).post('/v1/opportunities/opp-2/notes').reply(201, { data: { noteId: 'n2' } });
		const { items, error } = await run(
			{ resource: 'note', operation: 'create', opportunityId: '={{ $json.id }}', text: '={{ $json.text }}' },
			{
				continueOnFail: true,
				input: [{ json: { id: 'opp-1', text: '' } }, { json: { id: 'opp-2', text: 'ok' } }],
			},
		);
		expect(error).toBeUndefined();
		expect(items[0]).toHaveLength(2);
		expect(items[0][0].json.error).toBe('The field "Text" is required');
		expect(items[0][0].pairedItem).toEqual({ item: 0 });
		expect(items[0][1].json.noteId).toBe('n2');
		expect(items[0][1].pairedItem).toEqual({ item: 1 });
		expect(scope.isDone()).toBe(true);
	});
});

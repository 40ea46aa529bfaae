import nock from 'nock';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import { WiseWayApi } from '../../../credentials/WiseWayApi.credentials';
import { WiseWay } from '../../../nodes/WiseWay/WiseWay.node';
import { DEFAULT_RETRY_POLICY } from '../../../nodes/shared/http';
import { createDedupStore, runNode } from '../../helpers/harness';

// A lost answer costs an attempt: this many, each looked up in vain, and the invite fails unsure.
const LOST_ANSWERS = DEFAULT_RETRY_POLICY.maxAttempts;

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));
const sleep = n8nWorkflow.sleep as jest.MockedFunction<typeof n8nWorkflow.sleep>;

const HOST = 'https://wiseway.test';
const API = '/api/app';
const API_KEY = 'wiseway-secret-key-0123456789';
const credentials = { wiseWayApi: { apiKey: API_KEY, baseUrl: `${HOST}/`, webhookSecret: '' } };
const credentialTypes = [new WiseWayApi()];
const POSITION = '6650a1b2c3d4e5f60718293a';
const CANDIDATES = `${API}/positions/${POSITION}/candidates`;

const inviteParameters = {
	resource: 'candidate',
	operation: 'invite',
	positionId: POSITION,
	name: '={{ $json.name }}',
	email: '={{ $json.email }}',
	phone: '={{ $json.phone }}',
	atsCandidateId: '={{ $json.candidateId }}',
	atsApplicationId: '={{ $json.applicationId }}',
};
const person = { name: 'Jane Doe', email: 'jane@example.com', phone: '+1 (415) 555-0101', candidateId: '2001', applicationId: '3001' };
const inviteBody = {
	name: 'Jane Doe',
	email: 'jane@example.com',
	phone: '+14155550101',
	metadata: { atsCandidateId: '2001', atsApplicationId: '3001' },
};
const created = {
	id: 'c-1',
	positionId: POSITION,
	...inviteBody,
	status: 'invited',
	interviewLink: 'https://wiseway.test/i/abc',
};

function wiseway() {
	return nock(HOST, { reqheaders: { 'x-api-key': API_KEY } });
}

function run(parameters: Record<string, unknown>, options: Record<string, unknown> = {}) {
	return runNode(new WiseWay(), { parameters, credentials, credentialTypes, input: [{ json: person }], ...options });
}

function rows(from: number, count: number) {
	return Array.from({ length: count }, (_, n) => ({ id: `c${from + n}`, email: `c${from + n}@example.com` }));
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	sleep.mockClear();
});
afterAll(() => nock.enableNetConnect());

describe('WiseWay node: invite', () => {
	it('invites with x-api-key, the E.164 phone and the ATS ids as metadata, surfacing the interview link', async () => {
		const scope = wiseway().post(CANDIDATES, inviteBody).reply(201, created);
		const { items, error } = await run(inviteParameters, { dedupStore: createDedupStore() });
		expect(error).toBeUndefined();
		expect(items[0][0].json).toEqual({
			...created,
			alreadyInvited: false,
			sent: true,
			positionId: POSITION,
			idempotencyKey: `invite:wiseWay:${POSITION}:3001`,
		});
		expect(items[0][0].pairedItem).toEqual({ item: 0 });
		expect(scope.isDone()).toBe(true);
	});

	it('sends no metadata without ATS ids, and keys the invite by e-mail', async () => {
		const scope = wiseway().post(CANDIDATES, { name: 'Jane Doe', email: 'jane@example.com' }).reply(201, { id: 'c-2' });
		const { items } = await run(
			{ ...inviteParameters, phone: '', atsCandidateId: '', atsApplicationId: '' },
			{ dedupStore: createDedupStore() },
		);
		expect(items[0][0].json.idempotencyKey).toBe(`invite:wiseWay:${POSITION}:email:jane@example.com`);
		expect(scope.isDone()).toBe(true);
	});

	it('invites once per application and position: a second run sends nothing', async () => {
		const dedupStore = createDedupStore();
		const scope = wiseway().post(CANDIDATES).once().reply(201, created);
		await run(inviteParameters, { dedupStore });
		expect(scope.isDone()).toBe(true);
		// No interceptor is left: any request would fail the run.
		const { items, error } = await run(inviteParameters, { dedupStore });
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ status: 'already_invited', alreadyInvited: true, sent: false, email: 'jane@example.com' });
	});

	it("surfaces WiseWay's 409 on a repeated e-mail as the existing candidate, with its link", async () => {
		const existing = { id: 'c-9', email: 'JANE@example.com', status: 'started', interviewLink: 'https://wiseway.test/i/old' };
		const scope = wiseway()
			.post(CANDIDATES)
			.reply(409, { error: 'Candidate with this email already exists for this position' })
			.get(CANDIDATES)
			.query({ page: '1', limit: '100' })
			.reply(200, [{ id: 'c-8', email: 'other@example.com' }, existing]);
		const { items, error } = await run(inviteParameters, { dedupStore: createDedupStore() });
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({
			...existing,
			alreadyInvited: true,
			sent: false,
			wiseWayMessage: 'Candidate with this email already exists for this position',
		});
		expect(scope.isDone()).toBe(true);
	});

	it('still answers "already invited" when the 409 candidate is not in the list', async () => {
		wiseway().post(CANDIDATES).reply(409, { error: 'exists' }).get(CANDIDATES).query(true).reply(200, []);
		const { items } = await run(inviteParameters, { dedupStore: createDedupStore() });
		expect(items[0][0].json).toMatchObject({ status: 'already_invited', alreadyInvited: true, sent: false, email: 'jane@example.com' });
	});

	it("lets a later run retry an invite that failed, showing WiseWay's message", async () => {
		const dedupStore = createDedupStore();
		wiseway().post(CANDIDATES).reply(400, { error: 'Position is closed: candidates cannot be invited' });
		const first = await run(inviteParameters, { dedupStore });
		expect(first.error).toBeInstanceOf(NodeApiError);
		expect(first.error!.message).toBe('WiseWay answered HTTP 400: Position is closed: candidates cannot be invited');
		const scope = wiseway().post(CANDIDATES).reply(201, created);
		const second = await run(inviteParameters, { dedupStore });
		expect(second.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it.each([
		['no name', { name: '' }, 'The field "Name" is required'],
		['no e-mail', { email: '' }, 'The field "Email" is required'],
		['a malformed e-mail', { email: 'jane at example' }, 'The field "Email" is not a valid e-mail address'],
		['a phone not in E.164', { phone: '(415) 555-0101' }, 'The field "Phone" is not an E.164 phone number'],
	])('rejects %s, naming the field, with nothing sent', async (_name, change, message) => {
		const scope = wiseway().post(CANDIDATES).reply(201, created);
		const { error } = await run(inviteParameters, { input: [{ json: { ...person, ...change } }], dedupStore: createDedupStore() });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe(message);
		expect(scope.isDone()).toBe(false);
	});

	it('shows the expected phone form', async () => {
		const { error } = await run(inviteParameters, { input: [{ json: { ...person, phone: '0415 555 0101' } }], dedupStore: createDedupStore() });
		expect(error!.description).toContain('+14155550100');
		expect(error!.description).toContain('0415 555 0101');
	});

	it('rejects a position ID that could leave the path', async () => {
		const { error } = await run({ ...inviteParameters, positionId: '../webhooks' }, { dedupStore: createDedupStore() });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('The field "Position" is not a WiseWay ID');
	});

	it('goes on with the next item under Continue On Fail', async () => {
		const scope = wiseway().post(CANDIDATES).reply(201, created);
		const { items, error } = await run(inviteParameters, {
			input: [{ json: { ...person, email: 'bad', applicationId: '3009' } }, { json: person }],
			continueOnFail: true,
			dedupStore: createDedupStore(),
		});
		expect(error).toBeUndefined();
		expect(items[0][0].json.error).toBe('The field "Email" is not a valid e-mail address');
		expect(items[0][0].pairedItem).toEqual({ item: 0 });
		expect(items[0][1].json).toMatchObject({ id: 'c-1', sent: true });
		expect(items[0][1].pairedItem).toEqual({ item: 1 });
		expect(scope.isDone()).toBe(true);
	});

	it('never puts the key into an error', async () => {
		wiseway().post(CANDIDATES).times(LOST_ANSWERS).reply(500, { error: 'boom' }).get(CANDIDATES).query(true).times(LOST_ANSWERS - 1).reply(200, []);
		const { error } = await run(inviteParameters, { dedupStore: createDedupStore() });
		expect(error!.message).toBe('WiseWay answered HTTP 500: boom');
		expect(JSON.stringify({ message: error!.message, description: error!.description, error })).not.toContain(API_KEY);
	});

	it('looks a lost invite up by e-mail and does not send it again when WiseWay has it', async () => {
		const scope = wiseway()
			.post(CANDIDATES)
			.once()
			.reply(502, { error: 'bad gateway' })
			.get(CANDIDATES)
			.query(true)
			.reply(200, [{ id: 'c-1', email: 'Jane@Example.com', interview_link: 'https://wiseway.test/i/abc' }]);
		const { items, error } = await run(inviteParameters, { dedupStore: createDedupStore() });
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ id: 'c-1', sent: true });
		expect(scope.isDone()).toBe(true);
	});

	it('with Check Existing Invite on, answers from the position\'s candidates and sends nothing', async () => {
		const scope = wiseway().get(CANDIDATES).query(true).reply(200, [{ id: 'c-1', email: 'jane@example.com' }]);
		const { items, error } = await run({ ...inviteParameters, options: { checkExisting: true } }, { dedupStore: createDedupStore() });
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ id: 'c-1', alreadyInvited: true, sent: false });
		expect(scope.isDone()).toBe(true);
	});

	it('waits out a 429 for as long as Retry-After says, then invites', async () => {
		const scope = wiseway()
			.post(CANDIDATES).reply(429, { error: 'Too Many Requests' }, { 'Retry-After': '3' })
			.post(CANDIDATES).reply(201, created);
		const { items, error } = await run(inviteParameters, { dedupStore: createDedupStore() });
		expect(error).toBeUndefined();
		expect(items[0][0].json.sent).toBe(true);
		expect(sleep).toHaveBeenCalledWith(3000);
		expect(scope.isDone()).toBe(true);
	});
});

describe('WiseWay node: resend', () => {
	it('replaces a candidate who has not started, and a later invite for the same application sends nothing', async () => {
		const dedupStore = createDedupStore();
		const scope = wiseway()
			.get(CANDIDATES).query({ page: '1', limit: '100' }).reply(200, [{ id: 'c-5', email: 'jane@example.com', status: 'invited' }])
			.delete(`${CANDIDATES}/c-5`).reply(204)
			.post(CANDIDATES, inviteBody).reply(201, { ...created, id: 'c-6' });
		const { items, error } = await run({ ...inviteParameters, operation: 'resend' }, { dedupStore });
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ id: 'c-6', interviewLink: created.interviewLink, resent: true, sent: true, replacedCandidateId: 'c-5' });
		expect(scope.isDone()).toBe(true);
		const again = await run(inviteParameters, { dedupStore });
		expect(again.items[0][0].json).toMatchObject({ alreadyInvited: true, sent: false });
	});

	it('refuses to replace a candidate who has started, removing nothing', async () => {
		const scope = wiseway().get(CANDIDATES).query(true).reply(200, [{ id: 'c-5', email: 'jane@example.com', status: 'started' }]);
		const deletion = wiseway().delete(`${CANDIDATES}/c-5`).reply(204);
		const { error } = await run({ ...inviteParameters, operation: 'resend' }, { dedupStore: createDedupStore() });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('The candidate "jane@example.com" has already started the interview');
		expect(scope.isDone()).toBe(true);
		expect(deletion.isDone()).toBe(false);
	});

	it('invites when there is no candidate yet', async () => {
		const scope = wiseway().get(CANDIDATES).query(true).reply(200, []).post(CANDIDATES, inviteBody).reply(201, created);
		const { items } = await run({ ...inviteParameters, operation: 'resend' }, { dedupStore: createDedupStore() });
		expect(items[0][0].json).toMatchObject({ id: 'c-1', replacedCandidateId: null });
		expect(scope.isDone()).toBe(true);
	});
});

describe('WiseWay node: candidates and pages', () => {
	it('pages through every candidate with page and limit until a short page', async () => {
		const scope = wiseway()
			.get(CANDIDATES).query({ page: '1', limit: '100' }).reply(200, rows(0, 100))
			.get(CANDIDATES).query({ page: '2', limit: '100' }).reply(200, rows(100, 3));
		const { items } = await run({ resource: 'candidate', operation: 'getMany', simple: false, positionId: POSITION, returnAll: true });
		expect(items[0]).toHaveLength(103);
		expect(items[0][102].json.id).toBe('c102');
		expect(scope.isDone()).toBe(true);
	});

	it('asks one page of the Limit, and stops', async () => {
		const scope = wiseway().get(CANDIDATES).query({ page: '1', limit: '5' }).reply(200, rows(0, 5));
		const { items } = await run({ resource: 'candidate', operation: 'getMany', simple: false, positionId: POSITION, limit: 5 });
		expect(items[0].map((item) => item.json.id)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
		expect(scope.isDone()).toBe(true);
	});

	it('takes a list longer than the page asked for as the whole list', async () => {
		const scope = wiseway().get(`${API}/positions`).query({ page: '1', limit: '100' }).reply(200, rows(0, 150));
		const { items } = await run({ resource: 'position', operation: 'getMany', simple: false, returnAll: true });
		expect(items[0]).toHaveLength(150);
		expect(scope.isDone()).toBe(true);
	});

	it('removes a candidate', async () => {
		const scope = wiseway().delete(`${CANDIDATES}/c-1`).reply(204);
		const { items } = await run({ resource: 'candidate', operation: 'remove', positionId: POSITION, candidateId: 'c-1' });
		expect(items[0][0].json).toEqual({ id: 'c-1', positionId: POSITION, removed: true });
		expect(scope.isDone()).toBe(true);
	});

	it('rejects a candidate ID that is not a WiseWay ID', async () => {
		const { error } = await run({ resource: 'candidate', operation: 'remove', positionId: POSITION, candidateId: 'a/b' });
		expect(error!.message).toBe('The field "Candidate ID" is not a WiseWay ID');
	});
});

describe('WiseWay node: positions', () => {
	it('creates a position with its questions in order', async () => {
		const body = {
			title: 'Platform Engineer',
			description: 'Runs the platform',
			status: 'draft',
			questions: [
				{ text: 'Tell us about an outage.', type: 'video', order: 1 },
				{ text: 'Why us?', type: 'text', order: 2 },
			],
		};
		const scope = wiseway().post(`${API}/positions`, body).reply(201, { id: 'p-9', ...body });
		const { items, error } = await run({
			resource: 'position',
			operation: 'create',
			title: 'Platform Engineer',
			additionalFields: {
				description: 'Runs the platform',
				status: 'draft',
				questions: { question: [{ text: 'Tell us about an outage.', type: 'video' }, { text: 'Why us?', type: 'text' }] },
			},
		});
		expect(error).toBeUndefined();
		expect(items[0][0].json.id).toBe('p-9');
		expect(scope.isDone()).toBe(true);
	});

	it('rejects an empty question, naming it', async () => {
		const { error } = await run({
			resource: 'position',
			operation: 'create',
			title: 'Platform Engineer',
			additionalFields: { questions: { question: [{ text: 'One', type: 'video' }, { text: ' ', type: 'video' }] } },
		});
		expect(error!.message).toBe('The field "Questions" has an empty question (number 2)');
	});

	it('requires a title, also when an expression leaves it empty', async () => {
		const { error } = await run({ resource: 'position', operation: 'create', title: '={{ $json.title }}' });
		expect(error!.message).toBe('The field "Title" is required');
	});

	it('updates only the fields given, with PUT', async () => {
		const scope = wiseway().put(`${API}/positions/${POSITION}`, { title: 'Staff Engineer', status: 'closed' }).reply(200, { id: POSITION, title: 'Staff Engineer' });
		const { items } = await run({ resource: 'position', operation: 'update', positionId: POSITION, updateFields: { title: 'Staff Engineer', status: 'closed' } });
		expect(items[0][0].json).toEqual({ id: POSITION, title: 'Staff Engineer' });
		expect(scope.isDone()).toBe(true);
	});

	it('refuses an update with nothing to change', async () => {
		const { error } = await run({ resource: 'position', operation: 'update', positionId: POSITION, updateFields: {} });
		expect(error!.message).toBe('The field "Update Fields" is empty');
	});

	it('gets and deletes a position', async () => {
		const scope = wiseway()
			.get(`${API}/positions/${POSITION}`).reply(200, { id: POSITION, title: 'Senior Backend Engineer' })
			.delete(`${API}/positions/${POSITION}`).reply(204);
		const got = await run({ resource: 'position', operation: 'get', simple: false, positionId: POSITION });
		expect(got.items[0][0].json.title).toBe('Senior Backend Engineer');
		const deleted = await run({ resource: 'position', operation: 'delete', positionId: POSITION });
		expect(deleted.items[0][0].json).toEqual({ id: POSITION, deleted: true });
		expect(scope.isDone()).toBe(true);
	});

	it('answers a missing position with WiseWay\'s message', async () => {
		wiseway().get(`${API}/positions/nope`).reply(404, { error: 'Position not found' });
		const { error } = await run({ resource: 'position', operation: 'get', simple: false, positionId: 'nope' });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error!.message).toBe('WiseWay answered HTTP 404: Position not found');
	});
});

describe('WiseWay node: webhooks', () => {
	it('creates a webhook for the chosen events', async () => {
		const body = { url: 'https://n8n.example.com/hook', events: ['interview.completed', 'candidate.invited'], active: true };
		const scope = wiseway().post(`${API}/webhooks`, body).reply(201, { id: 'w-1', ...body, secret: 's' });
		const { items } = await run({ resource: 'webhook', operation: 'create', url: body.url, events: body.events });
		expect(items[0][0].json).toMatchObject({ id: 'w-1', secret: 's' });
		expect(scope.isDone()).toBe(true);
	});

	it.each([
		['a URL that is not http(s)', { url: 'ftp://example.com/x', events: ['interview.completed'] }, 'The field "URL" is not an http(s) URL'],
		['no events (from an expression)', { url: 'https://example.com/x', events: '={{ [] }}' }, 'The field "Events" needs one or more WiseWay events'],
		['an unknown event', { url: 'https://example.com/x', events: ['interview.deleted'] }, 'The field "Events" needs one or more WiseWay events'],
	])('rejects %s, with nothing sent', async (_name, parameters, message) => {
		const { error } = await run({ resource: 'webhook', operation: 'create', ...parameters });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe(message);
	});

	it('updates, lists and deletes webhooks', async () => {
		const scope = wiseway()
			.put(`${API}/webhooks/w-1`, { events: ['interview.started'], active: false })
			.reply(200, { id: 'w-1', active: false })
			.get(`${API}/webhooks`).query({ page: '1', limit: '2' }).reply(200, [{ id: 'w-1' }, { id: 'w-2' }])
			.delete(`${API}/webhooks/w-1`).reply(204);
		const updated = await run({ resource: 'webhook', operation: 'update', webhookId: 'w-1', updateFields: { events: ['interview.started'], active: false } });
		expect(updated.items[0][0].json).toEqual({ id: 'w-1', active: false });
		const listed = await run({ resource: 'webhook', operation: 'getMany', simple: false, limit: 2 });
		expect(listed.items[0].map((item) => item.json.id)).toEqual(['w-1', 'w-2']);
		const deleted = await run({ resource: 'webhook', operation: 'delete', webhookId: 'w-1' });
		expect(deleted.items[0][0].json).toEqual({ id: 'w-1', deleted: true });
		expect(scope.isDone()).toBe(true);
	});

	it('refuses an update with nothing to change', async () => {
		const { error } = await run({ resource: 'webhook', operation: 'update', webhookId: 'w-1', updateFields: {} });
		expect(error!.message).toBe('The field "Update Fields" is empty');
	});
});

describe('WiseWay credential', () => {
	it('tests with one position from the configured host', () => {
		const credential = new WiseWayApi();
		expect(credential.test.request).toMatchObject({ url: '/api/app/positions', method: 'GET', qs: { page: 1, limit: 1 } });
		expect(credential.properties.find((property) => property.name === 'baseUrl')!.default).toBe('https://app.wiseway.video');
		expect(credential.properties.filter((property) => property.typeOptions?.password).map((property) => property.name)).toEqual(['apiKey', 'webhookSecret']);
	});
});

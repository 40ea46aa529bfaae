import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { WepowApi } from '../../../credentials/WepowApi.credentials';
import { WepowTrigger } from '../../../nodes/Wepow/WepowTrigger.node';
import { createDedupStore, runDelivery, runWebhook, runWebhookMethod } from '../../helpers/harness';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));

const BASE = 'https://wepow.test';
const credentials = { wepowApi: { subdomain: 'acme', email: 'recruiter@example.com', apiKey: 'wepow-key', baseUrl: BASE } };
const credentialTypes = [new WepowApi()];
const basicAuth = `Basic ${Buffer.from('acme.recruiter@example.com:wepow-key').toString('base64')}`;
const URL = 'http://127.0.0.1:5678/webhook/abc/webhook';
const TOKEN = 'a'.repeat(64);
const ROOT = {
	_links: {
		'wepow:application': { href: `${BASE}/hypermedia/applications{/id}`, templated: true },
		'wepow:notifications': { href: `${BASE}/notifications` },
	},
};

function registered(): IDataObject {
	return { registrations: [{ id: '601', event: 'application_status', secret: TOKEN, url: URL }] };
}

function application(overrides: IDataObject = {}): IDataObject {
	return {
		id: 9001,
		status: 'completed',
		evaluation_status: 'pending',
		date_sent: '2026-03-02T10:00:00Z',
		date_completed: new Date(Date.now() - 60_000).toISOString(),
		date_updated: new Date(Date.now() - 60_000).toISOString(),
		external_id: '3001',
		previous_interviews_count: 0,
		_links: {
			self: { href: `${BASE}/hypermedia/applications/9001` },
			'wepow:interview': { href: `${BASE}/hypermedia/interviews/7001` },
			'wepow:application:response': [
				{ name: 'standard', href: 'https://acme.wepowapp.com/applications/9001' },
				{ name: 'iframe', href: 'https://acme.wepowapp.com/review/spent-token' },
			],
		},
		_embedded: {
			'wepow:candidate': { id: 8001, email: 'jane.doe@example.org', first_name: 'Jane', last_name: 'Doe' },
			'wepow:interview': { id: 7001, name: 'Senior Backend Engineer', external_id: '1001' },
		},
		...overrides,
	};
}

function notification(overrides: IDataObject = {}): IDataObject {
	return { target: 'application_status', application: application(overrides) };
}

/** The application as a fresh read returns it: a new single-use review link. */
function fresh(overrides: IDataObject = {}): IDataObject {
	const read = application(overrides);
	(read._links as IDataObject)['wepow:application:response'] = [
		{ name: 'standard', href: 'https://acme.wepowapp.com/applications/9001' },
		{ name: 'iframe', href: 'https://acme.wepowapp.com/review/fresh-token' },
	];
	return read;
}

function deliver(body: unknown, options: { query?: IDataObject; parameters?: IDataObject; staticData?: IDataObject } = {}) {
	return runWebhook(new WepowTrigger(), {
		parameters: { statuses: ['completed'], ...options.parameters },
		credentials,
		credentialTypes,
		staticData: options.staticData ?? registered(),
		request: { body, headers: { 'content-type': 'application/json' }, query: options.query ?? { token: TOKEN } },
	});
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Wepow Trigger: registration', () => {
	it('registers a callback URL carrying a random token, then finds its id in the list', async () => {
		let callbackUrl = '';
		const scope = nock(BASE, { reqheaders: { authorization: basicAuth, accept: 'application/hal+json' } })
			.get('/').twice().reply(200, ROOT)
			.post('/notifications', (body: { callback_url: string; target: string }) => {
				callbackUrl = body.callback_url;
				return body.target === 'application_status';
			})
			.reply(204)
			.get('/notifications')
			.reply(200, () => ({
				count: 2,
				_embedded: {
					'wepow:notification': [
						{ id: 600, callback_url: 'http://127.0.0.1:9999/other', target: 'application_status', active: true },
						{ id: 601, callback_url: callbackUrl, target: 'application_status', active: true },
					],
				},
			}));
		const staticData: IDataObject = {};
		await runWebhookMethod(new WepowTrigger(), 'create', { parameters: {}, credentials, credentialTypes, staticData, webhookUrl: URL });
		expect(callbackUrl).toMatch(new RegExp(`^${URL.replace(/[.?]/g, '\\$&')}\\?token=[0-9a-f]{64}$`));
		const token = callbackUrl.split('token=')[1];
		expect(staticData).toEqual({ registrations: [{ id: '601', event: 'application_status', secret: token, url: URL }] });
		expect(scope.isDone()).toBe(true);
	});

	it('fails activation when Wepow does not list what it accepted', async () => {
		nock(BASE).get('/').twice().reply(200, ROOT).post('/notifications').reply(204).get('/notifications').reply(200, { count: 0, _embedded: { 'wepow:notification': [] } });
		await expect(runWebhookMethod(new WepowTrigger(), 'create', { parameters: {}, credentials, credentialTypes, staticData: {}, webhookUrl: URL })).rejects.toThrow(
			'Wepow accepted the notification but does not list it',
		);
	});

	it.each([
		['intact', { callback_url: `${URL}?token=${TOKEN}`, active: true }, true],
		['with another token', { callback_url: `${URL}?token=${'b'.repeat(64)}`, active: true }, false],
		['inactive', { callback_url: `${URL}?token=${TOKEN}`, active: false }, false],
	])('checkExists: a notification %s', async (_name, remote, expected) => {
		nock(BASE).get('/').reply(200, ROOT).get('/notifications').reply(200, { _embedded: { 'wepow:notification': [{ id: 601, target: 'application_status', ...remote }] } });
		const exists = await runWebhookMethod(new WepowTrigger(), 'checkExists', { parameters: {}, credentials, credentialTypes, staticData: registered(), webhookUrl: URL });
		expect(exists).toBe(expected);
	});

	it('checkExists is false without a registration, asking nothing', async () => {
		expect(await runWebhookMethod(new WepowTrigger(), 'checkExists', { parameters: {}, credentials, credentialTypes, staticData: {}, webhookUrl: URL })).toBe(false);
	});

	it('deletes the notification on deactivation, even one Wepow no longer has', async () => {
		const scope = nock(BASE, { reqheaders: { authorization: basicAuth } }).delete('/hypermedia/notifications/601').reply(404, { message: 'Notification 601 not found' });
		const staticData = registered();
		await runWebhookMethod(new WepowTrigger(), 'delete', { parameters: {}, credentials, credentialTypes, staticData });
		expect(staticData.registrations).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});
});

describe('Wepow Trigger: notifications', () => {
	it('re-reads the application and emits the normalised result with the fresh limited-access link', async () => {
		const scope = nock(BASE, { reqheaders: { authorization: basicAuth, accept: 'application/hal+json' } }).get('/hypermedia/applications/9001').reply(200, fresh());
		const { result } = await deliver(notification());
		expect(result.workflowData![0][0].json).toMatchObject({
			vendor: 'wepow',
			event: 'application.completed',
			status: 'completed',
			candidate: { email: 'jane.doe@example.org', name: 'Jane Doe' },
			ats: { candidateId: null, applicationId: '3001' },
			assessment: { id: '7001', name: 'Senior Backend Engineer' },
			reportUrl: 'https://acme.wepowapp.com/applications/9001',
			limitedAccessUrl: 'https://acme.wepowapp.com/review/fresh-token',
			wepowApplicationId: '9001',
			atsJobId: '1001',
		});
		expect((result.workflowData![0][0].json.completedAt as string).length).toBeGreaterThan(0);
		expect(scope.isDone()).toBe(true);
	});

	it.each([
		['no token', {}],
		['a wrong token', { token: 'b'.repeat(64) }],
		['a shorter token', { token: TOKEN.slice(1) }],
		['an empty token', { token: '' }],
	])('answers 401 and starts nothing for %s', async (_name, query) => {
		// No interceptor: a request would fail the test.
		const { result, response } = await deliver(notification(), { query });
		expect(response.statusCode).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});

	it('answers 401 to every token when nothing is registered', async () => {
		const { response } = await deliver(notification(), { staticData: {} });
		expect(response.statusCode).toBe(401);
	});

	it('answers 401 to a notification whose status change is too old, or undated', async () => {
		const stale = await deliver(notification({ date_updated: new Date(Date.now() - 2 * 3600_000).toISOString() }));
		expect(stale.response.statusCode).toBe(401);
		const undated = await deliver(notification({ date_updated: null }));
		expect(undated.response.statusCode).toBe(401);
	});

	it('stops a replay of a notification it accepted at the trigger: the workflow runs once', async () => {
		const staticData = registered();
		const dedupStore = createDedupStore();
		const body = notification();
		nock(BASE).get('/hypermedia/applications/9001').times(2).reply(200, fresh());
		const run = () =>
			runDelivery(new WepowTrigger(), { parameters: { statuses: ['completed'] }, credentials, credentialTypes, staticData, dedupStore, request: { body, query: { token: TOKEN } } });
		const first = await run();
		expect(first.items).toHaveLength(1);
		expect(first.items[0].json.deliveryId).toMatch(/^[0-9a-f]{32}$/);
		const replay = await run();
		expect(replay.items).toEqual([]);
	});

	it('answers 401 to a repeat of a notification it answered without an execution', async () => {
		const staticData = registered();
		const body = notification({ status: 'started' });
		expect((await deliver(body, { staticData })).result).toEqual({});
		const again = await deliver(body, { staticData });
		expect(again.response.statusCode).toBe(401);
		expect(again.response.body).toEqual({ message: 'This delivery was received before' });
	});

	it('takes a notification again when reading the application failed the first time', async () => {
		const staticData = registered();
		const body = notification();
		nock(BASE).get('/hypermedia/applications/9001').times(8).reply(503, { message: 'Service unavailable' });
		await expect(deliver(body, { staticData })).rejects.toThrow('Wepow answered HTTP 503');
		nock(BASE).get('/hypermedia/applications/9001').reply(200, fresh());
		expect((await deliver(body, { staticData })).result.workflowData).toBeDefined();
	});

	it('answers 400 to a tampered application id Wepow does not know', async () => {
		nock(BASE).get('/hypermedia/applications/9999').reply(404, { message: 'Application 9999 not found' });
		const body = notification({ id: 9999, _links: { self: { href: `${BASE}/hypermedia/applications/9999` } } });
		const { result, response } = await deliver(body);
		expect(response.statusCode).toBe(400);
		expect(result.workflowData).toBeUndefined();
	});

	it('starts nothing for a completion the application does not show (tampered or reset since)', async () => {
		nock(BASE).get('/hypermedia/applications/9001').reply(200, fresh({ status: 'new', date_completed: null }));
		const { result, response } = await deliver(notification());
		expect(response.statusCode).toBeUndefined();
		expect(result).toEqual({});
	});

	it('acknowledges a status it does not watch, without asking Wepow', async () => {
		const { result, response } = await deliver(notification({ status: 'started' }));
		expect(response.statusCode).toBeUndefined();
		expect(result).toEqual({});
	});

	it('emits a watched status other than completed, without a completion date', async () => {
		nock(BASE).get('/hypermedia/applications/9001').reply(200, fresh({ status: 'started', date_completed: null }));
		const { result } = await deliver(notification({ status: 'started' }), { parameters: { statuses: ['started'] } });
		expect(result.workflowData![0][0].json).toMatchObject({ status: 'started', event: 'application.started', completedAt: null });
	});

	it('filters by position after reading the application', async () => {
		nock(BASE).get('/hypermedia/applications/9001').reply(200, fresh());
		const { result } = await deliver(notification(), { parameters: { positionIds: ['7002'] } });
		expect(result).toEqual({});
	});

	it('reads the application through the root when its own link points elsewhere', async () => {
		const scope = nock(BASE).get('/').reply(200, ROOT).get('/hypermedia/applications/9001').reply(200, fresh());
		const evil = nock('https://evil.test').get(/.*/).reply(200, fresh());
		const body = notification({ _links: { self: { href: 'https://evil.test/hypermedia/applications/9001' } } });
		const { result } = await deliver(body);
		expect(result.workflowData).toBeDefined();
		expect(scope.isDone()).toBe(true);
		expect(evil.isDone()).toBe(false);
	});

	it('answers 400 to a body that is not a notification, before it checks the token', async () => {
		expect((await deliver([])).response.statusCode).toBe(400);
		// An empty object with the right token is not a ping Wepow sends: it is refused, not acknowledged.
		const empty = await deliver({});
		expect(empty.response.statusCode).toBe(400);
		expect(empty.response.body).toEqual({ message: 'Expected a Wepow notification: "target" is missing' });
		const untokened = await deliver({}, { query: { token: 'wrong' } });
		expect(untokened.response.statusCode).toBe(400);
		expect(untokened.response.body).toEqual({ message: 'Expected a Wepow notification: "target" is missing' });
	});

	it('answers 400 to an application notification without an application', async () => {
		const { response } = await deliver({ target: 'application_status' });
		expect(response.statusCode).toBe(400);
		expect(response.body).toEqual({ message: 'Expected "application" with an "id"' });
	});

	// Every Wepow answer is application/hal+json; n8n leaves such a body unparsed.
	it('takes a notification labelled application/hal+json, read from the raw body', async () => {
		nock(BASE).get('/hypermedia/applications/9001').reply(200, fresh());
		const body = notification();
		const { result, response } = await runWebhook(new WepowTrigger(), {
			parameters: { statuses: ['completed'] },
			credentials,
			credentialTypes,
			staticData: registered(),
			request: { body: {}, rawBody: Buffer.from(JSON.stringify(body)), headers: { 'content-type': 'application/hal+json' }, query: { token: TOKEN } },
		});
		expect(response.statusCode).toBeUndefined();
		expect(result.workflowData?.[0][0].json).toMatchObject({ status: 'completed', ats: { applicationId: '3001' } });
	});

	it('answers 401 to another target with a wrong token', async () => {
		const { response } = await deliver({ target: 'interview_status', interview: { id: 7001 } }, { query: { token: 'wrong' } });
		expect(response.statusCode).toBe(401);
	});

	it('acknowledges other notification targets', async () => {
		const { result, response } = await deliver({ target: 'interview_status', interview: { id: 7001 } });
		expect(response.statusCode).toBeUndefined();
		expect(result).toEqual({});
	});
});

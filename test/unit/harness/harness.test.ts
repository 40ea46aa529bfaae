/**
 * The test harness itself: tiny inline node and credential types run through n8n-core, and nock
 * asserts the HTTP requests n8n-core's real client sends.
 */
import { createHmac, timingSafeEqual } from 'crypto';
import nock from 'nock';
import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError, sleep, VersionedNodeType } from 'n8n-workflow';
import { createDedupStore, NODE_NAME, runNode, runPoll, runWebhook, runWebhookMethod } from '../../helpers/harness';

const API = 'https://example.test';

// ---------------------------------------------------------------- inline credential types

class ExampleApi implements ICredentialType {
	name = 'exampleApi';
	displayName = 'Example API';
	properties: INodeProperties[] = [
		{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'EU', value: 'eu' },
				{ name: 'US', value: 'us' },
			],
			default: 'eu',
		},
		{ displayName: 'Partner Key', name: 'partnerKey', type: 'string', default: '' },
		{ displayName: 'Partner Secret', name: 'partnerSecret', type: 'string', default: '' },
	];
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-api-key': '={{$credentials.apiKey}}',
				'x-region': '={{$credentials.region}}',
				'x-partner':
					'={{$credentials.partnerKey ? "Basic " + $credentials.partnerKey.base64Encode() + ":" + $credentials.partnerSecret : undefined}}',
			},
			qs: { tenant: '={{$credentials.region}}-tenant' },
		},
	};
}

class TokenApi implements ICredentialType {
	name = 'tokenApi';
	displayName = 'Token API';
	properties: INodeProperties[] = [{ displayName: 'Token', name: 'token', type: 'string', default: '' }];
	async authenticate(credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return { ...options, headers: { ...options.headers, authorization: `Bearer ${String(credentials.token)}` } };
	}
}

const credentialTypes = [new ExampleApi(), new TokenApi()];
const credentials = { exampleApi: { apiKey: 'key-1' } };

// ---------------------------------------------------------------- inline action node

const actionDescription: INodeTypeDescription = {
	displayName: 'Example',
	name: 'example',
	group: ['transform'],
	version: [1, 2],
	description: 'Harness test node',
	defaults: { name: 'Example' },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: [
		{ name: 'exampleApi', required: true, displayOptions: { show: { authentication: ['apiKey'] } } },
		{ name: 'tokenApi', required: true, displayOptions: { show: { authentication: ['token'] } } },
	],
	properties: [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'API Key', value: 'apiKey' },
				{ name: 'Token', value: 'token' },
			],
			default: 'apiKey',
		},
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Get', value: 'get' },
				{ name: 'Fail', value: 'fail' },
				{ name: 'Explode', value: 'explode' },
				{ name: 'Claim', value: 'claim' },
				{ name: 'Release', value: 'release' },
				{ name: 'Wait', value: 'wait' },
				{ name: 'Version', value: 'version' },
				{ name: 'Count', value: 'count' },
			],
			default: 'get',
		},
		{ displayName: 'Thing ID', name: 'thingId', type: 'string', required: true, default: '', displayOptions: { show: { operation: ['get'] } } },
		{ displayName: 'Limit', name: 'limit', type: 'number', default: 10, displayOptions: { show: { operation: ['get'] } } },
		{ displayName: 'Reason', name: 'reason', type: 'string', default: 'boom', displayOptions: { show: { operation: ['fail', 'explode'] } } },
		{ displayName: 'Key', name: 'key', type: 'string', default: '={{ $json.key }}', displayOptions: { show: { operation: ['claim', 'release'] } } },
		{ displayName: 'Milliseconds', name: 'ms', type: 'number', default: 1000, displayOptions: { show: { operation: ['wait'] } } },
		{ displayName: 'Label', name: 'label', type: 'string', default: 'v2 label', displayOptions: { show: { '@version': [2] } } },
	],
};

class ExampleNode implements INodeType {
	description = actionDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		const credentialType = this.getNodeParameter('authentication', 0) === 'token' ? 'tokenApi' : 'exampleApi';
		for (let i = 0; i < items.length; i++) {
			const operation = this.getNodeParameter('operation', i) as string;
			try {
				if (operation === 'get') {
					const thingId = this.getNodeParameter('thingId', i) as string;
					if (!thingId) throw new NodeOperationError(this.getNode(), 'The field "Thing ID" is empty', { itemIndex: i });
					const response = (await this.helpers.httpRequestWithAuthentication.call(this, credentialType, {
						method: 'GET',
						url: `${API}/things`,
						qs: { x: thingId, limit: this.getNodeParameter('limit', i) as number },
						json: true,
					})) as IDataObject;
					// A parameter the test set although the operation hides it: n8n dropped it.
					output.push({ json: { ...response, reason: this.getNodeParameter('reason', i, 'not set') }, pairedItem: { item: i } });
				} else if (operation === 'fail') {
					await this.helpers.httpRequestWithAuthentication.call(this, credentialType, { method: 'GET', url: `${API}/broken` });
				} else if (operation === 'explode') {
					// Thrown without looking at continueOnFail(): n8n itself decides what happens.
					throw new NodeOperationError(this.getNode(), this.getNodeParameter('reason', i) as string);
				} else if (operation === 'claim' || operation === 'release') {
					const key = this.getNodeParameter('key', i) as string;
					if (operation === 'release') {
						await this.helpers.removeProcessed([key], 'node', { mode: 'entries' });
						output.push({ json: { key, released: true }, pairedItem: { item: i } });
					} else {
						const result = await this.helpers.checkProcessedAndRecord([key], 'node', { mode: 'entries', maxEntries: 100 });
						output.push({ json: { key, isNew: result.new.includes(key) }, pairedItem: { item: i } });
					}
				} else if (operation === 'wait') {
					await sleep(this.getNodeParameter('ms', i) as number);
					output.push({ json: { waited: true }, pairedItem: { item: i } });
				} else if (operation === 'count') {
					const state = this.getWorkflowStaticData('node');
					state.runs = ((state.runs as number) ?? 0) + 1;
					output.push({ json: { runs: state.runs }, pairedItem: { item: i } });
				} else {
					const node = this.getNode();
					output.push({ json: { version: node.typeVersion, label: this.getNodeParameter('label', i, null), mode: this.getMode() }, pairedItem: { item: i } });
				}
			} catch (error) {
				if (operation !== 'explode' && this.continueOnFail()) {
					output.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [output];
	}
}

// ---------------------------------------------------------------- inline webhook trigger

interface HookState extends IDataObject {
	webhookId?: string;
	secret?: string;
}

class ExampleTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Example Trigger',
		name: 'exampleTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Harness test trigger',
		defaults: { name: 'Example Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'exampleApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [{ displayName: 'Event', name: 'event', type: 'string', default: 'candidate.moved' }],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return (this.getWorkflowStaticData('node') as HookState).webhookId !== undefined;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'exampleApi', {
					method: 'POST',
					url: `${API}/hooks`,
					body: { url: this.getNodeWebhookUrl('default'), event: this.getNodeParameter('event') },
					json: true,
				})) as { id: string; secret: string };
				const state = this.getWorkflowStaticData('node') as HookState;
				state.webhookId = response.id;
				state.secret = response.secret;
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as HookState;
				await this.helpers.httpRequestWithAuthentication.call(this, 'exampleApi', { method: 'DELETE', url: `${API}/hooks/${state.webhookId}` });
				delete state.webhookId;
				delete state.secret;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject() as unknown as { rawBody: Buffer; header(name: string): string | undefined };
		const { secret = '' } = this.getWorkflowStaticData('node') as HookState;
		const expected = createHmac('sha256', secret).update(request.rawBody).digest();
		const given = Buffer.from(request.header('x-signature') ?? '', 'hex');
		if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
			this.getResponseObject().status(401).send('invalid signature');
			return { noWebhookResponse: true };
		}
		const { candidateId, ping } = this.getBodyData() as { candidateId: string; ping?: boolean };
		(this.getWorkflowStaticData('node') as HookState).lastDelivery = candidateId;
		// A ping is answered 200 without an execution: the only case whose static data n8n saves.
		if (ping === true) return {};
		const candidate = (await this.helpers.httpRequestWithAuthentication.call(this, 'exampleApi', {
			method: 'GET',
			url: `${API}/candidates/${candidateId}`,
			json: true,
		})) as IDataObject;
		return { workflowData: [this.helpers.returnJsonArray({ candidate, mode: this.getMode(), url: this.getNodeWebhookUrl('default') ?? null })] };
	}
}

// ---------------------------------------------------------------- inline polling trigger

class ExamplePoller implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Example Poller',
		name: 'examplePollerTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Harness test poller',
		defaults: { name: 'Example Poller' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'exampleApi', required: true }],
		properties: [{ displayName: 'Page Size', name: 'pageSize', type: 'number', default: 50 }],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const state = this.getWorkflowStaticData('node');
		const events = (await this.helpers.httpRequestWithAuthentication.call(this, 'exampleApi', {
			method: 'GET',
			url: `${API}/events`,
			qs: { since: state.cursor ?? 0, size: this.getNodeParameter('pageSize') },
			json: true,
		})) as Array<{ id: number }>;
		if (this.getMode() === 'manual') return [this.helpers.returnJsonArray(events.slice(0, 1))];
		if (events.length === 0) return null;
		state.cursor = events[events.length - 1].id;
		return [this.helpers.returnJsonArray(events)];
	}
}

// ---------------------------------------------------------------- tests

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

function run(parameters: IDataObject, options: Partial<Parameters<typeof runNode>[1]> = {}) {
	return runNode(new ExampleNode(), { parameters, credentials, credentialTypes, ...options });
}

describe('runNode', () => {
	it('sends the request through n8n-core with the generic authenticate applied', async () => {
		const scope = nock(API)
			.get('/things')
			.query({ x: 't-1', limit: '10', tenant: 'eu-tenant' })
			.matchHeader('x-api-key', 'key-1')
			.matchHeader('x-region', 'eu') // the credential's default
			.matchHeader('x-partner', '') // resolved to nothing: n8n sends ''
			.reply(200, { id: 't-1' });
		const { items, error } = await run({ thingId: 't-1' });
		expect(error).toBeUndefined();
		expect(items).toEqual([[{ json: { id: 't-1', reason: 'not set' }, pairedItem: { item: 0 } }]]);
		expect(scope.isDone()).toBe(true);
	});

	it('resolves credential expressions that use n8n helpers', async () => {
		nock(API)
			.get('/things')
			.query(true)
			.matchHeader('x-partner', `Basic ${Buffer.from('pk').toString('base64')}:ps`)
			.matchHeader('x-region', 'us')
			.reply(200, {});
		const { error } = await run(
			{ thingId: 't-1' },
			{ credentials: { exampleApi: { apiKey: 'key-1', region: 'us', partnerKey: 'pk', partnerSecret: 'ps' } } },
		);
		expect(error).toBeUndefined();
	});

	it('applies an authenticate function', async () => {
		nock(API).get('/things').query({ x: 't-1', limit: '10' }).matchHeader('authorization', 'Bearer tok').reply(200, { ok: true });
		const { items, error } = await run({ authentication: 'token', thingId: 't-1' }, { credentials: { tokenApi: { token: 'tok' } } });
		expect(error).toBeUndefined();
		expect(items[0][0].json.ok).toBe(true);
	});

	it('resolves expressions per input item', async () => {
		nock(API).get('/things').query({ x: 'a', limit: '5', tenant: 'eu-tenant' }).reply(200, { id: 'a' });
		nock(API).get('/things').query({ x: 'b', limit: '5', tenant: 'eu-tenant' }).reply(200, { id: 'b' });
		const { items } = await run({ thingId: '={{ $json.id }}', limit: 5 }, { input: [{ json: { id: 'a' } }, { json: { id: 'b' } }] });
		expect(items[0].map((item) => item.json.id)).toEqual(['a', 'b']);
		expect(items[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('returns the node error with its class when Continue On Fail is off', async () => {
		nock(API).get('/broken').query(true).reply(500, { message: 'Database on fire' });
		const { items, error } = await run({ operation: 'fail' });
		expect(items).toEqual([]);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('500');
		expect(error!.description).toBe('Database on fire');
	});

	it('returns a NodeOperationError raised for an expression that resolved to nothing', async () => {
		const { error } = await run({ thingId: '={{ $json.missing }}' });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('The field "Thing ID" is empty');
	});

	it('refuses to run a node whose required parameter is empty, as n8n does', async () => {
		const { error } = await run({ thingId: '' });
		expect(error?.constructor.name).toBe('WorkflowHasIssuesError');
		expect(error!.message).toContain(`The '${NODE_NAME}' node has issues`);
	});

	it('turns an error into an item with json.error when Continue On Fail is on', async () => {
		nock(API).get('/broken').query(true).reply(500, { message: 'Database on fire' });
		const { items, error } = await run({ operation: 'fail' }, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(items).toEqual([[{ json: { error: 'The service was not able to process your request' }, pairedItem: { item: 0 } }]]);
	});

	it('passes the input on when the node throws under Continue On Fail, as n8n does', async () => {
		const { items, error } = await run({ operation: 'explode' }, { continueOnFail: true, input: [{ json: { id: 'in' } }] });
		expect(items).toEqual([[{ json: { id: 'in' }, pairedItem: { item: 0 } }]]);
		// n8n still records the throw: a run ending on such a node is marked failed.
		expect(error).toBeInstanceOf(NodeOperationError);
		const stopped = await run({ operation: 'explode', reason: 'kaboom' });
		expect(stopped.error).toBeInstanceOf(NodeOperationError);
		expect(stopped.error!.message).toBe('kaboom');
	});

	it('remembers deduplication keys across runs that share a store', async () => {
		const store = createDedupStore();
		const claim = (key: string) => run({ operation: 'claim' }, { dedupStore: store, input: [{ json: { key } }] });
		expect((await claim('k-1')).items[0][0].json.isNew).toBe(true);
		expect((await claim('k-1')).items[0][0].json.isNew).toBe(false);
		expect((await claim('k-2')).items[0][0].json.isNew).toBe(true);
		await run({ operation: 'release' }, { dedupStore: store, input: [{ json: { key: 'k-1' } }] });
		expect((await claim('k-1')).items[0][0].json.isNew).toBe(true);
		// A fresh store is a fresh database.
		const fresh = await run({ operation: 'claim' }, { input: [{ json: { key: 'k-1' } }] });
		expect(fresh.items[0][0].json.isNew).toBe(true);
	});

	it('models the unlocked read-modify-write of n8n’s store for simultaneous runs', async () => {
		const store = createDedupStore();
		const claim = () => run({ operation: 'claim' }, { dedupStore: store, input: [{ json: { key: 'same' } }] });
		const results = await Promise.all([claim(), claim()]);
		// Both first-ever inserts race: one wins, the other fails on the table's unique key.
		expect(results.filter((result) => result.items[0]?.[0]?.json.isNew === true)).toHaveLength(1);
		expect(results.filter((result) => result.error?.message.includes('UNIQUE constraint failed'))).toHaveLength(1);
	});

	it('uses the latest version unless a typeVersion is given, with version-dependent parameters', async () => {
		const latest = await run({ operation: 'version' });
		expect(latest.items[0][0].json).toEqual({ version: 2, label: 'v2 label', mode: 'manual' });
		const v1 = await run({ operation: 'version' }, { typeVersion: 1, mode: 'webhook' });
		expect(v1.items[0][0].json).toEqual({ version: 1, label: null, mode: 'webhook' });
	});

	it('runs a VersionedNodeType at its default version, or the one asked for', async () => {
		const versioned = new VersionedNodeType(
			{ 1: new ExampleNode(), 2: new ExampleNode() },
			{ displayName: 'Example', name: 'example', group: ['transform'], description: 'Versioned', defaultVersion: 1 },
		);
		const byDefault = await runNode(versioned, { parameters: { operation: 'version' }, credentials, credentialTypes });
		expect(byDefault.items[0][0].json.version).toBe(1);
		const v2 = await runNode(versioned, { parameters: { operation: 'version' }, credentials, credentialTypes, typeVersion: 2 });
		expect(v2.items[0][0].json).toMatchObject({ version: 2, label: 'v2 label' });
	});

	it('saves static data changes except after a manual execution', async () => {
		const staticData: IDataObject = { runs: 0 };
		await run({ operation: 'count' }, { staticData });
		expect(staticData).toEqual({ runs: 0 });
		await run({ operation: 'count' }, { staticData, mode: 'trigger' });
		await run({ operation: 'count' }, { staticData, mode: 'webhook' });
		expect(staticData).toEqual({ runs: 2 });
	});

	describe('sleep from n8n-workflow', () => {
		afterEach(() => jest.restoreAllMocks());

		it('is real unless a test replaces it', async () => {
			const started = Date.now();
			const { items } = await run({ operation: 'wait', ms: 30 });
			expect(items[0][0].json.waited).toBe(true);
			expect(Date.now() - started).toBeGreaterThanOrEqual(25);
		});

		// `import * as n8nWorkflow` is the very module object compiled node code reads `sleep`
		// from at each call, so a spy on it reaches the node; n8n-core's own waits do not use it.
		it('can be spied on and replaced', async () => {
			const spy = jest.spyOn(n8nWorkflow, 'sleep').mockResolvedValue(undefined);
			const started = Date.now();
			await run({ operation: 'wait', ms: 60_000 });
			expect(spy).toHaveBeenCalledWith(60_000);
			expect(Date.now() - started).toBeLessThan(10_000);
		});
	});
});

describe('runWebhook and runWebhookMethod', () => {
	const URL = 'http://127.0.0.1:5678/webhook/abc/webhook';

	it('create() registers the production URL and keeps the id and secret in static data', async () => {
		const staticData: IDataObject = {};
		nock(API)
			.post('/hooks', { url: URL, event: 'candidate.moved' })
			.query({ tenant: 'eu-tenant' })
			.matchHeader('x-api-key', 'key-1')
			.reply(201, { id: 'wh-1', secret: 's3cret' });
		expect(await runWebhookMethod(new ExampleTrigger(), 'checkExists', { parameters: {}, credentials, credentialTypes, staticData })).toBe(false);
		expect(await runWebhookMethod(new ExampleTrigger(), 'create', { parameters: {}, credentials, credentialTypes, staticData })).toBe(true);
		expect(staticData).toEqual({ webhookId: 'wh-1', secret: 's3cret' });
		expect(await runWebhookMethod(new ExampleTrigger(), 'checkExists', { parameters: {}, credentials, credentialTypes, staticData })).toBe(true);

		nock(API).delete('/hooks/wh-1').query(true).reply(204);
		expect(await runWebhookMethod(new ExampleTrigger(), 'delete', { parameters: {}, credentials, credentialTypes, staticData })).toBe(true);
		expect(staticData).toEqual({});
	});

	it('create() registers the test URL, or the URL a test names', async () => {
		nock(API).post('/hooks', { url: 'http://127.0.0.1:5678/webhook-test/abc/webhook', event: 'x' }).query(true).reply(201, { id: 'wh-t', secret: 't' });
		await runWebhookMethod(new ExampleTrigger(), 'create', { parameters: { event: 'x' }, credentials, credentialTypes, test: true });
		nock(API).post('/hooks', { url: 'https://tunnel.example/hook', event: 'candidate.moved' }).query(true).reply(201, { id: 'wh-2', secret: 't' });
		await runWebhookMethod(new ExampleTrigger(), 'create', { parameters: {}, credentials, credentialTypes, webhookUrl: 'https://tunnel.example/hook' });
		expect(nock.pendingMocks()).toEqual([]);
	});

	function delivery(body: IDataObject, secret: string) {
		const rawBody = Buffer.from(JSON.stringify(body));
		const signature = createHmac('sha256', secret).update(rawBody).digest('hex');
		return { body, rawBody, headers: { 'Content-Type': 'application/json', 'X-Signature': signature } };
	}

	it('webhook() verifies the raw body and answers 401 through the response object', async () => {
		const staticData: IDataObject = { webhookId: 'wh-1', secret: 's3cret' };
		const { result, response } = await runWebhook(new ExampleTrigger(), {
			parameters: {},
			credentials,
			credentialTypes,
			staticData,
			request: delivery({ candidateId: 'c-1' }, 'wrong secret'),
		});
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(401);
		expect(response.body).toBe('invalid signature');
		expect(response.ended).toBe(true);
	});

	it('webhook() fetches through n8n-core and starts an execution in mode "webhook"', async () => {
		const scope = nock(API).get('/candidates/c-1').query({ tenant: 'eu-tenant' }).matchHeader('x-api-key', 'key-1').reply(200, { id: 'c-1', email: 'jane@example.com' });
		const staticData: IDataObject = { webhookId: 'wh-1', secret: 's3cret' };
		const { result, response } = await runWebhook(new ExampleTrigger(), {
			parameters: {},
			credentials,
			credentialTypes,
			staticData,
			request: delivery({ candidateId: 'c-1' }, 's3cret'),
		});
		expect(scope.isDone()).toBe(true);
		expect(response.ended).toBe(false);
		expect(result.workflowData).toEqual([[{ json: { candidate: { id: 'c-1', email: 'jane@example.com' }, mode: 'webhook', url: URL } }]]);
	});

	it('webhook() that starts an execution keeps none of its static data changes; one that answers alone keeps them', async () => {
		nock(API).get('/candidates/c-1').query(true).reply(200, { id: 'c-1' });
		const staticData: IDataObject = { webhookId: 'wh-1', secret: 's3cret' };
		const options = { parameters: {}, credentials, credentialTypes, staticData };
		const started = await runWebhook(new ExampleTrigger(), { ...options, request: delivery({ candidateId: 'c-1' }, 's3cret') });
		expect(started.result.workflowData).toBeDefined();
		expect(staticData).toEqual({ webhookId: 'wh-1', secret: 's3cret' });

		const answered = await runWebhook(new ExampleTrigger(), { ...options, request: delivery({ candidateId: 'c-3', ping: true }, 's3cret') });
		expect(answered.result).toEqual({});
		expect(staticData).toEqual({ webhookId: 'wh-1', secret: 's3cret', lastDelivery: 'c-3' });
	});

	it('webhook() that throws rejects, and n8n keeps none of its static data changes', async () => {
		nock(API).get('/candidates/c-2').query(true).reply(404, { message: 'No such candidate' });
		const staticData: IDataObject = { webhookId: 'wh-1', secret: 's3cret' };
		const delivered = runWebhook(new ExampleTrigger(), {
			parameters: {},
			credentials,
			credentialTypes,
			staticData,
			request: delivery({ candidateId: 'c-2' }, 's3cret'),
		});
		await expect(delivered).rejects.toBeInstanceOf(NodeApiError);
		expect(staticData).toEqual({ webhookId: 'wh-1', secret: 's3cret' });
	});
});

describe('runPoll', () => {
	it('keeps the cursor in static data between polls and returns null when nothing is new', async () => {
		const staticData: IDataObject = {};
		const options = { parameters: {}, credentials, credentialTypes, staticData };
		nock(API).get('/events').query({ since: 0, size: 50, tenant: 'eu-tenant' }).reply(200, [{ id: 1 }, { id: 2 }]);
		expect(await runPoll(new ExamplePoller(), options)).toEqual([[{ json: { id: 1 } }, { json: { id: 2 } }]]);
		expect(staticData).toEqual({ cursor: 2 });
		nock(API).get('/events').query({ since: 2, size: 50, tenant: 'eu-tenant' }).reply(200, []);
		expect(await runPoll(new ExamplePoller(), options)).toBeNull();
	});

	it('runs the editor’s test fetch in mode "manual"', async () => {
		nock(API).get('/events').query(true).reply(200, [{ id: 7 }, { id: 8 }]);
		expect(await runPoll(new ExamplePoller(), { parameters: {}, credentials, credentialTypes, mode: 'manual' })).toEqual([[{ json: { id: 7 } }]]);
	});
});

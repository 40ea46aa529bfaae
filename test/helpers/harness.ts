/**
 * Runs a node's real code inside n8n-core's own execution contexts (ExecuteContext, WebhookContext,
 * HookContext, PollContext), so that parameter defaults and expressions resolve as in n8n, and
 * `httpRequestWithAuthentication` goes through n8n-core's real HTTP client (nock intercepts it)
 * after our credentials helper applies the credential type's `authenticate`.
 */
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataDeduplicator,
	IDataObject,
	IDeduplicationOutput,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IVersionedNodeType,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, ICredentialsHelper, Workflow } from 'n8n-workflow';
import { DataDeduplicationService, ExecuteContext, HookContext, PollContext, WebhookContext } from 'n8n-core';

const NODE_NAME = 'Node Under Test';
const NODE_TYPE = 'test.nodeUnderTest';
export const WEBHOOK_ID = 'abc';
export const WEBHOOK_BASE_URL = 'http://127.0.0.1:5678/webhook';

type CredentialData = Record<string, ICredentialDataDecryptedObject>;

interface BaseOptions {
	/** What a user would set; defaults and expressions are n8n's to resolve. */
	parameters: Record<string, unknown>;
	credentials?: CredentialData;
	credentialTypes?: ICredentialType[];
	/** The node's static data, mutated in place so a test can inspect it afterwards. */
	staticData?: IDataObject;
}

// ---------------------------------------------------------------- deduplication

/** An in-memory stand-in for n8n's database-backed deduplication store. */
export interface DedupStore {
	entries: Map<string, Set<DeduplicationItemTypes>>;
}

export function createDedupStore(): DedupStore {
	return { entries: new Map() };
}

let currentDedupStore: DedupStore = createDedupStore();

function storeKey(scope: DeduplicationScope, contextData: ICheckProcessedContextData): string {
	return scope === 'node' ? `${contextData.workflow.id}:${contextData.node?.name}` : contextData.workflow.id;
}

const inMemoryDeduplicator: IDataDeduplicator = {
	async checkProcessedAndRecord(items, scope, contextData): Promise<IDeduplicationOutput> {
		const key = storeKey(scope, contextData);
		const seen = currentDedupStore.entries.get(key) ?? new Set<DeduplicationItemTypes>();
		currentDedupStore.entries.set(key, seen);
		const output: IDeduplicationOutput = { new: [], processed: [] };
		for (const item of items) {
			if (seen.has(item)) output.processed.push(item);
			else {
				seen.add(item);
				output.new.push(item);
			}
		}
		return output;
	},
	async removeProcessed(items, scope, contextData) {
		const seen = currentDedupStore.entries.get(storeKey(scope, contextData));
		for (const item of items) seen?.delete(item);
	},
	async clearAllProcessedItems(scope, contextData) {
		currentDedupStore.entries.delete(storeKey(scope, contextData));
	},
	async getProcessedDataCount(scope, contextData) {
		return currentDedupStore.entries.get(storeKey(scope, contextData))?.size ?? 0;
	},
};

let dedupInitialised: Promise<void> | undefined;
function initDedup(): Promise<void> {
	dedupInitialised ??= DataDeduplicationService.init(inMemoryDeduplicator);
	return dedupInitialised;
}

// ---------------------------------------------------------------- credentials

class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Map<string, ICredentialType>,
		private readonly data: CredentialData,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		return (this.types.get(name)?.extends ?? []) as string[];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	/** Applies the credential type's authenticate the way n8n's own helper does. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.types.get(typeName);
		const options = requestOptions as IHttpRequestOptions;
		const authenticate = type?.authenticate;
		if (!authenticate) return options;
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		const resolve = (value: unknown): unknown =>
			typeof value === 'string' && workflow && node
				? workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, value)
				: value;
		const properties = authenticate.properties as Record<string, Record<string, unknown>>;
		for (const section of ['headers', 'qs', 'body'] as const) {
			if (!properties[section]) continue;
			const target = ((options as unknown as Record<string, IDataObject>)[section] ??= {});
			for (const [name, value] of Object.entries(properties[section])) target[name] = resolve(value) as string;
		}
		if (properties.auth) {
			options.auth = {
				username: String(resolve(properties.auth.username) ?? ''),
				password: String(resolve(properties.auth.password) ?? ''),
			};
		}
		return options;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types.get(typeName);
		if (!type?.preAuthentication) return undefined;
		const expirable = type.properties.find((property) => property.typeOptions?.expirable === true);
		if (!expirable) return undefined;
		if (!credentialsExpired && credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined) return undefined;
		const output = (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
		// n8n saves the refreshed value into the stored credential.
		Object.assign(this.data[typeName] ?? {}, output);
		return output;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return (await this.types.get(typeName)?.preAuthentication?.call(helpers, credentials)) as
			| ICredentialDataDecryptedObject
			| undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the harness');
	}

	/** The test's credential data with the type's defaults filled in, as n8n decrypts it. */
	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`No credentials of type "${type}" were given to the test`);
		const defaults: ICredentialDataDecryptedObject = {};
		for (const property of this.types.get(type)?.properties ?? []) {
			defaults[property.name] = property.default as ICredentialDataDecryptedObject[string];
		}
		return { ...defaults, ...data };
	}

	async updateCredentials(_details: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		Object.assign(this.data[type] ?? {}, data);
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types.get(type)?.properties ?? [];
	}
}

// ---------------------------------------------------------------- workflow plumbing

class SingleNodeTypes implements INodeTypes {
	constructor(private readonly nodeType: INodeType) {}

	getByName(): INodeType | IVersionedNodeType {
		return this.nodeType;
	}

	getByNameAndVersion(): INodeType {
		return this.nodeType;
	}

	getKnownTypes() {
		return {};
	}
}

interface Harness {
	workflow: Workflow;
	node: INode;
	additionalData: IWorkflowExecuteAdditionalData;
}

function createHarness(
	nodeType: INodeType,
	options: BaseOptions & { continueOnFail?: boolean; httpRequest?: unknown; httpResponse?: unknown },
): Harness {
	const credentialTypes = new Map((options.credentialTypes ?? []).map((type) => [type.name, type]));
	const credentialData: CredentialData = {};
	for (const [type, data] of Object.entries(options.credentials ?? {})) credentialData[type] = { ...data };
	const node: INode = {
		id: '00000000-0000-4000-8000-000000000001',
		name: NODE_NAME,
		type: NODE_TYPE,
		typeVersion: Array.isArray(nodeType.description.version)
			? Math.max(...nodeType.description.version)
			: nodeType.description.version,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
		webhookId: WEBHOOK_ID,
		credentials: Object.fromEntries(Object.keys(credentialData).map((type) => [type, { id: `${type}-id`, name: type }])),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'Test workflow',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new SingleNodeTypes(nodeType),
		staticData: { [`node:${NODE_NAME}`]: options.staticData ?? {}, global: {} },
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(credentialTypes, credentialData),
		encryptedRunnerIdentity: undefined,
		executionId: 'test-execution',
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		webhookBaseUrl: WEBHOOK_BASE_URL,
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		variables: {},
		userId: 'test-user',
		logAiEvent: () => undefined,
		setExecutionStatus: () => undefined,
		getRunExecutionData: async () => undefined,
		httpRequest: options.httpRequest,
		httpResponse: options.httpResponse,
	} as unknown as IWorkflowExecuteAdditionalData;
	return { workflow, node, additionalData };
}

/** Keeps the caller's static data object as the one the node mutates (Workflow wraps it in a proxy). */
function nodeStaticData(harness: Harness): IDataObject {
	return harness.workflow.getStaticData('node', harness.node);
}

// ---------------------------------------------------------------- execute()

export interface RunNodeOptions extends BaseOptions {
	input?: INodeExecutionData[];
	continueOnFail?: boolean;
	dedupStore?: DedupStore;
	mode?: WorkflowExecuteMode;
}

export interface RunNodeResult {
	items: INodeExecutionData[][];
	/** The error the node threw (with its class), when Continue On Fail is off. */
	error?: Error & { description?: string | null };
}

export async function runNode(nodeType: INodeType, options: RunNodeOptions): Promise<RunNodeResult> {
	await initDedup();
	currentDedupStore = options.dedupStore ?? createDedupStore();
	const harness = createHarness(nodeType, options);
	const input = options.input ?? [{ json: {} }];
	const context = new ExecuteContext(
		harness.workflow,
		harness.node,
		harness.additionalData,
		options.mode ?? 'manual',
		createRunExecutionData(),
		0,
		input,
		{ main: [input] },
		{ node: harness.node, data: { main: [input] }, source: null },
		[],
	);
	try {
		const items = (await nodeType.execute!.call(context)) as INodeExecutionData[][];
		return { items };
	} catch (error) {
		return { items: [], error: error as RunNodeResult['error'] };
	}
}

// ---------------------------------------------------------------- webhook()

export interface WebhookRequest {
	body?: unknown;
	rawBody?: Buffer;
	headers?: Record<string, string>;
	query?: IDataObject;
	method?: string;
}

export interface RecordedResponse {
	statusCode?: number;
	body?: unknown;
	headers: Record<string, string>;
	ended: boolean;
}

function responseRecorder(): RecordedResponse & Record<string, unknown> {
	const response = {
		statusCode: undefined as number | undefined,
		body: undefined as unknown,
		headers: {} as Record<string, string>,
		ended: false,
		status(code: number) {
			response.statusCode = code;
			return response;
		},
		send(body: unknown) {
			response.body = body;
			response.ended = true;
			return response;
		},
		json(body: unknown) {
			response.body = body;
			response.ended = true;
			return response;
		},
		end(body?: unknown) {
			if (body !== undefined) response.body = body;
			response.ended = true;
			return response;
		},
		setHeader(name: string, value: string) {
			response.headers[name.toLowerCase()] = value;
			return response;
		},
		header(name: string, value: string) {
			return response.setHeader(name, value);
		},
	};
	return response;
}

export interface RunWebhookOptions extends BaseOptions {
	request: WebhookRequest;
	webhookName?: 'default' | 'setup';
	mode?: WorkflowExecuteMode;
}

export async function runWebhook(
	nodeType: INodeType,
	options: RunWebhookOptions,
): Promise<{ result: IWebhookResponseData; response: RecordedResponse }> {
	const headers = Object.fromEntries(Object.entries(options.request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
	const body = options.request.body ?? {};
	// A plain object: a proxy would break crypto's update() on rawBody.
	const request = {
		method: options.request.method ?? 'POST',
		body,
		rawBody: options.request.rawBody ?? Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
		headers,
		query: options.request.query ?? {},
		params: {},
		header: (name: string) => headers[name.toLowerCase()],
		get: (name: string) => headers[name.toLowerCase()],
	};
	const response = responseRecorder();
	const harness = createHarness(nodeType, { ...options, httpRequest: request, httpResponse: response });
	const webhookData = webhookDataFor(harness, options.webhookName ?? 'default');
	const context = new WebhookContext(harness.workflow, harness.node, harness.additionalData, options.mode ?? 'webhook', webhookData, [], null);
	const result = await nodeType.webhook!.call(context);
	syncStaticData(harness, options.staticData);
	return { result, response };
}

function webhookDataFor(harness: Harness, name: string): IWebhookData {
	return {
		httpMethod: 'POST',
		node: harness.node.name,
		path: 'webhook',
		webhookDescription: { name, httpMethod: 'POST', path: 'webhook' } as IWebhookData['webhookDescription'],
		workflowId: harness.workflow.id,
		workflowExecuteAdditionalData: harness.additionalData,
		webhookId: WEBHOOK_ID,
	};
}

/** Copies what the node wrote into the caller's object (for keys the proxy created anew). */
function syncStaticData(harness: Harness, target: IDataObject | undefined): void {
	if (!target) return;
	const current = nodeStaticData(harness);
	for (const key of Object.keys(target)) if (!(key in current)) delete target[key];
	Object.assign(target, JSON.parse(JSON.stringify(current)) as IDataObject);
}

// ---------------------------------------------------------------- webhookMethods

export interface RunWebhookMethodOptions extends BaseOptions {
	webhookUrl?: string;
	webhookName?: 'default' | 'setup';
}

export async function runWebhookMethod(
	nodeType: INodeType,
	method: 'checkExists' | 'create' | 'delete',
	options: RunWebhookMethodOptions,
): Promise<boolean> {
	const harness = createHarness(nodeType, options);
	const name = options.webhookName ?? 'default';
	const context = new HookContext(harness.workflow, harness.node, harness.additionalData, 'trigger', 'activate', webhookDataFor(harness, name));
	if (options.webhookUrl) {
		Object.defineProperty(context, 'getNodeWebhookUrl', { value: () => options.webhookUrl });
	}
	const methods = nodeType.webhookMethods?.[name];
	if (!methods?.[method]) throw new Error(`The node has no webhook method ${name}.${method}`);
	const result = await methods[method].call(context);
	syncStaticData(harness, options.staticData);
	return result;
}

// ---------------------------------------------------------------- poll()

export interface RunPollOptions extends BaseOptions {
	mode?: 'manual' | 'trigger';
}

export async function runPoll(nodeType: INodeType, options: RunPollOptions): Promise<INodeExecutionData[][] | null> {
	const harness = createHarness(nodeType, options);
	const context = new PollContext(harness.workflow, harness.node, harness.additionalData, options.mode ?? 'trigger', 'activate');
	const result = await nodeType.poll!.call(context);
	syncStaticData(harness, options.staticData);
	return result;
}

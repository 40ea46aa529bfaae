/**
 * Runs a node's real code through n8n-core, so jest + nock tests see what n8n would do:
 * - runNode: n8n-core's WorkflowExecute runs a two-node workflow (a trigger handing on the test's
 *   input items, then the node under test), as a production execution does after a trigger fired.
 *   Parameter defaults and displayOptions apply (the Workflow constructor), `={{ }}` expressions
 *   resolve per item, required-parameter issues stop the run, On Error → Continue is the node's
 *   `onError` setting, and the deduplication helpers write to an in-memory store.
 * - runWebhook / runWebhookMethod / runPoll: n8n-core's WebhookContext, HookContext and PollContext
 *   (the classes n8n's WebhookService, ActiveWorkflowManager and poll scheduler build).
 * Requests made with `httpRequestWithAuthentication` go through n8n-core's HTTP client (axios, so
 * nock intercepts them) after TestCredentialsHelper applied the credential type's `authenticate`.
 *
 * `sleep` from n8n-workflow stays real. To skip waits, spy on the module object the nodes read it
 * from at each call: `import * as n8nWorkflow from 'n8n-workflow';`
 * `jest.spyOn(n8nWorkflow, 'sleep').mockResolvedValue(undefined)` (undo with jest.restoreAllMocks()).
 * `jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn() }))`
 * works too. n8n-core's own waits do not use it.
 */
import './n8n-environment';

import type {
	ICredentialDataDecryptedObject,
	IConnections,
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	createRunExecutionData,
	deepCopy,
	isNodeClassInstance,
	NodeApiError,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
} from 'n8n-workflow';
import {
	ExecutionLifecycleHooks,
	HookContext,
	PollContext,
	TriggersAndPollers,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';

import { name as PACKAGE_NAME } from '../../package.json';
import { type CredentialData, TestCredentialsHelper } from './credentials-helper';
import { bindDedupStore, createDedupStore, type DedupStore, initDeduplication } from './deduplication';

export { createDedupStore, type DedupStore } from './deduplication';

export const NODE_NAME = 'Node Under Test';
export const WEBHOOK_ID = 'abc';
export const WEBHOOK_BASE_URL = 'http://127.0.0.1:5678/webhook';
export const WEBHOOK_TEST_BASE_URL = 'http://127.0.0.1:5678/webhook-test';
const NODE_ID = '00000000-0000-4000-8000-000000000001';
const WORKFLOW_ID = 'test-workflow';
const EXECUTION_ID = 'test-execution';
const START_NODE_NAME = 'Start';
const START_NODE_TYPE = 'test.harnessStart';

// ---------------------------------------------------------------- options and results

export type AnyNodeType = INodeType | IVersionedNodeType;

export interface BaseOptions {
	/** What a user would set; defaults, hidden parameters and expressions are n8n's to resolve. */
	parameters: INodeParameters | Record<string, unknown>;
	/** Credential data by credential type name, as stored in n8n (defaults may be omitted). */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** The credential type classes, whose `authenticate`, defaults and `preAuthentication` apply. */
	credentialTypes?: ICredentialType[];
	/**
	 * The node's static data. n8n loads a copy; the harness writes the result back into this object
	 * when n8n would save it: after webhook() returned without starting an execution, after a webhook
	 * method returned, after every poll, and after a runNode execution in a mode other than 'manual'.
	 */
	staticData?: IDataObject;
	/** Defaults to the node type's latest version. */
	typeVersion?: number;
}

export interface RunNodeOptions extends BaseOptions {
	/** The items the node receives on its main input; default `[{ json: {} }]`. */
	input?: INodeExecutionData[];
	/** The node's "On Error: Continue" setting (`onError: 'continueRegularOutput'`). */
	continueOnFail?: boolean;
	/** The node's "On Error: Continue (using error output)" setting: failed items leave by a second output. */
	errorOutput?: boolean;
	/** Keys recorded by the deduplication helpers; pass the same store to a second run. */
	dedupStore?: DedupStore;
	/** 'manual' (editor, the default), or 'webhook' / 'trigger' for a production execution. */
	mode?: WorkflowExecuteMode;
}

export interface RunNodeResult {
	/** The node's output, one array per output. */
	items: INodeExecutionData[][];
	/**
	 * The error the run ended with, with its class (NodeApiError, NodeOperationError,
	 * WorkflowHasIssuesError, ...). Set also when the node threw under Continue On Fail: n8n then
	 * marks the run failed yet passes the node's input on as its output (in `items`).
	 */
	error?: Error & { description?: string | null; httpCode?: string | null; context?: IDataObject };
}

export interface WebhookRequest {
	body?: unknown;
	/** The bytes a signature is computed over; defaults to the JSON of `body`. */
	rawBody?: Buffer;
	headers?: Record<string, string>;
	query?: IDataObject;
	method?: string;
}

export interface RecordedResponse {
	statusCode?: number;
	body?: unknown;
	headers: Record<string, string>;
	/** True once the node sent or ended the response. */
	ended: boolean;
}

export interface RunWebhookOptions extends BaseOptions {
	request: WebhookRequest;
	webhookName?: 'default' | 'setup';
	/** A call on the test URL (`/webhook-test/...`): mode 'manual' instead of 'webhook'. */
	test?: boolean;
}

export interface RunWebhookResult {
	result: IWebhookResponseData;
	/** What the node wrote through getResponseObject() (n8n answers itself when it did not). */
	response: RecordedResponse;
}

export interface RunWebhookMethodOptions extends BaseOptions {
	/** Replaces the URL getNodeWebhookUrl() returns (default `<WEBHOOK_BASE_URL>/abc/<path>`). */
	webhookUrl?: string;
	webhookName?: 'default' | 'setup';
	/** Registering the test URL (editor "Listen for test event") rather than activating. */
	test?: boolean;
}

export interface RunPollOptions extends BaseOptions {
	/** 'trigger' is the scheduled poll of an active workflow, 'manual' the editor's test fetch. */
	mode?: 'manual' | 'trigger';
}

// ---------------------------------------------------------------- node types

/** The trigger in front of the node under test: it hands the test's items on, as a webhook trigger does. */
const startNodeType: INodeType = {
	description: {
		displayName: 'Start',
		name: 'harnessStart',
		group: ['trigger'],
		version: 1,
		description: 'Hands the test input to the node under test',
		defaults: { name: START_NODE_NAME },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'start' }],
	},
	async webhook() {
		return {};
	},
};

function concreteNodeType(nodeType: AnyNodeType, typeVersion?: number): { type: INodeType; version: number } {
	if ('nodeVersions' in nodeType) {
		const version = typeVersion ?? nodeType.description.defaultVersion ?? nodeType.currentVersion;
		return { type: nodeType.getNodeType(version), version };
	}
	const versions = ([] as number[]).concat(nodeType.description.version);
	return { type: nodeType, version: typeVersion ?? Math.max(...versions) };
}

class HarnessNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType>) {}

	getByName(name: string): INodeType {
		return this.getByNameAndVersion(name);
	}

	getByNameAndVersion(name: string): INodeType {
		const type = this.types[name];
		if (!type) throw new Error(`harness: unknown node type "${name}"`);
		return type;
	}

	getKnownTypes() {
		return {};
	}
}

/**
 * WorkflowExecute keeps only a copy of a thrown error (its class is lost), so the node type is
 * wrapped to catch the original on its way out.
 */
function capturingErrors(nodeType: INodeType, sink: { error?: unknown }): INodeType {
	const wrapped = Object.create(nodeType) as INodeType;
	const capture = <F extends (...args: never[]) => unknown>(fn: F): F =>
		async function (this: unknown, ...args: Parameters<F>) {
			try {
				// n8n calls class-style nodes as methods and legacy ones with the context as `this`.
				return await (isNodeClassInstance(nodeType) ? fn.apply(nodeType, args) : fn.apply(this, args));
			} catch (error) {
				sink.error = error;
				throw error;
			}
		} as unknown as F;
	if (nodeType.execute) wrapped.execute = capture(nodeType.execute);
	if (nodeType.customOperations) {
		wrapped.customOperations = Object.fromEntries(
			Object.entries(nodeType.customOperations).map(([resource, operations]) => [
				resource,
				Object.fromEntries(Object.entries(operations).map(([operation, fn]) => [operation, capture(fn)])),
			]),
		);
	}
	return wrapped;
}

// ---------------------------------------------------------------- workflow plumbing

interface Run {
	workflow: Workflow;
	node: INode;
	start?: INode;
	nodeType: INodeType;
	additionalData: IWorkflowExecuteAdditionalData;
}

interface RunSetup {
	mode: WorkflowExecuteMode;
	active: boolean;
	withStart?: boolean;
	continueOnFail?: boolean;
	errorOutput?: boolean;
	wrap?: (type: INodeType) => INodeType;
}

function typeNameOf(nodeType: INodeType): string {
	const { name } = nodeType.description;
	return name.includes('.') ? name : `${PACKAGE_NAME}.${name}`;
}

/** The additional data n8n's CLI hands to every execution context, with the test's credentials. */
export function createAdditionalData(
	credentialsHelper: TestCredentialsHelper,
	mode: WorkflowExecuteMode,
	workflowData: IWorkflowBase,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		hooks: new ExecutionLifecycleHooks(mode, EXECUTION_ID, workflowData),
		executionId: EXECUTION_ID,
		// A deep mock would make this truthy and n8n-core would try to decrypt it.
		encryptedRunnerIdentity: undefined,
		evalLlmMockHandler: undefined,
		currentNodeParameters: undefined,
		currentNodeExecutionIndex: 0,
		userId: 'test-user',
		variables: {},
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		webhookBaseUrl: WEBHOOK_BASE_URL,
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: WEBHOOK_TEST_BASE_URL,
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		logAiEvent: () => undefined,
		setExecutionStatus: () => undefined,
		getRunExecutionData: async () => undefined,
		executeWorkflow: async () => {
			throw new Error('harness: sub-workflow executions are not supported');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

function prepareRun(anyNodeType: AnyNodeType, options: BaseOptions, setup: RunSetup): Run {
	const { type: nodeType, version } = concreteNodeType(anyNodeType, options.typeVersion);
	const credentialData: CredentialData = deepCopy(options.credentials ?? {});
	const typeName = typeNameOf(nodeType);
	const node: INode = {
		id: NODE_ID,
		name: NODE_NAME,
		type: typeName,
		typeVersion: version,
		position: [250, 0],
		parameters: deepCopy(options.parameters) as INodeParameters,
		credentials: Object.fromEntries(
			Object.keys(credentialData).map((type) => [type, { id: `${type}-credential`, name: `${type} account` }]),
		),
		...(nodeType.description.webhooks?.length ? { webhookId: WEBHOOK_ID } : {}),
		...(setup.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		...(setup.errorOutput ? { onError: 'continueErrorOutput' as const } : {}),
	};
	const start: INode | undefined = setup.withStart
		? { id: '00000000-0000-4000-8000-000000000000', name: START_NODE_NAME, type: START_NODE_TYPE, typeVersion: 1, position: [0, 0], parameters: {} }
		: undefined;
	const types: Record<string, INodeType> = { [typeName]: setup.wrap ? setup.wrap(nodeType) : nodeType };
	if (start) types[START_NODE_TYPE] = startNodeType;

	const nodes = start ? [start, node] : [node];
	const connections: IConnections = start
		? { [START_NODE_NAME]: { main: [[{ node: NODE_NAME, type: NodeConnectionTypes.Main, index: 0 }]] } }
		: {};
	const settings = { executionOrder: 'v1' as const };
	// The Workflow constructor is what fills in parameter defaults and drops hidden parameters.
	const workflow = new Workflow({
		id: WORKFLOW_ID,
		name: 'Test workflow',
		nodes,
		connections,
		active: setup.active,
		nodeTypes: new HarnessNodeTypes(types),
		staticData: { [`node:${NODE_NAME}`]: deepCopy(options.staticData ?? {}) },
		settings,
	});
	const workflowData = {
		id: WORKFLOW_ID,
		name: 'Test workflow',
		active: setup.active,
		isArchived: false,
		nodes,
		connections,
		settings,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as unknown as IWorkflowBase;
	const additionalData = createAdditionalData(new TestCredentialsHelper(options.credentialTypes ?? [], credentialData), setup.mode, workflowData);
	return { workflow, node: workflow.getNode(NODE_NAME)!, start: start && workflow.getNode(START_NODE_NAME)!, nodeType, additionalData };
}

/** n8n saves the node's static data as JSON after the run; the caller's object receives it. */
function saveStaticData(run: Run, target: IDataObject | undefined): void {
	if (!target) return;
	const saved = deepCopy(run.workflow.getStaticData('node', run.node));
	for (const key of Object.keys(target)) delete target[key];
	Object.assign(target, saved);
}

/** What WebhookService.getNodeWebhooks derives from the node's webhook description. */
function webhookDataFor(run: Run, name: string, test: boolean): IWebhookData {
	const description: IWebhookDescription = run.nodeType.description.webhooks?.find((webhook) => webhook.name === name) ?? {
		name: name as IWebhookDescription['name'],
		httpMethod: 'POST',
		path: 'webhook',
	};
	const { expression } = run.workflow;
	const path = String(expression.getSimpleParameterValue(run.node, description.path, 'internal', {})).replace(/^\/|\/$/g, '');
	const isFullPath = expression.getSimpleParameterValue(run.node, description.isFullPath, 'internal', {}, undefined, false) as boolean;
	const restartWebhook = expression.getSimpleParameterValue(run.node, description.restartWebhook, 'internal', {}, undefined, false) as boolean;
	const httpMethod = expression.getSimpleParameterValue(run.node, description.httpMethod, 'internal', {}, undefined, 'GET');
	const fullPath = NodeHelpers.getNodeWebhookPath(run.workflow.id, run.node, path, isFullPath, restartWebhook);
	return {
		httpMethod: String(httpMethod).split(',')[0].trim() as IWebhookData['httpMethod'],
		node: run.node.name,
		path: fullPath,
		webhookDescription: description,
		workflowId: run.workflow.id,
		workflowExecuteAdditionalData: run.additionalData,
		webhookId: fullPath.startsWith(':') || fullPath.includes('/:') ? run.node.webhookId : undefined,
		...(test ? { isTest: true } : {}),
	};
}

function asError(thrown: unknown, node: INode): NonNullable<RunNodeResult['error']> {
	// WorkflowExecute turns an axios error that escaped the node into a NodeApiError.
	if ((thrown as { isAxiosError?: boolean })?.isAxiosError === true) return new NodeApiError(node, thrown as never);
	if (thrown instanceof Error) return thrown;
	const copy = thrown as { message?: string } & IDataObject;
	return Object.assign(new Error(copy?.message ?? String(thrown)), copy);
}

// ---------------------------------------------------------------- execute()

/** Runs the node's execute() inside a real WorkflowExecute run; never throws for the node's errors. */
export async function runNode(nodeType: AnyNodeType, options: RunNodeOptions): Promise<RunNodeResult> {
	await initDeduplication();
	const mode = options.mode ?? 'manual';
	const thrown: { error?: unknown } = {};
	const run = prepareRun(nodeType, options, {
		mode,
		active: mode !== 'manual',
		withStart: true,
		continueOnFail: options.continueOnFail,
		errorOutput: options.errorOutput,
		wrap: (type) => capturingErrors(type, thrown),
	});
	bindDedupStore(run.workflow, options.dedupStore ?? createDedupStore());
	const input = deepCopy(options.input ?? [{ json: {} }]);
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: run.start!, data: { main: [input] }, source: null }] },
	});
	let result: IRun;
	try {
		result = await new WorkflowExecute(run.additionalData, mode, runExecutionData).processRunExecutionData(run.workflow);
	} catch (error) {
		// Raised before any node runs, e.g. WorkflowHasIssuesError for a missing required parameter.
		return { items: [], error: asError(error, run.node) };
	} finally {
		// n8n saves static data an execution changed, except for manual (editor) executions.
		if (mode !== 'manual') saveStaticData(run, options.staticData);
	}
	const { error, runData } = result.data.resultData;
	const items = (runData[NODE_NAME]?.[0]?.data?.main ?? []) as INodeExecutionData[][];
	// With Continue On Fail, a throw still marks the run failed, but n8n passes the input on.
	return error ? { items, error: asError(thrown.error ?? error, run.node) } : { items };
}

// ---------------------------------------------------------------- webhook()

function requestObject(request: WebhookRequest, path: string) {
	const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
	// Every service sends JSON and says so; a test that means otherwise sets the header.
	headers['content-type'] ??= 'application/json';
	const body = request.body ?? {};
	const query = request.query ?? {};
	const search = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
	const url = `/${path}${search ? `?${search}` : ''}`;
	// A plain object, not a proxy: crypto's update() must get the real Buffer.
	return {
		method: (request.method ?? 'POST').toUpperCase(),
		url,
		originalUrl: url,
		path: `/${path}`,
		body,
		rawBody: request.rawBody ?? Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
		headers,
		query,
		params: {},
		header: (name: string) => headers[name.toLowerCase()],
		get: (name: string) => headers[name.toLowerCase()],
	};
}

function responseRecorder(): RecordedResponse & Record<string, unknown> {
	const response = {
		statusCode: undefined as number | undefined,
		body: undefined as unknown,
		headers: {} as Record<string, string>,
		ended: false,
		get headersSent() {
			return response.ended;
		},
		status(code: number) {
			response.statusCode = code;
			return response;
		},
		sendStatus(code: number) {
			response.statusCode = code;
			return response.end();
		},
		send(body?: unknown) {
			response.statusCode ??= 200;
			response.body = body;
			response.ended = true;
			return response;
		},
		json(body: unknown) {
			response.headers['content-type'] ??= 'application/json';
			return response.send(body);
		},
		end(body?: unknown) {
			response.statusCode ??= 200;
			if (body !== undefined) response.body = body;
			response.ended = true;
			return response;
		},
		setHeader(name: string, value: string) {
			response.headers[name.toLowerCase()] = value;
			return response;
		},
		getHeader(name: string) {
			return response.headers[name.toLowerCase()];
		},
		header(name: string, value: string) {
			return response.setHeader(name, value);
		},
		set(name: string, value: string) {
			return response.setHeader(name, value);
		},
		writeHead(code: number, headers?: Record<string, string>) {
			response.statusCode = code;
			for (const [name, value] of Object.entries(headers ?? {})) response.setHeader(name, value);
			return response;
		},
	};
	return response;
}

/**
 * Calls the node's webhook() as WebhookService.runWebhook does for a delivery to the production URL
 * (mode 'webhook') or the test URL (`test: true`, mode 'manual'). Static data is saved back only
 * when webhook() returned without starting an execution (no `workflowData`): n8n 2.x saves it then
 * and drops what a webhook() that starts an execution wrote (the execution saves its own).
 */
export async function runWebhook(nodeType: AnyNodeType, options: RunWebhookOptions): Promise<RunWebhookResult> {
	const test = options.test === true;
	const response = responseRecorder();
	const prepared = prepareRun(nodeType, options, { mode: test ? 'manual' : 'webhook', active: !test });
	const webhookData = webhookDataFor(prepared, options.webhookName ?? 'default', test);
	const request = requestObject(options.request, `${test ? 'webhook-test' : 'webhook'}/${webhookData.path}`);
	prepared.additionalData.httpRequest = request as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
	prepared.additionalData.httpResponse = response as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
	const context = new WebhookContext(prepared.workflow, prepared.node, prepared.additionalData, test ? 'manual' : 'webhook', webhookData, [], null);
	const { nodeType: type } = prepared;
	if (!type.webhook) throw new Error('harness: the node has no webhook() method');
	const result = isNodeClassInstance(type) ? await type.webhook(context) : await type.webhook.call(context);
	// n8n 2.x saves static data only when webhook() answered without starting an execution.
	if (result.workflowData === undefined) saveStaticData(prepared, options.staticData);
	return { result, response };
}

export interface RunDeliveryOptions extends RunWebhookOptions {
	/** n8n's deduplication store the trigger's execute() records deliveries in; share it across deliveries. */
	dedupStore: DedupStore;
}

export interface RunDeliveryResult extends RunWebhookResult {
	/** What the trigger's execute() passed on to the workflow; empty when webhook() started nothing. */
	items: INodeExecutionData[];
	error?: RunNodeResult['error'];
}

/**
 * A delivery as n8n handles it end to end at the trigger: webhook(), then, when that started an
 * execution, the trigger's own execute() as the execution's first step (where a repeat that
 * webhook() could not refuse is dropped). The execution runs in webhook() mode: 'webhook', or
 * 'manual' for the test URL.
 */
export async function runDelivery(nodeType: AnyNodeType, options: RunDeliveryOptions): Promise<RunDeliveryResult> {
	const delivered = await runWebhook(nodeType, options);
	const started = delivered.result.workflowData?.[0];
	if (!started) return { ...delivered, items: [] };
	// The execution gets no static data, as on a queue-mode worker (n8n stores none with the
	// execution), and what it writes there n8n would save over the workflow's: so none may be written.
	const workerStaticData: IDataObject = {};
	const executed = await runNode(nodeType, {
		parameters: options.parameters,
		credentials: options.credentials,
		credentialTypes: options.credentialTypes,
		staticData: workerStaticData,
		typeVersion: options.typeVersion,
		dedupStore: options.dedupStore,
		input: started,
		mode: options.test === true ? 'manual' : 'webhook',
	});
	if (Object.keys(workerStaticData).length > 0) {
		throw new Error(`harness: the execution wrote static data (${JSON.stringify(workerStaticData)}); on a queue-mode worker n8n saves it over the workflow's`);
	}
	return { ...delivered, items: executed.items[0] ?? [], error: executed.error };
}

// ---------------------------------------------------------------- webhookMethods

/**
 * Calls webhookMethods[name][method] with the HookContext WebhookService builds: on activation
 * (mode 'trigger', activation 'activate') or for the test URL (`test: true`: 'manual', 'manual').
 */
export async function runWebhookMethod(
	nodeType: AnyNodeType,
	method: 'checkExists' | 'create' | 'delete',
	options: RunWebhookMethodOptions,
): Promise<boolean> {
	const test = options.test === true;
	const prepared = prepareRun(nodeType, options, { mode: test ? 'manual' : 'trigger', active: !test });
	const name = options.webhookName ?? 'default';
	const fn = prepared.nodeType.webhookMethods?.[name]?.[method];
	if (!fn) throw new Error(`harness: the node has no webhookMethods.${name}.${method}`);
	const activation: WorkflowActivateMode = test ? 'manual' : 'activate';
	const context = new HookContext(
		prepared.workflow,
		prepared.node,
		prepared.additionalData,
		test ? 'manual' : 'trigger',
		activation,
		webhookDataFor(prepared, name, test),
	);
	if (options.webhookUrl !== undefined) {
		const webhookUrl = options.webhookUrl;
		Object.defineProperty(context, 'getNodeWebhookUrl', { value: () => webhookUrl });
	}
	const result = await fn.call(context);
	saveStaticData(prepared, options.staticData);
	return result;
}

// ---------------------------------------------------------------- poll()

/**
 * Calls the node's poll() with a PollContext: for 'trigger' through TriggersAndPollers.runPollFunction
 * as the poll scheduler does, for 'manual' directly as WorkflowExecute does for a test fetch.
 * Static data is saved back even when poll() throws: an active workflow keeps it in memory.
 */
export async function runPoll(nodeType: AnyNodeType, options: RunPollOptions): Promise<INodeExecutionData[][] | null> {
	const mode = options.mode ?? 'trigger';
	const prepared = prepareRun(nodeType, options, { mode, active: mode === 'trigger' });
	const { workflow, node, additionalData, nodeType: type } = prepared;
	if (!type.poll) throw new Error('harness: the node has no poll() method');
	try {
		if (mode === 'manual') return await type.poll.call(new PollContext(workflow, node, additionalData, 'manual', 'manual'));
		const context = new PollContext(workflow, node, additionalData, 'trigger', 'activate');
		return await new TriggersAndPollers().runPollFunction(workflow, node, context);
	} finally {
		saveStaticData(prepared, options.staticData);
	}
}


import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import type { AssessmentStatus } from '../shared/model';
import { stringOrNull } from '../shared/model';
import { acknowledgeOnly, headerOf, matchesAnySignature, maxDeliveryAgeMs, maxDeliveryAgeOption, rawBody, rejectDelivery } from '../shared/webhook';
import { deliveriesOrManualPoll, openGate } from '../shared/deliveryGate';
import { registrationsOf, webhookLifecycle } from '../shared/webhookRegistration';
import { passMarkField } from './actions/report/get.operation';
import { getTests } from './methods/loadOptions';
import { wecpResult } from './result';
import { getCandidateReport, listTestCandidates, wecpRequest } from './transport';

const STATUS_OF_EVENT: Record<string, AssessmentStatus> = {
	'test.completed': 'completed',
	'test.started': 'started',
};
// Finished attempts remembered per test by the polling mode.
const MAX_REMEMBERED_PER_TEST = 50_000;

function isWebhookMode(this: IHookFunctions | IWebhookFunctions | IPollFunctions): boolean {
	return this.getNodeParameter('source', 'webhook') === 'webhook';
}

function wantedEvents(this: IHookFunctions | IWebhookFunctions): string[] {
	return this.getNodeParameter('events', []) as string[];
}

const lifecycle = webhookLifecycle({
	isManaged: isWebhookMode,
	wantedEvents(this: IHookFunctions) {
		// WeCP subscribes one webhook to several events: one registration covers them all.
		return [wantedEvents.call(this).slice().sort().join(',')];
	},
	async list() {
		const { body } = await wecpRequest<IDataObject[]>(this, { method: 'GET', path: '/ats/wecp/webhooks' });
		return (Array.isArray(body) ? body : []).map((hook) => ({
			id: String(hook.id),
			url: String(hook.url),
			event: ((hook.events as string[] | undefined) ?? []).slice().sort().join(','),
		}));
	},
	async create(url, events) {
		const { body } = await wecpRequest<IDataObject>(this, {
			method: 'POST',
			path: '/ats/wecp/webhooks',
			body: { url, events: events[0].split(',') },
		});
		return [{ id: String(body.id), event: events[0], secret: String(body.secret ?? '') }];
	},
	async remove(id) {
		await wecpRequest(this, { method: 'DELETE', path: `/ats/wecp/webhooks/${encodeURIComponent(id)}`, acceptStatuses: [404] });
	},
});

function timestampMs(value: unknown): number {
	if (typeof value === 'number') return value < 1e12 ? value * 1000 : value;
	if (typeof value === 'string') return /^\d+$/.test(value) ? timestampMs(Number(value)) : Date.parse(value);
	return NaN;
}

export class WecpTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeCP Trigger',
		name: 'wecpTrigger',
		icon: { light: 'file:wecp.svg', dark: 'file:wecp.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["source"] === "polling" ? "polling" : $parameter["events"].join(", ")}}',
		description: 'Starts the workflow when a candidate starts or completes a WeCP test, with score and report link',
		defaults: { name: 'WeCP Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wecpApi', required: true }],
		polling: true,
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName: 'Source',
				name: 'source',
				type: 'options',
				options: [
					{ name: 'Webhook (Registered Automatically)', value: 'webhook', description: 'WeCP calls n8n the moment a test is started or completed' },
					{ name: 'Polling', value: 'polling', description: 'For accounts without webhooks: n8n asks WeCP on the Poll Times schedule' },
				],
				default: 'webhook',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{ name: 'Test Completed', value: 'test.completed' },
					{ name: 'Test Started', value: 'test.started' },
				],
				required: true,
				default: ['test.completed'],
				displayOptions: { show: { source: ['webhook'] } },
			},
			{
				displayName: 'Test Names or IDs',
				name: 'testIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getTests' },
				required: true,
				default: [],
				description: 'The tests to watch for completed attempts. Each poll costs one request per test, plus one per new result. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				displayOptions: { show: { source: ['polling'] } },
			},
			{
				displayName: 'Poll Times apply to the Polling source only; with Webhook nothing is polled',
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			passMarkField,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Fetch Full Report',
						name: 'fetchReport',
						type: 'boolean',
						default: true,
						description: 'Whether to fetch the report of each result for question-wise scores and the finish time (one request per result)',
					},
					maxDeliveryAgeOption('timestamp'),
				],
			},
		],
	};

	methods = { loadOptions: { getTests } };

	webhookMethods = { default: lifecycle };

	// Repeated deliveries are dropped here, where n8n's deduplication store is available; a test
	// run in the editor in polling mode polls here.
	execute = deliveriesOrManualPoll((context) => context.getNodeParameter('source', 0, 'webhook') !== 'webhook', WecpTrigger.prototype.poll);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const opened = await openGate(this, {
			authenticate: (context, body) => {
				const signature = (headerOf(context, 'x-wecp-signature') ?? '').replace(/^sha256=/i, '');
				const secrets = isWebhookMode.call(context)
					? registrationsOf(context.getWorkflowStaticData('node')).map((registration) => registration.secret ?? '')
					: [];
				if (!matchesAnySignature(secrets, rawBody(context), signature)) return 'Signature does not match';
				// The signature covers the whole body, time included: it is what makes a delivery this one.
				return { repeatKey: signature.toLowerCase(), sentAt: timestampMs(body.timestamp) };
			},
			maxAgeMs: maxDeliveryAgeMs(options),
		});
		if ('refused' in opened) return opened.refused;
		const body = opened.body;

		const event = String(body.event ?? headerOf(this, 'x-wecp-event') ?? '');
		const status = STATUS_OF_EVENT[event];
		if (!status || !wantedEvents.call(this).includes(event)) return acknowledgeOnly();
		const data = (body.data ?? {}) as IDataObject;
		if (!data || typeof data !== 'object') return rejectDelivery(this, 400, 'Expected "data" to be an object');

		let source: IDataObject = data;
		const candidateId = stringOrNull(data.candidateId);
		if (status === 'completed' && options.fetchReport !== false && candidateId) {
			// The report carries question-wise scores and the finish time; the delivery's own fields win.
			source = { ...(await getCandidateReport(this, candidateId)), ...data };
		}
		const passMark = this.getNodeParameter('passMark', 70) as number;
		const result = wecpResult(source, { event, status, passMark }, body);
		return { workflowData: [this.helpers.returnJsonArray([{ ...result, wecpCandidateId: candidateId, deliveryId: opened.deliveryId }])] };
	}

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if (isWebhookMode.call(this)) return null;
		const testIds = this.getNodeParameter('testIds', []) as string[];
		const passMark = this.getNodeParameter('passMark', 70) as number;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const state = this.getWorkflowStaticData('node') as { seen?: Record<string, string[]> };
		const seen = (state.seen ??= {});
		const manual = this.getMode() === 'manual';
		const results: IDataObject[] = [];

		for (const testId of testIds) {
			const finished = (await listTestCandidates(this, testId)).filter((row) => row.testFinished === true);
			const known = new Set(seen[testId] ?? []);
			const firstPoll = seen[testId] === undefined;
			const fresh = finished.filter((row) => !known.has(String(row.candidateId)));
			// Activation records what is already finished instead of replaying history; a manual
			// run shows the latest attempt as a sample without recording it.
			const toEmit = manual ? finished.slice(-1) : firstPoll ? [] : fresh;
			for (const row of toEmit) {
				const candidateId = String(row.candidateId);
				const report = options.fetchReport === false ? {} : await getCandidateReport(this, candidateId);
				const source = { ...row, ...report, testId };
				results.push({ ...wecpResult(source, { event: 'test.completed', status: 'completed', passMark }, row), wecpCandidateId: candidateId });
			}
			if (!manual) {
				seen[testId] = [...known, ...fresh.map((row) => String(row.candidateId))].slice(-MAX_REMEMBERED_PER_TEST);
			}
		}
		return results.length > 0 ? [this.helpers.returnJsonArray(results)] : null;
	}
}

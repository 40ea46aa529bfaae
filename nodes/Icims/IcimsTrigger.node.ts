import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { stringOrNull } from '../shared/model';
import { acknowledgeOnly, deliveriesOrManualPoll, openGate, repeatsWithin } from '../shared/webhook';
import { isRetryableStatus } from '../shared/http';
import { LIST_ID, PROFILE_ID } from './actions/common';
import { refId, statusChangeEvent } from './atsEvent';
import { icimsDateToIso, toIcimsDate } from './dates';
import { answerIcims, hasReceiverCredentials, readEventBody } from './events';
import type { SearchFilter } from './search';
import { SEARCH_FIELDS, searchWorkflows } from './search';
import { ICIMS_CREDENTIAL, icimsBody, workflowPath } from './transport';

const MINUTE = 60_000;
const STATUS_CHANGE = 'WorkFlowStatusChangeEvent';
// Besides JSON: iCIMS' gzip bodies, which some set-ups label as bytes.
const GZIP_CONTENT_TYPES = ['application/octet-stream', 'application/gzip', 'application/x-gzip'];
// iCIMS caches search results for up to 15 minutes: each poll looks back a little further.
const POLL_OVERLAP_MS = 20 * MINUTE;
// A manual poll in the editor shows a sample from this far back.
const SAMPLE_LOOKBACK_MS = 7 * 24 * 60 * MINUTE;
// Workflows already emitted by polling; the oldest are forgotten first.
// (Numeric keys keep numeric order in an object, so the lowest, oldest ids go first.)
const MAX_REMEMBERED_WORKFLOWS = 20_000;

type TriggerContext = IWebhookFunctions | IPollFunctions;

function isEventMode(this: TriggerContext): boolean {
	return this.getNodeParameter('source', 'events') === 'events';
}

/** A comma-separated parameter (or an array from an expression) as trimmed values. */
function listParameter(context: TriggerContext, name: string): string[] {
	const value = context.getNodeParameter(name, '') as unknown;
	const raw = Array.isArray(value) ? value.map(String) : String(value ?? '').split(',');
	return raw.map((entry) => entry.trim()).filter((entry) => entry !== '');
}

function checkedList(context: IPollFunctions, name: string, label: string, pattern: RegExp): string[] {
	const values = listParameter(context, name);
	const bad = values.find((value) => !pattern.test(value));
	if (bad !== undefined) {
		throw new NodeOperationError(context.getNode(), `The field "${label}" has a value that is not an iCIMS ID: "${bad.slice(0, 40)}"`);
	}
	return values;
}

/** A rate limit, a server error or no answer at all: worth iCIMS sending the event again. */
function isTransient(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	// No status: the connection failed.
	return error.httpCode === null || error.httpCode === undefined || isRetryableStatus(Number(error.httpCode));
}

export class IcimsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'iCIMS Trigger',
		name: 'icimsTrigger',
		icon: { light: 'file:icims.svg', dark: 'file:icims.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["source"] === "polling" ? "polling" : "workflow status change"}}',
		description: "Starts the workflow when a candidate's applicant workflow moves into a status in iCIMS",
		defaults: { name: 'iCIMS Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'icimsApi', required: true }],
		polling: true,
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName: 'Source',
				name: 'source',
				type: 'options',
				options: [
					{ name: 'Event Receiver (iCIMS Posts Status Changes)', value: 'events', description: 'The moment a status changes, iCIMS calls n8n; iCIMS sets this up for you' },
					{ name: 'Polling (Search on a Schedule)', value: 'polling', description: 'On the Poll Times schedule, n8n searches iCIMS; needs no set-up by iCIMS' },
				],
				default: 'events',
			},
			{
				displayName:
					"Ask iCIMS (or your iCIMS admin, on the Event Notifications page) to send the Workflow Status Change event to this node's Production URL, with Basic authentication using the credential's Event Receiver Username and Password. There is no API for this step.",
				name: 'eventsNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { source: ['events'] } },
			},
			{
				displayName:
					'Each poll costs one search call (one more per further 1,000 results) and, for each candidate newly in a chosen status, one call for the workflow plus one each for the person and the job when Resolve Candidate is on. iCIMS allows 10,000 calls a day by default: polling every minute spends at least 1,440 of them.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { source: ['polling'] } },
			},
			{
				displayName: 'Only Into Status IDs',
				name: 'statusIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. C36951, C36952',
				description:
					'The workflow statuses (list IDs) that start the workflow, separated by commas. Required for polling; empty means any status for the event receiver.',
			},
			{
				displayName: 'Only Job IDs',
				name: 'jobIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1026, 1027',
				description: 'Start only for applications to these jobs, separated by commas; empty means any job',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Duplicate Window (Minutes)',
						name: 'duplicateWindowMinutes',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 1440 },
						default: 10,
						description:
							'A second notification for the same workflow and status within this time is answered and dropped (iCIMS may notify one status change more than once)',
						displayOptions: { show: { '/source': ['events'] } },
					},
					{
						displayName: 'Resolve Candidate',
						name: 'resolveCandidate',
						type: 'boolean',
						default: true,
						description:
							"Whether to fetch the person (name, e-mail, phone) and the job (title) of each status change: one API call each",
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			// iCIMS has no API to subscribe: its staff point the event at this URL. Nothing to check or create.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			// The polling cursor stays: a reactivated trigger catches up on what moved meanwhile.
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	// Repeated notifications are dropped here, where n8n's deduplication store is available: a
	// status change notified again within the Duplicate Window stops at the trigger. A test run in
	// the editor in polling mode polls here.
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const windowMs = Number(options.duplicateWindowMinutes ?? 10) * MINUTE;
		const statusChangeOf = (item: INodeExecutionData) => (typeof item.json.deliveryId === 'string' ? item.json.deliveryId : undefined);
		return await deliveriesOrManualPoll(
			(context) => context.getNodeParameter('source', 0, 'events') !== 'events',
			IcimsTrigger.prototype.poll,
			repeatsWithin(windowMs, statusChangeOf),
		).call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		if (!isEventMode.call(this)) return answerIcims(this, 404, 'This trigger polls iCIMS; it does not take events');
		const credentials = await this.getCredentials(ICIMS_CREDENTIAL);
		const opened = await openGate(this, {
			otherContentTypes: GZIP_CONTENT_TYPES,
			read: async (context) => {
				const read = await readEventBody(context);
				return 'problem' in read ? read.problem : read.body;
			},
			authenticate: (context, body) => {
				if (!hasReceiverCredentials(context, credentials)) return 'Authentication failed';
				// iCIMS sends no id or time: a status change is the same one said again within the window.
				return { repeatKey: `${String(body.systemId)}:${String(body.newStatus)}` };
			},
			refuseRepeats: false,
			refuse: (context, status, reason) => answerIcims(context, status, reason),
		});
		if ('refused' in opened) return opened.refused;
		const body = opened.body;
		if (typeof body.eventType !== 'string' || body.eventType === '') {
			return answerIcims(this, 400, 'The event has no eventType', 'Expected an iCIMS event notification: a JSON object with eventType');
		}
		const customerId = stringOrNull(body.customerId);
		if (customerId !== null && customerId !== String(credentials.customerId ?? '').trim()) {
			return answerIcims(this, 400, 'The event is for another iCIMS customer', `customerId ${customerId} is not this credential's`);
		}
		if (body.eventType !== STATUS_CHANGE) return acknowledgeOnly();
		const workflowId = stringOrNull(body.systemId);
		const newStatus = stringOrNull(body.newStatus);
		if (workflowId === null || !PROFILE_ID.test(workflowId) || newStatus === null) {
			return answerIcims(this, 400, 'The status change is incomplete', 'Expected systemId (the applicant workflow ID) and newStatus');
		}

		const statusIds = listParameter(this, 'statusIds');
		if (statusIds.length > 0 && !statusIds.includes(newStatus)) return acknowledgeOnly();
		const jobId = stringOrNull(body.jobId);
		const jobIds = listParameter(this, 'jobIds');
		if (jobIds.length > 0 && (jobId === null || !jobIds.includes(jobId))) return acknowledgeOnly();

		const options = this.getNodeParameter('options', {}) as IDataObject;
		try {
			const event = await statusChangeEvent(
				this,
				{
					workflowId,
					personId: stringOrNull(body.personId),
					jobId,
					fromStatus: body.oldStatus === undefined || body.oldStatus === null ? null : { id: String(body.oldStatus), name: null },
					toStatus: { id: newStatus, name: null },
					occurredAt: new Date().toISOString(),
					changedByUserId: stringOrNull(body.userId),
					raw: body,
				},
				options.resolveCandidate !== false,
			);
			return { workflowData: [this.helpers.returnJsonArray([{ ...event, deliveryId: opened.deliveryId }])] };
		} catch (error) {
			// iCIMS busy or unreachable: answer 503 so iCIMS sends the event again, and start nothing.
			if (isTransient(error)) {
				return answerIcims(this, 503, 'iCIMS could not be read just now: send the event again', (error as Error).message);
			}
			// Anything else (credentials, permissions) fails visibly as an execution.
			throw new NodeApiError(this.getNode(), error as JsonObject);
		}
	}

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if (isEventMode.call(this)) return null;
		const statusIds = checkedList(this, 'statusIds', 'Only Into Status IDs', LIST_ID);
		if (statusIds.length === 0) {
			throw new NodeOperationError(this.getNode(), 'The field "Only Into Status IDs" is required for polling', {
				description: 'Expected one or more workflow status list IDs, e.g. C36951.',
			});
		}
		const jobIds = checkedList(this, 'jobIds', 'Only Job IDs', PROFILE_ID);
		const resolve = (this.getNodeParameter('options', {}) as IDataObject).resolveCandidate !== false;
		const state = this.getWorkflowStaticData('node') as { cursor?: number; emitted?: Record<string, string> };
		const emitted = (state.emitted ??= {});
		const manual = this.getMode() === 'manual';
		const now = Date.now();
		const firstPoll = state.cursor === undefined;
		const since = manual && firstPoll ? now - SAMPLE_LOOKBACK_MS : (state.cursor ?? now) - POLL_OVERLAP_MS;

		const filters: SearchFilter[] = [
			{ name: SEARCH_FIELDS.status, value: statusIds, operator: '=' },
			{ name: SEARCH_FIELDS.updated, value: [toIcimsDate(new Date(since))], operator: '>=' },
		];
		if (jobIds.length > 0) filters.push({ name: SEARCH_FIELDS.job, value: jobIds, operator: '=' });
		const found = (await searchWorkflows(this, filters, { returnAll: true, limit: 0 })).map((result) => String(result.id));

		if (!manual && firstPoll) {
			// Activation records what is already there instead of replaying it.
			for (const id of found) emitted[id] = 'before activation';
			state.cursor = now;
			return null;
		}
		// A manual run shows the newest match as a sample and records nothing.
		const candidates = manual ? found.slice(-1) : found.filter((id) => emitted[id] === undefined);
		const events: IDataObject[] = [];
		for (const workflowId of candidates) {
			const workflow = await icimsBody(this, {
				method: 'GET',
				path: workflowPath(workflowId),
				qs: { fields: 'associatedprofile,baseprofile,status,updateddate' },
			});
			const statusId = refId(workflow.status);
			const jobId = refId(workflow.baseprofile);
			// The search may be up to 15 minutes stale: trust the workflow as it is now.
			if (statusId === null || !statusIds.includes(statusId)) continue;
			if (jobIds.length > 0 && (jobId === null || !jobIds.includes(jobId))) continue;
			const status = (workflow.status ?? {}) as IDataObject;
			events.push(
				await statusChangeEvent(
					this,
					{
						workflowId,
						personId: refId(workflow.associatedprofile),
						jobId,
						fromStatus: null,
						toStatus: { id: statusId, name: stringOrNull(status.formattedvalue ?? status.value) },
						occurredAt: icimsDateToIso(workflow.updateddate) ?? new Date(now).toISOString(),
						changedByUserId: null,
						raw: { id: workflowId, ...workflow },
					},
					resolve,
				),
			);
			if (!manual) emitted[workflowId] = statusId;
		}
		if (!manual) {
			state.cursor = now;
			const ids = Object.keys(emitted);
			for (const oldest of ids.slice(0, Math.max(0, ids.length - MAX_REMEMBERED_WORKFLOWS))) delete emitted[oldest];
		}
		return events.length > 0 ? [this.helpers.returnJsonArray(events)] : null;
	}
}

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
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { stringOrNull } from '../shared/model';
import { acknowledgeOnly } from '../shared/webhook';
import { deliveriesOrManualPoll, openGate, repeatsWithin } from '../shared/deliveryGate';
import { PROFILE_ID } from './actions/common';
import { answerIcims, hasReceiverCredentials, readEventBody } from './events';
import { ICIMS_CREDENTIAL } from './transport';
import { isEventMode, listParameter, pollStatusChanges } from './trigger/poll';
import { acceptedEvent, resolveEvents } from './trigger/receiver';

const MINUTE = 60_000;
const STATUS_CHANGE = 'WorkFlowStatusChangeEvent';
// Besides JSON: iCIMS' gzip bodies, which some set-ups label as bytes.
const GZIP_CONTENT_TYPES = ['application/octet-stream', 'application/gzip', 'application/x-gzip'];

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
	// status change notified again within the Duplicate Window stops at the trigger; the others are
	// resolved (person, job). A test run in the editor in polling mode polls here.
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const windowMs = Number(options.duplicateWindowMinutes ?? 10) * MINUTE;
		const statusChangeOf = (item: INodeExecutionData) => (typeof item.json.deliveryId === 'string' ? item.json.deliveryId : undefined);
		const keysOf = repeatsWithin(windowMs, statusChangeOf);
		const [fresh] = await deliveriesOrManualPoll(
			(context) => context.getNodeParameter('source', 0, 'events') !== 'events',
			IcimsTrigger.prototype.poll,
			keysOf,
		).call(this);
		// Then each event's person and job, looked up here rather than before iCIMS is answered.
		return await resolveEvents(this, fresh ?? [], keysOf);
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

		// The person and job look-ups run in the execution (execute()), after n8n has answered iCIMS.
		return { workflowData: [this.helpers.returnJsonArray([acceptedEvent(body, opened.deliveryId, new Date().toISOString())])] };
	}

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollStatusChanges.call(this);
	}
}

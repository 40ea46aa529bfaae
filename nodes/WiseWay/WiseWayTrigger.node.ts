import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { stringOrNull, toIsoDate } from '../shared/model';
import { acknowledgeOnly, headerOf, matchesAnySignature, maxDeliveryAgeMs, maxDeliveryAgeOption, rawBody } from '../shared/webhook';
import { dropRepeatedDeliveries, openGate } from '../shared/deliveryGate';
import { registrationsOf, webhookLifecycle } from '../shared/webhookRegistration';
import { EVENT_NAMES, POSITION_EVENTS, WEBHOOK_EVENTS } from './events';
import { getPositions } from './methods/loadOptions';
import { statusOfEvent, wiseWayExtras, wiseWayResult } from './result';
import { EVERYTHING, idPath, WISEWAY_CREDENTIAL, wiseWayList, wiseWayRequest } from './transport';


type TriggerContext = IHookFunctions | IWebhookFunctions;

function isManaged(this: TriggerContext): boolean {
	return this.getNodeParameter('registration', 'api') === 'api';
}

function wantedEvents(this: TriggerContext): string[] {
	return this.getNodeParameter('events', []) as string[];
}

/** One WiseWay webhook carries all chosen events: its registration is keyed by them, sorted. */
function eventSet(events: unknown): string {
	return (Array.isArray(events) ? events.map(String) : []).sort().join(',');
}

async function removeWebhook(context: IHookFunctions, id: string): Promise<void> {
	await wiseWayRequest(context, { method: 'DELETE', path: idPath('webhooks', id), acceptStatuses: [404] });
}

const lifecycle = webhookLifecycle({
	isManaged,
	wantedEvents(this: IHookFunctions) {
		return [eventSet(wantedEvents.call(this))];
	},
	async list() {
		const hooks = await wiseWayList(this, '/webhooks', EVERYTHING);
		// An inactive webhook delivers nothing: it does not count as ours.
		return hooks.map((hook) => ({ id: String(hook.id), url: hook.active === false ? '' : String(hook.url), event: eventSet(hook.events) }));
	},
	async create(url, subscriptions) {
		const { body } = await wiseWayRequest(this, {
			method: 'POST',
			path: '/webhooks',
			body: { url, events: subscriptions[0].split(','), active: true },
		});
		const id = String(body.id);
		const secret = typeof body.secret === 'string' ? body.secret : '';
		const credentials = await this.getCredentials(WISEWAY_CREDENTIAL);
		if (secret === '' && !credentials.webhookSecret) {
			// Without a secret no delivery could be verified: better no webhook than one that is always refused.
			await removeWebhook(this, id);
			throw new NodeOperationError(this.getNode(), 'WiseWay returned no signing secret for the webhook', {
				description:
					"Put the webhook secret shown in WiseWay into the credential's Webhook Secret, then activate again. The webhook just made was deleted.",
			});
		}
		return [{ id, event: subscriptions[0], secret }];
	},
	async remove(id) {
		await removeWebhook(this, id);
	},
});

/** The secrets a delivery may be signed with: each registration's own, else the credential's. */
async function signingSecrets(context: IWebhookFunctions): Promise<string[]> {
	const credentials = await context.getCredentials(WISEWAY_CREDENTIAL);
	const fallback = String(credentials.webhookSecret ?? '');
	if (!isManaged.call(context)) return [fallback];
	return registrationsOf(context.getWorkflowStaticData('node')).map((registration) => registration.secret || fallback);
}

function objectOf(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

export class WiseWayTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WiseWay Trigger',
		name: 'wiseWayTrigger',
		icon: { light: 'file:wiseway.svg', dark: 'file:wiseway.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when a WiseWay candidate is invited, starts or completes a video interview, or a position changes',
		defaults: { name: 'WiseWay Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wiseWayApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: WEBHOOK_EVENTS,
				required: true,
				default: ['interview.completed'],
			},
			{
				displayName: 'Webhook Registration',
				name: 'registration',
				type: 'options',
				options: [
					{ name: 'Automatic (WiseWay Webhooks API)', value: 'api', description: 'The trigger creates its webhook on activation and deletes it on deactivation (needs an owner API key)' },
					{ name: 'Manual (Made in the WiseWay App)', value: 'manual', description: "Paste this node's Production URL into a webhook made in WiseWay; its secret goes in the credential" },
				],
				default: 'api',
			},
			{
				displayName:
					"Make a webhook in WiseWay for the chosen events with this node's Production URL, and put its secret into the credential's Webhook Secret",
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['manual'] } },
			},
			{
				displayName: 'Only Position Names or IDs',
				name: 'positionIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getPositions' },
				default: [],
				description:
					'Start only for these positions; none means every position. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					maxDeliveryAgeOption('timestamp', 60, 1, ' (a delivery without a timestamp is rejected too)'),
				],
			},
		],
	};

	methods = { loadOptions: { getPositions } };

	webhookMethods = { default: lifecycle };

	// Repeated deliveries are dropped here, where n8n's deduplication store is available.
	execute = dropRepeatedDeliveries;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const secrets = await signingSecrets(this);
		const opened = await openGate(this, {
			authenticate: (context, body) => {
				const signature = (headerOf(context, 'x-wiseway-signature') ?? '').replace(/^sha256=/i, '');
				if (!matchesAnySignature(secrets, rawBody(context), signature)) return 'Signature does not match';
				// The signature covers the whole body, its timestamp included (required, so a delivery
				// cannot dodge the age check by leaving it out).
				return { repeatKey: signature.toLowerCase(), sentAt: Date.parse(String(body.timestamp ?? '')) };
			},
			maxAgeMs: maxDeliveryAgeMs(options, 60),
		});
		if ('refused' in opened) return opened.refused;
		const body = opened.body;

		const event = String(body.event ?? '');
		if (!EVENT_NAMES.includes(event) || !wantedEvents.call(this).includes(event)) return acknowledgeOnly();
		const data = objectOf(body.data);
		const candidate = objectOf(data.candidate);
		const position = objectOf(data.position);
		const positionId = stringOrNull(position.id ?? candidate.positionId);
		const positionIds = (this.getNodeParameter('positionIds', []) as string[]).map(String);
		if (positionIds.length > 0 && (positionId === null || !positionIds.includes(positionId))) return acknowledgeOnly();
		const occurredAt = toIsoDate(body.timestamp);

		if (POSITION_EVENTS.includes(event)) {
			// Not about a candidate: the position itself is the news.
			const output = { vendor: 'wiseWay', event, position, assessment: { id: positionId, name: stringOrNull(position.title) }, occurredAt, deliveryId: opened.deliveryId, raw: body };
			return { workflowData: [this.helpers.returnJsonArray([output])] };
		}
		if (Object.keys(candidate).length === 0) return acknowledgeOnly();
		const result = wiseWayResult(candidate, position, { event, status: statusOfEvent(event) }, body);
		return {
			workflowData: [this.helpers.returnJsonArray([{ ...result, ...wiseWayExtras(candidate), position, occurredAt, deliveryId: opened.deliveryId }])],
		};
	}
}

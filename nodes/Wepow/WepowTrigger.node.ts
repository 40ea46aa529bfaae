import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { stringOrNull } from '../shared/model';
import { acknowledgeOnly, jsonObjectBody, maxDeliveryAgeMs, maxDeliveryAgeOption, randomToken, rawBody, rejectDelivery, sha256Hex, urlTokenMatches, withUrlToken } from '../shared/webhook';
import { dropRepeatedDeliveries, openGate } from '../shared/deliveryGate';
import { registrationsOf, webhookLifecycle } from '../shared/webhookRegistration';
import { embeddedList, hrefBelow, linkHref } from './hal';
import { getPositions } from './methods/loadOptions';
import { applicationSummary, wepowResult } from './result';
import { wepowApi, wepowBaseUrl, wepowRequest } from './transport';

const TARGET = 'application_status';

const STATUSES = [
	{ name: 'Completed', value: 'completed' },
	{ name: 'Delivered', value: 'delivered' },
	{ name: 'Expired', value: 'expired' },
	{ name: 'In Progress', value: 'in_progress' },
	{ name: 'New', value: 'new' },
	{ name: 'Opened', value: 'opened' },
	{ name: 'Sent', value: 'sent' },
	{ name: 'Started', value: 'started' },
];

async function notifications(context: IHookFunctions): Promise<IDataObject[]> {
	const api = await wepowApi(context);
	const { body } = await wepowRequest(context, { method: 'GET', url: api.href('wepow:notifications') });
	return embeddedList(body, 'wepow:notification');
}

const lifecycle = webhookLifecycle({
	// Wepow registers notifications only through its API: there is no URL to paste by hand.
	isManaged: () => true,
	wantedEvents: () => [TARGET],
	async list() {
		const url = this.getNodeWebhookUrl('default') as string;
		const registrations = registrationsOf(this.getWorkflowStaticData('node'));
		return (await notifications(this)).map((notification) => {
			const id = String(notification.id);
			const mine = registrations.find((registration) => registration.id === id);
			// Ours only while it still calls our URL with our token, and is active.
			const intact =
				mine !== undefined &&
				notification.active !== false &&
				notification.callback_url === withUrlToken(url, mine.secret ?? '');
			return { id, url: intact ? url : String(notification.callback_url), event: String(notification.target) };
		});
	},
	async create(url) {
		const token = randomToken(32);
		const callbackUrl = withUrlToken(url, token);
		const api = await wepowApi(this);
		await wepowRequest(this, { method: 'POST', url: api.href('wepow:notifications'), body: { callback_url: callbackUrl, target: TARGET } });
		// Wepow answers 204 without an id: the list says which notification is ours.
		const created = (await notifications(this)).find(
			(notification) => notification.callback_url === callbackUrl && notification.target === TARGET,
		);
		if (!created) {
			throw new NodeOperationError(this.getNode(), 'Wepow accepted the notification but does not list it', {
				description: 'Deactivate and activate the workflow again; if it persists, check the notifications of this Wepow user.',
			});
		}
		return [{ id: String(created.id), event: TARGET, secret: token }];
	},
	async remove(id) {
		await wepowRequest(this, { method: 'DELETE', url: `/hypermedia/notifications/${encodeURIComponent(id)}`, acceptStatuses: [404] });
	},
});

/**
 * Whether the delivery's URL carries one of our tokens; every token is compared, in constant time.
 * TODO(shared): a urlTokenMatchesAny(context, secrets) beside urlTokenMatches in webhook.ts (Willo has the same loop).
 */
function tokenMatches(context: IWebhookFunctions): boolean {
	let matched = false;
	for (const registration of registrationsOf(context.getWorkflowStaticData('node'))) {
		if (urlTokenMatches(context, registration.secret)) matched = true;
	}
	return matched;
}

/** Where to read the application again: its own link when it stays on our host, else the root's. */
async function applicationUrl(context: IWebhookFunctions, delivered: IDataObject, id: string): Promise<string> {
	const own = hrefBelow(await wepowBaseUrl(context), linkHref(delivered, 'self'));
	return own ?? (await wepowApi(context)).href('wepow:application', { id });
}

export class WepowTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wepow Trigger',
		name: 'wepowTrigger',
		icon: { light: 'file:wepow.svg', dark: 'file:wepow.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["statuses"].join(", ")}}',
		description: 'Starts the workflow when a Wepow video interview changes status, e.g. completed, with fresh review links',
		defaults: { name: 'Wepow Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wepowApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					"The trigger registers its URL with Wepow's notifications API on activation and removes it on deactivation. Wepow may take up to about five minutes to notify.",
				name: 'registrationNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: STATUSES,
				required: true,
				default: ['completed'],
				description: 'Start only when an application reaches one of these statuses',
			},
			{
				displayName: 'Only Position Names or IDs',
				name: 'positionIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getPositions' },
				default: [],
				description: 'Start only for these positions; none means any position. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					maxDeliveryAgeOption('status change (date_updated)', 60, 10, ". Keep it above Wepow's five-minute lag."),
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
		const opened = await openGate(this, {
			read: (context) => {
				const body = jsonObjectBody(context);
				if (!body || typeof body.target !== 'string') return 'Expected a Wepow notification: "target" is missing';
				const application = body.application as IDataObject | undefined;
				if (body.target === TARGET && (!application || typeof application !== 'object' || stringOrNull(application.id) === null)) {
					return 'Expected "application" with an "id"';
				}
				return body;
			},
			authenticate: (context, body) => {
				// Wepow does not sign: the random token in the URL we registered is the proof.
				if (!tokenMatches(context)) return 'The URL token does not match';
				// Another target starts nothing (it is acknowledged below): its time is not ours to check.
				if (body.target !== TARGET) return { repeatKey: `${String(body.target)}:${sha256Hex(rawBody(context))}`, sentAt: Date.now() };
				const application = body.application as IDataObject;
				// Unsigned: an application's status at a time is what makes a notification this one.
				return {
					repeatKey: `${String(application.id)}:${String(application.status)}:${String(application.date_updated)}`,
					sentAt: Date.parse(String(application.date_updated ?? '')),
				};
			},
			maxAgeMs: maxDeliveryAgeMs(options, 60),
		});
		if ('refused' in opened) return opened.refused;
		const body = opened.body;
		if (body.target !== TARGET) return acknowledgeOnly();
		const delivered = body.application as IDataObject;
		const id = String(delivered.id);
		const status = String(delivered.status ?? '');
		const statuses = this.getNodeParameter('statuses', []) as string[];
		if (!statuses.includes(status)) return acknowledgeOnly();

		// Review links are single-use and the notification's may be spent: read the application again.
		// If that fails, the notification is forgotten, so Wepow's next attempt is taken.
		const { statusCode, body: read } = await wepowRequest<IDataObject | undefined>(this, {
			method: 'GET',
			url: await applicationUrl(this, delivered, id),
			acceptStatuses: [404],
		}).catch((error: unknown) => {
			opened.forget();
			throw error;
		});
		const application: IDataObject = read && typeof read === 'object' ? read : {};
		if (statusCode === 404 || String(application.id) !== id) {
			return rejectDelivery(this, 400, `Wepow has no application ${id}`);
		}
		// A completion Wepow has since undone (the application was reset) starts nothing.
		if (status === 'completed' && application.status !== 'completed') return acknowledgeOnly();
		const positionIds = this.getNodeParameter('positionIds', []) as string[];
		const positionId = applicationSummary(application).positionId as string | null;
		if (positionIds.length > 0 && (positionId === null || !positionIds.includes(positionId))) return acknowledgeOnly();

		const result = wepowResult({ ...application, status }, `application.${status}`, body);
		return { workflowData: [this.helpers.returnJsonArray([{ ...result, deliveryId: opened.deliveryId }])] };
	}
}

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
import { acknowledgeOnly, maxDeliveryAgeMs, maxDeliveryAgeOption, randomToken, rawBody, safeEqual, sha256Hex, withUrlToken } from '../shared/webhook';
import { dropRepeatedDeliveries, openGate } from '../shared/deliveryGate';
import type { Registration } from '../shared/webhookRegistration';
import { registrationsOf, webhookLifecycle } from '../shared/webhookRegistration';
import { getInterviews } from './methods/loadOptions';
import { withInterviewTitle } from './interviews';
import { willoResult } from './result';
import { getParticipant, keyPath, willoList, willoRequest } from './transport';


function wantedEvents(this: IHookFunctions | IWebhookFunctions): string[] {
	return this.getNodeParameter('events', []) as string[];
}

function chosenInterviews(this: IHookFunctions | IWebhookFunctions): string[] {
	return (this.getNodeParameter('interviewIds', []) as string[]).map(String).filter(Boolean);
}

/** One Willo webhook: an event and its interviews (none means all), as one comparable string. */
function subscription(event: string, interviews: string[]): string {
	return interviews.length > 0 ? `${event}:${[...interviews].sort().join(',')}` : event;
}

function parseSubscription(value: string | undefined): { event: string; interviews: string[] } {
	const [event, keys = ''] = String(value ?? '').split(':');
	return { event, interviews: keys === '' ? [] : keys.split(',') };
}

/** Willo neither signs nor always names the event: both travel in the URL it calls. */
function deliveryUrl(url: string, token: string, event: string): string {
	return withUrlToken(withUrlToken(url, token), event, 'event');
}

function keyOf(value: unknown): string {
	return value && typeof value === 'object' ? String((value as IDataObject).key) : String(value);
}

async function removeWebhook(context: IHookFunctions, id: string): Promise<void> {
	await willoRequest(context, { method: 'DELETE', path: keyPath('webhooks', id), acceptStatuses: [404] });
}

const lifecycle = webhookLifecycle({
	// Willo creates webhooks only through its API: there is no URL to paste by hand.
	isManaged: () => true,
	wantedEvents(this: IHookFunctions) {
		const interviews = chosenInterviews.call(this);
		return wantedEvents.call(this).map((event) => subscription(event, interviews));
	},
	async list() {
		const registrations = registrationsOf(this.getWorkflowStaticData('node'));
		const url = this.getNodeWebhookUrl('default') as string;
		const hooks = await willoList(this, '/webhooks/', {}, { returnAll: true, limit: 0 });
		return hooks.map((hook) => {
			const id = String(hook.key);
			const event = subscription(
				String(hook.event),
				hook.follow_all_interviews ? [] : ((hook.interviews as unknown[] | undefined) ?? []).map(keyOf),
			);
			const mine = registrations.find((registration) => registration.id === id);
			// Ours only while it still calls our URL with our token, for what we asked, and is active.
			const intact =
				mine !== undefined &&
				mine.event === event &&
				hook.status !== 'inactive' &&
				hook.url === deliveryUrl(url, mine.secret ?? '', String(hook.event));
			return { id, url: intact ? url : String(hook.url), event };
		});
	},
	async create(url, subscriptions) {
		const registrations: Registration[] = [];
		try {
			// Willo holds one event per webhook, each with its own token.
			for (const value of subscriptions) {
				const { event, interviews } = parseSubscription(value);
				const token = randomToken(32);
				const { body } = await willoRequest(this, {
					method: 'POST',
					path: '/webhooks/',
					body: {
						url: deliveryUrl(url, token, event),
						event,
						interviews,
						follow_all_interviews: interviews.length === 0,
						departments: [],
						users: [],
						api_version: 'v1',
						status: 'active',
					},
				});
				registrations.push({ id: String(body.key), event: value, secret: token });
			}
		} catch (error) {
			// Half a registration would deliver what no static data can verify: undo it.
			for (const registration of registrations) await removeWebhook(this, registration.id);
			throw new NodeOperationError(this.getNode(), error as Error, {
				description: 'The Willo webhooks made before the failure were deleted again.',
			});
		}
		return registrations;
	},
	async remove(id) {
		await removeWebhook(this, id);
	},
});

/** The registration whose token the delivery's URL carries, compared in constant time. */
function registrationForToken(context: IWebhookFunctions, token: unknown): Registration | undefined {
	if (typeof token !== 'string' || token === '') return undefined;
	let found: Registration | undefined;
	// Every token is compared, so the time taken does not tell which one was close.
	for (const registration of registrationsOf(context.getWorkflowStaticData('node'))) {
		if (registration.secret && safeEqual(registration.secret, token)) found = registration;
	}
	return found;
}

function stageName(value: unknown): string | null {
	if (value && typeof value === 'object') return stringOrNull((value as IDataObject).name ?? (value as IDataObject).key);
	return stringOrNull(value);
}

export class WilloTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Willo Trigger',
		name: 'willoTrigger',
		icon: { light: 'file:willo.svg', dark: 'file:willo.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when a candidate answers a Willo interview, changes stage, is scored or commented on',
		defaults: { name: 'Willo Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'willoApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{ name: 'New Comment', value: 'new_comment', description: 'A reviewer commented on a participant' },
					{ name: 'New Response', value: 'new_response', description: 'A candidate submitted their answers' },
					{ name: 'New Score', value: 'new_score', description: 'A reviewer scored a participant' },
					{ name: 'Stage Change', value: 'stage_change', description: 'A participant moved to another stage' },
				],
				required: true,
				default: ['new_response'],
			},
			{
				displayName: 'Interview Names or IDs',
				name: 'interviewIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getInterviews' },
				default: [],
				description:
					'Start only for these interviews; none means every interview. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Only Into Stages',
				name: 'toStages',
				type: 'string',
				default: '',
				placeholder: 'e.g. Shortlisted, Rejected',
				description: 'Start a stage change only when the participant moves into one of these stages (names or IDs, separated by commas); empty means any stage',
				displayOptions: { show: { events: ['stage_change'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Fetch Participant',
						name: 'fetchParticipant',
						type: 'boolean',
						default: true,
						description: "Whether to fetch the participant for the answers, video links, transcripts and the ATS IDs stored by the invite (one request per delivery), and the interview's title (one request per interview, kept for 15 minutes)",
					},
					maxDeliveryAgeOption('created_at'),
				],
			},
		],
	};

	methods = { loadOptions: { getInterviews } };

	webhookMethods = { default: lifecycle };

	// Repeated deliveries are dropped here, where n8n's deduplication store is available.
	execute = dropRepeatedDeliveries;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		let event = '';
		const opened = await openGate(this, {
			authenticate: (context, body) => {
				const query = context.getQueryData() as IDataObject;
				const registration = registrationForToken(context, query.token);
				if (!registration) return 'Missing or wrong token';
				event = parseSubscription(registration.event).event;
				if (query.event !== event) return 'The event in the URL does not match this webhook';
				// Willo signs nothing: the delivery's own content is what makes it this one.
				return { repeatKey: `${event}:${sha256Hex(rawBody(context))}`, sentAt: Date.parse(String(body.created_at ?? '')) };
			},
			maxAgeMs: maxDeliveryAgeMs(options),
		});
		if ('refused' in opened) return opened.refused;
		const body = opened.body;
		if (!wantedEvents.call(this).includes(event)) return acknowledgeOnly();

		const reference = body.participant;
		if (!reference || typeof reference !== 'object' || !(reference as IDataObject).key) return acknowledgeOnly();
		const participantRef = reference as IDataObject;
		const interviews = chosenInterviews.call(this);
		if (interviews.length > 0 && !interviews.includes(keyOf(participantRef.interview))) return acknowledgeOnly();
		const stage = stageName(body.stage ?? participantRef.stage);
		const toStages = String(this.getNodeParameter('toStages', '') ?? '')
			.split(',')
			.map((name) => name.trim().toLowerCase())
			.filter(Boolean);
		if (event === 'stage_change' && toStages.length > 0 && !toStages.includes(String(stage).toLowerCase())) {
			return acknowledgeOnly();
		}

		const participantKey = String(participantRef.key);
		const fetched = options.fetchParticipant === false ? undefined : await getParticipant(this, participantKey);
		const source: IDataObject = { ...participantRef, ...fetched };
		if (event === 'new_score' && body.score !== undefined) {
			source.score = body.score;
			source.max_score = body.max_score ?? source.max_score;
		}
		// Without the participant, a new response is the one fact known: the answers are in.
		const status = event === 'new_response' && !fetched ? 'completed' : undefined;
		const mapped = willoResult(source, { event, status }, body);
		// Willo gives only the interview's key; a recruiter reads its title.
		const result = fetched ? await withInterviewTitle(this, mapped) : mapped;
		return {
			workflowData: [
				this.helpers.returnJsonArray([
					{
						...result,
						willoParticipantKey: participantKey,
						// For workflows that create the candidate in the ATS (pre-application screening).
						phone: stringOrNull(source.phone),
						stage: stageName(body.stage ?? source.stage),
						previousStage: stageName(body.previous_stage),
						comment: (body.comment ?? null) as IDataObject | null,
						occurredAt: toIsoDate(body.created_at),
						deliveryId: opened.deliveryId,
					},
				]),
			],
		};
	}
}

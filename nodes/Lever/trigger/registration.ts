import type { IDataObject, IExecuteFunctions, IGetNodeParameterOptions, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import type { Registration } from '../../shared/webhookRegistration';
import { registrationsOf, webhookLifecycle } from '../../shared/webhookRegistration';
import { leverList, leverRequest } from '../transport';

export const EVENTS = [
	{ name: 'Application Created', value: 'applicationCreated' },
	{ name: 'Candidate Archive Change', value: 'candidateArchiveChange' },
	{ name: 'Candidate Deleted', value: 'candidateDeleted' },
	{ name: 'Candidate Hired', value: 'candidateHired' },
	{ name: 'Candidate Stage Change', value: 'candidateStageChange' },
	{ name: 'Contact Created', value: 'contactCreated' },
	{ name: 'Contact Updated', value: 'contactUpdated' },
	{ name: 'Interview Created', value: 'interviewCreated' },
	{ name: 'Interview Deleted', value: 'interviewDeleted' },
	{ name: 'Interview Updated', value: 'interviewUpdated' },
];

/** The contexts the trigger reads its parameters in: activation, the delivery, and its execution. */
export type TriggerContext = IHookFunctions | IWebhookFunctions | IExecuteFunctions;

/**
 * A trigger parameter, read the same way in webhook() and hooks (name, fallback) and in the
 * execution (name, item, fallback): the trigger's parameters are the same for every item.
 */
export function triggerParameter(context: TriggerContext, name: string, fallback?: unknown, options?: IGetNodeParameterOptions): unknown {
	if ('getInputData' in context) return context.getNodeParameter(name, 0, fallback, options);
	return (context as IWebhookFunctions).getNodeParameter(name, fallback, options);
}

export function wantedEvents(this: TriggerContext): string[] {
	return triggerParameter(this, 'events', []) as string[];
}

function isManaged(this: IHookFunctions | IWebhookFunctions): boolean {
	return this.getNodeParameter('registration', 'api') === 'api';
}

/** Lever's webhooks API: one webhook per event, each with its own signature token. */
export const leverWebhooks = webhookLifecycle({
	isManaged,
	wantedEvents,
	async list() {
		const hooks = await leverList(this, '/webhooks', {}, { returnAll: true, limit: 0 });
		return hooks.map((hook) => ({ id: String(hook.id), url: String(hook.url), event: String(hook.event) }));
	},
	async create(url, events) {
		const registrations: Registration[] = [];
		for (const event of events) {
			const response = await leverRequest<{ data: IDataObject }>(this, {
				method: 'POST',
				path: '/webhooks',
				body: { url, event },
			});
			const configuration = (response.data.configuration ?? {}) as IDataObject;
			registrations.push({
				id: String(response.data.id),
				event,
				secret: String(configuration.signatureToken ?? ''),
			});
		}
		return registrations;
	},
	async remove(id) {
		await leverRequest(this, { method: 'DELETE', path: `/webhooks/${encodeURIComponent(id)}`, acceptStatuses: [404] });
	},
});

/**
 * The signature tokens a delivery may be signed with. Any of ours is accepted whatever the event:
 * Lever's "verify" ping says candidateHired even on a webhook registered for another event.
 */
export function signatureTokens(context: IWebhookFunctions): string[] {
	if (isManaged.call(context)) {
		return registrationsOf(context.getWorkflowStaticData('node')).map((registration) => registration.secret ?? '');
	}
	const typed = context.getNodeParameter('signatureTokens', '') as string;
	return typed.split(',').map((token) => token.trim()).filter(Boolean);
}

import type { IDataObject, IHookFunctions } from 'n8n-workflow';

/** A webhook the service holds for us. */
export interface RemoteWebhook {
	id: string;
	url: string;
	event?: string;
}

/** What a trigger keeps in its static data for each webhook it registered. */
export interface Registration {
	id: string;
	event?: string;
	/** The signing secret the service returned on creation, if it signs. */
	secret?: string;
	/** The URL it was registered for (the production or the editor's test URL). */
	url?: string;
}

/** One service's webhook API, as a trigger needs it. */
export interface WebhookRegistrar {
	/** False when the user chose to paste the URL into the service by hand. */
	isManaged(this: IHookFunctions): boolean;
	/** The events the trigger should be subscribed to, one entry each. */
	wantedEvents(this: IHookFunctions): string[];
	list(this: IHookFunctions): Promise<RemoteWebhook[]>;
	create(this: IHookFunctions, url: string, events: string[]): Promise<Registration[]>;
	/** Deletes one webhook; a webhook the service no longer has is not an error. */
	remove(this: IHookFunctions, id: string): Promise<void>;
}

interface RegistrationState extends IDataObject {
	registrations?: Registration[];
	webhookUrl?: string;
}

/** Every webhook the trigger holds, for any URL: a delivery signed with any of their secrets is ours. */
export function registrationsOf(staticData: IDataObject): Registration[] {
	const state = staticData as RegistrationState;
	// Registrations kept before they carried their URL were all for the one webhookUrl.
	return ((state.registrations ?? []) as Registration[]).map((registration) => ({ url: state.webhookUrl, ...registration }));
}

// n8n serves the editor's "Test this trigger" on /webhook-test/ and the published workflow on /webhook/.
function isTestUrl(url: string | undefined): boolean {
	return typeof url === 'string' && url.includes('/webhook-test/');
}

function sameEvents(a: Array<string | undefined>, b: string[]): boolean {
	const left = [...a].map(String).sort();
	const right = [...b].sort();
	return left.length === right.length && left.every((event, index) => event === right[index]);
}

/**
 * n8n's checkExists/create/delete for a trigger whose service registers webhooks by API: the ids
 * and signing secrets live in the node's static data, deactivation deletes what activation made.
 * n8n calls these for the editor's test URL too, on a workflow that may be published: each URL
 * kind (test, production) only ever touches its own registrations, so testing a trigger never
 * removes the webhook the published workflow receives on.
 */
export function webhookLifecycle(registrar: WebhookRegistrar) {
	const forThisUrl = (state: RegistrationState, url: string) =>
		registrationsOf(state).filter((registration) => registration.url === url);
	return {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			if (!registrar.isManaged.call(this)) return true;
			const state = this.getWorkflowStaticData('node') as RegistrationState;
			const url = this.getNodeWebhookUrl('default') as string;
			const registrations = forThisUrl(state, url);
			if (registrations.length === 0) return false;
			if (!sameEvents(registrations.map((r) => r.event), registrar.wantedEvents.call(this))) {
				return false;
			}
			const remote = await registrar.list.call(this);
			return registrations.every((registration) =>
				remote.some((hook) => hook.id === registration.id && hook.url === url),
			);
		},

		async create(this: IHookFunctions): Promise<boolean> {
			if (!registrar.isManaged.call(this)) return true;
			const state = this.getWorkflowStaticData('node') as RegistrationState;
			const url = this.getNodeWebhookUrl('default') as string;
			// Leftovers of an earlier activation of the same kind (changed URL or events) go first.
			const [stale, kept] = partition(registrationsOf(state), (registration) => isTestUrl(registration.url) === isTestUrl(url));
			for (const registration of stale) await registrar.remove.call(this, registration.id);
			const created = await registrar.create.call(this, url, registrar.wantedEvents.call(this));
			state.registrations = [...kept, ...created.map((registration) => ({ ...registration, url }))];
			delete state.webhookUrl;
			return true;
		},

		async delete(this: IHookFunctions): Promise<boolean> {
			const state = this.getWorkflowStaticData('node') as RegistrationState;
			const url = this.getNodeWebhookUrl('default') as string;
			const [mine, others] = partition(registrationsOf(state), (registration) => isTestUrl(registration.url) === isTestUrl(url));
			for (const registration of mine) await registrar.remove.call(this, registration.id);
			if (others.length > 0) state.registrations = others;
			else delete state.registrations;
			delete state.webhookUrl;
			return true;
		},
	};
}

function partition<T>(list: T[], test: (entry: T) => boolean): [T[], T[]] {
	return [list.filter(test), list.filter((entry) => !test(entry))];
}

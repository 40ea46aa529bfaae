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

export function registrationsOf(staticData: IDataObject): Registration[] {
	return ((staticData as RegistrationState).registrations ?? []) as Registration[];
}

function sameEvents(a: Array<string | undefined>, b: string[]): boolean {
	const left = [...a].map(String).sort();
	const right = [...b].sort();
	return left.length === right.length && left.every((event, index) => event === right[index]);
}

/**
 * n8n's checkExists/create/delete for a trigger whose service registers webhooks by API: the ids
 * and signing secrets live in the node's static data, deactivation deletes what activation made.
 */
export function webhookLifecycle(registrar: WebhookRegistrar) {
	return {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			if (!registrar.isManaged.call(this)) return true;
			const state = this.getWorkflowStaticData('node') as RegistrationState;
			const registrations = registrationsOf(state);
			const url = this.getNodeWebhookUrl('default') as string;
			if (registrations.length === 0 || state.webhookUrl !== url) return false;
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
			// Leftovers from an earlier activation (changed URL or events) go first.
			for (const stale of registrationsOf(state)) await registrar.remove.call(this, stale.id);
			const url = this.getNodeWebhookUrl('default') as string;
			state.registrations = await registrar.create.call(this, url, registrar.wantedEvents.call(this));
			state.webhookUrl = url;
			return true;
		},

		async delete(this: IHookFunctions): Promise<boolean> {
			const state = this.getWorkflowStaticData('node') as RegistrationState;
			for (const registration of registrationsOf(state)) {
				await registrar.remove.call(this, registration.id);
			}
			delete state.registrations;
			delete state.webhookUrl;
			return true;
		},
	};
}

/**
 * webhookLifecycle: n8n calls create/delete for the editor's test URL and for the published
 * workflow's production URL on one node's static data; each kind touches only its own.
 */
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import type { Registration, RemoteWebhook, WebhookRegistrar } from '../../../nodes/shared/webhookRegistration';
import { registrationsOf, webhookLifecycle } from '../../../nodes/shared/webhookRegistration';

const PRODUCTION = 'http://n8n.test/webhook/abc/webhook';
const TEST = 'http://n8n.test/webhook-test/abc/webhook';

/** A vendor that keeps webhooks, numbered in creation order. */
function vendor() {
	const hooks: RemoteWebhook[] = [];
	let next = 1;
	const removed: string[] = [];
	const registrar: WebhookRegistrar = {
		isManaged: () => true,
		wantedEvents: () => ['stageChange'],
		list: async () => hooks.map((hook) => ({ ...hook })),
		create: async (url: string, events: string[]): Promise<Registration[]> =>
			events.map((event) => {
				const hook = { id: `wh-${next++}`, url, event };
				hooks.push(hook);
				return { id: hook.id, event, secret: `secret-${hook.id}` };
			}),
		remove: async (id: string) => {
			removed.push(id);
			const index = hooks.findIndex((hook) => hook.id === id);
			if (index !== -1) hooks.splice(index, 1);
		},
	};
	return { registrar, hooks, removed };
}

/** The HookContext n8n builds for one URL, over the node's static data. */
const hookContext = (staticData: IDataObject, url: string) =>
	({ getWorkflowStaticData: () => staticData, getNodeWebhookUrl: () => url }) as unknown as IHookFunctions;

describe('webhookLifecycle', () => {
	it('keeps the production registration when the editor registers the test URL, and each keeps its url', async () => {
		const { registrar, hooks, removed } = vendor();
		const lifecycle = webhookLifecycle(registrar);
		const staticData: IDataObject = {};
		await lifecycle.create.call(hookContext(staticData, PRODUCTION));
		await lifecycle.create.call(hookContext(staticData, TEST));
		expect(removed).toEqual([]);
		expect(hooks.map((hook) => hook.url)).toEqual([PRODUCTION, TEST]);
		expect(staticData.registrations).toEqual([
			{ id: 'wh-1', event: 'stageChange', secret: 'secret-wh-1', url: PRODUCTION },
			{ id: 'wh-2', event: 'stageChange', secret: 'secret-wh-2', url: TEST },
		]);
		expect(staticData.webhookUrl).toBeUndefined();
		expect(await lifecycle.checkExists.call(hookContext(staticData, PRODUCTION))).toBe(true);
		expect(await lifecycle.checkExists.call(hookContext(staticData, TEST))).toBe(true);
	});

	it('deletes only the test registration when the editor stops listening', async () => {
		const { registrar, hooks, removed } = vendor();
		const lifecycle = webhookLifecycle(registrar);
		const staticData: IDataObject = {};
		await lifecycle.create.call(hookContext(staticData, PRODUCTION));
		await lifecycle.create.call(hookContext(staticData, TEST));
		await lifecycle.delete.call(hookContext(staticData, TEST));
		expect(removed).toEqual(['wh-2']);
		expect(hooks.map((hook) => hook.id)).toEqual(['wh-1']);
		expect(registrationsOf(staticData).map((registration) => registration.url)).toEqual([PRODUCTION]);
		expect(await lifecycle.checkExists.call(hookContext(staticData, PRODUCTION))).toBe(true);
	});

	it('deletes only the production registration on deactivation, keeping a test in progress', async () => {
		const { registrar, removed } = vendor();
		const lifecycle = webhookLifecycle(registrar);
		const staticData: IDataObject = {};
		await lifecycle.create.call(hookContext(staticData, PRODUCTION));
		await lifecycle.create.call(hookContext(staticData, TEST));
		await lifecycle.delete.call(hookContext(staticData, PRODUCTION));
		expect(removed).toEqual(['wh-1']);
		expect(registrationsOf(staticData).map((registration) => registration.id)).toEqual(['wh-2']);
		await lifecycle.delete.call(hookContext(staticData, TEST));
		expect(staticData).toEqual({});
	});

	it('replaces a leftover registration of the same kind on a second create', async () => {
		const { registrar, hooks, removed } = vendor();
		const lifecycle = webhookLifecycle(registrar);
		const staticData: IDataObject = {};
		await lifecycle.create.call(hookContext(staticData, PRODUCTION));
		await lifecycle.create.call(hookContext(staticData, TEST));
		await lifecycle.create.call(hookContext(staticData, PRODUCTION));
		expect(removed).toEqual(['wh-1']);
		expect(hooks.map((hook) => `${hook.id} ${hook.url}`)).toEqual([`wh-2 ${TEST}`, `wh-3 ${PRODUCTION}`]);
	});

	it('reads registrations kept before they carried a url as the old webhookUrl, and rewrites them', async () => {
		const { registrar, removed } = vendor();
		const lifecycle = webhookLifecycle(registrar);
		const staticData: IDataObject = { webhookUrl: PRODUCTION, registrations: [{ id: 'old-1', event: 'stageChange', secret: 's' }] };
		expect(registrationsOf(staticData)).toEqual([{ id: 'old-1', event: 'stageChange', secret: 's', url: PRODUCTION }]);
		await lifecycle.create.call(hookContext(staticData, TEST));
		expect(removed).toEqual([]);
		expect(staticData.webhookUrl).toBeUndefined();
		expect((staticData.registrations as Registration[]).map((registration) => registration.url)).toEqual([PRODUCTION, TEST]);
	});

	it('says a registration is missing when the vendor no longer has it', async () => {
		const { registrar, hooks } = vendor();
		const lifecycle = webhookLifecycle(registrar);
		const staticData: IDataObject = {};
		await lifecycle.create.call(hookContext(staticData, PRODUCTION));
		hooks.splice(0, 1);
		expect(await lifecycle.checkExists.call(hookContext(staticData, PRODUCTION))).toBe(false);
	});
});

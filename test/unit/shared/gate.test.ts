/**
 * openGate, the one delivery gate, through n8n-core's WebhookContext: the order of its checks, the
 * answer to a repeat, JSON types other than application/json, and what n8n keeps between calls.
 */
import type { IDataObject, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import type { DeliveryGate } from '../../../nodes/shared/deliveryGate';
import { sha256Hex } from '../../../nodes/shared/webhook';
import { openGate } from '../../../nodes/shared/deliveryGate';
import type { WebhookRequest } from '../../helpers/harness';
import { runWebhook } from '../../helpers/harness';

/** What the trigger under test does: the gate options, and whether a delivery starts an execution. */
let gate: Partial<DeliveryGate>;
let startsExecution = false;
let authenticated: IDataObject[] = [];

class GateTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gate Trigger',
		name: 'gateTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Passes deliveries through openGate',
		defaults: { name: 'Gate Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [],
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const opened = await openGate(this, {
			authenticate: (context, body) => {
				authenticated.push(body);
				const { signature } = context.getHeaderData() as IDataObject;
				if (signature !== 'good') return 'Signature does not match';
				return { repeatKey: String(body.id), sentAt: typeof body.sentAt === 'number' ? body.sentAt : undefined };
			},
			...gate,
		});
		if ('refused' in opened) return opened.refused;
		const json = { ...opened.body, deliveryId: opened.deliveryId };
		return startsExecution ? { workflowData: [[{ json }]] } : { webhookResponse: json };
	}
}

beforeEach(() => {
	gate = { maxAgeMs: 60_000 };
	startsExecution = false;
	authenticated = [];
});

const json = (body: IDataObject, headers: Record<string, string> = {}): WebhookRequest => ({ body, headers: { signature: 'good', ...headers } });

async function deliver(request: WebhookRequest, staticData: IDataObject = {}) {
	return await runWebhook(new GateTrigger(), { parameters: {}, staticData, request });
}

describe('openGate: order of checks', () => {
	it('refuses a content type no sender uses with 400, before anything reads the body or the signature', async () => {
		const { result, response } = await deliver(json({ id: 'd1', sentAt: Date.now() }, { 'content-type': 'text/plain', signature: 'bad' }));
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(400);
		expect(response.body).toEqual({ message: 'Expected Content-Type application/json' });
		expect(authenticated).toEqual([]);
	});

	it('refuses a body that is not a JSON object with 400, before authentication', async () => {
		const { response } = await deliver({ body: [1, 2], rawBody: Buffer.from('[1,2]'), headers: { signature: 'bad' } });
		expect(response.statusCode).toBe(400);
		expect(response.body).toEqual({ message: 'Expected a JSON object body' });
		expect(authenticated).toEqual([]);
	});

	it('answers 401 with the reason authentication gives, before the age check', async () => {
		const { response } = await deliver(json({ id: 'd1' }, { signature: 'bad' }));
		expect(response.statusCode).toBe(401);
		expect(response.body).toEqual({ message: 'Signature does not match' });
	});

	it('answers 401 to a delivery without a time, or outside the window, and does not remember it', async () => {
		const staticData: IDataObject = {};
		for (const sentAt of [undefined, Date.now() - 120_000, Date.now() + 120_000]) {
			const { response } = await deliver(json({ id: 'd1', sentAt }), staticData);
			expect(response.statusCode).toBe(401);
			expect(response.body).toEqual({ message: 'The delivery time is missing or outside the accepted window' });
		}
		const inTime = await deliver(json({ id: 'd1', sentAt: Date.now() }), staticData);
		expect(inTime.result.webhookResponse).toMatchObject({ id: 'd1' });
	});

	it('takes a delivery without a time where the sender sends none (no maxAgeMs)', async () => {
		gate = {};
		const { result } = await deliver(json({ id: 'd1' }));
		expect(result.webhookResponse).toEqual({ id: 'd1', deliveryId: sha256Hex('d1').slice(0, 32) });
	});
});

describe('openGate: repeats', () => {
	it('answers 401 "This delivery was received before" to a repeat of a remembered delivery', async () => {
		const staticData: IDataObject = {};
		const first = await deliver(json({ id: 'd1', sentAt: Date.now() }), staticData);
		expect(first.response.statusCode).toBeUndefined();
		const again = await deliver(json({ id: 'd1', sentAt: Date.now() }), staticData);
		expect(again.result).toEqual({ noWebhookResponse: true });
		expect(again.response.statusCode).toBe(401);
		expect(again.response.body).toEqual({ message: 'This delivery was received before' });
		const other = await deliver(json({ id: 'd2', sentAt: Date.now() }), staticData);
		expect(other.response.statusCode).toBeUndefined();
	});

	it('cannot remember a delivery that started an execution: n8n does not save that static data', async () => {
		startsExecution = true;
		const staticData: IDataObject = {};
		const first = await deliver(json({ id: 'd1', sentAt: Date.now() }), staticData);
		const again = await deliver(json({ id: 'd1', sentAt: Date.now() }), staticData);
		expect(staticData).toEqual({});
		// Both start an execution with the same deliveryId: the trigger's execute() drops the second.
		expect(first.result.workflowData?.[0][0].json.deliveryId).toBe(sha256Hex('d1').slice(0, 32));
		expect(again.result.workflowData?.[0][0].json.deliveryId).toBe(first.result.workflowData?.[0][0].json.deliveryId);
	});

	it('lets a repeat through where the trigger asked it to (refuseRepeats: false)', async () => {
		gate = { refuseRepeats: false };
		const staticData: IDataObject = {};
		await deliver(json({ id: 'd1' }), staticData);
		const again = await deliver(json({ id: 'd1' }), staticData);
		expect(again.response.statusCode).toBeUndefined();
		expect(again.result.webhookResponse).toMatchObject({ id: 'd1' });
	});

	it("answers in the sender's own error shape when the trigger gives one", async () => {
		gate = {
			maxAgeMs: 60_000,
			refuse: (context, status, reason) => {
				context.getResponseObject().status(status).json({ errors: [{ reason }] });
				return { noWebhookResponse: true };
			},
		};
		const { response } = await deliver(json({ id: 'd1' }, { signature: 'bad' }));
		expect(response.body).toEqual({ errors: [{ reason: 'Signature does not match' }] });
	});
});

describe('openGate: JSON types', () => {
	it.each(['application/hal+json', 'application/vnd.wepow+json', 'application/json; charset=utf-8'])('takes %s, reading the raw body n8n left unparsed', async (contentType) => {
		const raw = Buffer.from(JSON.stringify({ id: 'd1', sentAt: Date.now() }));
		const { result, response } = await deliver({ body: {}, rawBody: raw, headers: { 'content-type': contentType, signature: 'good' } });
		expect(response.statusCode).toBeUndefined();
		expect(result.webhookResponse).toMatchObject({ id: 'd1' });
	});

	it('refuses a body larger than 1 MiB with 400', async () => {
		const raw = Buffer.alloc(1024 * 1024 + 1, 32);
		const { response } = await deliver({ body: {}, rawBody: raw, headers: { signature: 'good' } });
		expect(response.statusCode).toBe(400);
		expect(response.body).toEqual({ message: 'The body is larger than 1048576 bytes' });
	});
});

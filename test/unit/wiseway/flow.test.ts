/**
 * The WiseWay nodes against the WiseWay simulator, over real HTTP on loopback: invite with the ATS
 * ids and the interview link, the 409 of a second workflow surfaced as the existing candidate,
 * registration of a signed webhook, a completed interview delivered to it (twice) and turned into
 * one normalised result, paging, throttling, and deletion on deactivation.
 */
import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import { WiseWayApi } from '../../../credentials/WiseWayApi.credentials';
import { WiseWay } from '../../../nodes/WiseWay/WiseWay.node';
import { WiseWayTrigger } from '../../../nodes/WiseWay/WiseWayTrigger.node';
import { getPositions } from '../../../nodes/WiseWay/methods/loadOptions';
import { createSandbox } from '../../../simulator/shared/core';
import * as wiseway from '../../../simulator/wiseway';
import type { DedupStore } from '../../helpers/harness';
import { createDedupStore, runDelivery, runNode, runWebhookMethod } from '../../helpers/harness';
import { startReceiver, type Receiver } from '../helpers/receiver';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));
const sleep = n8nWorkflow.sleep as jest.MockedFunction<typeof n8nWorkflow.sleep>;

interface Received { headers: Record<string, string>; raw: Buffer; body: IDataObject }

const POSITION: string = wiseway.SEED.positions.backendEngineer;
const credentialTypes = [new WiseWayApi()];
let sandbox: ReturnType<typeof createSandbox>;
let url: string;
let credentials: { wiseWayApi: { apiKey: string; baseUrl: string; webhookSecret?: string } };
let receiver: Receiver<Received>;
let receiverUrl: string;
const received: Received[] = [];

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
	const res = await fetch(`${url}/_control${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
	if (!res.ok) throw new Error(`${method} /_control${path} → ${res.status} ${await res.text()}`);
	return (await res.json()) as T;
}

function invite(candidate: IDataObject, dedupStore = createDedupStore(), positionId = POSITION) {
	return runNode(new WiseWay(), {
		parameters: {
			resource: 'candidate',
			operation: 'invite',
			positionId,
			name: '={{ $json.name }}',
			email: '={{ $json.email }}',
			phone: '={{ $json.phone }}',
			atsCandidateId: '={{ $json.candidateId }}',
			atsApplicationId: '={{ $json.applicationId }}',
		},
		credentials,
		credentialTypes,
		input: [{ json: candidate }],
		dedupStore,
	});
}

/** A delivery through the trigger's webhook() and, when that starts one, its execution's first step. */
function feed(delivery: Received, trigger: { parameters: IDataObject; staticData: IDataObject }, dedupStore: DedupStore = createDedupStore()) {
	return runDelivery(new WiseWayTrigger(), {
		parameters: trigger.parameters,
		credentials,
		credentialTypes,
		staticData: trigger.staticData,
		dedupStore,
		request: { body: delivery.body, rawBody: delivery.raw, headers: delivery.headers },
	});
}

/** The Position dropdown, its requests made with fetch the way n8n would after applying the credential. */
async function positionsDropdown() {
	const context = {
		getNode: () => ({ name: 'WiseWay' }),
		getCredentials: async () => credentials.wiseWayApi,
		helpers: {
			async httpRequestWithAuthentication(_type: string, options: { url: string; qs?: Record<string, string> }) {
				const target = new URL(options.url);
				for (const [key, value] of Object.entries(options.qs ?? {})) target.searchParams.set(key, String(value));
				const res = await fetch(target, { headers: { 'x-api-key': credentials.wiseWayApi.apiKey } });
				return { statusCode: res.status, headers: {}, body: await res.json() };
			},
		},
	};
	return await getPositions.call(context as unknown as ILoadOptionsFunctions);
}

beforeAll(async () => {
	sandbox = createSandbox([wiseway]);
	url = (await sandbox.listen(0, '127.0.0.1')).url;
	credentials = { wiseWayApi: { apiKey: wiseway.SECRETS.apiKey, baseUrl: url + wiseway.prefix } };
	receiver = await startReceiver<Received>({
		received,
		record: ({ headers, raw }) => ({ headers: headers as Record<string, string>, raw, body: JSON.parse(raw.toString('utf8')) as IDataObject }),
	});
	receiverUrl = receiver.url;
});
beforeEach(() => {
	sandbox.reset();
	received.length = 0;
	sleep.mockClear();
});
afterAll(async () => {
	await receiver.close();
	await sandbox.close();
});

describe('WiseWay nodes against the simulator', () => {
	it('invites, registers, receives the completed interview with the ATS ids once, and cleans up', async () => {
		const staticData: IDataObject = {};
		const trigger = { parameters: { events: ['interview.completed'], positionIds: [POSITION] }, credentials, credentialTypes, staticData, webhookUrl: receiverUrl };
		await runWebhookMethod(new WiseWayTrigger(), 'create', trigger);
		expect(await runWebhookMethod(new WiseWayTrigger(), 'checkExists', trigger)).toBe(true);

		const candidate = { name: 'Jane Doe', email: 'jane.doe@example.org', phone: '+1 415 555 0101', candidateId: '2001', applicationId: '3001' };
		const invited = await invite(candidate);
		expect(invited.error).toBeUndefined();
		const output = invited.items[0][0].json;
		expect(output).toMatchObject({ sent: true, alreadyInvited: false, status: 'invited', phone: '+14155550101', metadata: { atsCandidateId: '2001', atsApplicationId: '3001' } });
		expect(output.interviewLink).toMatch(/\/wiseway\/i\/[0-9a-f]{32}$/);

		// Another workflow (another dedup store) meets WiseWay's 409 and gets the candidate back.
		const again = await invite({ ...candidate, email: 'JANE.DOE@example.org' });
		expect(again.error).toBeUndefined();
		expect(again.items[0][0].json).toMatchObject({ id: output.id, interviewLink: output.interviewLink, alreadyInvited: true, sent: false });
		expect(await control<unknown[]>('GET', '/wiseway/candidates')).toHaveLength(1);

		await control('POST', '/wiseway/settings', { duplicateDeliveries: true });
		const done = await control<{ deliveries: Array<{ status: number }> }>('POST', '/wiseway/complete', { candidateId: output.id, rating: 5 });
		expect(done.deliveries.map((d) => d.status)).toEqual([200, 200]);
		expect(received).toHaveLength(2);

		const executions = createDedupStore();
		const first = await feed(received[0], trigger, executions);
		expect(first.response.statusCode).toBeUndefined();
		expect(first.items).toHaveLength(1);
		expect(first.items[0].json).toMatchObject({
			vendor: 'wiseWay',
			event: 'interview.completed',
			status: 'completed',
			candidate: { email: 'jane.doe@example.org', name: 'Jane Doe' },
			ats: { candidateId: '2001', applicationId: '3001' },
			assessment: { id: POSITION, name: 'Senior Backend Engineer' },
			score: 5,
			wiseWayCandidateId: output.id,
			interviewLink: output.interviewLink,
		});
		// The repeat is answered 200 and stops at the trigger: the workflow runs once.
		const second = await feed(received[1], trigger, executions);
		expect(second.response.statusCode).toBeUndefined();
		expect(second.items).toEqual([]);

		const forged = await feed({ ...received[0], raw: Buffer.from(received[0].raw.toString('utf8').replace('"rating":5', '"rating":1')) }, trigger);
		expect(forged.response.statusCode).toBe(401);

		await runWebhookMethod(new WiseWayTrigger(), 'delete', trigger);
		expect(await control<unknown[]>('GET', '/wiseway/webhooks')).toEqual([]);
	});

	it('verifies with the credential secret when WiseWay gives none on creation', async () => {
		await control('POST', '/wiseway/settings', { returnSecretOnCreate: false });
		const staticData: IDataObject = {};
		const trigger = { parameters: { events: ['candidate.created'] }, credentials, credentialTypes, staticData, webhookUrl: receiverUrl };
		await expect(runWebhookMethod(new WiseWayTrigger(), 'create', trigger)).rejects.toThrow('WiseWay returned no signing secret');
		expect(await control<unknown[]>('GET', '/wiseway/webhooks')).toEqual([]);

		credentials.wiseWayApi.webhookSecret = wiseway.SECRETS.webhookSecret;
		try {
			await runWebhookMethod(new WiseWayTrigger(), 'create', { ...trigger, credentials });
			await invite({ name: 'Sam Lee', email: 'sam.lee@example.org' }, createDedupStore(), wiseway.SEED.positions.customerSupport);
			const { result } = await feed(received[0], trigger);
			expect(result.workflowData![0][0].json).toMatchObject({ event: 'candidate.created', status: 'invited', candidateStatus: 'created', ats: { applicationId: null } });
		} finally {
			delete credentials.wiseWayApi.webhookSecret;
		}
	});

	it("pages through a position's candidates and waits out a 429", async () => {
		for (let n = 0; n < 103; n++) {
			expect((await invite({ name: `Candidate ${n}`, email: `c${n}@example.org`, applicationId: `${4000 + n}` })).error).toBeUndefined();
		}
		await control('POST', '/faults', { service: 'wiseway', nextRequests: 1, kind: '429-retry-after', retryAfterSeconds: 2 });
		const { items, error } = await runNode(new WiseWay(), {
			parameters: { resource: 'candidate', operation: 'getMany', simple: false, positionId: POSITION, returnAll: true },
			credentials,
			credentialTypes,
		});
		expect(error).toBeUndefined();
		expect(items[0].map((item) => item.json.name)).toEqual(Array.from({ length: 103 }, (_, n) => `Candidate ${n}`));
		expect(sleep).toHaveBeenCalledWith(2000);
		const pages = (await control<Array<{ path: string; query: IDataObject; status: number }>>('GET', '/requests?service=wiseway'))
			.filter((request) => request.path.endsWith('/candidates') && request.status === 200)
			.slice(-2)
			.map((request) => request.query);
		expect(pages).toEqual([{ page: '1', limit: '100' }, { page: '2', limit: '100' }]);
		// 103 invites through n8n's engine first: allow for a busy machine.
	}, 30_000);

	it('answers a bad phone with the expected form and sends nothing', async () => {
		const { error } = await invite({ name: 'Pat Phone', email: 'pat@example.org', phone: '07700 900123' });
		expect(error!.description).toContain('+14155550100');
		expect(await control<unknown[]>('GET', '/wiseway/candidates')).toEqual([]);
	});

	it('creates, updates and deletes a position and lists it in the dropdown', async () => {
		const run = (parameters: IDataObject) => runNode(new WiseWay(), { parameters, credentials, credentialTypes });
		const created = await run({ resource: 'position', operation: 'create', title: 'Platform Engineer', additionalFields: { questions: { question: [{ text: 'Why?', type: 'text' }] } } });
		const id = created.items[0][0].json.id as string;
		expect(created.items[0][0].json).toMatchObject({ title: 'Platform Engineer', questions: [{ text: 'Why?', type: 'text', order: 1 }] });
		const updated = await run({ resource: 'position', operation: 'update', positionId: id, updateFields: { status: 'closed' } });
		expect(updated.items[0][0].json).toMatchObject({ id, title: 'Platform Engineer', status: 'closed' });
		expect(await positionsDropdown()).toEqual([
			{ name: 'Customer Support Specialist', value: wiseway.SEED.positions.customerSupport },
			{ name: 'Platform Engineer (closed)', value: id },
			{ name: 'Senior Backend Engineer', value: POSITION },
			{ name: 'Summer Internship 2025 (closed)', value: wiseway.SEED.positions.summerInternship },
		]);
		await run({ resource: 'position', operation: 'delete', positionId: id });
		const all = await run({ resource: 'position', operation: 'getMany', simple: false, returnAll: true });
		expect(all.items[0].map((item) => item.json.title)).toEqual(['Senior Backend Engineer', 'Customer Support Specialist', 'Summer Internship 2025']);
	});
});

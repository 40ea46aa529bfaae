/**
 * The Wepow nodes against the Wepow simulator, over real HTTP on loopback: find-or-create of the
 * position for an ATS job (also when runs race), invitations once per application (node memory
 * and Wepow's never-twice rule), 25 in bulk, the tokenised notification registered, delivered,
 * re-read for a fresh single-use review link, and deleted on deactivation.
 */
import type { IDataObject } from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import { WepowApi } from '../../../credentials/WepowApi.credentials';
import { Wepow } from '../../../nodes/Wepow/Wepow.node';
import { WepowTrigger } from '../../../nodes/Wepow/WepowTrigger.node';
import { createSandbox } from '../../../simulator/shared/core';
import * as wepow from '../../../simulator/wepow';
import { createDedupStore, runNode, runWebhook, runWebhookMethod } from '../../helpers/harness';
import { startReceiver, type Receiver } from '../helpers/receiver';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));
const sleep = n8nWorkflow.sleep as jest.MockedFunction<typeof n8nWorkflow.sleep>;

interface Received { url: string; body: IDataObject }
type Json = Record<string, any>;

const POSITION = wepow.SEED.interviews.backendEngineer;
const credentialTypes = [new WepowApi()];
let sandbox: ReturnType<typeof createSandbox>;
let url: string;
let credentials: { wepowApi: Record<string, string> };
let receiver: Receiver<Received>;
let receiverUrl: string;
const received: Received[] = [];

async function control(method: string, path: string, body?: unknown): Promise<any> {
	const res = await fetch(`${url}/_control${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
	if (!res.ok) throw new Error(`${method} /_control${path} → ${res.status} ${await res.text()}`);
	return res.json();
}

const jane = { email: 'jane.doe@example.org', firstName: 'Jane', lastName: 'Doe', applicationId: '3001', jobId: '1001', jobTitle: 'Senior Backend Engineer' };
const candidateParameters = {
	email: '={{ $json.email }}',
	firstName: '={{ $json.firstName }}',
	lastName: '={{ $json.lastName }}',
	atsApplicationId: '={{ $json.applicationId }}',
};

function wepowNode(parameters: Record<string, unknown>, input: IDataObject[] = [jane], dedupStore = createDedupStore()) {
	return runNode(new Wepow(), { parameters, credentials, credentialTypes, input: input.map((json) => ({ json })), dedupStore });
}

beforeAll(async () => {
	sandbox = createSandbox([wepow]);
	url = (await sandbox.listen(0, '127.0.0.1')).url;
	credentials = { wepowApi: { subdomain: wepow.SECRETS.subdomain, email: wepow.SECRETS.email, apiKey: wepow.SECRETS.apiKey, baseUrl: url + wepow.prefix } };
	receiver = await startReceiver<Received>({
		received,
		record: ({ url, raw }) => ({ url, body: JSON.parse(raw.toString('utf8')) as IDataObject }),
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

describe('Wepow against the simulator', () => {
	it('finds the position of a job that has one, and creates one from the template once for a job that has none', async () => {
		const existing = await wepowNode({ resource: 'position', operation: 'findOrCreate', atsJobId: '1001', templateId: wepow.SEED.templates.engineering, name: 'ignored' });
		expect(existing.items[0][0].json).toMatchObject({ id: Number(POSITION), created: false });

		const parameters = { resource: 'position', operation: 'findOrCreate', atsJobId: '1002', templateId: wepow.SEED.templates.engineering, name: 'Data Analyst' };
		const created = await wepowNode(parameters);
		expect(created.error).toBeUndefined();
		expect(created.items[0][0].json).toMatchObject({ name: 'Data Analyst', external_id: '1002', created: true });
		const again = await wepowNode(parameters);
		expect(again.items[0][0].json).toMatchObject({ id: created.items[0][0].json.id, created: false });
		expect((await control('GET', '/wepow/interviews')).filter((i: Json) => i.external_id === '1002')).toHaveLength(1);
	});

	it('settles runs racing to create the same position on one of them', async () => {
		const parameters = { resource: 'position', operation: 'findOrCreate', atsJobId: '1003', templateId: wepow.SEED.templates.standard, name: 'Support Lead' };
		const runs = await Promise.all(Array.from({ length: 5 }, () => wepowNode(parameters)));
		const ids = new Set(runs.map((run) => run.items[0][0].json.id));
		expect(ids.size).toBe(1);
	});

	it('invites once: the node remembers, and Wepow itself never sends twice', async () => {
		const parameters = { resource: 'invitation', operation: 'send', positionId: POSITION, ...candidateParameters };
		const dedupStore = createDedupStore();
		const first = await wepowNode(parameters, [jane], dedupStore);
		expect(first.items[0][0].json).toMatchObject({ sent: true, alreadyInvited: false, atsApplicationId: '3001', previousInterviewsCount: 0 });
		sandbox.state.requests.length = 0;
		const rerun = await wepowNode(parameters, [jane], dedupStore);
		expect(rerun.items[0][0].json).toMatchObject({ sent: false, alreadyInvited: true });
		expect(sandbox.state.requests).toHaveLength(0);
		// Another workflow (its own memory) asking again gets Wepow's answer, and no second e-mail.
		const elsewhere = await wepowNode(parameters);
		expect(elsewhere.items[0][0].json).toMatchObject({ sent: false, alreadyInvited: true, applicationId: first.items[0][0].json.applicationId });
		const applications = await control('GET', '/wepow/applications');
		expect(applications).toHaveLength(1);
		expect(applications[0]).toMatchObject({ emailsSent: 1, external_id: '3001', email: 'jane.doe@example.org' });
	});

	it('invites 25 candidates in one bulk call, and none twice', async () => {
		const people = Array.from({ length: 25 }, (_unused, index) => ({
			email: `candidate${index}@example.org`, firstName: 'Candidate', lastName: String(index), applicationId: String(6000 + index),
		}));
		const parameters = { resource: 'invitation', operation: 'bulkSend', positionId: POSITION, ...candidateParameters };
		const dedupStore = createDedupStore();
		const { items, error } = await wepowNode(parameters, people, dedupStore);
		expect(error).toBeUndefined();
		expect(items[0].filter((item) => item.json.sent === true)).toHaveLength(25);
		expect(sandbox.state.requests.filter((r: Json) => r.path.endsWith('/applications/bulk'))).toHaveLength(1);

		await wepowNode(parameters, people, dedupStore);
		const fresh = await wepowNode(parameters, people);
		expect(fresh.items[0].every((item) => item.json.alreadyInvited === true)).toBe(true);
		const applications = await control('GET', '/wepow/applications');
		expect(applications).toHaveLength(25);
		expect(applications.every((a: Json) => a.emailsSent === 1)).toBe(true);
	});

	it('resends explicitly and reads an application', async () => {
		const sent = await wepowNode({ resource: 'invitation', operation: 'send', positionId: POSITION, ...candidateParameters });
		const applicationId = String(sent.items[0][0].json.applicationId);
		await wepowNode({ resource: 'invitation', operation: 'resend', applicationId });
		expect((await control('GET', '/wepow/applications'))[0].emailsSent).toBe(2);
		const read = await wepowNode({ resource: 'application', operation: 'get', simple: false, applicationId });
		expect(read.items[0][0].json).toMatchObject({ vendor: 'wepow', status: 'invited', wepowStatus: 'sent', ats: { applicationId: '3001' } });
	});

	it('retries through injected 429s', async () => {
		await control('POST', '/faults', { service: 'wepow', nextRequests: 2, kind: '429-retry-after', retryAfterSeconds: 2 });
		const { items, error } = await wepowNode({ resource: 'interviewTemplate', operation: 'getMany', simple: false, returnAll: true });
		expect(error).toBeUndefined();
		expect(items[0]).toHaveLength(3);
		expect(sleep).toHaveBeenCalledWith(2000);
	});

	it('registers the notification, turns a completion into the result with a fresh review link, and deletes it', async () => {
		const staticData: IDataObject = {};
		const hook = { parameters: { statuses: ['completed'] }, credentials, credentialTypes, staticData, webhookUrl: receiverUrl };
		await runWebhookMethod(new WepowTrigger(), 'create', hook);
		const [notification] = await control('GET', '/wepow/notifications');
		expect(notification.callback_url).toMatch(/\?token=[0-9a-f]{64}$/);
		expect(await runWebhookMethod(new WepowTrigger(), 'checkExists', hook)).toBe(true);

		await wepowNode({ resource: 'invitation', operation: 'send', positionId: POSITION, ...candidateParameters });
		await control('POST', '/wepow/complete', { externalId: '3001', evaluationStatus: 'approved' });
		expect(received).toHaveLength(1);
		const query = Object.fromEntries(new URL(received[0].url, 'http://n8n.invalid').searchParams);
		const { result } = await runWebhook(new WepowTrigger(), {
			parameters: { statuses: ['completed'] },
			credentials,
			credentialTypes,
			staticData,
			request: { body: received[0].body, query },
		});
		const output = result.workflowData![0][0].json;
		expect(output).toMatchObject({
			vendor: 'wepow',
			status: 'completed',
			candidate: { email: 'jane.doe@example.org', name: 'Jane Doe' },
			ats: { applicationId: '3001' },
			assessment: { id: POSITION, name: 'Senior Backend Engineer' },
			evaluationStatus: 'approved',
			atsJobId: '1001',
		});
		// The limited-access link works once, for the recruiter who opens it from the ATS.
		const link = String(output.limitedAccessUrl);
		expect((await fetch(link)).status).toBe(200);
		expect((await fetch(link)).status).toBe(410);

		// A wrong token starts nothing.
		const rejected = await runWebhook(new WepowTrigger(), {
			parameters: { statuses: ['completed'] }, credentials, credentialTypes, staticData,
			request: { body: received[0].body, query: { token: 'f'.repeat(64) } },
		});
		expect(rejected.response.statusCode).toBe(401);

		await runWebhookMethod(new WepowTrigger(), 'delete', hook);
		expect(await control('GET', '/wepow/notifications')).toEqual([]);
	});
});

/**
 * Most Resends on the Resend operations whose vendor moves the send date (Wepow, WiseWay), and
 * Wepow's Application → Get Many that the reminder template lists with, against the simulators.
 */
import type { IDataObject } from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import { WepowApi } from '../../../credentials/WepowApi.credentials';
import { WiseWayApi } from '../../../credentials/WiseWayApi.credentials';
import { Wepow } from '../../../nodes/Wepow/Wepow.node';
import { WiseWay } from '../../../nodes/WiseWay/WiseWay.node';
import { createSandbox } from '../../../simulator/shared/core';
import * as wepow from '../../../simulator/wepow';
import * as wiseway from '../../../simulator/wiseway';
import { createDedupStore, runNode } from '../../helpers/harness';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));
void n8nWorkflow;

type Json = Record<string, any>;
jest.setTimeout(30_000);

let sandbox: ReturnType<typeof createSandbox>;
let url: string;

beforeAll(async () => {
	sandbox = createSandbox([wepow, wiseway]);
	url = (await sandbox.listen(0, '127.0.0.1')).url;
});
beforeEach(() => sandbox.reset());
afterAll(async () => await sandbox.close());

const wepowCredentials = () => ({ wepowApi: { subdomain: wepow.SECRETS.subdomain, email: wepow.SECRETS.email, apiKey: wepow.SECRETS.apiKey, baseUrl: url + wepow.prefix } });
const wiseWayCredentials = () => ({ wiseWayApi: { apiKey: wiseway.SECRETS.apiKey, baseUrl: url + wiseway.prefix } });

async function wepowNode(parameters: IDataObject, dedupStore = createDedupStore()) {
	const { items, error } = await runNode(new Wepow(), { parameters, credentials: wepowCredentials(), credentialTypes: [new WepowApi()], input: [{ json: {} }], dedupStore });
	expect(error).toBeUndefined();
	return items[0].map((item) => item.json as Json);
}

async function invitedToWepow(email: string): Promise<string> {
	const [sent] = await wepowNode({ resource: 'invitation', operation: 'send', positionId: wepow.SEED.interviews.backendEngineer, email, firstName: 'Jane', lastName: 'Doe', atsApplicationId: `ext-${email}` });
	return sent.applicationId as string;
}

describe('Wepow: Application → Get Many', () => {
	it("lists a position's applications as summaries with status, send date and the candidate's e-mail", async () => {
		await invitedToWepow('a@example.com');
		await invitedToWepow('b@example.com');
		const rows = await wepowNode({ resource: 'application', operation: 'getMany', positionId: wepow.SEED.interviews.backendEngineer, returnAll: true, simple: false });
		expect(rows.map((row) => row.candidate.email).sort()).toEqual(['a@example.com', 'b@example.com']);
		expect(rows[0]).toMatchObject({ status: 'sent', positionId: wepow.SEED.interviews.backendEngineer });
		expect(Date.parse(rows[0].dateSent)).not.toBeNaN();
	});
});

describe('Most Resends', () => {
	it('Wepow: resends an application at most that often across runs, then answers limitReached without a request', async () => {
		const id = await invitedToWepow('jane@example.com');
		const dedupStore = createDedupStore();
		const resend = async () => (await wepowNode({ resource: 'invitation', operation: 'resend', applicationId: id, maxResends: 2 }, dedupStore))[0];
		expect(await resend()).toMatchObject({ resent: true, resendNumber: 1 });
		expect(await resend()).toMatchObject({ resent: true, resendNumber: 2 });
		const posts = () => (sandbox.state.requests as Json[]).filter((request) => request.method === 'POST' && /\/resend$/.test(request.path)).length;
		const before = posts();
		expect(await resend()).toEqual({ applicationId: id, resent: false, limitReached: true, maxResends: 2 });
		expect(posts()).toBe(before);
		const application = [...(sandbox.state.service('wepow') as Json).applications.values()].find((a: Json) => String(a.id) === id);
		expect(application.resentAt).toHaveLength(2);
	});

	it('Wepow: a refused resend (completed) does not use up a number', async () => {
		const id = await invitedToWepow('done@example.com');
		await fetch(`${url}/_control/wepow/complete`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ applicationId: id }) });
		const dedupStore = createDedupStore();
		const { error } = await runNode(new Wepow(), {
			parameters: { resource: 'invitation', operation: 'resend', applicationId: id, maxResends: 1 },
			credentials: wepowCredentials(),
			credentialTypes: [new WepowApi()],
			input: [{ json: {} }],
			dedupStore,
		});
		expect(error?.message).toMatch(/422/);
		// Opened again (as if the completion were undone): the one allowed resend is still there.
		const application = [...(sandbox.state.service('wepow') as Json).applications.values()].find((a: Json) => String(a.id) === id);
		application.status = 'sent';
		expect((await wepowNode({ resource: 'invitation', operation: 'resend', applicationId: id, maxResends: 1 }, dedupStore))[0]).toMatchObject({ resent: true, resendNumber: 1 });
	});

	it('WiseWay: re-invites at most that often across runs, then answers limitReached', async () => {
		const parameters = { resource: 'candidate', operation: 'resend', positionId: wiseway.SEED.positions.backendEngineer, name: 'Jane Doe', email: 'jane@example.com', maxResends: 1 };
		const dedupStore = createDedupStore();
		const run = async () => {
			const { items, error } = await runNode(new WiseWay(), { parameters, credentials: wiseWayCredentials(), credentialTypes: [new WiseWayApi()], input: [{ json: {} }], dedupStore });
			expect(error).toBeUndefined();
			return items[0][0].json as Json;
		};
		expect(await run()).toMatchObject({ resent: true, resendNumber: 1 });
		expect(await run()).toMatchObject({ resent: false, limitReached: true, maxResends: 1 });
		const posts = (sandbox.state.requests as Json[]).filter((request) => request.method === 'POST' && /\/candidates$/.test(request.path));
		expect(posts).toHaveLength(1);
	});
});

describe('Wepow: Application → Get Many with Simplify (the default for a node added now)', () => {
	it('gives the few fields: id, status, e-mail, position, dates, ATS id and review link', async () => {
		const applicationId = await invitedToWepow('c@example.com');
		const [row] = await wepowNode({ resource: 'application', operation: 'getMany', positionId: wepow.SEED.interviews.backendEngineer, returnAll: true });
		expect(Object.keys(row).sort()).toEqual(['atsApplicationId', 'dateCompleted', 'dateSent', 'email', 'id', 'link', 'positionId', 'status']);
		expect(row).toMatchObject({ id: applicationId, status: 'sent', email: 'c@example.com', positionId: wepow.SEED.interviews.backendEngineer, atsApplicationId: 'ext-c@example.com' });
	});
});

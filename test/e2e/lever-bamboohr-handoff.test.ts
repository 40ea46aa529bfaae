/**
 * The hired → HRMS hand-off, in a real n8n against the simulator, with the template exactly as
 * shipped: Lever "Candidate Hired" → once per hire → Lever posting → WeCP talent pool → n8n's own
 * BambooHR node creating the employee.
 *
 * n8n's BambooHR node always calls https://api.bamboohr.com. The suite imports a BambooHR
 * credential (n8n's bambooHrApi type, dummy values, the id the template references) and starts
 * n8n with its standard HTTPS_PROXY pointing at a local proxy that ends TLS for that one host with
 * a throwaway certificate n8n trusts (NODE_EXTRA_CA_CERTS) and hands the calls to the BambooHR
 * simulator; everything else stays direct (NO_PROXY) or is refused. Without the openssl command
 * (no certificate), the suite runs without the proxy and checks instead that the BambooHR node got
 * the expected parameters and failed only for want of a network.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Environment } from './environment';
import { startEnvironment } from './environment';

const { SEED, SANDBOX_SECRETS } = require('../../simulator');
const { canMakeCertificates, startBambooHrProxy } = require('../../simulator/bamboohr-proxy');

jest.setTimeout(120_000);

const WORKFLOW = 'AtsLeverToBamboo';
const VIA_PROXY = canMakeCertificates() && process.env.ATS_E2E_BAMBOOHR_PROXY !== 'off';
const BAMBOOHR_CREDENTIAL = {
	service: 'bamboohr',
	id: 'AtsBambooHrCred1',
	name: 'BambooHR account',
	type: 'bambooHrApi',
	builtIn: true,
	data: ({ secrets }: { secrets: Record<string, string> }) => ({ subdomain: secrets.subdomain, apiKey: secrets.apiKey }),
};

let env: Environment;
let proxy: { url: string; caFile: string; connects: string[]; close(): Promise<void> } | undefined;
const certDir = mkdtempSync(join(tmpdir(), 'ats-bamboohr-'));

async function control<T = any>(method: string, path: string, body?: unknown): Promise<T> {
	return await env.control<T>(method, path, body);
}

async function hire(name: string, email: string) {
	const candidate = await control<{ id: string; contact: string }>('POST', '/lever/opportunities', {
		name,
		email,
		phone: '+14155550100',
		postingId: SEED.lever.postings.backendEngineer,
		stageId: SEED.lever.stages.offer,
	});
	const moved = await control<{ deliveries: Array<{ event: string; status: number }> }>('POST', `/lever/opportunities/${candidate.id}/stage`, {
		stageId: SEED.lever.stages.hiredReady,
	});
	return { candidate, moved };
}

beforeAll(async () => {
	env = await startEnvironment(['lever-hired-to-bamboohr.json'], [], {
		extraCredentials: [BAMBOOHR_CREDENTIAL],
		n8nEnv: async (sandbox): Promise<Record<string, string>> => {
			if (!VIA_PROXY) return {};
			proxy = await startBambooHrProxy({ sandboxUrl: sandbox.url, dir: certDir });
			return { HTTPS_PROXY: proxy!.url, https_proxy: proxy!.url, NO_PROXY: '127.0.0.1,localhost,::1', no_proxy: '127.0.0.1,localhost,::1', NODE_EXTRA_CA_CERTS: proxy!.caFile };
		},
	});
}, 20 * 60_000);

afterAll(async () => {
	await env?.stop();
	await proxy?.close();
	rmSync(certDir, { recursive: true, force: true });
});

describe('Lever hired → WeCP talent pool and BambooHR employee in a real n8n', () => {
	it('is published with the BambooHR credential and registered a Lever webhook for Candidate Hired only', async () => {
		const hooks = await control<Array<Record<string, string>>>('GET', '/lever/webhooks');
		expect(hooks.map((hook) => hook.event)).toEqual(['candidateHired']);
		expect(hooks[0].url).toMatch(/\/webhook\/22a01d57-b05a-43f4-8ec8-4027fe9bb4cd\/webhook$/);
	});

	it('resolves the hired candidate and the posting, adds them to the pool and hands them to BambooHR', async () => {
		const { candidate, moved } = await hire('Jane Doe Smith', 'jane.smith@example.com');
		// The stage change itself is not subscribed; only the hire reaches n8n.
		expect(moved.deliveries.map((delivery) => [delivery.event, delivery.status])).toEqual([['candidateHired', 200]]);
		const [execution] = await env.waitForExecutions(WORKFLOW, 1);
		const detail = await env.client.getExecution(execution.id);

		// Lever resolution: the trigger fetched the opportunity, Get Posting the posting.
		const [hired] = detail.nodes['Lever Trigger'].output[0];
		expect(hired).toMatchObject({
			event: 'candidateHired',
			applicationId: candidate.id,
			candidateId: candidate.contact,
			name: 'Jane Doe Smith',
			email: 'jane.smith@example.com',
			phone: '+14155550100',
			jobId: SEED.lever.postings.backendEngineer,
		});
		expect(detail.nodes['Get Posting'].output[0][0]).toMatchObject({ text: 'Senior Backend Engineer', categories: { department: 'R&D' } });

		// WeCP talent pool, with the Lever ids as metadata.
		const pools = await control<Array<Record<string, any>>>('GET', '/wecp/talentPools');
		const pool = pools.find((entry) => entry.poolId === SEED.wecp.talentPools.hiredEngineers)!;
		expect(pool.candidates).toHaveLength(1);
		expect(pool.candidates[0]).toMatchObject({
			name: 'Jane Doe Smith',
			email: 'jane.smith@example.com',
			metadata: { candidateId: candidate.contact, applicationId: candidate.id, source: 'Lever: hired as Senior Backend Engineer' },
		});

		// The BambooHR node ran with the template's parameters, resolved for this candidate.
		const bamboo = detail.workflowData.nodes.find((node: { name: string }) => node.name === 'Create BambooHR Employee');
		expect(bamboo).toMatchObject({ type: 'n8n-nodes-base.bambooHr', credentials: { bambooHrApi: { id: 'AtsBambooHrCred1' } } });
		expect(bamboo.parameters).toMatchObject({ resource: 'employee', operation: 'create', synced: false });
		const hireDate = String(hired.occurredAt).slice(0, 10);

		if (VIA_PROXY) {
			expect(execution.status).toBe('success');
			expect(detail.nodes['Create BambooHR Employee'].output[0]).toEqual([{ id: '101' }]);
			const [employee] = await control<Array<Record<string, any>>>('GET', '/bamboohr/employees');
			// n8n's node always sends an (empty) address object.
			expect(employee.fields).toEqual({ firstName: 'Jane', lastName: 'Doe Smith', hireDate, mobilePhone: '+14155550100', address: {} });
			const [request] = (env.sandbox.state.requests as Array<Record<string, any>>).filter((entry) => entry.service === 'bamboohr');
			expect(request).toMatchObject({ method: 'POST', path: `/api/gateway.php/${SANDBOX_SECRETS.bamboohr.subdomain}/v1/employees` });
			expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${SANDBOX_SECRETS.bamboohr.apiKey}:x`).toString('base64')}`);
			expect(proxy!.connects).toContain('api.bamboohr.com:443');
		} else {
			// No way to api.bamboohr.com here: the node must fail on the network, not on its input.
			expect(execution.status).toBe('error');
			expect(detail.lastNodeExecuted).toBe('Create BambooHR Employee');
			const error = detail.nodes['Create BambooHR Employee'].error;
			expect(JSON.stringify(error)).toMatch(/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ENETUNREACH|getaddrinfo|socket hang up|timeout/i);
			expect(JSON.stringify(error)).not.toMatch(/required|invalid|issue/i);
		}
	});

	it('hands a hire over once: a second Candidate Hired for the same opportunity runs nothing downstream', async () => {
		const before = await control<Array<unknown>>('GET', '/bamboohr/employees');
		const opportunities = await control<Array<Record<string, any>>>('GET', '/lever/opportunities');
		const jane = opportunities.find((opportunity) => opportunity.name === 'Jane Doe Smith')!;
		// Lever also sends Candidate Hired when the candidate is archived as hired: a new, validly signed delivery.
		const sent = await control<{ deliveries: Array<{ status: number }> }>('POST', '/lever/deliver', {
			event: 'candidateHired',
			data: { opportunityId: jane.id, candidateId: jane.id, contactId: jane.contact },
		});
		expect(sent.deliveries.map((delivery) => delivery.status)).toEqual([200]);
		const executions = await env.waitForExecutions(WORKFLOW, 2);
		const latest = executions.sort((a, b) => Number(b.id) - Number(a.id))[0];
		expect(latest.status).toBe('success');
		const detail = await env.client.getExecution(latest.id);
		expect(detail.nodes['Once per Hire'].output[0]).toEqual([]);
		expect(detail.nodes['Create BambooHR Employee']).toBeUndefined();
		expect(await control<Array<unknown>>('GET', '/bamboohr/employees')).toHaveLength(before.length);
		const pools = await control<Array<Record<string, any>>>('GET', '/wecp/talentPools');
		expect(pools.find((entry) => entry.poolId === SEED.wecp.talentPools.hiredEngineers)!.candidates).toHaveLength(1);
	});
});

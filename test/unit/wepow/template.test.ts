/**
 * workflows-templates/wepow-result-to-icims-update.json, node by node with its own parameters,
 * against the iCIMS and Wepow simulators: a completed Wepow interview of iCIMS applicant workflow
 * 3001 (Jane Doe, job 1001) writes Interview Status, URL (the limited-access link) and Date/Time.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { IDataObject } from 'n8n-workflow';
import { IcimsApi } from '../../../credentials/IcimsApi.credentials';
import { WepowApi } from '../../../credentials/WepowApi.credentials';
import { Icims } from '../../../nodes/Icims/Icims.node';
import { Wepow } from '../../../nodes/Wepow/Wepow.node';
import { WepowTrigger } from '../../../nodes/Wepow/WepowTrigger.node';
import { createSandbox } from '../../../simulator/shared/core';
import * as icims from '../../../simulator/icims';
import * as wepow from '../../../simulator/wepow';
import { createDedupStore, runNode, runWebhook, runWebhookMethod } from '../../helpers/harness';
import { startReceiver, type Receiver } from '../helpers/receiver';

interface TemplateNode { name: string; type: string; parameters: Record<string, unknown>; disabled?: boolean; credentials?: Record<string, { id: string }> }

const template = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'workflows-templates', 'wepow-result-to-icims-update.json'), 'utf8')) as {
	id: string;
	nodes: TemplateNode[];
};
const node = (type: string) => template.nodes.find((candidate) => candidate.type === type)!;

let sandbox: ReturnType<typeof createSandbox>;
let url: string;
let receiver: Receiver<{ url: string; body: IDataObject }>;
let receiverUrl: string;
const received: Array<{ url: string; body: IDataObject }> = [];

async function control(method: string, path: string, body?: unknown): Promise<any> {
	const res = await fetch(`${url}/_control${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
	if (!res.ok) throw new Error(`${method} /_control${path} → ${res.status} ${await res.text()}`);
	return res.json();
}

beforeAll(async () => {
	sandbox = createSandbox([icims, wepow]);
	url = (await sandbox.listen(0, '127.0.0.1')).url;
	receiver = await startReceiver({
		received,
		record: ({ url, raw }) => ({ url, body: JSON.parse(raw.toString('utf8')) as IDataObject }),
	});
	receiverUrl = receiver.url;
});
afterAll(async () => {
	await receiver.close();
	await sandbox.close();
});

describe('template: Wepow result → iCIMS update', () => {
	it('uses the fixed ids and keeps the e-mail node off until the user turns it on', () => {
		expect(template.id).toBe('AtsWepowToIcims1');
		expect(node('n8n-nodes-ats-assessments.wepowTrigger').credentials).toEqual({ wepowApi: { id: 'AtsWepowApiCred1', name: 'Wepow account' } });
		expect(node('n8n-nodes-ats-assessments.icims').credentials).toEqual({ icimsApi: { id: 'AtsIcimsApiCred1', name: 'iCIMS account' } });
		expect(node('n8n-nodes-base.emailSend').disabled).toBe(true);
	});

	it('writes Interview Status, the limited-access URL and Date/Time to the applicant workflow', async () => {
		const wepowCredentials = { wepowApi: { subdomain: wepow.SECRETS.subdomain, email: wepow.SECRETS.email, apiKey: wepow.SECRETS.apiKey, baseUrl: url + wepow.prefix } };
		const icimsCredentials = {
			icimsApi: { customerId: icims.SECRETS.customerId, authentication: 'basic', username: icims.SECRETS.username, password: icims.SECRETS.password, environment: 'custom', baseUrl: url + icims.prefix },
		};
		const workflowId = icims.SEED.workflows.janeBackend;
		// What the invite workflow left behind: Jane invited with her applicant workflow id.
		await runNode(new Wepow(), {
			parameters: { resource: 'invitation', operation: 'send', positionId: wepow.SEED.interviews.backendEngineer, email: 'jane.doe@example.org', firstName: 'Jane', lastName: 'Doe', atsApplicationId: workflowId },
			credentials: wepowCredentials,
			credentialTypes: [new WepowApi()],
			dedupStore: createDedupStore(),
		});

		const trigger = node('n8n-nodes-ats-assessments.wepowTrigger');
		const staticData: IDataObject = {};
		const common = { parameters: trigger.parameters, credentials: wepowCredentials, credentialTypes: [new WepowApi()], staticData };
		await runWebhookMethod(new WepowTrigger(), 'create', { ...common, webhookUrl: receiverUrl });
		await control('POST', '/wepow/complete', { externalId: workflowId });
		const query = Object.fromEntries(new URL(received[0].url, 'http://n8n.invalid').searchParams);
		const { result } = await runWebhook(new WepowTrigger(), { ...common, request: { body: received[0].body, query } });
		const completed = result.workflowData![0][0].json;

		const write = await runNode(new Icims(), {
			parameters: node('n8n-nodes-ats-assessments.icims').parameters,
			credentials: icimsCredentials,
			credentialTypes: [new IcimsApi()],
			input: [{ json: completed }],
		});
		expect(write.error).toBeUndefined();
		const stored = await control('GET', `/icims/applicantworkflows/${workflowId}`);
		expect(stored.assessmentresults).toHaveLength(1);
		expect(stored.assessmentresults[0]).toMatchObject({
			assessmentname: { id: icims.SEED.assessmentNames.wepowVideoInterview },
			assessmentstatus: { id: icims.SEED.assessmentStatuses.complete },
			assessmenturl: completed.limitedAccessUrl,
		});
		expect(stored.assessmentresults[0].assessmentdate).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} (AM|PM)$/);
	});
});

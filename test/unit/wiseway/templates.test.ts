/**
 * The two iCIMS/WiseWay templates, node by node with their own parameters, against the iCIMS and
 * WiseWay simulators: a status change invites the candidate with the iCIMS ids, and the completed
 * interview is written back to that applicant workflow.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { IcimsApi } from '../../../credentials/IcimsApi.credentials';
import { WiseWayApi } from '../../../credentials/WiseWayApi.credentials';
import { Icims } from '../../../nodes/Icims/Icims.node';
import { IcimsTrigger } from '../../../nodes/Icims/IcimsTrigger.node';
import { WiseWay } from '../../../nodes/WiseWay/WiseWay.node';
import { WiseWayTrigger } from '../../../nodes/WiseWay/WiseWayTrigger.node';
import { createSandbox } from '../../../simulator/shared/core';
import * as icims from '../../../simulator/icims';
import * as wiseway from '../../../simulator/wiseway';
import { createDedupStore, runDelivery, runNode, runWebhook, runWebhookMethod } from '../../helpers/harness';
import { startReceiver, type Receiver } from '../helpers/receiver';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));

interface TemplateNode { name: string; type: string; parameters: IDataObject; credentials?: Record<string, { id: string; name: string }> }
interface Received { headers: Record<string, string>; raw: Buffer; body: IDataObject }

function template(file: string): Map<string, TemplateNode> {
	const parsed = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'workflows-templates', file), 'utf8')) as { nodes: TemplateNode[] };
	return new Map(parsed.nodes.map((node) => [node.name, node]));
}

const credentialTypes = [new IcimsApi(), new WiseWayApi()];
let sandbox: ReturnType<typeof createSandbox>;
let url: string;
let credentials: Record<string, ICredentialDataDecryptedObject>;
let receiver: Receiver<Received>;
let receiverUrl: string;
const received: Received[] = [];

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
	const res = await fetch(`${url}/_control${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
	if (!res.ok) throw new Error(`${method} /_control${path} → ${res.status} ${await res.text()}`);
	return (await res.json()) as T;
}

beforeAll(async () => {
	sandbox = createSandbox([icims, wiseway]);
	url = (await sandbox.listen(0, '127.0.0.1')).url;
	credentials = {
		icimsApi: {
			customerId: icims.SEED.customerId,
			environment: 'custom',
			baseUrl: url + icims.prefix,
			authentication: 'basic',
			username: icims.SECRETS.username,
			password: icims.SECRETS.password,
			webhookUsername: icims.SECRETS.webhookUsername,
			webhookPassword: icims.SECRETS.webhookPassword,
		},
		wiseWayApi: { apiKey: wiseway.SECRETS.apiKey, baseUrl: url + wiseway.prefix },
	};
	receiver = await startReceiver<Received>({
		received,
		record: ({ headers, raw }) => ({ headers: headers as Record<string, string>, raw, body: JSON.parse(raw.toString('utf8')) as IDataObject }),
	});
	receiverUrl = receiver.url;
});
afterAll(async () => {
	await receiver.close();
	await sandbox.close();
});

describe('iCIMS/WiseWay templates against the simulators', () => {
	it('invites on the iCIMS status change, then writes the completed interview back to the applicant workflow', async () => {
		// icims-status-to-wiseway-invite.json
		const invite = template('icims-status-to-wiseway-invite.json');
		const janeWorkflow = icims.SEED.workflows.janeBackend;
		const event = {
			customerId: icims.SEED.customerId,
			eventType: 'WorkFlowStatusChangeEvent',
			systemId: janeWorkflow,
			userId: icims.SEED.users.recruiter,
			personId: icims.SEED.people.janeDoe,
			jobId: icims.SEED.jobs.backendEngineer,
			oldStatus: icims.SEED.statuses.phoneScreen,
			newStatus: icims.SEED.statuses.videoInterview,
		};
		const basic = Buffer.from(`${icims.SECRETS.webhookUsername}:${icims.SECRETS.webhookPassword}`).toString('base64');
		// webhook(), then the trigger's first step in the execution (where person and job are read).
		const triggered = await runDelivery(new IcimsTrigger(), {
			parameters: invite.get('iCIMS Trigger')!.parameters,
			credentials,
			credentialTypes,
			staticData: {},
			dedupStore: createDedupStore(),
			request: { body: event, headers: { 'content-type': 'application/json', authorization: `Basic ${basic}` } },
		});
		const atsEvent = triggered.items[0].json;
		const invited = await runNode(new WiseWay(), {
			parameters: invite.get('Invite to WiseWay Interview')!.parameters,
			credentials,
			credentialTypes,
			input: [{ json: atsEvent }],
			dedupStore: createDedupStore(),
		});
		expect(invited.error).toBeUndefined();
		expect(invited.items[0][0].json).toMatchObject({
			sent: true,
			positionId: wiseway.SEED.positions.backendEngineer,
			email: 'jane.doe@example.org',
			phone: '+14155550101',
			metadata: { atsCandidateId: icims.SEED.people.janeDoe, atsApplicationId: janeWorkflow },
		});

		// wiseway-result-to-icims-update.json
		const result = template('wiseway-result-to-icims-update.json');
		const trigger = { parameters: result.get('WiseWay Trigger')!.parameters, credentials, credentialTypes, staticData: {} as IDataObject };
		await runWebhookMethod(new WiseWayTrigger(), 'create', { ...trigger, webhookUrl: receiverUrl });
		await control('POST', '/wiseway/complete', { candidateId: invited.items[0][0].json.id, rating: 4 });
		expect(received).toHaveLength(1);
		const delivered = await runWebhook(new WiseWayTrigger(), {
			...trigger,
			request: { body: received[0].body, rawBody: received[0].raw, headers: received[0].headers },
		});
		const written = await runNode(new Icims(), {
			parameters: result.get('Write Interview to iCIMS')!.parameters,
			credentials,
			credentialTypes,
			input: delivered.result.workflowData![0],
		});
		expect(written.error).toBeUndefined();
		const workflow = await control<{ assessmentresults: IDataObject[] }>('GET', `/icims/applicantworkflows/${janeWorkflow}`);
		expect(workflow.assessmentresults).toEqual([
			expect.objectContaining({
				assessmentstatus: expect.objectContaining({ id: icims.SEED.assessmentStatuses.complete }),
				assessmentdate: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} (AM|PM)$/),
				assessmentnotes: 'WiseWay video interview for Senior Backend Engineer completed, rating 4/5',
			}),
		]);
	});
});

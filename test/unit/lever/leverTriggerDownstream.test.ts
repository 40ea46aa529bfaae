/**
 * Lever Trigger in n8n-core's WorkflowExecute with a node after it: an execution whose delivery the
 * trigger drops (Lever does not confirm the stage change) ends at the trigger, and the node after it
 * does not run. The item is what the trigger's webhook() handed on.
 */
import '../../helpers/n8n-environment';
import nock from 'nock';
import type { IConnections, IExecuteFunctions, INode, INodeExecutionData, INodeType, INodeTypes, IWorkflowBase } from 'n8n-workflow';
import { createRunExecutionData, NodeConnectionTypes, Workflow } from 'n8n-workflow';
import { WorkflowExecute } from 'n8n-core';
import { LeverTrigger } from '../../../nodes/Lever/LeverTrigger.node';
import { clearCache } from '../../../nodes/shared/cache';
import { TestCredentialsHelper } from '../../helpers/credentials-helper';
import { bindDedupStore, createDedupStore, initDeduplication } from '../../helpers/deduplication';
import { createAdditionalData, runWebhook } from '../../helpers/harness';
import { ASSESSMENT, BASE, credentials, credentialTypes, mockResolve, registeredStaticData, request, signedDelivery } from './leverTriggerFixtures';

const TRIGGER = 'Lever Trigger';
const NEXT = 'Invite';
const TRIGGER_TYPE = 'n8n-nodes-ats-assessments.leverTrigger';
const parameters = { events: ['candidateStageChange'], toStageIds: [ASSESSMENT] };

/** Stands in for the invite: records what reaches it. */
const reached: INodeExecutionData[][] = [];
const nextType: INodeType = {
	description: {
		displayName: 'Invite',
		name: 'probeInvite',
		group: ['transform'],
		version: 1,
		description: 'Records what reaches it',
		defaults: { name: NEXT },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		reached.push(this.getInputData());
		return [this.getInputData()];
	},
};

/** What webhook() hands to the execution for a signed stage change into the assessment stage. */
async function accepted(): Promise<INodeExecutionData[]> {
	const { result } = await runWebhook(new LeverTrigger(), { parameters, credentials, credentialTypes, staticData: registeredStaticData(), request: request(signedDelivery()) });
	return result.workflowData![0];
}

/** The production execution a delivery starts: the trigger first, with webhook()'s items, then the invite. */
async function execution(items: INodeExecutionData[]) {
	await initDeduplication();
	const nodes: INode[] = [
		{ id: '1', name: TRIGGER, type: TRIGGER_TYPE, typeVersion: 1, position: [0, 0], parameters, credentials: { leverApi: { id: 'leverApi-credential', name: 'Lever account' } }, webhookId: 'abc' },
		{ id: '2', name: NEXT, type: 'probeInvite', typeVersion: 1, position: [200, 0], parameters: {} },
	];
	const connections: IConnections = { [TRIGGER]: { main: [[{ node: NEXT, type: NodeConnectionTypes.Main, index: 0 }]] } };
	const types: Record<string, INodeType> = { [TRIGGER_TYPE]: new LeverTrigger(), probeInvite: nextType };
	const nodeTypes: INodeTypes = { getByName: (name) => types[name], getByNameAndVersion: (name) => types[name], getKnownTypes: () => ({}) };
	const settings = { executionOrder: 'v1' as const };
	const workflow = new Workflow({ id: 'downstream', name: 'Downstream', nodes, connections, active: true, nodeTypes, staticData: { [`node:${TRIGGER}`]: registeredStaticData() }, settings });
	bindDedupStore(workflow, createDedupStore());
	const workflowData = { id: 'downstream', name: 'Downstream', active: true, isArchived: false, nodes, connections, settings, createdAt: new Date(), updatedAt: new Date() } as unknown as IWorkflowBase;
	const additionalData = createAdditionalData(new TestCredentialsHelper(credentialTypes, credentials), 'webhook', workflowData);
	const runExecutionData = createRunExecutionData({ executionData: { nodeExecutionStack: [{ node: workflow.getNode(TRIGGER)!, data: { main: [items] }, source: null }] } });
	const run = await new WorkflowExecute(additionalData, 'webhook', runExecutionData).processRunExecutionData(workflow);
	return run.data.resultData;
}

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	clearCache();
	reached.length = 0;
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Lever Trigger: the nodes after it', () => {
	it('run with the resolved event when Lever confirms the stage change', async () => {
		const items = await accepted();
		mockResolve();
		const result = await execution(items);
		expect(result.error).toBeUndefined();
		expect(reached).toHaveLength(1);
		expect(reached[0][0].json).toMatchObject({ ats: 'lever', applicationId: 'opp-1', email: 'jane@example.com', deliveryId: items[0].json.deliveryId });
	});

	it('do not run when Lever has the opportunity in another stage: the execution ends at the trigger, with no output', async () => {
		const items = await accepted();
		const scope = nock(BASE)
			.get('/v1/opportunities/opp-1')
			.query(true)
			.reply(200, { data: { id: 'opp-1', emails: ['jane@example.com'], stage: { id: 'applicant-new', text: 'New applicant' }, applications: [] } });
		const result = await execution(items);
		expect(scope.isDone()).toBe(true);
		expect(result.error).toBeUndefined();
		expect(result.runData[TRIGGER][0].data?.main).toEqual([[]]);
		expect(result.runData[NEXT]).toBeUndefined();
		expect(reached).toEqual([]);
	});
});

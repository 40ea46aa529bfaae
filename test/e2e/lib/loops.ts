/**
 * The four invite/write-back loop pairs as the end-to-end suites drive them: the templates, the
 * workflow ids they ship with, candidates made in the simulated ATS, the genuine deliveries the
 * simulator sent, and the invite requests that reached each vendor.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { TriggerUnderAttack } from './attacks';
import type { Environment } from '../environment';

const { SEED, SANDBOX_SECRETS } = require('../../../simulator');

export const TEMPLATES_DIR = join(__dirname, '..', '..', '..', 'workflows-templates');

// The two loops of every pair: between them, every trigger of the package.
export const LOOP_TEMPLATES = [
	'lever-stage-to-wecp-invite.json',
	'wecp-result-to-lever-note.json',
	'lever-stage-to-willo-invite.json',
	'willo-result-to-lever-note.json',
	'icims-status-to-wepow-invite.json',
	'wepow-result-to-icims-update.json',
	'icims-status-to-wiseway-invite.json',
	'wiseway-result-to-icims-update.json',
];
export const WORKFLOWS = {
	leverToWecp: 'AtsLeverToWecp01',
	wecpToLever: 'AtsWecpToLever01',
	leverToWillo: 'AtsLeverToWillo1',
	willoToLever: 'AtsWilloToLever1',
	icimsToWepow: 'AtsIcimsToWepow1',
	wepowToIcims: 'AtsWepowToIcims1',
	icimsToWiseWay: 'AtsIcimsToWisWy1',
	wiseWayToIcims: 'AtsWisWyToIcims1',
} as const;
/** The iCIMS receivers' webhook ids: iCIMS has no API to subscribe, so the suite points its events at them. */
export const ICIMS_RECEIVERS = {
	[WORKFLOWS.icimsToWepow]: '2e76b99a-08ea-4f4c-83d7-a0e8f0f460d2',
	[WORKFLOWS.icimsToWiseWay]: 'a2a29791-dcd5-4d1e-b441-cb807dc73af3',
};
export const LEVER = SEED.lever;
export const TEST_ID = SEED.wecp.tests.javascriptFundamentals;
export const WILLO_INTERVIEW = SEED.willo.interviews.backendEngineer;
export const WISEWAY_POSITION = SEED.wiseway.positions.backendEngineer;
export const VIDEO_INTERVIEW = SEED.icims.statuses.videoInterview;

export type Row = Record<string, any>;

/** The webhook id of the trigger of type `nodeType` in the template that ships as workflow `templateId`. */
export function webhookIdOf(templateId: string, nodeType: string): string {
	for (const file of LOOP_TEMPLATES) {
		const workflow = JSON.parse(readFileSync(join(TEMPLATES_DIR, file), 'utf8'));
		if (workflow.id === templateId) return workflow.nodes.find((node: any) => node.type.endsWith(nodeType)).webhookId;
	}
	throw new Error(`no loop template has the id ${templateId}`);
}

export async function sleepMs(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Candidates made in the simulated ATSs, numbered across the run. */
export function candidates(env: Environment) {
	let serial = 0;
	return {
		/** A new Lever candidate on the backend posting, in `stageId` (no stage-change event yet). */
		async lever(stageId: string = LEVER.stages.applicantNew): Promise<{ id: string; email: string }> {
			serial += 1;
			const email = `once${serial}-${Date.now()}@example.com`;
			const opportunity = await env.control<Row>('POST', '/lever/opportunities', {
				name: `Once Candidate ${serial}`,
				email,
				postingId: LEVER.postings.backendEngineer,
				stageId,
			});
			return { id: opportunity.id, email };
		},
		/** A new iCIMS applicant workflow (and person) on `jobId`. */
		async icims(jobId: string = SEED.icims.jobs.backendEngineer): Promise<{ id: string; email: string; personId: string; jobId: string }> {
			serial += 1;
			const email = `once${serial}-${Date.now()}@example.org`;
			const workflow = await env.control<Row>('POST', '/icims/applicantworkflows', {
				firstname: 'Once',
				lastname: `Candidate ${serial}`,
				email,
				jobId,
			});
			return { id: String(workflow.id), email, personId: String(workflow.personId), jobId: String(workflow.jobId) };
		},
	};
}

/** The newest delivery the simulator made to a URL containing `webhookId` that n8n answered 200. */
export async function genuineDelivery(
	env: Environment,
	service: string,
	webhookId: string,
	wanted: (payload: any) => boolean = () => true,
): Promise<{ url: string; headers: Record<string, string>; payload: any }> {
	const deliveries = await env.control<Row[]>('GET', `/deliveries?service=${service}&settle=true`);
	const match = deliveries
		.filter((delivery) => String(delivery.url).includes(webhookId) && delivery.status === 200)
		.filter((delivery) => wanted(typeof delivery.payload === 'string' ? JSON.parse(delivery.payload) : delivery.payload))
		.pop();
	if (!match) throw new Error(`no accepted ${service} delivery to ${webhookId}; deliveries: ${JSON.stringify(deliveries.map((d) => [d.url, d.status]))}`);
	return { url: match.url, headers: match.headers ?? {}, payload: typeof match.payload === 'string' ? JSON.parse(match.payload) : match.payload };
}

/** The Lever Trigger of a workflow as a sender of signed deliveries (its webhook's signature token). */
export async function leverSender(env: Environment, workflowId: string, toStageId: string): Promise<TriggerUnderAttack> {
	const webhookId = webhookIdOf(workflowId, 'leverTrigger');
	const hooks = await env.control<Row[]>('GET', '/lever/webhooks');
	return {
		name: 'Lever Trigger',
		scheme: 'lever',
		genuine: await genuineDelivery(env, 'lever', webhookId, (payload) => payload.data?.toStageId === toStageId),
		secret: hooks.find((hook) => String(hook.url).includes(webhookId) && !String(hook.url).includes('/webhook-test/'))!.configuration.signatureToken,
		setTimestamp: (payload, ms) => (payload.triggeredAt = ms),
	};
}

/** The iCIMS event receiver as a sender (Basic credentials), from a genuine notification. */
export async function icimsSender(env: Environment, receiverWebhookId: string): Promise<TriggerUnderAttack> {
	return {
		name: 'iCIMS Trigger',
		scheme: 'basic',
		genuine: await genuineDelivery(env, 'icims', receiverWebhookId),
		secret: `${SANDBOX_SECRETS.icims.webhookUsername}:${SANDBOX_SECRETS.icims.webhookPassword}`,
	};
}

/** Every vendor the loops invite at, with how its invite request and its stored invite are told apart. */
export const VENDORS = {
	wecp: {
		isInvite: (request: Row) => request.method === 'POST' && String(request.path).endsWith('/invite'),
		records: '/wecp/invites',
	},
	willo: {
		isInvite: (request: Row) => request.method === 'POST' && /^\/participants\/?$/.test(String(request.path)),
		records: '/willo/participants',
	},
	wepow: {
		isInvite: (request: Row) => request.method === 'POST' && /\/applications(\/bulk)?$/.test(String(request.path)),
		records: '/wepow/applications',
	},
	wiseway: {
		isInvite: (request: Row) => request.method === 'POST' && /\/candidates$/.test(String(request.path)),
		records: '/wiseway/candidates',
	},
} as const;
export type Vendor = keyof typeof VENDORS;

/** How many invite requests for this e-mail reached the vendor (answered or not), and how many invites it holds. */
export async function invitesOf(env: Environment, vendor: Vendor, email: string): Promise<{ requests: number; records: number }> {
	const lower = email.toLowerCase();
	const log = await env.control<Row[]>('GET', `/requests?service=${vendor}`);
	const requests = log.filter((request) => VENDORS[vendor].isInvite(request) && JSON.stringify(request.body ?? '').toLowerCase().includes(lower)).length;
	const rows = await env.control<Row[]>('GET', VENDORS[vendor].records);
	const records = rows.filter((row) => String(row.email ?? row.candidate?.email ?? '').toLowerCase() === lower).length;
	return { requests, records };
}

/** Waits until nothing is being delivered or run. */
export async function settle(env: Environment, { timeoutMs = 5 * 60_000 } = {}): Promise<void> {
	await env.control('GET', '/deliveries?settle=true');
	const deadline = Date.now() + timeoutMs;
	for (let quiet = 0; quiet < 3; ) {
		const busy = (await env.client.listExecutions({ workflowId: '' })).filter((execution) => ['new', 'running'].includes(execution.status));
		quiet = busy.length > 0 ? 0 : quiet + 1;
		// n8n can leave an execution marked running that no longer runs (its database gave no
		// connection when it finished): fail here, saying which, rather than wait for ever.
		if (busy.length > 0 && Date.now() > deadline) {
			throw new Error(`${busy.length} execution(s) still running after ${timeoutMs / 1000} s: ${busy.slice(0, 10).map((execution) => `${execution.workflowId}#${execution.id}`).join(', ')}`);
		}
		await sleepMs(300);
	}
}

/** Finished executions per workflow. */
export async function executionCounts(env: Environment, ids: readonly string[] = Object.values(WORKFLOWS)): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const id of ids) counts[id] = (await env.client.listExecutions({ workflowId: id })).length;
	return counts;
}

/**
 * The workflow's finished executions in which the node ran. A repeat of a delivery the trigger
 * cannot refuse at the door (iCIMS repeats its notifications) starts an execution that stops at
 * the trigger: this counts the runs that went on.
 */
export async function executionsThatRan(env: Environment, workflowId: string, nodeName: string): Promise<Array<{ id: string; status: string }>> {
	const ran = [];
	for (const execution of await env.client.listExecutions({ workflowId })) {
		if (['new', 'running', 'waiting'].includes(execution.status)) continue;
		const detail = await env.client.getExecution(execution.id);
		if (detail.nodes[nodeName]?.runs) ran.push({ id: execution.id, status: execution.status });
	}
	return ran;
}

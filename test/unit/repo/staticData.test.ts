/**
 * In queue mode n8n runs an execution on a worker with no static data (the execution's copy of
 * the workflow has none) and, when a node wrote some, saves what it wrote over the workflow's:
 * the triggers' webhook registrations and secrets are gone and every delivery is refused (seen in
 * the queue-mode suite). So static data is touched only where n8n runs the node on the main
 * process or the webhook processor with the workflow's own static data: webhook(), poll() and
 * the activation methods. This lists every file that touches it; each is one of those places.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

const NODES = join(__dirname, '..', '..', '..', 'nodes');

/** Files allowed to call getWorkflowStaticData, and where they do. */
const ALLOWED: Record<string, string> = {
	'shared/deliveryGate.ts': 'openGate: webhook()',
	'shared/webhookRegistration.ts': 'checkExists/create/delete: activation on main',
	'Lever/trigger/registration.ts': 'signatureTokens: webhook()',
	'Lever/trigger/assessmentByPosting.ts': 'withAssessmentMapping: activation on main',
	'Lever/LeverTrigger.node.ts': 'webhook(): hands the rows’ times to the execution',
	'Wecp/WecpTrigger.node.ts': 'webhook() and poll() (polls run on main)',
	'Icims/trigger/poll.ts': 'poll() on main',
	'WiseWay/WiseWayTrigger.node.ts': 'webhook()',
	'Wepow/WepowTrigger.node.ts': 'webhook() and activation',
	'Willo/WilloTrigger.node.ts': 'webhook() and activation',
};

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
	});
}

describe('static data', () => {
	const users = sources(NODES)
		.filter((file) => readFileSync(file, 'utf8').includes('getWorkflowStaticData'))
		.map((file) => relative(NODES, file).split('\\').join('/'));

	it('is touched only by triggers on the main process or the webhook processor, never in an execution', () => {
		expect(users.filter((file) => !(file in ALLOWED))).toEqual([]);
		// No action and no trigger execution step reads or writes it.
		expect(users.filter((file) => /\/actions\/|\/execution\.ts$/.test(file))).toEqual([]);
	});

	it('lists no file that no longer touches it', () => {
		expect(Object.keys(ALLOWED).filter((file) => !users.includes(file))).toEqual([]);
	});
});

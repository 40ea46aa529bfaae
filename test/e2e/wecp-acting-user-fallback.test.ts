/**
 * Lever → WeCP with a posting owner who is not a WeCP user, in a real n8n against the simulator,
 * the template as shipped: WeCP answers 403 for that owner, the template's "On Unknown Acting
 * User" sends the invite once more as the credential's user, and the execution's output says so.
 */
import type { Environment } from './environment';
import { startEnvironment } from './environment';

const { SEED } = require('../../simulator');

jest.setTimeout(120_000);

const WORKFLOW = 'AtsLeverToWecp01';

let env: Environment;

beforeAll(async () => {
	env = await startEnvironment(['lever-stage-to-wecp-invite.json']);
}, 20 * 60_000);

afterAll(async () => {
	await env?.stop();
});

function inviteRequests(email: string) {
	return (env.sandbox.state.requests as Array<Record<string, any>>).filter(
		(request) => request.service === 'wecp' && request.method === 'POST' && /\/invite$/.test(request.path) && request.body?.candidates?.[0]?.email === email,
	);
}

/** The items the named node output on its first output in one execution. */
async function nodeOutput(executionId: string, nodeName: string): Promise<Array<Record<string, any>>> {
	const execution = await env.client.getExecution(executionId);
	return execution.nodes[nodeName]?.output[0] ?? [];
}

describe('a Lever posting owner who is not a WeCP user', () => {
	it("gets the candidate invited as the credential's user, once, and the output says so", async () => {
		// The Senior Backend Engineer posting now belongs to Ines, a Lever user without a WeCP login.
		const posting = env.sandbox.state.lever.postings.find((p: { id: string }) => p.id === SEED.lever.postings.backendEngineer);
		posting.owner = SEED.lever.users.interviewer;
		const candidate = await env.control<{ id: string }>('POST', '/lever/opportunities', {
			name: 'Fay Fallback',
			email: 'fay@example.com',
			postingId: SEED.lever.postings.backendEngineer,
			stageId: SEED.lever.stages.applicantNew,
		});
		await env.control('POST', `/lever/opportunities/${candidate.id}/stage`, { stageId: SEED.lever.stages.assessment });
		const [execution] = await env.waitForExecutions(WORKFLOW, 1);
		expect(execution.status).toBe('success');

		const requests = inviteRequests('fay@example.com');
		expect(requests.map((request) => [request.headers['wecp-user-email'], request.status])).toEqual([
			['interviewer@example.com', 403],
			['recruiter@example.com', 200],
		]);
		const invites = (await env.control<Array<Record<string, any>>>('GET', '/wecp/invites')).filter((invite) => invite.email === 'fay@example.com');
		expect(invites).toHaveLength(1);
		expect(invites[0].actingUserEmail).toBe('recruiter@example.com');
		expect(invites[0].metadata.user_email).toBeUndefined();

		const [output] = await nodeOutput(execution.id, 'Invite to WeCP Test');
		expect(output).toMatchObject({ sent: true, actedAs: 'recruiter@example.com', actingUserFallback: true, email: 'fay@example.com' });
	});
});

/**
 * lever-stage-to-wecp-invite-checked.json in a real n8n against the simulator, as shipped: the
 * invite lists the candidate's earlier WeCP invites in every test, and the recruiter gets one
 * Lever note naming them; a candidate never invited before gets none.
 */
import type { Environment } from './environment';
import { startEnvironment } from './environment';

const { SEED, SANDBOX_SECRETS } = require('../../simulator');

jest.setTimeout(120_000);

const WORKFLOW = 'AtsLeverWecpHist';
const STAGES = SEED.lever.stages;

let env: Environment;

beforeAll(async () => {
	env = await startEnvironment(['lever-stage-to-wecp-invite-checked.json']);
}, 20 * 60_000);

afterAll(async () => {
	await env?.stop();
});

async function newCandidateInAssessment(name: string, email: string) {
	const candidate = await env.control<{ id: string }>('POST', '/lever/opportunities', {
		name,
		email,
		postingId: SEED.lever.postings.backendEngineer,
		stageId: STAGES.applicantNew,
	});
	await env.control('POST', `/lever/opportunities/${candidate.id}/stage`, { stageId: STAGES.assessment });
	return candidate;
}

/** An invite made earlier, outside this workflow (another job, another tool), through WeCP's API. */
async function invitedEarlier(testId: string, name: string, email: string) {
	const response = await fetch(`${env.sandbox.services.wecp.baseUrl}/ats/wecp/tests/${testId}/invite`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-api-key': SANDBOX_SECRETS.wecp.apiKey },
		body: JSON.stringify({ candidates: [{ name, email }], sendEmail: false }),
	});
	expect(response.status).toBe(200);
}

async function notesOf(opportunityId: string): Promise<string[]> {
	const opportunity = await env.control<Record<string, any>>('GET', `/lever/opportunities/${opportunityId}`);
	return (opportunity.notes as Array<{ text: string }>).map((note) => note.text);
}

describe('earlier WeCP invites, noted for the recruiter', () => {
	it('notes a candidate invited to another test before, once, naming the test and its status', async () => {
		await invitedEarlier(SEED.wecp.tests.sqlBasics, 'Pia Prior', 'pia@example.com');
		await env.control('POST', '/wecp/complete', { testId: SEED.wecp.tests.sqlBasics, email: 'pia@example.com', score: 55 });
		const candidate = await newCandidateInAssessment('Pia Prior', 'pia@example.com');
		const [execution] = await env.waitForExecutions(WORKFLOW, 1);
		expect(execution.status).toBe('success');

		const invite = (await env.client.getExecution(execution.id)).nodes['Invite to WeCP Test'].output[0][0];
		expect(invite.sent).toBe(true);
		expect(invite.previousInvites).toEqual([expect.objectContaining({ assessmentId: SEED.wecp.tests.sqlBasics, assessmentName: 'SQL Basics', status: 'completed' })]);
		const notes = await notesOf(candidate.id);
		expect(notes).toHaveLength(1);
		expect(notes[0]).toMatch(/^Invited to WeCP before \(1\):\n- SQL Basics: completed, invited \d{4}-\d{2}-\d{2}, completed \d{4}-\d{2}-\d{2}\nInvited now to: test-js-101\.$/);

		// Out of the stage and back: no second invite, and the same note is not written twice.
		await env.control('POST', `/lever/opportunities/${candidate.id}/stage`, { stageId: STAGES.phoneScreen });
		await env.control('POST', `/lever/opportunities/${candidate.id}/stage`, { stageId: STAGES.assessment });
		await env.waitForExecutions(WORKFLOW, 2);
		const invites = (await env.control<Array<Record<string, any>>>('GET', '/wecp/invites')).filter((row) => row.email === 'pia@example.com');
		expect(invites.map((row) => row.testId).sort()).toEqual([SEED.wecp.tests.javascriptFundamentals, SEED.wecp.tests.sqlBasics].sort());
		expect(await notesOf(candidate.id)).toHaveLength(1);
	});

	it('writes no note for a candidate never invited before', async () => {
		const before = (await env.client.listExecutions({ workflowId: WORKFLOW })).length;
		const candidate = await newCandidateInAssessment('Nia New', 'nia@example.com');
		const executions = await env.waitForExecutions(WORKFLOW, before + 1);
		expect(executions.every((run) => run.status === 'success')).toBe(true);
		expect(await notesOf(candidate.id)).toEqual([]);
	});
});

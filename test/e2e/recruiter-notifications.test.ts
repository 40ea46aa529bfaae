/**
 * Recruiter notifications in a real n8n against the simulators, with n8n's own Send Email node
 * delivering to a local SMTP sink (the smtp-server package) through an SMTP credential pointed at
 * it: on a WeCP completion the owner of the candidate's Lever posting gets one e-mail; the digest
 * sends each recruiter one e-mail listing the period's completions. The digest runs every 5
 * seconds instead of every morning, so the test sees a re-run send nothing twice (it waits for
 * finished runs, never a fixed time: a shorter schedule only brings them sooner).
 */
import type { Environment } from './environment';
import { readTemplate, startEnvironment, waitUntil } from './environment';
import type { SmtpSink } from './lib/smtpSink';
import { startSmtpSink } from './lib/smtpSink';

const { SEED } = require('../../simulator');

jest.setTimeout(240_000);

const NOTIFY = 'AtsWecpRecruiter';
const DIGEST = 'AtsWecpDigest001';
const INVITE = 'AtsLeverToWecp01';
const TEST_ID = SEED.wecp.tests.javascriptFundamentals;

let smtp: SmtpSink;
let env: Environment;

beforeAll(async () => {
	smtp = await startSmtpSink();
	const digest = readTemplate('wecp-completed-to-recruiter-digest.json');
	digest.nodes.find((node: any) => node.type === 'n8n-nodes-base.scheduleTrigger').parameters.rule = { interval: [{ field: 'seconds', secondsInterval: 5 }] };
	env = await startEnvironment(
		['lever-stage-to-wecp-invite.json', 'wecp-result-to-recruiter-email.json'],
		[{ file: 'wecp-completed-to-recruiter-digest.json', workflow: digest }],
		{ extraCredentials: [smtp.credential('lever')] },
	);
}, 20 * 60_000);

afterAll(async () => {
	await env?.stop();
	await smtp?.stop();
});

async function invitedThroughLever(name: string, email: string, postingId: string): Promise<string> {
	const before = (await env.client.listExecutions({ workflowId: INVITE })).length;
	const candidate = await env.control<{ id: string }>('POST', '/lever/opportunities', { name, email, postingId, stageId: SEED.lever.stages.applicantNew });
	await env.control('POST', `/lever/opportunities/${candidate.id}/stage`, { stageId: SEED.lever.stages.assessment });
	await env.waitForExecutions(INVITE, before + 1);
	return candidate.id;
}

const mailsTo = (address: string, subject: RegExp) => smtp.mails.filter((mail) => mail.to.includes(address) && subject.test(mail.subject));

describe('recruiter notifications by e-mail', () => {
	it("e-mails the Lever posting's owner once when a candidate completes, with score, pass or fail and the review link", async () => {
		await invitedThroughLever('Ana Analyst', 'ana@example.com', SEED.lever.postings.dataAnalyst);
		await env.control('POST', '/wecp/complete', { testId: TEST_ID, email: 'ana@example.com', score: 82 });
		const [run] = await env.waitForExecutions(NOTIFY, 1);
		expect(run.status).toBe('success');
		expect(await waitUntil(async () => mailsTo('hiring.manager@example.com', /^WeCP result/).length > 0, 30_000)).toBe(true);
		const [mail, ...more] = mailsTo('hiring.manager@example.com', /^WeCP result/);
		expect(more).toEqual([]);
		expect(mail.from).toBe('n8n@example.com');
		expect(mail.subject).toBe('WeCP result: Ana Analyst, passed (82%)');
		expect(mail.text).toContain('Score: 82 / 100 (82%)');
		expect(mail.text).toContain('Result: PASSED (pass mark 70%)');
		expect(mail.text).toMatch(/Review: http:\/\/127\.0\.0\.1:\d+\/wecp\/app\/report\//);
	});

	it('sends nothing when the posting has no owner', async () => {
		const before = (await env.client.listExecutions({ workflowId: NOTIFY })).length;
		const sent = smtp.mails.length;
		await invitedThroughLever('Quinn Quality', 'quinn@example.com', SEED.lever.postings.qaEngineer);
		await env.control('POST', '/wecp/complete', { testId: TEST_ID, email: 'quinn@example.com', score: 40 });
		const runs = await env.waitForExecutions(NOTIFY, before + 1);
		expect(runs.every((run) => run.status === 'success')).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(smtp.mails.slice(sent).filter((mail) => /^WeCP result/.test(mail.subject))).toEqual([]);
	});

	it('sends each recruiter one digest of the completions of their postings, and a re-run sends none again', async () => {
		await invitedThroughLever('Ben Backend', 'ben@example.com', SEED.lever.postings.backendEngineer);
		await env.control('POST', '/wecp/complete', { testId: TEST_ID, email: 'ben@example.com', score: 55 });
		expect(await waitUntil(async () => mailsTo('recruiter@example.com', /^WeCP digest/).length > 0 && mailsTo('hiring.manager@example.com', /^WeCP digest/).length > 0, 90_000)).toBe(true);

		const [recruiter] = mailsTo('recruiter@example.com', /^WeCP digest/);
		expect(recruiter.subject).toBe('WeCP digest: 1 completed in the last 1 day(s)');
		expect(recruiter.text).toContain('Hello Riley Recruiter,');
		// WeCP's report names the test by id only (no test name in it).
		expect(recruiter.text).toMatch(/Ben Backend \(ben@example\.com\), test-js-101: 55 \/ 100 \(55%\), NOT PASSED, review: http:\/\/127\.0\.0\.1:\d+\/wecp\/app\/report\//);
		expect(recruiter.text).not.toContain('Ana Analyst');

		const [manager] = mailsTo('hiring.manager@example.com', /^WeCP digest/);
		expect(manager.text).toMatch(/Ana Analyst \(ana@example\.com\), test-js-101: 82 \/ 100 \(82%\), PASSED/);
		expect(manager.text).not.toContain('Ben Backend');

		// Two more runs of the digest: nobody gets it twice the same day.
		const runs = (await env.client.listExecutions({ workflowId: DIGEST })).length;
		await env.waitForExecutions(DIGEST, runs + 2, 90_000);
		expect(mailsTo('recruiter@example.com', /^WeCP digest/)).toHaveLength(1);
		expect(mailsTo('hiring.manager@example.com', /^WeCP digest/)).toHaveLength(1);
	});
});

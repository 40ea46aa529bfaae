/**
 * wepow-result-to-recruiter-email.json in a real n8n against the simulators, as shipped but for
 * its SMTP credential, pointed at a local SMTP sink (the smtp-server package): a completed Wepow
 * interview of an iCIMS application e-mails the recruiter of the iCIMS job, once.
 */
import type { Environment } from './environment';
import { startEnvironment, waitUntil } from './environment';
import type { SmtpSink } from './lib/smtpSink';
import { startSmtpSink } from './lib/smtpSink';

const { SEED } = require('../../simulator');

jest.setTimeout(180_000);

const WORKFLOW = 'AtsWepowRecruitr';
let smtp: SmtpSink;
let env: Environment;

beforeAll(async () => {
	smtp = await startSmtpSink();
	// The template as shipped, but for its SMTP credential, pointed at the sink.
	env = await startEnvironment(['wepow-result-to-recruiter-email.json'], [], { extraCredentials: [smtp.credential('icims')] });
}, 20 * 60_000);

afterAll(async () => {
	await env?.stop();
	await smtp?.stop();
});

describe("the iCIMS job's recruiter hears of a completed Wepow interview", () => {
	it('e-mails the recruiter of the job once, with the review links', async () => {
		// Jane's application to the Senior Backend Engineer job (iCIMS applicant workflow 3001), invited to Wepow.
		const application = await env.control('POST', '/wepow/applications', {
			interviewId: SEED.wepow.interviews.backendEngineer,
			email: 'jane.doe@example.org',
			firstName: 'Jane',
			lastName: 'Doe',
			externalId: SEED.icims.workflows.janeBackend,
		});
		await env.control('POST', '/wepow/complete', { applicationId: application.id });
		const [run] = await env.waitForExecutions(WORKFLOW, 1, 90_000);
		expect(run.status).toBe('success');
		expect(await waitUntil(async () => smtp.mails.length > 0, 30_000)).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(smtp.mails).toHaveLength(1);
		const [mail] = smtp.mails;
		expect(mail.to).toEqual(['riley.recruiter@example.org']);
		expect(mail.subject).toMatch(/^Video interview completed: Jane Doe/);
		const body = mail.text;
		expect(body).toContain('iCIMS job: Senior Backend Engineer; applicant workflow 3001');
		expect(body).toMatch(/Review \(single-use link, no Wepow account needed\): http:\/\/127\.0\.0\.1:\d+\/wepow\//);
	});
});

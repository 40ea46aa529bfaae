/**
 * wepow-result-to-recruiter-email.json in a real n8n against the simulators, as shipped but for
 * its SMTP credential, pointed at a local SMTP sink (the smtp-server package): a completed Wepow
 * interview of an iCIMS application e-mails the recruiter of the iCIMS job, once.
 */
import type { AddressInfo } from 'net';
import type { Environment } from './environment';
import { startEnvironment, waitUntil } from './environment';

const { SEED } = require('../../simulator');
// The SMTP sink (smtp-server, an exact-pinned devDependency; it ships no types).
const { SMTPServer } = require('smtp-server');

jest.setTimeout(180_000);

const WORKFLOW = 'AtsWepowRecruitr';
const received: Array<{ to: string[]; raw: string }> = [];
let smtp: any;
let smtpPort = 0;
let env: Environment;

// n8n's own SMTP credential type; provisioning wants a simulator service name for every credential,
// so it borrows iCIMS's (its base URL is not used).
const SMTP_CREDENTIAL = {
	id: 'AtsSmtpAccount01',
	name: 'SMTP account',
	type: 'smtp',
	service: 'icims',
	builtIn: true,
	data: () => ({ host: '127.0.0.1', port: smtpPort, secure: false, disableStartTls: true, user: '', password: '' }),
};

beforeAll(async () => {
	smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		onData(stream: NodeJS.ReadableStream, session: any, callback: () => void) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				received.push({ to: session.envelope.rcptTo.map((rcpt: { address: string }) => rcpt.address), raw: Buffer.concat(chunks).toString('utf8') });
				callback();
			});
		},
	});
	await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
	smtpPort = (smtp.server.address() as AddressInfo).port;
	env = await startEnvironment(['wepow-result-to-recruiter-email.json'], [], { extraCredentials: [SMTP_CREDENTIAL] });
}, 20 * 60_000);

afterAll(async () => {
	await env?.stop();
	await new Promise<void>((resolve) => smtp?.close(() => resolve()));
});

/** The message body with quoted-printable soft breaks and escapes undone. */
function text(raw: string): string {
	return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

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
		expect(await waitUntil(async () => received.length > 0, 30_000)).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(received).toHaveLength(1);
		expect(received[0].to).toEqual(['riley.recruiter@example.org']);
		const body = text(received[0].raw);
		expect(body).toMatch(/^Subject: Video interview completed: Jane Doe/im);
		expect(body).toContain('iCIMS job: Senior Backend Engineer; applicant workflow 3001');
		expect(body).toMatch(/Review \(single-use link, no Wepow account needed\): http:\/\/127\.0\.0\.1:\d+\/wepow\//);
	});
});

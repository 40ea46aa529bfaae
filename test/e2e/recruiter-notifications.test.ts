/**
 * Recruiter notifications in a real n8n against the simulators, with n8n's own Send Email node
 * delivering to a local SMTP sink (the smtp-server package) through an SMTP credential pointed at
 * it: on a WeCP completion the owner of the candidate's Lever posting gets one e-mail; the digest
 * sends each recruiter one e-mail listing the period's completions. The digest runs every 5
 * seconds instead of every morning, so the test sees a re-run send nothing twice (it waits for
 * finished runs, never a fixed time: a shorter schedule only brings them sooner).
 */
import type { AddressInfo } from 'net';
import type { Environment } from './environment';
import { readTemplate, startEnvironment, waitUntil } from './environment';

const { SEED } = require('../../simulator');
// The SMTP sink (smtp-server, an exact-pinned devDependency; it ships no types).
const { SMTPServer } = require('smtp-server');

jest.setTimeout(240_000);

const NOTIFY = 'AtsWecpRecruiter';
const DIGEST = 'AtsWecpDigest001';
const INVITE = 'AtsLeverToWecp01';
const TEST_ID = SEED.wecp.tests.javascriptFundamentals;

interface Mail {
	from: string;
	to: string[];
	raw: string;
	subject: string;
	text: string;
}

const mails: Mail[] = [];
let smtp: any;
let smtpPort = 0;
let env: Environment;

/** The body of a plain-text message, quoted-printable decoded (nodemailer folds long lines). */
function bodyOf(raw: string): string {
	const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
	const quoted = /content-transfer-encoding:\s*quoted-printable/i.test(raw);
	if (!quoted) return body;
	return body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function headerOf(raw: string, name: string): string {
	const headers = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
	return new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headers)?.[1] ?? '';
}

// A credential of n8n's own SMTP type for the sink; provisioning wants a simulator service name
// for every credential, so it borrows Lever's (its base URL is not used).
const SMTP_CREDENTIAL = {
	id: 'AtsSmtpAccount01',
	name: 'SMTP account',
	type: 'smtp',
	service: 'lever',
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
				const raw = Buffer.concat(chunks).toString('utf8');
				mails.push({
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((rcpt: { address: string }) => rcpt.address),
					raw,
					subject: headerOf(raw, 'subject'),
					text: bodyOf(raw),
				});
				callback();
			});
		},
	});
	await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
	smtpPort = (smtp.server.address() as AddressInfo).port;

	const digest = readTemplate('wecp-completed-to-recruiter-digest.json');
	digest.nodes.find((node: any) => node.type === 'n8n-nodes-base.scheduleTrigger').parameters.rule = { interval: [{ field: 'seconds', secondsInterval: 5 }] };
	env = await startEnvironment(
		['lever-stage-to-wecp-invite.json', 'wecp-result-to-recruiter-email.json'],
		[{ file: 'wecp-completed-to-recruiter-digest.json', workflow: digest }],
		{ extraCredentials: [SMTP_CREDENTIAL] },
	);
}, 20 * 60_000);

afterAll(async () => {
	await env?.stop();
	await new Promise<void>((resolve) => smtp?.close(() => resolve()));
});

async function invitedThroughLever(name: string, email: string, postingId: string): Promise<string> {
	const before = (await env.client.listExecutions({ workflowId: INVITE })).length;
	const candidate = await env.control<{ id: string }>('POST', '/lever/opportunities', { name, email, postingId, stageId: SEED.lever.stages.applicantNew });
	await env.control('POST', `/lever/opportunities/${candidate.id}/stage`, { stageId: SEED.lever.stages.assessment });
	await env.waitForExecutions(INVITE, before + 1);
	return candidate.id;
}

const mailsTo = (address: string, subject: RegExp) => mails.filter((mail) => mail.to.includes(address) && subject.test(mail.subject));

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
		const sent = mails.length;
		await invitedThroughLever('Quinn Quality', 'quinn@example.com', SEED.lever.postings.qaEngineer);
		await env.control('POST', '/wecp/complete', { testId: TEST_ID, email: 'quinn@example.com', score: 40 });
		const runs = await env.waitForExecutions(NOTIFY, before + 1);
		expect(runs.every((run) => run.status === 'success')).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(mails.slice(sent).filter((mail) => /^WeCP result/.test(mail.subject))).toEqual([]);
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

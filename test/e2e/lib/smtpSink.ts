/**
 * A local SMTP sink for the suites that check e-mails n8n's own Send Email node sends: the
 * smtp-server package (an exact-pinned devDependency; it ships no types) on a free loopback port,
 * every message kept with its envelope, subject and decoded text, and the n8n SMTP credential that
 * points at it.
 */
import type { AddressInfo } from 'net';

const { SMTPServer } = require('smtp-server');

export interface Mail {
	from: string;
	to: string[];
	raw: string;
	subject: string;
	/** The plain-text body, quoted-printable undone (nodemailer folds long lines). */
	text: string;
}

export interface SmtpSink {
	port: number;
	mails: Mail[];
	/**
	 * n8n's own SMTP credential for the sink. Provisioning wants a simulator service name for every
	 * credential: `service` is borrowed (its base URL is not used).
	 */
	credential(service: string): { id: string; name: string; type: string; service: string; builtIn: true; data: () => Record<string, unknown> };
	stop(): Promise<void>;
}

function headerOf(raw: string, name: string): string {
	const headers = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
	return new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headers)?.[1] ?? '';
}

function bodyOf(raw: string): string {
	const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
	if (!/content-transfer-encoding:\s*quoted-printable/i.test(raw)) return body;
	return body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export async function startSmtpSink(): Promise<SmtpSink> {
	const mails: Mail[] = [];
	const server = new SMTPServer({
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
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const port = (server.server.address() as AddressInfo).port;
	return {
		port,
		mails,
		credential: (service) => ({
			id: 'AtsSmtpAccount01',
			name: 'SMTP account',
			type: 'smtp',
			service,
			builtIn: true,
			data: () => ({ host: '127.0.0.1', port, secure: false, disableStartTls: true, user: '', password: '' }),
		}),
		stop: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

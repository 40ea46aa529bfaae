/**
 * The BambooHR simulator and the HTTPS proxy that lets a real n8n's BambooHR node (host fixed to
 * api.bamboohr.com) reach it: the employee-create contract n8n's node relies on, and the tunnel
 * that accepts that one host only.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';

const { startSandbox, SANDBOX_SECRETS } = require('../../../simulator');
const { canMakeCertificates, startBambooHrProxy } = require('../../../simulator/bamboohr-proxy');

const { subdomain, apiKey } = SANDBOX_SECRETS.bamboohr as { subdomain: string; apiKey: string };
const basic = (key: string) => `Basic ${Buffer.from(`${key}:x`).toString('base64')}`;
let sandbox: { url: string; close(): Promise<void>; reset(): void };

beforeAll(async () => {
	sandbox = await startSandbox();
});
beforeEach(() => sandbox.reset());
afterAll(async () => {
	await sandbox.close();
});

function createEmployee(body: unknown, key = apiKey, company = subdomain) {
	return fetch(`${sandbox.url}/bamboohr/api/gateway.php/${company}/v1/employees`, {
		method: 'POST',
		headers: { authorization: basic(key), 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
}

describe('BambooHR simulator', () => {
	it('creates an employee: 201, the new id at the end of Location, as BambooHR answers', async () => {
		const res = await createEmployee({ firstName: 'Jane', lastName: 'Doe', hireDate: '2026-11-23' });
		expect(res.status).toBe(201);
		expect(res.headers.get('location')).toBe(`https://api.bamboohr.com/api/gateway.php/${subdomain}/v1/employees/101`);
		const employees = await (await fetch(`${sandbox.url}/_control/bamboohr/employees`)).json();
		expect(employees).toEqual([expect.objectContaining({ id: '101', fields: { firstName: 'Jane', lastName: 'Doe', hireDate: '2026-11-23' } })]);
	});

	it('refuses a wrong key (401), another company (404), and bad fields (400 with the reason in a header)', async () => {
		expect((await createEmployee({ firstName: 'A', lastName: 'B' }, 'wrong')).status).toBe(401);
		expect((await createEmployee({ firstName: 'A', lastName: 'B' }, apiKey, 'other')).status).toBe(404);
		const noLastName = await createEmployee({ firstName: 'A' });
		expect(noLastName.status).toBe(400);
		expect(noLastName.headers.get('x-bamboohr-error-message')).toBe('lastName is required');
		expect((await createEmployee({ firstName: 'A', lastName: 'B', hireDate: '23/11/2026' })).status).toBe(400);
		expect((await createEmployee({ firstName: 'A', lastName: 'B', shoeSize: 44 })).status).toBe(400);
	});
});

(canMakeCertificates() ? describe : describe.skip)('BambooHR proxy (needs the openssl command)', () => {
	let proxy: { url: string; caFile: string; connects: string[]; close(): Promise<void> };
	let dir: string;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'bamboohr-proxy-test-'));
		proxy = await startBambooHrProxy({ sandboxUrl: sandbox.url, dir });
	}, 30_000);
	afterAll(async () => {
		await proxy.close();
		rmSync(dir, { recursive: true, force: true });
	});

	// CONNECT by hand over a plain socket: nock's interceptor (left on by other unit files in this
	// worker) patches http.request, which cannot pass a CONNECT through.
	function connect(target: string): Promise<{ status: number; socket: import('node:net').Socket }> {
		const { hostname, port } = new URL(proxy.url);
		return new Promise((resolve, reject) => {
			const socket = net.connect(Number(port), hostname, () => {
				socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`);
			});
			let head = '';
			const onData = (chunk: Buffer) => {
				head += chunk.toString('latin1');
				const end = head.indexOf('\r\n\r\n');
				if (end === -1) return;
				socket.off('data', onData);
				const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
				resolve({ status, socket });
			};
			socket.on('data', onData);
			socket.on('error', reject);
		});
	}

	it('tunnels api.bamboohr.com to the simulator, over TLS with a certificate the caller can trust', async () => {
		const { status, socket } = await connect('api.bamboohr.com:443');
		expect(status).toBe(200);
		const body = JSON.stringify({ firstName: 'Jane', lastName: 'Doe' });
		const answer = await new Promise<string>((resolve, reject) => {
			const secure = tls.connect({ socket, servername: 'api.bamboohr.com', ca: readFileSync(proxy.caFile) }, () => {
				secure.write(
					`POST /api/gateway.php/${subdomain}/v1/employees HTTP/1.1\r\nHost: api.bamboohr.com\r\nAuthorization: ${basic(apiKey)}\r\n` +
						`Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
				);
			});
			let text = '';
			secure.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
			secure.on('end', () => resolve(text));
			secure.on('error', reject);
		});
		expect(answer).toMatch(/^HTTP\/1\.1 201/);
		expect(answer).toMatch(/location: https:\/\/api\.bamboohr\.com\/api\/gateway\.php\/acme\/v1\/employees\/101/i);
	});

	it('refuses to tunnel anywhere else', async () => {
		const { status, socket } = await connect('example.com:443');
		socket.destroy();
		expect(status).toBe(502);
		expect(proxy.connects).toContain('example.com:443');
	});
});

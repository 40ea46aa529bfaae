// @ts-check
'use strict';
/**
 * An HTTPS proxy that lets a real n8n's built-in BambooHR node, whose host is fixed to
 * https://api.bamboohr.com, reach the BambooHR simulator instead: n8n sends every outbound
 * HTTPS request through the proxy named by its standard HTTPS_PROXY setting; this proxy accepts
 * CONNECT only for api.bamboohr.com:443, ends the TLS itself with a throwaway certificate for
 * that name (made with the openssl command; n8n trusts it through NODE_EXTRA_CA_CERTS) and hands
 * each request to <sandbox>/bamboohr<path>. Every other CONNECT is refused with 502, so nothing
 * leaves the machine.
 *
 *   const proxy = await startBambooHrProxy({ sandboxUrl: sandbox.url, dir });
 *   n8n env: { HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1,localhost,::1', NODE_EXTRA_CA_CERTS: proxy.caFile }
 */
const childProcess = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const path = require('node:path');
const { PUBLIC_HOST, prefix } = require('./bamboohr');

/** True when the openssl command this proxy needs is on PATH. */
function canMakeCertificates() {
	const probe = childProcess.spawnSync('openssl', ['version'], { stdio: 'ignore' });
	return probe.status === 0;
}

/**
 * A self-signed certificate for api.bamboohr.com, valid for two days.
 * @param {string} dir @returns {{ keyFile: string, certFile: string }}
 */
function makeCertificate(dir) {
	const keyFile = path.join(dir, 'bamboohr-proxy.key');
	const certFile = path.join(dir, 'bamboohr-proxy.crt');
	childProcess.execFileSync('openssl', [
		// An EC key: made at once, where an RSA key can take seconds on a busy machine.
		'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-sha256', '-days', '2',
		'-keyout', keyFile, '-out', certFile,
		'-subj', `/CN=${PUBLIC_HOST}`,
		'-addext', `subjectAltName=DNS:${PUBLIC_HOST}`,
	], { stdio: 'ignore' });
	return { keyFile, certFile };
}

/**
 * @typedef {Object} BambooHrProxy
 * @property {string} url        http://127.0.0.1:PORT, for HTTPS_PROXY
 * @property {string} caFile     the certificate to trust, for NODE_EXTRA_CA_CERTS
 * @property {string[]} connects every CONNECT target asked for, accepted or not
 * @property {() => Promise<void>} close
 */

/**
 * @param {{ sandboxUrl: string, dir: string, host?: string }} options
 * @returns {Promise<BambooHrProxy>}
 */
async function startBambooHrProxy({ sandboxUrl, dir, host = '127.0.0.1' }) {
	fs.mkdirSync(dir, { recursive: true });
	const { keyFile, certFile } = makeCertificate(dir);
	const upstream = new URL(sandboxUrl);
	/** @type {string[]} */
	const connects = [];

	const tlsServer = https.createServer({ key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile) }, (req, res) => {
		const forward = http.request(
			{ host: upstream.hostname, port: upstream.port, method: req.method, path: `${prefix}${req.url ?? '/'}`, headers: { ...req.headers, host: upstream.host } },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		forward.on('error', (error) => {
			res.writeHead(502, { 'content-type': 'text/plain' });
			res.end(`BambooHR simulator unreachable: ${error.message}`);
		});
		req.pipe(forward);
	});

	const proxy = http.createServer((_req, res) => {
		res.writeHead(502, { 'content-type': 'text/plain' });
		res.end(`This proxy only tunnels CONNECT ${PUBLIC_HOST}:443`);
	});
	/** @type {Set<import('node:net').Socket>} */
	const sockets = new Set();
	proxy.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	proxy.on('connect', (req, socket, head) => {
		const target = req.url ?? '';
		connects.push(target);
		if (target !== `${PUBLIC_HOST}:443`) {
			socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
			return;
		}
		socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
		if (head.length) socket.unshift(head);
		tlsServer.emit('connection', socket);
	});

	await new Promise((resolve, reject) => {
		proxy.once('error', reject);
		proxy.listen(0, host, () => resolve(undefined));
	});
	const address = /** @type {import('node:net').AddressInfo} */ (proxy.address());
	return {
		url: `http://${host}:${address.port}`,
		caFile: certFile,
		connects,
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => proxy.close(() => resolve(undefined)));
			tlsServer.close();
		},
	};
}

module.exports = { startBambooHrProxy, canMakeCertificates };

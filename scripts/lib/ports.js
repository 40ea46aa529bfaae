// @ts-check
'use strict';
/** Loopback ports for n8n, its task broker, the simulator and PostgreSQL. */
const net = require('node:net');

/**
 * A port that was free a moment ago on 127.0.0.1 (listen on 0, read it, close).
 * @returns {Promise<number>}
 */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/**
 * Whether something already listens on 127.0.0.1:port.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function isPortFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

module.exports = { freePort, isPortFree };

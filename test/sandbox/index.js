// @ts-check
'use strict';
/**
 * The project's simulator of the vendor APIs (Lever, WeCP; more services plug in the same way:
 * write <service>.js with the shape of lever.js and add it to SERVICE_MODULES).
 *
 *   const { startSandbox, SANDBOX_SECRETS, SEED } = require('./test/sandbox');
 *   const sandbox = await startSandbox();          // 127.0.0.1, a free port
 *   sandbox.services.lever.baseUrl                  // http://127.0.0.1:PORT/lever/v1
 *   await sandbox.close();
 *
 * Control API under <url>/_control/...: see README.md next to this file.
 */
const { createSandbox } = require('./core');
const lever = require('./lever');
const wecp = require('./wecp');

/** @type {import('./core').ServiceModule[]} */
const SERVICE_MODULES = [lever, wecp];

/** The fixed credentials every simulated service accepts. */
const SANDBOX_SECRETS = Object.freeze({ lever: lever.SECRETS, wecp: wecp.SECRETS });

/** Fixed ids of the seed data, per service. */
const SEED = Object.freeze({ lever: lever.SEED, wecp: wecp.SEED });

/**
 * @typedef {Object} Sandbox
 * @property {string} url                       e.g. http://127.0.0.1:4321
 * @property {number} port
 * @property {{ lever: { baseUrl: string }, wecp: { baseUrl: string } }} services  credential base URLs
 * @property {{ lever: import('./lever').LeverState, wecp: import('./wecp').WecpState, requests: import('./core').LogEntry[], deliveries: unknown[] }} state
 *   live in-memory state (getters: still current after a reset)
 * @property {() => void} reset                 same as POST /_control/reset
 * @property {() => Promise<void>} settle       waits for webhook deliveries in flight
 * @property {() => Promise<void>} close
 */

/**
 * Starts every simulated service on one HTTP server.
 * @param {{ port?: number, host?: string }} [options]
 * @returns {Promise<Sandbox>}
 */
async function startSandbox({ port = 0, host = '127.0.0.1' } = {}) {
	const sandbox = createSandbox(SERVICE_MODULES);
	const listening = await sandbox.listen(port, host);
	const baseUrl = (/** @type {string} */ prefix) => listening.url + prefix;
	const state = {
		get lever() { return /** @type {import('./lever').LeverState} */ (sandbox.state.service(lever.name)); },
		get wecp() { return /** @type {import('./wecp').WecpState} */ (sandbox.state.service(wecp.name)); },
		get requests() { return sandbox.state.requests; },
		get deliveries() { return sandbox.state.deliveries; },
	};
	return {
		url: listening.url,
		port: listening.port,
		services: { lever: { baseUrl: baseUrl(lever.prefix) }, wecp: { baseUrl: baseUrl(wecp.prefix) } },
		state,
		reset: sandbox.reset,
		settle: sandbox.settle,
		close: sandbox.close,
	};
}

module.exports = {
	startSandbox,
	SANDBOX_SECRETS,
	SEED,
	SERVICE_MODULES,
	signLeverDelivery: lever.signDelivery,
	signWecpDelivery: wecp.signDelivery,
};

// @ts-check
'use strict';
/**
 * The project's simulator of the vendor APIs (Lever, WeCP, Willo, iCIMS, WiseWay, Wepow, BambooHR;
 * more services plug in the same way: write <service>/ with the shape of lever/ and add one line to
 * SERVICE_MODULES).
 *
 *   const { startSandbox, SANDBOX_SECRETS, SEED } = require('./simulator');
 *   const sandbox = await startSandbox();          // 127.0.0.1, a free port
 *   sandbox.services.lever.baseUrl                  // http://127.0.0.1:PORT/lever/v1
 *   await sandbox.close();
 *
 * Control API under <url>/_control/...: see README.md next to this file.
 */
const { createSandbox } = require('./shared/core');

/** Every simulated service: one folder each, all of the shape of lever/. */
/** @type {import('./shared/core').ServiceModule[]} */
const SERVICE_MODULES = [require('./lever'), require('./wecp'), require('./willo'), require('./icims'), require('./wiseway'), require('./wepow'), require('./bamboohr')];

/** @type {(pick: (m: any) => any) => Readonly<Record<string, any>>} */
const byName = (pick) =>
	Object.freeze(Object.fromEntries(SERVICE_MODULES.map((module) => [module.name, pick(module)])));

/** The fixed credentials every simulated service accepts, per service name. */
const SANDBOX_SECRETS = byName((module) => module.SECRETS);

/** Fixed ids of the seed data, per service name. */
const SEED = byName((module) => module.SEED);

/**
 * @typedef {Object} Sandbox
 * @property {string} url                       e.g. http://127.0.0.1:4321
 * @property {number} port
 * @property {Record<string, { baseUrl: string }>} services  credential base URLs, per service name
 * @property {Record<string, any> & { requests: import('./shared/core').LogEntry[], deliveries: unknown[] }} state
 *   live in-memory state per service name (getters: still current after a reset)
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
	/** @type {Record<string, any>} */
	const state = {
		get requests() { return sandbox.state.requests; },
		get deliveries() { return sandbox.state.deliveries; },
	};
	/** @type {Record<string, { baseUrl: string }>} */
	const services = {};
	for (const module of SERVICE_MODULES) {
		Object.defineProperty(state, module.name, { enumerable: true, get: () => sandbox.state.service(module.name) });
		services[module.name] = { baseUrl: listening.url + module.prefix };
	}
	return {
		url: listening.url,
		port: listening.port,
		services,
		state: /** @type {Sandbox['state']} */ (state),
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
	signLeverDelivery: require('./lever').signDelivery,
	signWecpDelivery: require('./wecp').signDelivery,
};

// @ts-check
'use strict';
/**
 * BambooHR simulator (the employee calls n8n's own BambooHR node makes): in-memory employees.
 * Mounted at /bamboohr (API under /bamboohr/api/gateway.php/<subdomain>/v1, as on
 * api.bamboohr.com); control at /_control/bamboohr. n8n's BambooHR node has its host fixed to
 * https://api.bamboohr.com: the end-to-end tests reach this module through the HTTPS proxy in
 * ../bamboohr-proxy.js, which n8n uses through its standard HTTPS_PROXY setting.
 *
 * Layout: seed.js (identity, state), auth.js (credentials, errors), routes.js (API), control.js
 * (control routes); this file assembles them.
 */
const { name, prefix, PUBLIC_HOST, SEED, EVENTS, seedState } = require('./seed');
const { SECRETS, authenticate, errorBody } = require('./auth');
const { createRoutes } = require('./routes');
const { createControlRoutes } = require('./control');

/** @typedef {import('../shared/core').Service} Service */
/** @typedef {import('./seed').BambooState} BambooState */

/** @returns {Service & { state: BambooState }} */
function createService() {
	/** @type {import('./seed').Store} */
	const store = { state: seedState() };
	return {
		name,
		prefix,
		get state() { return store.state; },
		reset() { store.state = seedState(); },
		authenticate,
		errorBody,
		routes: createRoutes(store),
		controlRoutes: createControlRoutes(store),
	};
}

module.exports = { name, prefix, PUBLIC_HOST, SECRETS, SEED, EVENTS, createService };

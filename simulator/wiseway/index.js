// @ts-check
'use strict';
/**
 * WiseWay simulator: in-memory state, seed data, API routes, control routes, signed webhook
 * deliveries. Contract: docs/api/wiseway.md. The credential's base URL is <url>/wiseway
 * and the API lives below it at /api/app/...; control at /_control/wiseway.
 *
 * Layout: seed.js (identity, seed data, state), auth.js (credentials, error shape), model.js (helpers
 * the routes share), routes.js (API), control.js (control routes); this file assembles them.
 */
const { name, prefix, SEED, EVENTS, DUPLICATE_RULES, seedState } = require('./seed');
const { SECRETS, signDelivery, createAuth } = require('./auth');
const { createModel } = require('./model');
const { createRoutes } = require('./routes');
const { createControlRoutes } = require('./control');

/** @typedef {import('../shared/core').ServiceContext} ServiceContext */
/** @typedef {import('../shared/core').Service} Service */
/** @typedef {import('./seed').WiseWayState} WiseWayState */

/** @param {ServiceContext} ctx @returns {Service & { state: WiseWayState }} */
function createService(ctx) {
	/** @type {import('./seed').Store} */
	const store = { state: seedState() };
	const auth = createAuth(ctx, store);
	const kit = { ...auth, ...createModel(ctx, store) };
	return {
		name,
		prefix,
		get state() { return store.state; },
		reset() { store.state = seedState(); },
		authenticate: auth.authenticate,
		errorBody: auth.errorBody,
		routes: createRoutes(ctx, store, kit),
		controlRoutes: createControlRoutes(ctx, store, kit),
	};
}

module.exports = { name, prefix, SECRETS, SEED, EVENTS, DUPLICATE_RULES, signDelivery, createService };

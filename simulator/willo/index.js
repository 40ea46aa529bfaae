// @ts-check
'use strict';
/**
 * Willo (Integration API v2) simulator: in-memory state, seed data, API routes, control routes,
 * unsigned webhook deliveries. Contract: docs/api/willo.md. Mounted at
 * /willo/api/integrations/v2; control at /_control/willo.
 *
 * Layout: seed.js (identity, seed data, state), auth.js (credentials, error shape), model.js (helpers
 * the routes share), routes.js (API), control.js (control routes); this file assembles them.
 */
const { name, prefix, SEED, EVENTS, STAGES, seedState } = require('./seed');
const { SECRETS, createAuth } = require('./auth');
const { createModel } = require('./model');
const { createRoutes } = require('./routes');
const { createControlRoutes } = require('./control');

/** @typedef {import('../shared/core').ServiceContext} ServiceContext */
/** @typedef {import('../shared/core').Service} Service */
/** @typedef {import('./seed').WilloState} WilloState */

/** @param {ServiceContext} ctx @returns {Service & { state: WilloState }} */
function createService(ctx) {
	/** @type {import('./seed').Store} */
	const store = { state: seedState() };
	const auth = createAuth();
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

module.exports = { name, prefix, SECRETS, SEED, EVENTS, STAGES, createService };

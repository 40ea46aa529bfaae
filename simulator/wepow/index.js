// @ts-check
'use strict';
/**
 * Wepow (HAL hypermedia API) simulator: in-memory state, seed data, API routes, control routes,
 * unsigned notifications whose URL carries the subscriber's token. Contract: docs/api/wepow.md.
 * Mounted at /wepow; control at /_control/wepow.
 *
 * Quirks kept on purpose: Basic auth as "<subdomain>.<email>:<key>", 406 without
 * `Accept: application/hal+json`, absolute `_links` everywhere, POST /notifications answering 204
 * without an id, the never-twice rule (a repeated invitation answers 200 with the application it
 * has), single-use limited-access ("iframe") review links re-issued on every read (the one inside a
 * notification is already spent), 422 from a position that accepts no applications.
 *
 * Layout: seed.js (identity, seed data, state), auth.js (credentials, error shape), model.js (helpers
 * the routes share), routes.js (API), control.js (control routes); this file assembles them.
 */
const { name, prefix, SEED, EVENTS, STATUSES, DUPLICATE_RULES, seedState } = require('./seed');
const { SECRETS, createAuth } = require('./auth');
const { createModel } = require('./model');
const { createRoutes } = require('./routes');
const { createControlRoutes } = require('./control');

/** @typedef {import('../shared/core').ServiceContext} ServiceContext */
/** @typedef {import('../shared/core').Service} Service */
/** @typedef {import('./seed').WepowState} WepowState */

/** @param {ServiceContext} ctx @returns {Service & { state: WepowState }} */
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

module.exports = { name, prefix, SECRETS, SEED, EVENTS, STATUSES, DUPLICATE_RULES, createService };

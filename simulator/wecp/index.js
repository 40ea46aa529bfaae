// @ts-check
'use strict';
/**
 * WeCP simulator: in-memory state, seed data, API routes, control routes, webhook signing.
 * Contract: docs/api/wecp.md (live interviews and talent pools there are ours).
 * Mounted at /wecp; control at /_control/wecp.
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
/** @typedef {import('./seed').WecpState} WecpState */

/** @param {ServiceContext} ctx @returns {Service & { state: WecpState }} */
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

module.exports = { name, prefix, SECRETS, SEED, EVENTS, DUPLICATE_RULES, signDelivery, createService };

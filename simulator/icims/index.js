// @ts-check
'use strict';
/**
 * iCIMS simulator: in-memory state, seed data, API routes, control routes, event notifications.
 * Contract: docs/api/icims.md. API mounted at /icims (paths /customers/{customerId}/...,
 * tokens at /icims/oauth/token); control at /_control/icims.
 * Quirks kept: the daily call quota with x-ratelimit-* headers, search answers of ids only capped at
 * 1,000 (paged by id), optional search staleness, the PATCH that fails while a required field is
 * empty, OAuth token throttling, gzip and duplicate event notifications.
 *
 * Layout: seed.js (identity, seed data, state), auth.js (credentials, error shape), model.js (helpers
 * the routes share), routes.js (API), control.js (control routes); this file assembles them.
 */
const { name, prefix, SEED, EVENTS, icimsDate, seedState } = require('./seed');
const { SECRETS, basicAuth, createAuth } = require('./auth');
const { createModel } = require('./model');
const { createRoutes } = require('./routes');
const { createControlRoutes } = require('./control');

/** @typedef {import('../shared/core').ServiceContext} ServiceContext */
/** @typedef {import('../shared/core').Service} Service */
/** @typedef {import('./seed').IcimsState} IcimsState */

/** @param {ServiceContext} ctx @returns {Service & { state: IcimsState }} */
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

module.exports = { name, prefix, SECRETS, SEED, EVENTS, basicAuth, icimsDate, createService };

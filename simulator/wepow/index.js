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
const { assembleService } = require('../shared/assemble');

/** @type {(ctx: import('../shared/core').ServiceContext) => import('../shared/core').Service & { state: import('./seed').WepowState }} */
const createService = assembleService({ name, prefix, seedState, createAuth, createModel, createRoutes, createControlRoutes });

module.exports = { name, prefix, SECRETS, SEED, EVENTS, STATUSES, DUPLICATE_RULES, createService };

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
const { assembleService } = require('../shared/assemble');

/** @type {(ctx: import('../shared/core').ServiceContext) => import('../shared/core').Service & { state: import('./seed').WiseWayState }} */
const createService = assembleService({ name, prefix, seedState, createAuth, createModel, createRoutes, createControlRoutes });

module.exports = { name, prefix, SECRETS, SEED, EVENTS, DUPLICATE_RULES, signDelivery, createService };

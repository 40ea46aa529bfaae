// @ts-check
'use strict';
/**
 * Lever (Data API v1) simulator: in-memory state, seed data, API routes, control routes, webhook
 * signing. Contract: docs/api/lever.md. Mounted at /lever/v1; control at /_control/lever.
 *
 * Layout: seed.js (identity, seed data, state), auth.js (credentials, error shape), model.js (helpers
 * the routes share), routes.js (API), control.js (control routes); this file assembles them.
 */
const { name, prefix, SEED, EVENTS, seedState } = require('./seed');
const { SECRETS, signDelivery, createAuth } = require('./auth');
const { createModel } = require('./model');
const { createRoutes } = require('./routes');
const { createControlRoutes } = require('./control');
const { assembleService } = require('../shared/assemble');

/** @type {(ctx: import('../shared/core').ServiceContext) => import('../shared/core').Service & { state: import('./seed').LeverState }} */
const createService = assembleService({ name, prefix, seedState, createAuth, createModel, createRoutes, createControlRoutes });

module.exports = { name, prefix, SECRETS, SEED, EVENTS, signDelivery, createService };

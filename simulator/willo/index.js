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
const { assembleService } = require('../shared/assemble');

/** @type {(ctx: import('../shared/core').ServiceContext) => import('../shared/core').Service & { state: import('./seed').WilloState }} */
const createService = assembleService({ name, prefix, seedState, createAuth, createModel, createRoutes, createControlRoutes });

module.exports = { name, prefix, SECRETS, SEED, EVENTS, STAGES, createService };

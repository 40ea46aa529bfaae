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
const { assembleService } = require('../shared/assemble');

/** @type {(ctx: import('../shared/core').ServiceContext) => import('../shared/core').Service & { state: import('./seed').WecpState }} */
const createService = assembleService({ name, prefix, seedState, createAuth, createModel, createRoutes, createControlRoutes });

module.exports = { name, prefix, SECRETS, SEED, EVENTS, DUPLICATE_RULES, signDelivery, createService };

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
const { assembleService } = require('../shared/assemble');

/** @type {(ctx: import('../shared/core').ServiceContext) => import('../shared/core').Service & { state: import('./seed').IcimsState }} */
const createService = assembleService({ name, prefix, seedState, createAuth, createModel, createRoutes, createControlRoutes });

module.exports = { name, prefix, SECRETS, SEED, EVENTS, basicAuth, icimsDate, createService };

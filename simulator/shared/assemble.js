// @ts-check
'use strict';
/**
 * Puts one simulated service together from the files of its folder, the same way for every
 * service: seed.js gives the state, auth.js the credential checks and error shape, model.js the
 * helpers its routes share, routes.js and control.js the routes. `reset()` goes back to the seed.
 */

/** @typedef {import('./core').ServiceContext} ServiceContext */
/** @typedef {import('./core').Service} Service */
/** @typedef {import('./http').Route} Route */

/**
 * @template S  the service's state
 * @typedef {Object} ServiceParts
 * @property {string} name
 * @property {string} prefix
 * @property {() => S} seedState
 * @property {(ctx: ServiceContext, store: { state: S }) => { authenticate: Service['authenticate'], errorBody: Service['errorBody'] } & Record<string, any>} createAuth
 * @property {(ctx: ServiceContext, store: { state: S }) => Record<string, any>} createModel
 * @property {(ctx: ServiceContext, store: { state: S }, kit: any) => Route[]} createRoutes
 * @property {(ctx: ServiceContext, store: { state: S }, kit: any) => Route[]} createControlRoutes
 */

/**
 * @template S
 * @param {ServiceParts<S>} parts
 * @returns {(ctx: ServiceContext) => Service & { state: S }}
 */
function assembleService(parts) {
	return (ctx) => {
		const store = { state: parts.seedState() };
		const auth = parts.createAuth(ctx, store);
		// What the routes share: the auth helpers and the model's.
		const kit = { ...auth, ...parts.createModel(ctx, store) };
		return {
			name: parts.name,
			prefix: parts.prefix,
			get state() {
				return store.state;
			},
			reset() {
				store.state = parts.seedState();
			},
			authenticate: auth.authenticate,
			errorBody: auth.errorBody,
			routes: parts.createRoutes(ctx, store, kit),
			controlRoutes: parts.createControlRoutes(ctx, store, kit),
		};
	};
}

module.exports = { assembleService };

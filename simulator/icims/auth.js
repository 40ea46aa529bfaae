// @ts-check
'use strict';
/**
 * iCIMS simulator: the credentials it accepts, how it checks them, and its error shape.
 */
const { HttpError } = require('../shared/core');
const { CUSTOMER_ID, SEED } = require('./seed');

/** @typedef {import('../shared/core').ServiceContext} ServiceContext */
/** @typedef {import('../shared/core').SandboxRequest} SandboxRequest */

const SECRETS = Object.freeze({
	/** the customer id in every API path (not secret, but part of the credential) */
	customerId: CUSTOMER_ID,
	/** HTTP Basic of the integration user */
	username: 'sim-icims-api-user',
	password: 'sim-icims-api-password',
	/** OAuth 2.0 client credentials, exchanged at POST /icims/oauth/token */
	clientId: 'sim-icims-client-id',
	clientSecret: 'sim-icims-client-secret',
	audience: 'https://api.icims.com/v1/',
	/** what event notifications send as HTTP Basic, unless a subscription says otherwise */
	webhookUsername: 'sim-icims-events',
	webhookPassword: 'sim-icims-events-password',
});

/**
 * The Authorization header iCIMS sends to the event receiver.
 * @param {string} username @param {string} password
 */
function basicAuth(username, password) {
	return 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
}

/**
 * @param {ServiceContext} ctx
 * @param {import('./seed').Store} store  the live state (replaced by reset)
 */
function createAuth(ctx, store) {
	/** @param {number} status @param {string} message */
	function errorBody(status, message) {
		/** @type {Record<number, number>} */
		const codes = { 400: 6, 401: 4, 403: 3, 404: 2, 405: 7, 413: 6, 429: 8 };
		return { errors: [{ errorMessage: message, errorCode: codes[status] ?? 1 }] };
	}

	function secondsToReset() {
		const now = Date.now();
		const midnight = new Date(now);
		midnight.setUTCHours(24, 0, 0, 0);
		return Math.ceil((midnight.getTime() - now) / 1000);
	}

	function quotaHeaders() {
		return {
			'x-ratelimit-limit': String(store.state.quota.limit),
			'x-ratelimit-remaining': String(Math.max(0, store.state.quota.limit - store.state.quota.used)),
			'x-ratelimit-reset': String(secondsToReset()),
		};
	}

	/** @param {SandboxRequest} req */
	function authenticate(req) {
		if (req.path === '/oauth/token') return;
		const header = req.headers.authorization ?? '';
		const basic = /^Basic\s+(\S+)$/i.exec(header);
		const bearer = /^Bearer\s+(\S+)$/i.exec(header);
		if (basic) {
			const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
			const colon = decoded.indexOf(':');
			if (colon < 0 || decoded.slice(0, colon) !== SECRETS.username || decoded.slice(colon + 1) !== SECRETS.password) {
				throw new HttpError(401, 'Invalid username or password');
			}
		} else if (bearer) {
			const expiresAt = store.state.tokens.get(bearer[1]);
			if (expiresAt === undefined || expiresAt <= Date.now()) throw new HttpError(401, 'The access token is invalid or has expired');
		} else {
			throw new HttpError(401, 'Authentication required: HTTP Basic or a Bearer token');
		}
		const customer = /^\/customers\/([^/]+)(\/|$)/.exec(req.path);
		if (!customer) throw new HttpError(404, `Not found: ${req.path}`);
		if (decodeURIComponent(customer[1]) !== SEED.customerId) throw new HttpError(403, `Not authorized for customer ${customer[1]}`);
		if (store.state.quota.used >= store.state.quota.limit) {
			throw new HttpError(429, 'The daily API call limit for this customer has been reached', { headers: quotaHeaders() });
		}
		store.state.quota.used++;
	}

	/** Every API answer carries the quota headers, errors included. @param {import('../shared/core').Handler} handler @returns {import('../shared/core').Handler} */
	function withQuota(handler) {
		return async (req) => {
			try {
				const response = await handler(req);
				return { ...response, headers: { ...quotaHeaders(), ...(response.headers ?? {}) } };
			} catch (err) {
				if (err instanceof HttpError) err.headers = { ...quotaHeaders(), ...(err.headers ?? {}) };
				throw err;
			}
		};
	}

	return { errorBody, secondsToReset, authenticate, withQuota };
}

/** @typedef {ReturnType<typeof createAuth>} Auth */

module.exports = { SECRETS, basicAuth, createAuth };

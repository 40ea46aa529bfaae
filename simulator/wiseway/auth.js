// @ts-check
'use strict';
/**
 * WiseWay simulator: the credentials it accepts, how it checks them and signs what it sends, and its
 * error shape.
 */
const crypto = require('node:crypto');
const { HttpError } = require('../shared/core');

/** @typedef {import('../shared/core').ServiceContext} ServiceContext */
/** @typedef {import('../shared/core').SandboxRequest} SandboxRequest */

const SECRETS = Object.freeze({
	/** x-api-key of the workspace owner: everything allowed */
	apiKey: 'sim-wiseway-api-key',
	/** x-api-key of a member: webhook writes answer 403 (only the owner may manage webhooks) */
	memberApiKey: 'sim-wiseway-member-key',
	/**
	 * The signing secret of webhooks made in the app (POST /_control/wiseway/webhooks), and of API-made
	 * webhooks while returnSecretOnCreate is off: what a user copies into the credential's Webhook Secret.
	 */
	webhookSecret: 'sim-wiseway-webhook-secret',
});

/**
 * The x-wiseway-signature header of a delivery: hex HMAC-SHA256 of the raw body, keyed with the webhook's secret.
 * @param {string} secret @param {string} rawBody exactly the bytes sent
 * @returns {string}
 */
function signDelivery(secret, rawBody) {
	return crypto.createHmac('sha256', secret).update(rawBody).digest('hex');
}

/**
 * @param {ServiceContext} ctx
 * @param {import('./seed').Store} store  the live state (replaced by reset)
 */
function createAuth(ctx, store) {
	/** @param {number} _status @param {string} message */
	function errorBody(_status, message) {
		return { error: message };
	}

	/** @param {SandboxRequest} req */
	function authenticate(req) {
		const key = req.headers['x-api-key'];
		if (!key) throw new HttpError(401, 'Missing x-api-key header');
		if (key !== SECRETS.apiKey && key !== SECRETS.memberApiKey) throw new HttpError(401, 'Invalid API key');
		const limit = store.state.settings.rateLimit;
		if (!limit) return;
		const now = Date.now();
		const windowMs = limit.windowSeconds * 1000;
		let rate = store.state.rate.get(key);
		if (!rate || now - rate.windowStart >= windowMs) {
			rate = { windowStart: now, count: 0 };
			store.state.rate.set(key, rate);
		}
		if (rate.count >= limit.limit) {
			const seconds = Math.max(1, Math.ceil((rate.windowStart + windowMs - now) / 1000));
			throw new HttpError(429, 'Too Many Requests', { headers: { 'retry-after': String(seconds) } });
		}
		rate.count++;
	}

	return { errorBody, authenticate };
}

/** @typedef {ReturnType<typeof createAuth>} Auth */

module.exports = { SECRETS, signDelivery, createAuth };

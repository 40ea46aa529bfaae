// @ts-check
'use strict';
/**
 * WeCP simulator: the credentials it accepts, how it checks them and signs what it sends, and its
 * error shape.
 */
const crypto = require('node:crypto');
const { HttpError } = require('../shared/core');

/** @typedef {import('../shared/core').SandboxRequest} SandboxRequest */

const SECRETS = Object.freeze({
	/** x-api-key header */
	apiKey: 'sim-wecp-api-key',
	/** X-WECP-Partner-Authorization: base64(partnerKey:partnerSecret), with or without 'Basic ' */
	partnerKey: 'sim-wecp-partner-key',
	partnerSecret: 'sim-wecp-partner-secret',
	/** the only values WECP-User-Email may take */
	userEmails: Object.freeze(['recruiter@example.com', 'hiring.manager@example.com']),
});

/**
 * The X-WECP-Signature header value of a delivery: 'sha256=' + hex HMAC-SHA256(secret, raw body).
 * @param {string} secret @param {string} rawBody exactly the bytes sent
 * @returns {string}
 */
function signDelivery(secret, rawBody) {
	return 'sha256=' + crypto.createHmac('sha256', secret).update(rawBody).digest('hex');
}

function createAuth() {
	/** @param {number} _status @param {string} message */
	function errorBody(_status, message) {
		return { message };
	}

	/** @param {SandboxRequest} req */
	function authenticate(req) {
		const key = req.headers['x-api-key'];
		if (!key) throw new HttpError(401, 'Missing x-api-key header');
		if (key !== SECRETS.apiKey) throw new HttpError(401, 'Invalid API key');
		const partner = req.headers['x-wecp-partner-authorization'];
		if (partner !== undefined) {
			const encoded = partner.replace(/^Basic\s+/i, '').trim();
			const decoded = Buffer.from(encoded, 'base64').toString('utf8');
			if (decoded !== `${SECRETS.partnerKey}:${SECRETS.partnerSecret}`) throw new HttpError(401, 'Invalid partner authorization');
		}
		const user = req.headers['wecp-user-email'];
		if (user !== undefined && !SECRETS.userEmails.includes(user.trim().toLowerCase())) {
			throw new HttpError(403, `WECP-User-Email ${user} is not a user of this company`);
		}
	}

	return { errorBody, authenticate };
}

/** @typedef {ReturnType<typeof createAuth>} Auth */

module.exports = { SECRETS, signDelivery, createAuth };

// @ts-check
'use strict';
/**
 * Lever (Data API v1) simulator: the credentials it accepts, how it checks them and signs what it
 * sends, and its error shape.
 */
const crypto = require('node:crypto');
const { HttpError } = require('../shared/core');

/** @typedef {import('../shared/core').SandboxRequest} SandboxRequest */

const SECRETS = Object.freeze({
	/** HTTP Basic: the key as username, empty password */
	apiKey: 'sim-lever-api-key',
});

/**
 * The signature of a Lever webhook delivery: hex HMAC-SHA256 keyed by the webhook's signatureToken
 * over token + String(triggeredAt). The body itself is not hashed.
 * @param {string} signatureToken @param {string} token @param {number | string} triggeredAt
 * @returns {string} 64 hex characters
 */
function signDelivery(signatureToken, token, triggeredAt) {
	return crypto.createHmac('sha256', signatureToken).update(token + String(triggeredAt)).digest('hex');
}

function createAuth() {
	/** @param {number} status @param {string} message */
	function errorBody(status, message) {
		/** @type {Record<number, string>} */
		const codes = {
			400: 'BadRequestError', 401: 'UnauthorizedError', 403: 'ForbiddenError', 404: 'ResourceNotFound',
			405: 'MethodNotAllowed', 429: 'TooManyRequests', 500: 'InternalServerError', 503: 'ServiceUnavailable',
		};
		return { code: codes[status] ?? 'Error', message };
	}

	/** @param {SandboxRequest} req */
	function authenticate(req) {
		const match = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
		if (!match) throw new HttpError(401, 'Missing API key: use HTTP Basic with the key as username');
		const decoded = Buffer.from(match[1], 'base64').toString('utf8');
		const username = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
		if (username !== SECRETS.apiKey) throw new HttpError(401, 'Invalid API key');
	}

	return { errorBody, authenticate };
}

/** @typedef {ReturnType<typeof createAuth>} Auth */

module.exports = { SECRETS, signDelivery, createAuth };

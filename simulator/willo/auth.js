// @ts-check
'use strict';
/**
 * Willo (Integration API v2) simulator: the credentials it accepts, how it checks them, and its error
 * shape.
 */
const { HttpError } = require('../shared/core');

/** @typedef {import('../shared/core').SandboxRequest} SandboxRequest */

const SECRETS = Object.freeze({
	/** Authorization: <key> (preferred) or Authorization: Bearer <key> */
	apiKey: 'sim-willo-api-key',
});

function createAuth() {
	/** Django REST Framework's error shape. @param {number} _status @param {string} message */
	function errorBody(_status, message) {
		return { detail: message };
	}

	/** @param {SandboxRequest} req */
	function authenticate(req) {
		const header = (req.headers.authorization ?? '').trim();
		if (!header) throw new HttpError(401, 'Authentication credentials were not provided.');
		// Live Willo takes the bare key; its tutorial shows "Bearer <key>": both are accepted.
		const key = header.replace(/^Bearer\s+/i, '');
		if (key !== SECRETS.apiKey) throw new HttpError(401, 'Invalid API key.');
	}

	return { errorBody, authenticate };
}

/** @typedef {ReturnType<typeof createAuth>} Auth */

module.exports = { SECRETS, createAuth };

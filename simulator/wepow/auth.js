// @ts-check
'use strict';
/**
 * Wepow (HAL hypermedia API) simulator: the credentials it accepts, how it checks them, and its error
 * shape.
 */
const { HttpError } = require('../shared/core');

/** @typedef {import('../shared/core').SandboxRequest} SandboxRequest */

const SECRETS = Object.freeze({
	/** HTTP Basic: username `${subdomain}.${email}`, password apiKey */
	subdomain: 'acme',
	email: 'recruiter@example.com',
	apiKey: 'sim-wepow-api-key',
	username: 'acme.recruiter@example.com',
});

function createAuth() {
	/** @param {number} _status @param {string} message */
	function errorBody(_status, message) {
		return { message };
	}

	/** Review pages are for people, not the API: no credentials. @param {SandboxRequest} req */
	function isReviewPage(req) {
		return req.path.startsWith('/review/') || req.path.startsWith('/app/');
	}

	/** @param {SandboxRequest} req */
	function authenticate(req) {
		if (isReviewPage(req)) return;
		// The HAL root only lists links; Wepow does not promise it checks credentials, so neither do we:
		// a credential test that asked only for it would pass with a wrong key.
		if (req.method === 'GET' && req.path === '/') return requireHal(req);
		const header = req.headers.authorization ?? '';
		const challenge = { 'www-authenticate': 'Basic realm="Wepow API"' };
		const match = /^Basic\s+(\S+)$/i.exec(header);
		if (!match) throw new HttpError(401, 'Authentication required: HTTP Basic "<subdomain>.<email>:<api key>"', { headers: challenge });
		const decoded = Buffer.from(match[1], 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		const user = colon < 0 ? decoded : decoded.slice(0, colon);
		const password = colon < 0 ? '' : decoded.slice(colon + 1);
		if (user.toLowerCase() !== SECRETS.username.toLowerCase() || password !== SECRETS.apiKey) {
			throw new HttpError(401, 'Invalid credentials', { headers: challenge });
		}
		requireHal(req);
	}

	/** @param {SandboxRequest} req */
	function requireHal(req) {
		const accept = req.headers.accept ?? '';
		if (!/application\/hal\+json/i.test(accept)) {
			throw new HttpError(406, 'Not Acceptable: this API answers application/hal+json; send it in Accept');
		}
	}

	return { errorBody, authenticate };
}

/** @typedef {ReturnType<typeof createAuth>} Auth */

module.exports = { SECRETS, createAuth };

// @ts-check
'use strict';
/**
 * BambooHR simulator: the credentials it accepts, how it checks them, and its errors (BambooHR puts
 * the text in a header).
 */
const { HttpError } = require('../shared/core');

/** @typedef {import('../shared/core').SandboxRequest} SandboxRequest */

const SECRETS = Object.freeze({
	/** The company's subdomain: acme.bamboohr.com; it is in every API path. */
	subdomain: 'acme',
	/** HTTP Basic username; BambooHR ignores the password (n8n sends "x"). */
	apiKey: 'sim-bamboohr-api-key',
});

/** BambooHR puts its error text in a header. @param {number} status @param {string} message */
function bambooError(status, message) {
	return new HttpError(status, message, { body: '', headers: { 'x-bamboohr-error-message': message } });
}

/** @param {SandboxRequest} req */
function authenticate(req) {
	const match = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
	if (!match) throw bambooError(401, 'Missing HTTP Basic credentials: the API key as username');
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const username = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
	if (username !== SECRETS.apiKey) throw bambooError(401, 'Invalid API key');
}

/** The error body of a refused request (the text is in the header, see bambooError). @param {number} _status @param {string} message */
function errorBody(_status, message) {
	return { message };
}

module.exports = { SECRETS, bambooError, authenticate, errorBody };

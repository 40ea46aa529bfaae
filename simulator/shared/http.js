// @ts-check
'use strict';
/**
 * The simulator's HTTP plumbing, shared by the core and every service: the request and response
 * shapes a handler sees, HttpError, routing by path pattern, body and query parsing, and the small
 * value helpers (query values, object bodies, loopback URLs, random ids).
 */
const crypto = require('node:crypto');

/**
 * A request as a service handler sees it.
 * @typedef {Object} SandboxRequest
 * @property {string} service     name of the service (or 'control')
 * @property {string} method
 * @property {string} path        path below the service prefix, e.g. '/opportunities/abc'
 * @property {Record<string, string>} params  values of ':name' segments of the matched route
 * @property {Record<string, string | string[]>} query  repeated parameters become arrays
 * @property {Record<string, string>} headers lower-cased names
 * @property {unknown} body       parsed JSON, or the text when not JSON, or undefined when empty
 * @property {string} rawBody
 */

/**
 * What a handler answers. A string body is sent as text/plain, anything else (but undefined) as JSON.
 * @typedef {Object} SandboxResponse
 * @property {number} status
 * @property {unknown} [body]
 * @property {Record<string, string>} [headers]
 */

/** @typedef {(req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>} Handler */
/** @typedef {{ method: string, path: string, handler: Handler }} Route */

/** Thrown by handlers; the core answers it in the service's error shape (or with `body` as given). */
class HttpError extends Error {
	/**
	 * @param {number} status
	 * @param {string} message
	 * @param {{ body?: unknown, headers?: Record<string, string> }} [options]
	 */
	constructor(status, message, options = {}) {
		super(message);
		this.status = status;
		this.body = options.body;
		this.headers = options.headers;
	}
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** @param {number} length @returns {string} random lowercase hex of that many characters */
function randomHex(length) {
	return crypto.randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
}

/** Loopback only: the simulator must never call out of the machine. @param {unknown} value */
function isLoopbackUrl(value) {
	if (typeof value !== 'string') return false;
	let url;
	try {
		url = new URL(value);
	} catch {
		return false;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
	const host = url.hostname.toLowerCase();
	return host === 'localhost' || host === '[::1]' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** @param {Record<string, string | string[]>} query @param {string} key @returns {string[]} every value of a parameter */
function queryList(query, key) {
	const value = query[key];
	if (value === undefined) return [];
	return Array.isArray(value) ? value : [value];
}

/** @param {Record<string, string | string[]>} query @param {string} key @returns {string | undefined} the last value of a parameter */
function queryOne(query, key) {
	const values = queryList(query, key);
	return values.length ? values[values.length - 1] : undefined;
}

/** @param {unknown} value @returns {value is Record<string, unknown>} */
function isObject(value) {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @param {unknown} body @returns {Record<string, unknown>} the body as an object, else 400 */
function objectBody(body) {
	if (body === undefined) return {};
	if (!isObject(body)) throw new HttpError(400, 'Expected a JSON object body');
	return body;
}


/** @param {string} pattern e.g. '/opportunities/:id/stage' @param {string} path @returns {Record<string, string> | null} */
function matchPath(pattern, path) {
	const want = pattern.split('/').filter(Boolean);
	const got = path.split('/').filter(Boolean);
	if (want.length !== got.length) return null;
	/** @type {Record<string, string>} */
	const params = {};
	for (let i = 0; i < want.length; i++) {
		let segment;
		try {
			segment = decodeURIComponent(got[i]);
		} catch {
			return null;
		}
		if (want[i].startsWith(':')) params[want[i].slice(1)] = segment;
		else if (want[i] !== segment) return null;
	}
	return params;
}

/**
 * @param {Route[]} routes
 * @param {string} method
 * @param {string} path
 * @returns {{ route: Route, params: Record<string, string> } | { route: null, pathKnown: boolean }}
 */
function findRoute(routes, method, path) {
	let pathKnown = false;
	for (const route of routes) {
		const params = matchPath(route.path, path);
		if (!params) continue;
		if (route.method === method) return { route, params };
		pathKnown = true;
	}
	return { route: null, pathKnown };
}

/** @param {URL} url @returns {Record<string, string | string[]>} */
function parseQuery(url) {
	/** @type {Record<string, string | string[]>} */
	const query = {};
	for (const [key, value] of url.searchParams) {
		const existing = query[key];
		if (existing === undefined) query[key] = value;
		else if (Array.isArray(existing)) existing.push(value);
		else query[key] = [existing, value];
	}
	return query;
}

/** @param {import('node:http').IncomingHttpHeaders} raw @returns {Record<string, string>} */
function flattenHeaders(raw) {
	/** @type {Record<string, string>} */
	const headers = {};
	for (const [key, value] of Object.entries(raw)) {
		if (value !== undefined) headers[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	return headers;
}

/** @param {import('node:http').IncomingMessage} req @returns {Promise<string>} */
function readBody(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		req.on('data', (/** @type {Buffer} */ chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new HttpError(413, 'Body too large'));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/**
 * JSON when it says so or looks like it; text otherwise. A body declared JSON that does not parse is a 400.
 * @param {string} raw @param {string | undefined} contentType @returns {unknown}
 */
function parseBody(raw, contentType) {
	if (raw === '') return undefined;
	const declaredJson = /\bjson\b/i.test(contentType ?? '');
	const trimmed = raw.trim();
	if (declaredJson || (!contentType && (trimmed.startsWith('{') || trimmed.startsWith('[')))) {
		try {
			return JSON.parse(raw);
		} catch {
			if (declaredJson) throw new HttpError(400, 'Body is not valid JSON');
		}
	}
	return raw;
}

/** @param {string} text @returns {unknown} */
function parseMaybeJson(text) {
	if (text === '') return null;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** @param {import('node:http').ServerResponse} res @param {SandboxResponse} response */
function send(res, response) {
	/** @type {Record<string, string>} */
	const headers = { ...(response.headers ?? {}) };
	let payload = '';
	if (response.body !== undefined && response.status !== 204) {
		if (typeof response.body === 'string') {
			payload = response.body;
			headers['content-type'] ??= 'text/plain; charset=utf-8';
		} else {
			payload = JSON.stringify(response.body);
			headers['content-type'] ??= 'application/json; charset=utf-8';
		}
	}
	headers['content-length'] = String(Buffer.byteLength(payload));
	res.writeHead(response.status, headers);
	res.end(payload);
}

/** @param {unknown} value @param {number} fallback */
function finiteNumber(value, fallback) {
	return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

module.exports = {
	HttpError,
	findRoute,
	finiteNumber,
	flattenHeaders,
	isLoopbackUrl,
	isObject,
	objectBody,
	parseBody,
	parseMaybeJson,
	parseQuery,
	queryList,
	queryOne,
	randomHex,
	readBody,
	send,
};

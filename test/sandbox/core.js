// @ts-check
'use strict';
/**
 * The simulator's server core, shared by every simulated service: one HTTP server with the services
 * mounted by path prefix, JSON body parsing (keeping the raw body), the request log, fault injection,
 * the shared control API (/_control/...) and the delivery of outgoing webhooks.
 * Everything vendor-specific lives in one file per service (lever.js, wecp.js, ...).
 */
const http = require('node:http');
const https = require('node:https');
const crypto = require('node:crypto');
const { createRateLimits } = require('./rate-limit');

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

/**
 * An outgoing webhook call, built and signed by a service.
 * @typedef {Object} Delivery
 * @property {string} service
 * @property {string} event
 * @property {string} webhookId
 * @property {string} url
 * @property {Record<string, string>} headers  besides content-type and content-length
 * @property {unknown} payload                 the body as an object (for the delivery log)
 * @property {string} rawBody                  exactly the bytes sent (what a signature covers)
 */

/**
 * The outcome of a delivery. status 0 means no HTTP answer (see error).
 * @typedef {Object} DeliveryResult
 * @property {string} webhookId
 * @property {string} url
 * @property {string} event
 * @property {number} status
 * @property {unknown} body   the receiver's answer: parsed JSON, else text
 * @property {unknown} payload what was sent
 * @property {string} [error]
 */

/**
 * What a service module gets from the core.
 * @typedef {Object} ServiceContext
 * @property {() => string} serverUrl   e.g. http://127.0.0.1:4321 (known once listening)
 * @property {(delivery: Delivery) => Promise<DeliveryResult>} deliver  never rejects
 * @property {() => boolean} duplicateRuleOn  whether the service applies its own duplicate rules (POST /_control/duplicateRules)
 */

/**
 * What a service module's createService(ctx) returns. Every service file has the same shape.
 * @typedef {Object} Service
 * @property {string} name
 * @property {string} prefix                 mount point of its API, e.g. '/lever/v1'
 * @property {unknown} state                 live in-memory state (replaced by reset)
 * @property {() => void} reset              back to seed
 * @property {(req: SandboxRequest) => void} authenticate  throws HttpError when rejected
 * @property {(status: number, message: string) => unknown} errorBody  the vendor's error shape
 * @property {Route[]} routes                API routes, relative to prefix
 * @property {Route[]} controlRoutes         relative to /_control/<name>
 */

/**
 * @typedef {Object} ServiceModule
 * @property {string} name
 * @property {string} prefix
 * @property {(ctx: ServiceContext) => Service} createService
 * @property {readonly string[]} [DUPLICATE_RULES]  the vendor's own duplicate rules, in words (none when absent)
 */

/**
 * @typedef {Object} LogEntry
 * @property {number} id
 * @property {string} service
 * @property {string} method
 * @property {string} path
 * @property {Record<string, string | string[]>} query
 * @property {Record<string, string>} headers
 * @property {unknown} body
 * @property {number | null} status   null when the connection was dropped before the handler ran
 * @property {FaultKind} [fault]
 * @property {true} [rateLimited]     refused by POST /_control/rateLimit (status 429)
 * @property {number} at              epoch ms
 */

/** @typedef {'429' | '429-retry-after' | '503' | 'drop' | 'commit-drop'} FaultKind */
/** @type {readonly FaultKind[]} */
const FAULT_KINDS = ['429', '429-retry-after', '503', 'drop', 'commit-drop'];
/** Methods that read only: commit-drop never applies to them (there is nothing to commit). */
const READ_METHODS = Object.freeze(['GET', 'HEAD', 'OPTIONS']);

/**
 * @typedef {Object} RandomFaults
 * @property {string | null} service
 * @property {number} rate
 * @property {FaultKind[]} kinds
 * @property {number} retryAfterSeconds
 * @property {number} seed
 * @property {string[] | null} methods  only requests with these methods draw (null: all)
 * @property {() => number} random
 */
/** @typedef {{ service: string | null, remaining: number, kind: FaultKind, retryAfterSeconds: number, methods: string[] | null }} CountedFaults */

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

const DELIVERY_TIMEOUT_MS = 10_000;
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

/** mulberry32: tiny deterministic PRNG for reproducible fault patterns. @param {number} seed */
function seededRandom(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
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

/** @param {http.IncomingHttpHeaders} raw @returns {Record<string, string>} */
function flattenHeaders(raw) {
	/** @type {Record<string, string>} */
	const headers = {};
	for (const [key, value] of Object.entries(raw)) {
		if (value !== undefined) headers[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	return headers;
}

/** @param {http.IncomingMessage} req @returns {Promise<string>} */
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

/** @param {http.ServerResponse} res @param {SandboxResponse} response */
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

/**
 * Builds the server for a set of service modules. Call listen() to start it.
 * @param {ServiceModule[]} modules
 */
function createSandbox(modules) {
	let serverUrl = '';
	/** @type {LogEntry[]} */
	let requests = [];
	/** @type {(Omit<DeliveryResult, 'body'> & { service: string, headers: Record<string, string>, response: unknown, at: number, durationMs: number })[]} */
	let deliveries = [];
	let nextLogId = 1;
	/** @type {RandomFaults | null} */
	let randomFaults = null;
	/** @type {CountedFaults[]} */
	let countedFaults = [];
	/** @type {Set<Promise<DeliveryResult>>} */
	const pendingDeliveries = new Set();
	/** @type {Set<http.ClientRequest>} */
	const openClientRequests = new Set();

	/** @param {Delivery} delivery @returns {Promise<DeliveryResult>} */
	function deliver(delivery) {
		const started = Date.now();
		const promise = new Promise((/** @type {(result: DeliveryResult) => void} */ resolve) => {
			const base = { webhookId: delivery.webhookId, url: delivery.url, event: delivery.event, payload: delivery.payload };
			/** @param {number} status @param {unknown} body @param {string} [error] */
			const finish = (status, body, error) => {
				/** @type {DeliveryResult} */
				const result = error === undefined ? { ...base, status, body } : { ...base, status, body, error };
				deliveries.push({
					service: delivery.service, webhookId: delivery.webhookId, url: delivery.url, event: delivery.event,
					headers: delivery.headers, payload: delivery.payload, status, response: body,
					...(error === undefined ? {} : { error }), at: started, durationMs: Date.now() - started,
				});
				resolve(result);
			};
			if (!isLoopbackUrl(delivery.url)) {
				finish(0, null, 'refused: not a loopback url');
				return;
			}
			const url = new URL(delivery.url);
			/** @type {http.RequestOptions} */
			const options = {
				method: 'POST',
				agent: false,
				timeout: DELIVERY_TIMEOUT_MS,
				headers: {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(delivery.rawBody),
					connection: 'close',
					...delivery.headers,
				},
			};
			/** @param {http.IncomingMessage} res */
			const onResponse = (res) => {
				/** @type {Buffer[]} */
				const chunks = [];
				res.on('data', (/** @type {Buffer} */ chunk) => chunks.push(chunk));
				res.on('end', () => finish(res.statusCode ?? 0, parseMaybeJson(Buffer.concat(chunks).toString('utf8'))));
				res.on('error', (err) => finish(res.statusCode ?? 0, null, err.message));
			};
			const req = url.protocol === 'https:' ? https.request(url, options, onResponse) : http.request(url, options, onResponse);
			openClientRequests.add(req);
			req.on('close', () => openClientRequests.delete(req));
			req.on('timeout', () => req.destroy(new Error(`no answer within ${DELIVERY_TIMEOUT_MS} ms`)));
			req.on('error', (err) => finish(0, null, err.message));
			req.end(delivery.rawBody);
		});
		pendingDeliveries.add(promise);
		void promise.then(() => pendingDeliveries.delete(promise));
		return promise;
	}

	/** Services whose own duplicate rules are switched off (all on by default). @type {Set<string>} */
	const duplicateRulesOff = new Set();
	const rateLimits = createRateLimits();

	const services = modules.map((m) => m.createService({ serverUrl: () => serverUrl, deliver, duplicateRuleOn: () => !duplicateRulesOff.has(m.name) }));
	const byName = new Map(services.map((s) => [s.name, s]));
	const duplicateRulesOf = new Map(modules.map((m) => [m.name, m.DUPLICATE_RULES ?? []]));
	// Longest prefix first, so a later service mounted under another's prefix still wins its own paths.
	const byPrefix = [...services].sort((a, b) => b.prefix.length - a.prefix.length);

	/**
	 * Whether a fault rule may hit this request. A counted commit-drop rule waits for a write.
	 * @param {{ service: string | null, methods: string[] | null }} rule @param {string} service @param {string} method
	 */
	function ruleApplies(rule, service, method) {
		return (rule.service === null || rule.service === service) && (rule.methods === null || rule.methods.includes(method));
	}

	/** @param {string} service @param {string} method @returns {{ kind: FaultKind, retryAfterSeconds: number } | null} */
	function pickFault(service, method) {
		const isRead = READ_METHODS.includes(method);
		const counted = countedFaults.find((f) => f.remaining > 0 && ruleApplies(f, service, method) && !(f.kind === 'commit-drop' && isRead));
		if (counted) {
			counted.remaining--;
			countedFaults = countedFaults.filter((f) => f.remaining > 0);
			return { kind: counted.kind, retryAfterSeconds: counted.retryAfterSeconds };
		}
		const r = randomFaults;
		if (!r || !ruleApplies(r, service, method)) return null;
		if (r.random() >= r.rate) return null;
		const kind = r.kinds[Math.floor(r.random() * r.kinds.length)];
		// A read that draws commit-drop is answered normally: the draw is still spent, so patterns stay reproducible.
		if (kind === 'commit-drop' && isRead) return null;
		return { kind, retryAfterSeconds: r.retryAfterSeconds };
	}

	function describeFaults() {
		return {
			random: randomFaults && {
				service: randomFaults.service, rate: randomFaults.rate, kinds: randomFaults.kinds,
				retryAfterSeconds: randomFaults.retryAfterSeconds, seed: randomFaults.seed, methods: randomFaults.methods,
			},
			next: countedFaults.map((f) => ({ ...f })),
		};
	}

	/** @param {unknown} kind @returns {FaultKind} */
	function faultKind(kind) {
		if (typeof kind === 'string' && /** @type {readonly string[]} */ (FAULT_KINDS).includes(kind)) return /** @type {FaultKind} */ (kind);
		throw new HttpError(400, `kind must be one of ${FAULT_KINDS.join(', ')}`);
	}

	/** @param {unknown} value @returns {string[] | null} upper-cased, or null for every method */
	function methodsField(value) {
		if (value === undefined || value === null) return null;
		if (!Array.isArray(value) || value.length === 0 || !value.every((m) => typeof m === 'string' && /^[A-Za-z]+$/.test(m))) {
			throw new HttpError(400, 'methods must be a non-empty array of HTTP methods, e.g. ["POST"]');
		}
		return value.map((m) => m.toUpperCase());
	}

	/** @param {unknown} value @returns {string | null} a known service name, or null for all */
	function serviceField(value) {
		const service = value === undefined || value === null ? null : String(value);
		if (service !== null && !byName.has(service)) throw new HttpError(400, `unknown service ${service}; services: ${[...byName.keys()].join(', ')}`);
		return service;
	}

	/** @param {Record<string, unknown>} body */
	function configureFaults(body) {
		const service = serviceField(body.service);
		const retryAfterSeconds = finiteNumber(body.retryAfterSeconds, 1);
		const methods = methodsField(body.methods);
		if (body.nextRequests !== undefined) {
			const n = body.nextRequests;
			if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new HttpError(400, 'nextRequests must be a positive integer');
			countedFaults.push({ service, remaining: n, kind: faultKind(body.kind), retryAfterSeconds, methods });
			return;
		}
		const rate = body.rate;
		if (typeof rate !== 'number' || rate < 0 || rate > 1) throw new HttpError(400, 'rate must be a number from 0 to 1');
		const kindsIn = body.kinds === undefined ? ['503'] : body.kinds;
		if (!Array.isArray(kindsIn) || kindsIn.length === 0) throw new HttpError(400, 'kinds must be a non-empty array');
		const seed = Math.trunc(finiteNumber(body.seed, 1));
		randomFaults = { service, rate, kinds: kindsIn.map(faultKind), retryAfterSeconds, seed, methods, random: seededRandom(seed) };
	}

	function describeDuplicateRules() {
		return Object.fromEntries(services.map((s) => [s.name, { enabled: !duplicateRulesOff.has(s.name), rules: [...(duplicateRulesOf.get(s.name) ?? [])] }]));
	}

	/** @param {Record<string, unknown>} body */
	function configureDuplicateRules(body) {
		const service = serviceField(body.service);
		if (typeof body.enabled !== 'boolean') throw new HttpError(400, 'enabled must be true or false');
		for (const name of service === null ? byName.keys() : [service]) {
			if (body.enabled) duplicateRulesOff.delete(name);
			else duplicateRulesOff.add(name);
		}
	}

	/** @param {Record<string, unknown>} body */
	function configureRateLimit(body) {
		if (body.service === undefined || body.service === null) throw new HttpError(400, 'service is required');
		const service = /** @type {string} */ (serviceField(body.service));
		const perSecond = body.perSecond;
		if (typeof perSecond !== 'number' || !Number.isInteger(perSecond) || perSecond < 1) throw new HttpError(400, 'perSecond must be a positive integer');
		rateLimits.set(service, perSecond);
	}

	function reset() {
		for (const service of services) service.reset();
		requests = [];
		deliveries = [];
		randomFaults = null;
		countedFaults = [];
		duplicateRulesOff.clear();
		rateLimits.clear(null);
	}

	/** @type {Route[]} */
	const coreControlRoutes = [
		{ method: 'GET', path: '/health', handler: () => ({ status: 200, body: { ok: true } }) },
		{
			method: 'GET', path: '/requests', handler: (req) => {
				const service = queryOne(req.query, 'service');
				return { status: 200, body: service ? requests.filter((r) => r.service === service) : requests };
			},
		},
		{ method: 'DELETE', path: '/requests', handler: () => { requests = []; return { status: 200, body: { ok: true } }; } },
		{
			method: 'GET', path: '/deliveries', handler: async (req) => {
				if (queryOne(req.query, 'settle') === 'true') await Promise.all([...pendingDeliveries]);
				const service = queryOne(req.query, 'service');
				return { status: 200, body: service ? deliveries.filter((d) => d.service === service) : deliveries };
			},
		},
		{ method: 'DELETE', path: '/deliveries', handler: () => { deliveries = []; return { status: 200, body: { ok: true } }; } },
		{ method: 'POST', path: '/reset', handler: () => { reset(); return { status: 200, body: { ok: true } }; } },
		{ method: 'GET', path: '/faults', handler: () => ({ status: 200, body: describeFaults() }) },
		{
			method: 'POST', path: '/faults', handler: (req) => {
				configureFaults(objectBody(req.body));
				return { status: 200, body: describeFaults() };
			},
		},
		{
			method: 'DELETE', path: '/faults', handler: () => {
				randomFaults = null;
				countedFaults = [];
				return { status: 200, body: describeFaults() };
			},
		},
		{ method: 'GET', path: '/duplicateRules', handler: () => ({ status: 200, body: describeDuplicateRules() }) },
		{
			method: 'POST', path: '/duplicateRules', handler: (req) => {
				configureDuplicateRules(objectBody(req.body));
				return { status: 200, body: describeDuplicateRules() };
			},
		},
		{ method: 'GET', path: '/rateLimit', handler: () => ({ status: 200, body: rateLimits.describe() }) },
		{
			method: 'POST', path: '/rateLimit', handler: (req) => {
				configureRateLimit(objectBody(req.body));
				return { status: 200, body: rateLimits.describe() };
			},
		},
		{
			// The service from ?service= or the body; neither clears every limit.
			method: 'DELETE', path: '/rateLimit', handler: (req) => {
				const body = objectBody(req.body);
				rateLimits.clear(serviceField(queryOne(req.query, 'service') ?? body.service));
				return { status: 200, body: rateLimits.describe() };
			},
		},
	];

	/**
	 * @param {SandboxRequest} req
	 * @returns {Promise<SandboxResponse>}
	 */
	async function handleControl(req) {
		let routes = coreControlRoutes;
		let path = req.path;
		const [, first] = path.split('/');
		const service = byName.get(first);
		if (service) {
			routes = service.controlRoutes;
			path = path.slice(first.length + 1) || '/';
		}
		const found = findRoute(routes, req.method, path);
		if (!found.route) throw new HttpError(found.pathKnown ? 405 : 404, `no control route ${req.method} /_control${req.path}`);
		return found.route.handler({ ...req, path, params: found.params });
	}

	/**
	 * @param {Service} service
	 * @param {SandboxRequest} req
	 * @returns {Promise<SandboxResponse>}
	 */
	async function handleApi(service, req) {
		service.authenticate(req);
		const found = findRoute(service.routes, req.method, req.path);
		if (!found.route) {
			throw new HttpError(found.pathKnown ? 405 : 404, found.pathKnown ? `${req.method} is not allowed on ${req.path}` : `Not found: ${req.path}`);
		}
		return found.route.handler({ ...req, params: found.params });
	}

	/** @param {Service | null} service @param {unknown} err @returns {SandboxResponse} */
	function errorResponse(service, err) {
		const status = err instanceof HttpError ? err.status : 500;
		const message = err instanceof Error ? err.message : String(err);
		const body = err instanceof HttpError && err.body !== undefined
			? err.body
			: service ? service.errorBody(status, message) : { message };
		return { status, body, headers: err instanceof HttpError ? err.headers : undefined };
	}

	/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
	async function onRequest(req, res) {
		const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
		const method = (req.method ?? 'GET').toUpperCase();
		const pathname = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
		const headers = flattenHeaders(req.headers);
		const isControl = pathname === '/_control' || pathname.startsWith('/_control/');
		const service = isControl ? null : byPrefix.find((s) => pathname === s.prefix || pathname.startsWith(s.prefix + '/')) ?? null;
		/** @type {SandboxRequest} */
		const sreq = {
			service: isControl ? 'control' : service ? service.name : 'unknown',
			method,
			path: isControl ? pathname.slice('/_control'.length) || '/' : service ? pathname.slice(service.prefix.length) || '/' : pathname,
			params: {},
			query: parseQuery(url),
			headers,
			body: undefined,
			rawBody: '',
		};

		/** @type {SandboxResponse} */
		let response;
		try {
			sreq.rawBody = await readBody(req);
		} catch (err) {
			send(res, errorResponse(service, err));
			return;
		}

		/** @type {{ kind: FaultKind, retryAfterSeconds: number } | null} */
		let fault = null;
		if (service) {
			const retryAfter = rateLimits.check(service.name, Date.now());
			if (retryAfter !== null) {
				requests.push({
					id: nextLogId++, service: service.name, method, path: sreq.path, query: sreq.query, headers,
					body: parseMaybeJson(sreq.rawBody), status: 429, rateLimited: true, at: Date.now(),
				});
				send(res, { status: 429, body: service.errorBody(429, 'Too many requests (rate limit)'), headers: { 'retry-after': String(retryAfter) } });
				return;
			}
			fault = pickFault(service.name, method);
			if (fault && fault.kind !== 'commit-drop') {
				/** @type {LogEntry} */
				const entry = {
					id: nextLogId++, service: service.name, method, path: sreq.path, query: sreq.query, headers,
					body: parseMaybeJson(sreq.rawBody), status: null, fault: fault.kind, at: Date.now(),
				};
				requests.push(entry);
				if (fault.kind === 'drop') {
					req.socket.destroy();
					return;
				}
				const status = fault.kind === '503' ? 503 : 429;
				entry.status = status;
				send(res, {
					status,
					body: service.errorBody(status, status === 503 ? 'Service unavailable (injected fault)' : 'Too many requests (injected fault)'),
					headers: fault.kind === '429-retry-after' ? { 'retry-after': String(fault.retryAfterSeconds) } : undefined,
				});
				return;
			}
		}

		try {
			sreq.body = parseBody(sreq.rawBody, headers['content-type']);
			if (isControl) response = await handleControl(sreq);
			else if (service) response = await handleApi(service, sreq);
			else throw new HttpError(404, `No simulated service at ${pathname}; services: ${services.map((s) => s.prefix).join(', ')}`);
		} catch (err) {
			response = errorResponse(service, err);
		}
		if (service) {
			requests.push({
				id: nextLogId++, service: service.name, method, path: sreq.path, query: sreq.query, headers,
				body: sreq.body === undefined ? null : sreq.body, status: response.status, ...(fault ? { fault: fault.kind } : {}), at: Date.now(),
			});
		}
		if (fault?.kind === 'commit-drop') {
			// The vendor did the work; only the answer is lost.
			req.socket.destroy();
			return;
		}
		send(res, response);
	}

	const server = http.createServer((req, res) => {
		onRequest(req, res).catch((err) => {
			if (!res.headersSent) send(res, { status: 500, body: { message: String(err) } });
		});
	});

	return {
		server,
		services,
		reset,
		/** live views of the in-memory state, for in-process tests */
		state: {
			/** @param {string} name */
			service: (name) => byName.get(name)?.state,
			get requests() { return requests; },
			get deliveries() { return deliveries; },
		},
		/** @returns {Promise<void>} resolves once every delivery in flight has an outcome */
		settle: async () => { await Promise.all([...pendingDeliveries]); },
		/**
		 * @param {number} port
		 * @param {string} host
		 * @returns {Promise<{ url: string, port: number }>}
		 */
		listen(port, host) {
			return new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, host, () => {
					server.off('error', reject);
					const address = server.address();
					if (!address || typeof address === 'string') {
						reject(new Error('server has no TCP address'));
						return;
					}
					const hostPart = address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
					serverUrl = `http://${hostPart}:${address.port}`;
					resolve({ url: serverUrl, port: address.port });
				});
			});
		},
		/** @returns {Promise<void>} */
		close() {
			for (const req of openClientRequests) req.destroy();
			return new Promise((resolve, reject) => {
				server.close((err) => (err ? reject(err) : resolve()));
				server.closeAllConnections();
			});
		},
	};
}

module.exports = {
	FAULT_KINDS,
	HttpError,
	createSandbox,
	isLoopbackUrl,
	isObject,
	objectBody,
	queryList,
	queryOne,
	randomHex,
};

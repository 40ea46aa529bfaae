// @ts-check
'use strict';
/**
 * The simulator's server core, shared by every simulated service: one HTTP server with the services
 * mounted by path prefix, JSON body parsing (keeping the raw body), the request log, fault injection,
 * the shared control API (/_control/...) and the delivery of outgoing webhooks. Its parts sit next
 * to it: http.js (request and response plumbing), faults.js, deliver.js (webhooks out), control.js
 * (the shared control routes), rate-limit.js. Everything vendor-specific lives in one folder per
 * service (../lever/, ../wecp/, ...).
 */
const http = require('node:http');
const { createRateLimits } = require('./rate-limit');
const { HttpError, findRoute, flattenHeaders, isLoopbackUrl, isObject, objectBody, parseBody, parseMaybeJson, parseQuery, queryList, queryOne, randomHex, readBody, send } = require('./http');
const { FAULT_KINDS, createFaults } = require('./faults');
const { createDeliveries } = require('./deliver');
const { createCoreControlRoutes } = require('./control');

// The shapes every service file uses, re-exported from the files that define them.
/** @typedef {import('./http').SandboxRequest} SandboxRequest */
/** @typedef {import('./http').SandboxResponse} SandboxResponse */
/** @typedef {import('./http').Handler} Handler */
/** @typedef {import('./http').Route} Route */
/** @typedef {import('./deliver').Delivery} Delivery */
/** @typedef {import('./deliver').DeliveryResult} DeliveryResult */
/** @typedef {import('./deliver').DeliveryLogEntry} DeliveryLogEntry */
/** @typedef {import('./faults').FaultKind} FaultKind */

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


/**
 * Builds the server for a set of service modules. Call listen() to start it.
 * @param {ServiceModule[]} modules
 */
function createSandbox(modules) {
	let serverUrl = '';
	/** The request and delivery logs; clearing one replaces its array. */
	const log = {
		/** @type {LogEntry[]} */
		requests: [],
		/** @type {DeliveryLogEntry[]} */
		deliveries: [],
	};
	let nextLogId = 1;
	const { deliver, settle, abort, retryRules } = createDeliveries(log);

	/** Services whose own duplicate rules are switched off (all on by default). @type {Set<string>} */
	const duplicateRulesOff = new Set();
	const rateLimits = createRateLimits();

	const services = modules.map((m) => m.createService({ serverUrl: () => serverUrl, deliver, duplicateRuleOn: () => !duplicateRulesOff.has(m.name) }));
	const byName = new Map(services.map((s) => [s.name, s]));
	const duplicateRulesOf = new Map(modules.map((m) => [m.name, m.DUPLICATE_RULES ?? []]));
	// Longest prefix first, so a later service mounted under another's prefix still wins its own paths.
	const byPrefix = [...services].sort((a, b) => b.prefix.length - a.prefix.length);

	/** @param {unknown} value @returns {string | null} a known service name, or null for all */
	function serviceField(value) {
		const service = value === undefined || value === null ? null : String(value);
		if (service !== null && !byName.has(service)) throw new HttpError(400, `unknown service ${service}; services: ${[...byName.keys()].join(', ')}`);
		return service;
	}

	const faults = createFaults(serviceField);

	function reset() {
		for (const service of services) service.reset();
		log.requests = [];
		log.deliveries = [];
		faults.clear();
		duplicateRulesOff.clear();
		rateLimits.clear(null);
		retryRules.clear(null);
	}

	const coreControlRoutes = createCoreControlRoutes({ log, services, byName, duplicateRulesOf, duplicateRulesOff, rateLimits, retryRules, faults, serviceField, reset, settle });

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
				log.requests.push({
					id: nextLogId++, service: service.name, method, path: sreq.path, query: sreq.query, headers,
					body: parseMaybeJson(sreq.rawBody), status: 429, rateLimited: true, at: Date.now(),
				});
				send(res, { status: 429, body: service.errorBody(429, 'Too many requests (rate limit)'), headers: { 'retry-after': String(retryAfter) } });
				return;
			}
			fault = faults.pick(service.name, method);
			if (fault && fault.kind !== 'commit-drop') {
				/** @type {LogEntry} */
				const entry = {
					id: nextLogId++, service: service.name, method, path: sreq.path, query: sreq.query, headers,
					body: parseMaybeJson(sreq.rawBody), status: null, fault: fault.kind, at: Date.now(),
				};
				log.requests.push(entry);
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
			log.requests.push({
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
			get requests() { return log.requests; },
			get deliveries() { return log.deliveries; },
		},
		/** @returns {Promise<void>} resolves once every delivery in flight has an outcome */
		settle,
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
			abort();
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

// @ts-check
'use strict';
/**
 * The shared control API of the simulator (/_control/...): health, the request and delivery logs,
 * reset, fault injection, the vendors' own duplicate rules, per-service rate limits and how a
 * service resends a delivery that got no 2xx. Each
 * service's own control routes (/_control/<service>/...) live in its control.js.
 */
const { HttpError, objectBody, queryOne } = require('./http');

/** @typedef {import('./http').Route} Route */
/** @typedef {import('./core').Service} Service */
/** @typedef {import('./core').LogEntry} LogEntry */
/** @typedef {import('./deliver').DeliveryLogEntry} DeliveryLogEntry */

/**
 * @param {Object} deps
 * @param {{ requests: LogEntry[], deliveries: DeliveryLogEntry[] }} deps.log  the logs (arrays replaced on clear)
 * @param {Service[]} deps.services
 * @param {Map<string, Service>} deps.byName
 * @param {Map<string, readonly string[]>} deps.duplicateRulesOf  each service's own duplicate rules, in words
 * @param {Set<string>} deps.duplicateRulesOff  services whose own duplicate rules are switched off
 * @param {ReturnType<typeof import('./rate-limit').createRateLimits>} deps.rateLimits
 * @param {ReturnType<typeof import('./deliver').createDeliveries>['retryRules']} deps.retryRules
 * @param {ReturnType<typeof import('./faults').createFaults>} deps.faults
 * @param {(value: unknown) => string | null} deps.serviceField
 * @param {() => void} deps.reset
 * @param {() => Promise<void>} deps.settle  waits for webhook deliveries in flight
 * @returns {Route[]}
 */
function createCoreControlRoutes({ log, services, byName, duplicateRulesOf, duplicateRulesOff, rateLimits, retryRules, faults, serviceField, reset, settle }) {
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

	/** @param {Record<string, unknown>} body */
	function configureDeliveryRetries(body) {
		if (body.service === undefined || body.service === null) throw new HttpError(400, 'service is required');
		const service = /** @type {string} */ (serviceField(body.service));
		const { retries, firstDelayMs } = body;
		if (typeof retries !== 'number' || !Number.isInteger(retries) || retries < 0 || retries > 10) throw new HttpError(400, 'retries must be an integer from 0 to 10');
		if (typeof firstDelayMs !== 'number' || !Number.isInteger(firstDelayMs) || firstDelayMs < 0 || firstDelayMs > 600_000) throw new HttpError(400, 'firstDelayMs must be an integer from 0 to 600000');
		retryRules.set(service, { retries, firstDelayMs });
	}

	/**
	 * GET, POST and DELETE of a setting kept per service (rate limits, delivery retries). DELETE takes
	 * the service from ?service= or the body; neither clears the setting of every service.
	 * @param {string} path
	 * @param {{ describe(): unknown, clear(service: string | null): void }} setting
	 * @param {(body: Record<string, unknown>) => void} configure
	 * @returns {Route[]}
	 */
	function perServiceSetting(path, setting, configure) {
		return [
			{ method: 'GET', path, handler: () => ({ status: 200, body: setting.describe() }) },
			{
				method: 'POST', path, handler: (req) => {
					configure(objectBody(req.body));
					return { status: 200, body: setting.describe() };
				},
			},
			{
				method: 'DELETE', path, handler: (req) => {
					setting.clear(serviceField(queryOne(req.query, 'service') ?? objectBody(req.body).service));
					return { status: 200, body: setting.describe() };
				},
			},
		];
	}

	/** @type {Route[]} */
	const coreControlRoutes = [
		{ method: 'GET', path: '/health', handler: () => ({ status: 200, body: { ok: true } }) },
		{
			method: 'GET', path: '/requests', handler: (req) => {
				const service = queryOne(req.query, 'service');
				return { status: 200, body: service ? log.requests.filter((r) => r.service === service) : log.requests };
			},
		},
		{ method: 'DELETE', path: '/requests', handler: () => { log.requests = []; return { status: 200, body: { ok: true } }; } },
		{
			method: 'GET', path: '/deliveries', handler: async (req) => {
				if (queryOne(req.query, 'settle') === 'true') await settle();
				const service = queryOne(req.query, 'service');
				return { status: 200, body: service ? log.deliveries.filter((d) => d.service === service) : log.deliveries };
			},
		},
		{ method: 'DELETE', path: '/deliveries', handler: () => { log.deliveries = []; return { status: 200, body: { ok: true } }; } },
		{ method: 'POST', path: '/reset', handler: () => { reset(); return { status: 200, body: { ok: true } }; } },
		{ method: 'GET', path: '/faults', handler: () => ({ status: 200, body: faults.describe() }) },
		{
			method: 'POST', path: '/faults', handler: (req) => {
				faults.configure(objectBody(req.body));
				return { status: 200, body: faults.describe() };
			},
		},
		{
			method: 'DELETE', path: '/faults', handler: () => {
				faults.clear();
				return { status: 200, body: faults.describe() };
			},
		},
		{ method: 'GET', path: '/duplicateRules', handler: () => ({ status: 200, body: describeDuplicateRules() }) },
		{
			method: 'POST', path: '/duplicateRules', handler: (req) => {
				configureDuplicateRules(objectBody(req.body));
				return { status: 200, body: describeDuplicateRules() };
			},
		},
		...perServiceSetting('/rateLimit', rateLimits, configureRateLimit),
		...perServiceSetting('/deliveryRetries', retryRules, configureDeliveryRetries),
	];

	return coreControlRoutes;
}

module.exports = { createCoreControlRoutes };

// @ts-check
'use strict';
/**
 * Outgoing webhook calls of the simulated services: POSTed to loopback URLs only, each outcome kept
 * in the delivery log; the calls in flight can be awaited (settle) or cut (close). A service can be
 * told to resend a delivery that got no 2xx, as real senders do (POST /_control/deliveryRetries):
 * off by default, so a test sees each delivery's first outcome.
 */
const http = require('node:http');
const https = require('node:https');
const { isLoopbackUrl, parseMaybeJson } = require('./http');

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

/** @typedef {Omit<DeliveryResult, 'body'> & { service: string, headers: Record<string, string>, response: unknown, at: number, durationMs: number, attempt: number }} DeliveryLogEntry */

/**
 * How a service resends a delivery that got no 2xx: `retries` more times, the first after
 * `firstDelayMs`, each wait twice the one before (Lever documents five retries "with growing delays").
 * @typedef {{ retries: number, firstDelayMs: number }} RetryRule
 */

const DELIVERY_TIMEOUT_MS = 10_000;
// Not sent at all, so there is nothing to send again.
const NOT_LOOPBACK = 'refused: not a loopback url';

/**
 * @param {{ deliveries: DeliveryLogEntry[] }} log  where each outcome is kept (the array may be replaced)
 */
function createDeliveries(log) {
	/** @type {Set<Promise<DeliveryResult>>} */
	const pendingDeliveries = new Set();
	/** @type {Set<http.ClientRequest>} */
	const openClientRequests = new Set();

	/** @type {Map<string, RetryRule>} */
	const retryRules = new Map();
	/** Waits between resends, cut by abort(). @type {Set<{ timer: NodeJS.Timeout, wake: () => void }>} */
	const retryWaits = new Set();
	let aborted = false;

	/** @param {number} ms @returns {Promise<void>} */
	function waitBeforeResend(ms) {
		return new Promise((wake) => {
			const entry = { timer: setTimeout(() => { retryWaits.delete(entry); wake(); }, ms), wake };
			retryWaits.add(entry);
		});
	}

	/** @param {Delivery} delivery @param {number} attempt 1 for the first send @returns {Promise<DeliveryResult>} */
	function deliverOnce(delivery, attempt) {
		const started = Date.now();
		const promise = new Promise((/** @type {(result: DeliveryResult) => void} */ resolve) => {
			const base = { webhookId: delivery.webhookId, url: delivery.url, event: delivery.event, payload: delivery.payload };
			/** @param {number} status @param {unknown} body @param {string} [error] */
			const finish = (status, body, error) => {
				/** @type {DeliveryResult} */
				const result = error === undefined ? { ...base, status, body } : { ...base, status, body, error };
				log.deliveries.push({
					service: delivery.service, webhookId: delivery.webhookId, url: delivery.url, event: delivery.event,
					headers: delivery.headers, payload: delivery.payload, status, response: body,
					...(error === undefined ? {} : { error }), at: started, durationMs: Date.now() - started, attempt,
				});
				resolve(result);
			};
			if (!isLoopbackUrl(delivery.url)) {
				finish(0, null, NOT_LOOPBACK);
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
		return promise;
	}

	/** @param {Delivery} delivery @returns {Promise<DeliveryResult>} the last attempt's outcome */
	function deliver(delivery) {
		const promise = (async () => {
			const rule = retryRules.get(delivery.service);
			let result = await deliverOnce(delivery, 1);
			for (let retry = 1; rule && retry <= rule.retries && !aborted; retry++) {
				if (result.status >= 200 && result.status < 300) break;
				if (result.error === NOT_LOOPBACK) break;
				await waitBeforeResend(rule.firstDelayMs * 2 ** (retry - 1));
				if (aborted) break;
				result = await deliverOnce(delivery, retry + 1);
			}
			return result;
		})();
		pendingDeliveries.add(promise);
		void promise.then(() => pendingDeliveries.delete(promise));
		return promise;
	}

	return {
		deliver,
		retryRules: {
			/** @param {string} service @param {RetryRule} rule */
			set(service, rule) { retryRules.set(service, rule); },
			/** @param {string | null} service null clears every rule */
			clear(service) {
				if (service === null) retryRules.clear();
				else retryRules.delete(service);
			},
			/** @returns {Record<string, RetryRule>} */
			describe() { return Object.fromEntries(retryRules); },
		},
		/** @returns {Promise<void>} resolves once every delivery in flight has an outcome */
		settle: async () => { await Promise.all([...pendingDeliveries]); },
		/** Cuts every delivery still in flight. */
		abort() {
			aborted = true;
			for (const wait of retryWaits) {
				clearTimeout(wait.timer);
				wait.wake();
			}
			retryWaits.clear();
			for (const req of openClientRequests) req.destroy();
		},
	};
}

module.exports = { createDeliveries };

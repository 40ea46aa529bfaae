// @ts-check
'use strict';
/**
 * Per-service rate limits of the simulator (POST /_control/rateLimit): at most `perSecond` requests
 * admitted in any sliding second; the rest are refused with 429 and Retry-After. Refused requests do
 * not count, so a client that waits as told gets through at the limit's pace.
 */

const WINDOW_MS = 1000;

/** @typedef {{ perSecond: number, admitted: number[] }} Limit */

function createRateLimits() {
	/** @type {Map<string, Limit>} */
	const limits = new Map();

	return {
		/** @param {string} service @param {number} perSecond */
		set(service, perSecond) {
			limits.set(service, { perSecond, admitted: [] });
		},
		/** @param {string | null} service null clears every limit */
		clear(service) {
			if (service === null) limits.clear();
			else limits.delete(service);
		},
		/** @returns {Record<string, { perSecond: number }>} */
		describe() {
			return Object.fromEntries([...limits].map(([service, limit]) => [service, { perSecond: limit.perSecond }]));
		},
		/**
		 * Admits a request (and counts it) or says how long to wait.
		 * @param {string} service @param {number} now epoch ms
		 * @returns {number | null} null when admitted, else the Retry-After in whole seconds (at least 1)
		 */
		check(service, now) {
			const limit = limits.get(service);
			if (!limit) return null;
			while (limit.admitted.length > 0 && limit.admitted[0] <= now - WINDOW_MS) limit.admitted.shift();
			if (limit.admitted.length < limit.perSecond) {
				limit.admitted.push(now);
				return null;
			}
			// A slot frees when the oldest admitted request leaves the window.
			return Math.max(1, Math.ceil((limit.admitted[0] + WINDOW_MS - now) / 1000));
		},
	};
}

module.exports = { createRateLimits };

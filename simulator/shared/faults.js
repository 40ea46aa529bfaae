// @ts-check
'use strict';
/**
 * Fault injection of the simulator (POST /_control/faults): a random pattern from a seeded PRNG, or
 * faults on the next N requests; kinds 429, 429 with Retry-After, 503, a dropped connection, and
 * commit-drop (the work is done, only the answer is lost).
 */
const { HttpError, finiteNumber } = require('./http');

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

/**
 * The fault rules in force, and how a request draws from them.
 * @param {(value: unknown) => string | null} serviceField  a known service name, or null for all; else 400
 */
function createFaults(serviceField) {
	/** @type {RandomFaults | null} */
	let randomFaults = null;
	/** @type {CountedFaults[]} */
	let countedFaults = [];

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

	return {
		pick: pickFault,
		describe: describeFaults,
		configure: configureFaults,
		clear() {
			randomFaults = null;
			countedFaults = [];
		},
	};
}

module.exports = { FAULT_KINDS, createFaults };

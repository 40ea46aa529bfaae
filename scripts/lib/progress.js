// @ts-check
'use strict';
/** Saying how long things take: long steps report while they run, so no step is silent. */

/** @typedef {(line: string) => void} Log */

/** @type {Log} */
const stdoutLog = (line) => void process.stdout.write(`${line}\n`);

/** 42 s, 3 min 05 s @param {number} ms */
function formatDuration(ms) {
	const seconds = Math.round(ms / 1000);
	if (seconds < 60) return `${seconds} s`;
	return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** @returns {() => number} milliseconds since the call */
function stopwatch() {
	const started = Date.now();
	return () => Date.now() - started;
}

/**
 * Runs a long step and logs, every `everyMs`, what it is doing and for how long (plus `detail()`,
 * e.g. how many packages are on disk so far).
 * @template T
 * @param {Log} log
 * @param {string} doing  e.g. 'installing n8n with npm'
 * @param {() => Promise<T>} step
 * @param {{ everyMs?: number, detail?: () => string | undefined }} [options]
 * @returns {Promise<T>}
 */
async function withProgress(log, doing, step, { everyMs = 10_000, detail } = {}) {
	const elapsed = stopwatch();
	const timer = setInterval(() => {
		let extra;
		try {
			extra = detail?.();
		} catch {
			extra = undefined; // a progress detail must never break the step
		}
		log(`  ... ${doing}: ${formatDuration(elapsed())}${extra ? ` (${extra})` : ''}`);
	}, everyMs);
	timer.unref();
	try {
		return await step();
	} finally {
		clearInterval(timer);
	}
}

module.exports = { stdoutLog, formatDuration, stopwatch, withProgress };

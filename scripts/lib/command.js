// @ts-check
'use strict';
/** Running other programs (npm, n8n's CLI, PostgreSQL's tools) and the environment npm needs. */
const childProcess = require('node:child_process');

/**
 * Runs a command, streaming nothing; resolves with its output, rejects with the tail of it.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number }} [options]
 * @returns {Promise<{ stdout: string, stderr: string }>}
 */
function run(command, args, { cwd, env, timeoutMs = 30 * 60_000 } = {}) {
	return new Promise((resolve, reject) => {
		const child = childProcess.spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (code === 0) return resolve({ stdout, stderr });
			const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-40).join('\n');
			reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${tail}`));
		});
	});
}

/**
 * The environment for npm and n8n: the repo's npm settings must not leak in (npm exports its
 * config as npm_config_* to scripts, e.g. `ignore-scripts=true` from the repo's .npmrc under
 * `npm start`/`npm test`).
 * @param {NodeJS.ProcessEnv} [base]
 * @returns {NodeJS.ProcessEnv}
 */
function npmEnv(base = process.env) {
	/** @type {NodeJS.ProcessEnv} */
	const env = {};
	for (const [key, value] of Object.entries(base)) {
		if (/^npm_(config|package|lifecycle)_/i.test(key)) continue;
		env[key] = value;
	}
	env.npm_config_update_notifier = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_audit = 'false';
	return env;
}

module.exports = { run, npmEnv };

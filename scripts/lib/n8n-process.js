// @ts-check
'use strict';
/**
 * n8n as a process: the environment every n8n process of this project gets, its CLI commands
 * (while no n8n runs on the user folder), and `n8n start` until it serves the editor.
 */
const childProcess = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { run, npmEnv } = require('./command');
const { ensureN8n } = require('./install');
const { n8nClient } = require('./client');
const { isN8n1x, requireFromN8n } = require('./paths');
const { freePort, isPortFree } = require('./ports');
const { stdoutLog, withProgress } = require('./progress');

/** Fixed so that credentials imported while n8n is stopped decrypt once it runs. */
const ENCRYPTION_KEY = 'ats-assessments-local-encryption-key';
/** Terminal colour codes, stripped from n8n's output. */
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** @typedef {import('./paths').N8nInstall} N8nInstall */
/** @typedef {import('./progress').Log} Log */
/** @typedef {import('./client').PublicationStatus} PublicationStatus */

/**
 * n8n 2.x takes an expression isolate for every delivery and execution; lazily, only once an
 * expression is evaluated, so that a delivery to a trigger at version 1.1 is answered without one
 * (README "Performance"). Off by default in n8n 2.40.7: ours is on unless the environment says
 * otherwise (N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=false measures n8n's default).
 * @param {NodeJS.ProcessEnv} env
 */
function expressionEngineSettings(env = process.env) {
	return { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: env.N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE ?? 'true' };
}

/**
 * The environment every n8n process of this project gets (CLI commands and the server alike):
 * the same encryption key, so that credentials imported while n8n is stopped decrypt when it
 * runs; everything that calls home off (these machines have no network beyond the registry).
 * @param {string} userFolder
 * @param {NodeJS.ProcessEnv} [extra]
 * @returns {NodeJS.ProcessEnv}
 */
function n8nEnv(userFolder, extra = {}) {
	const inherited = npmEnv();
	// jest sets NODE_ENV=test, which makes n8n refuse to load nodes and silences its CLI output.
	delete inherited.NODE_ENV;
	return {
		...inherited,
		N8N_USER_FOLDER: path.resolve(userFolder),
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		// says so explicitly, which also silences a deprecation notice at every start
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		// The simulator lives on 127.0.0.1: keep n8n's (default-off) SSRF guard off explicitly.
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		...expressionEngineSettings(inherited),
		...extra,
	};
}

/**
 * Runs an n8n CLI command (import:credentials, import:workflow, publish:workflow, list:workflow,
 * export:workflow, ...) with Node 24 against a user folder. Only while no n8n runs on that folder.
 * @param {string} userFolder
 * @param {string[]} args  e.g. ['import:workflow', '--input=/tmp/x.json']
 * @param {{ env?: NodeJS.ProcessEnv, install?: N8nInstall, timeoutMs?: number }} [options]
 * @returns {Promise<string>} stdout
 */
async function n8nCli(userFolder, args, { env = {}, install, timeoutMs = 5 * 60_000 } = {}) {
	const { nodeBin, n8nBin } = install ?? (await ensureN8n({ log: () => {} }));
	fs.mkdirSync(userFolder, { recursive: true });
	const processEnv = n8nEnv(userFolder, { N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...env });
	try {
		const { stdout } = await run(nodeBin, [n8nBin, ...args], { cwd: userFolder, env: processEnv, timeoutMs });
		return stdout;
	} catch (error) {
		throw new Error(`n8n ${args.join(' ')}: ${/** @type {Error} */ (error).message}`);
	}
}

/**
 * Environment variables that make n8n create (or reset) its owner account at start (n8n 2.x;
 * 1.x ignores them: startN8n claims a 1.x instance's ownership through its REST API instead).
 * The bcrypt hash is computed with the bcryptjs inside n8n's own install (ensureN8n first).
 * @param {{ email: string, password: string, firstName?: string, lastName?: string, cacheDir?: string }} owner
 * @returns {NodeJS.ProcessEnv}
 */
function ownerEnv({ email, password, firstName = 'Demo', lastName = 'Owner', cacheDir }) {
	/** @type {{ hashSync(password: string, rounds: number): string }} */
	const bcrypt = requireFromN8n('bcryptjs', cacheDir);
	const env = {
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: email,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(password, 10),
		N8N_INSTANCE_OWNER_FIRST_NAME: firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: lastName,
	};
	ownerLogins.set(env, { email, password });
	return env;
}

/**
 * The plain login behind each object ownerEnv() returned, so that startN8n({ env: ownerEnv(...) })
 * can log in and wait for published workflows without being told the password again.
 * @type {WeakMap<object, { email: string, password: string }>}
 */
const ownerLogins = new WeakMap();

/**
 * @typedef {Object} RunningN8n
 * @property {string} url           http://127.0.0.1:<port> (no trailing slash)
 * @property {number} port
 * @property {number} brokerPort    the task runner broker's port
 * @property {string} userFolder
 * @property {childProcess.ChildProcess} process
 * @property {() => string} logs    everything n8n printed so far (ANSI colours stripped)
 * @property {() => Promise<void>} stop  SIGTERM to the whole process tree, SIGKILL after a grace period
 * @property {Record<string, PublicationStatus> | undefined} publications  per published workflow id, once
 *   settled (only when startN8n knew the owner's login)
 * @property {ReturnType<typeof n8nClient> | undefined} client  logged in as the owner (same condition)
 */

/** What each n8n command prints once it serves (queue mode's processes: main, webhook, worker). */
const READY_LINES = {
	start: /Editor is now accessible/,
	webhook: /Webhook listener waiting for requests/,
	worker: /n8n worker is now ready/,
};

/**
 * Starts `n8n start` (or, with `command`, a queue-mode `n8n webhook` or `n8n worker`) on
 * 127.0.0.1 and waits until it serves the editor (webhooks; a worker: its health endpoint). When it knows the owner's
 * login (`owner`, or `env` is the very object ownerEnv() returned) it also waits until every
 * published workflow's triggers are registered: n8n 2.40 activates them in the background after
 * it says "Editor is now accessible".
 * @param {{ userFolder: string, port?: number, env?: NodeJS.ProcessEnv, owner?: { email: string, password: string }, log?: Log, echo?: boolean | ((line: string) => void), install?: N8nInstall, timeoutMs?: number, command?: 'start' | 'webhook' | 'worker', name?: string }} options
 *   port: default a free one; env: added last (e.g. ownerEnv(...)); owner: creates the owner
 *   (ownerEnv) and logs in; echo: pass n8n's own output on (true: to stdout); install: the result
 *   of ensureN8n (default: ensureN8n() is called); command: default start (a worker's port is
 *   its health check's, QUEUE_HEALTH_CHECK_PORT); name: how the log lines call it (default n8n)
 * @returns {Promise<RunningN8n>}
 */
async function startN8n({ userFolder, port, env = {}, owner, log = stdoutLog, echo = false, install, timeoutMs = 180_000, command = 'start', name = 'n8n' }) {
	install ??= await ensureN8n({ log });
	const { nodeBin, n8nBin, version } = install;
	const legacy = isN8n1x(version);
	const login = owner ?? ownerLogins.get(env);
	if (owner && !legacy) env = { ...ownerEnv({ ...owner, cacheDir: install.cacheDir }), ...env };
	userFolder = path.resolve(userFolder);
	fs.mkdirSync(userFolder, { recursive: true });
	port = port ?? (await freePort());
	if (!(await isPortFree(port))) throw new Error(`port ${port} on 127.0.0.1 is already in use`);
	let brokerPort = await freePort();
	while (brokerPort === port) brokerPort = await freePort();
	const url = `http://127.0.0.1:${port}`;
	// n8n 2.x reads and writes files only under N8N_RESTRICT_FILE_ACCESS_TO (default ~/.n8n-files).
	// Give it the same layout as n8n's Docker image, where the working directory is the home
	// holding .n8n and .n8n-files, so a template's ".n8n-files/..." path works here and there.
	const filesFolder = path.join(userFolder, '.n8n-files');
	fs.mkdirSync(filesFolder, { recursive: true });
	const processEnv = n8nEnv(userFolder, {
		N8N_RESTRICT_FILE_ACCESS_TO: filesFolder,
		N8N_PORT: String(port),
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${url}/`,
		N8N_WEBHOOK_URL: `${url}/`,
		// loopback over plain http: a Secure cookie would make some browsers drop the session
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		// a worker serves nothing but /healthz, on its own port
		...(command === 'worker' ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' } : {}),
		...env,
	});

	log(`[${name}] starting n8n ${version} ${command} on ${url} (user folder ${userFolder})`);
	// Its own process group, so that stop() reaches the task runner n8n spawns, and a Ctrl-C in
	// the terminal reaches only our process, which then stops n8n in order.
	const child = childProcess.spawn(nodeBin, [n8nBin, command], { cwd: userFolder, env: processEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	/** @type {string[]} */
	const lines = [];
	let ready = false;
	const echoLine = echo === true ? stdoutLog : echo || null;
	/** @param {string} line */
	const addLine = (line) => {
		line = line.replace(ANSI_COLOUR, '');
		if (!line.trim()) return;
		lines.push(line);
		if (READY_LINES[command].test(line)) ready = true;
		if (echoLine) echoLine(line);
	};
	/** Splits a stream into lines; a chunk may end mid-line. */
	const lineReader = () => {
		let partial = '';
		return {
			/** @param {Buffer} chunk */
			data: (chunk) => {
				const parts = (partial + chunk.toString('utf8')).split('\n');
				partial = parts.pop() ?? '';
				parts.forEach(addLine);
			},
			end: () => {
				if (partial) addLine(partial);
				partial = '';
			},
		};
	};
	const stdoutLines = lineReader();
	const stderrLines = lineReader();
	child.stdout?.on('data', stdoutLines.data).on('end', stdoutLines.end);
	child.stderr?.on('data', stderrLines.data).on('end', stderrLines.end);
	/** @type {Promise<void>} */
	const exited = new Promise((resolve) => child.once('exit', () => resolve()));
	let hasExited = false;
	void exited.then(() => (hasExited = true));
	const killGroup = (/** @type {NodeJS.Signals} */ signal) => {
		try {
			if (child.pid) process.kill(-child.pid, signal);
		} catch {
			// already gone
		}
	};
	// If our own process dies without stop(), do not leave n8n behind.
	const onExit = () => killGroup('SIGKILL');
	process.on('exit', onExit);

	/** @type {Promise<void> | undefined} */
	let stopping;
	const stop = () => {
		stopping ??= (async () => {
			if (!hasExited) {
				killGroup('SIGTERM');
				const graceMs = (Number(processEnv.N8N_GRACEFUL_SHUTDOWN_TIMEOUT) || 30) * 1000 + 10_000;
				const timer = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
				await Promise.race([exited, timer]);
			}
			killGroup('SIGKILL'); // the main process is gone; leftovers of its tree are not wanted
			await exited;
			process.off('exit', onExit);
		})();
		return stopping;
	};

	const deadline = Date.now() + timeoutMs;
	await withProgress(log, `[${name}] starting n8n ${command}`, async () => {
		while (!(ready && (await healthy(url)))) {
			if (hasExited) {
				await stop();
				throw new Error(`n8n exited before it was ready (exit code ${child.exitCode}):\n${lines.slice(-60).join('\n')}`);
			}
			if (Date.now() > deadline) {
				await stop();
				throw new Error(`n8n was not ready after ${timeoutMs / 1000}s:\n${lines.slice(-60).join('\n')}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}, { everyMs: 15_000, detail: () => lines.at(-1)?.slice(0, 100) });
	/** @type {Record<string, PublicationStatus> | undefined} */
	let publications;
	/** @type {ReturnType<typeof n8nClient> | undefined} */
	let client;
	if (login) {
		try {
			client = n8nClient(url, login, { version, cacheDir: install.cacheDir });
			if (legacy) await client.setUpOwner();
			else await client.login();
			publications = await client.waitForPublished({ timeoutMs: 30_000 }).catch((error) => {
				// e.g. a published workflow without any trigger never reports: say so, do not fail
				log(`[n8n] warning: ${error.message}`);
				return undefined;
			});
			for (const [workflowId, publication] of Object.entries(publications ?? {})) {
				if (publication.status !== 'published') {
					const errors = publication.triggers.map((trigger) => trigger.errorMessage).filter(Boolean).join('; ');
					log(`[n8n] workflow ${workflowId}: publication ${publication.status}${errors ? `: ${errors}` : ''}`);
				}
			}
		} catch (error) {
			await stop();
			throw error;
		}
	}
	log(`[${name}] ready on ${url}`);
	return { url, port, brokerPort, userFolder, process: child, logs: () => lines.join('\n'), stop, publications, client };
}

/** @param {string} url */
async function healthy(url) {
	try {
		const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
		return response.ok;
	} catch {
		return false;
	}
}

module.exports = { ENCRYPTION_KEY, expressionEngineSettings, n8nEnv, n8nCli, ownerEnv, startN8n };

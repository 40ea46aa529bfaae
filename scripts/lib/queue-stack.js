// @ts-check
'use strict';
/**
 * The stack in n8n's queue mode, as a team running on several machines has it: PostgreSQL and
 * Redis, n8n's main process (editor, publishing), one webhook processor (`n8n webhook`, where the
 * services' deliveries go) and workers (`n8n worker`, which run every execution). Each process has
 * its own user folder with the package installed, the same encryption key and its own ports.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ensureN8n } = require('./install');
const { startN8n } = require('./n8n-process');
const { freePort } = require('./ports');
const { startPostgres } = require('./postgres');
const { startRedis } = require('./redis');
const { installPackage, prepareUserFolder, publishTemplates } = require('./provision');
const { stdoutLog, stopwatch } = require('./progress');

/** @typedef {import('./n8n-process').RunningN8n} RunningN8n */

/**
 * @typedef {Object} QueueWorker
 * @property {string} name            worker-1, worker-2, ...
 * @property {() => RunningN8n} current  the running process (a new one after restart())
 * @property {() => string} logs      everything every process of this worker printed
 * @property {() => void} kill        SIGKILL to its whole process tree, no shutdown
 * @property {() => Promise<void>} restart  starts it again (after kill or stop)
 */

/**
 * @typedef {Object} QueueStack
 * @property {RunningN8n & { client: ReturnType<typeof import('./client').n8nClient> }} n8n  the main process
 * @property {RunningN8n} webhook     the webhook processor: the services deliver here
 * @property {QueueWorker[]} workers
 * @property {import('./provision').Provisioned} provisioned
 * @property {Record<string, import('./client').PublicationStatus>} publications
 * @property {import('./postgres').RunningPostgres} postgres
 * @property {import('./redis').RunningRedis} redis
 * @property {{ provisionMs: number, startMs: number, publishMs: number }} timings
 * @property {() => Promise<void>} stop  every n8n process, then Redis and PostgreSQL
 */

/**
 * Starts PostgreSQL, Redis and n8n in queue mode with the package, the simulator's credentials
 * and the templates published. Options as startStack's, plus the number of workers.
 * @param {Object} options
 * @param {string} options.userFolder   the main process's; the others get sibling folders in it
 * @param {{ services: Record<string, { baseUrl: string }> }} options.sandbox
 * @param {{ email: string, password: string }} options.owner
 * @param {number} [options.port]        the main process's (editor); default a free one
 * @param {number} [options.webhookPort] the webhook processor's; default a free one
 * @param {number} [options.workers]     default 2
 * @param {NodeJS.ProcessEnv} [options.env]  added to every process's environment
 * @param {(line: string) => void} [options.log]
 * @param {boolean | ((line: string) => void)} [options.echo]
 * @param {string} [options.templatesDir]
 * @param {string[]} [options.templates]
 * @param {import('./demo-credentials').CredentialSpec[]} [options.extraCredentials]
 * @returns {Promise<QueueStack>}
 */
async function startQueueStack({ userFolder, sandbox, owner, port, webhookPort, workers = 2, env = {}, log = stdoutLog, echo, templatesDir, templates, extraCredentials }) {
	const install = await ensureN8n({ log });
	/** What is up so far, stopped in reverse order on failure and by stop(). */
	/** @type {Array<() => Promise<void>>} */
	const stoppers = [];
	const stopAll = async () => {
		for (const stopOne of stoppers.splice(0).reverse()) await stopOne().catch((error) => log(`[queue] stopping: ${error.message}`));
	};
	try {
		const postgres = await startPostgres({ log });
		stoppers.push(postgres.stop);
		const redis = await startRedis({ log });
		stoppers.push(redis.stop);
		webhookPort ??= await freePort();
		const webhookUrl = `http://127.0.0.1:${webhookPort}`;
		const queueEnv = {
			...postgres.n8nEnv,
			...redis.n8nEnv,
			EXECUTIONS_MODE: 'queue',
			// services register (and deliver to) the webhook processor, not the main process
			N8N_WEBHOOK_URL: `${webhookUrl}/`,
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			// each worker says which execution it runs (and n8n's own default level already does)
			N8N_LOG_LEVEL: 'info',
			// n8n's default pool is 2 connections: a burst of deliveries holds both, the database ping
			// waits past its 5 s, and the webhook processor answers every delivery "503 Database is not
			// ready!" until a ping gets through (seen on this 2-core machine under load)
			DB_POSTGRESDB_POOL_SIZE: '10',
			DB_PING_TIMEOUT_MS: '20000',
			// n8n marks an execution whose worker died "crashed" only when main looks for such
			// executions: at its start and then every 180 minutes by default; every minute here
			N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '1',
			...env,
		};

		let elapsed = stopwatch();
		const provisioned = await prepareUserFolder({ userFolder, sandbox, install, env: queueEnv, log, templatesDir, templates, extraCredentials });
		/** @param {string} name */
		const folderOf = (name) => {
			const folder = path.join(userFolder, 'processes', name);
			fs.mkdirSync(folder, { recursive: true });
			installPackage(folder, undefined, { cacheDir: install.cacheDir });
			return folder;
		};
		const webhookFolder = folderOf('webhook');
		const workerFolders = Array.from({ length: workers }, (_, index) => folderOf(`worker-${index + 1}`));
		const provisionMs = elapsed();

		elapsed = stopwatch();
		// Main first: it creates and migrates n8n's tables; a webhook processor started before that
		// answers every delivery "503 Database is not ready" for good (seen on 2.40.7).
		const n8n = await startN8n({ userFolder, port, owner, install, log, echo, env: queueEnv, name: 'main' });
		stoppers.push(n8n.stop);
		/** @type {QueueWorker[]} */
		const queueWorkers = [];
		/** @param {string} folder @param {number} index */
		const startWorker = async (folder, index) => {
			const name = `worker-${index + 1}`;
			const workerPort = await freePort();
			/** @type {string[]} */
			const earlier = [];
			const launch = async () => await startN8n({ userFolder: folder, port: workerPort, install, log, echo, env: queueEnv, command: 'worker', name });
			let running = await launch();
			stoppers.push(async () => await running.stop());
			queueWorkers[index] = {
				name,
				current: () => running,
				logs: () => [...earlier, running.logs()].join('\n'),
				kill: () => {
					if (running.process.pid) process.kill(-running.process.pid, 'SIGKILL');
				},
				restart: async () => {
					await running.stop();
					earlier.push(running.logs());
					running = await launch();
				},
			};
		};
		// The others at once: each only waits for its own boot.
		const webhookStarting = startN8n({ userFolder: webhookFolder, port: webhookPort, install, log, echo, env: queueEnv, command: 'webhook', name: 'webhook' });
		webhookStarting.then((started) => stoppers.push(started.stop), () => undefined);
		await Promise.all([webhookStarting, ...workerFolders.map(startWorker)]);
		const webhook = await webhookStarting;
		const startMs = elapsed();
		const client = /** @type {NonNullable<typeof n8n.client>} */ (n8n.client);

		elapsed = stopwatch();
		const publications = await publishTemplates(client, provisioned, { log });
		const publishMs = elapsed();
		log(`[queue] main ${n8n.url}, webhook processor ${webhook.url}, ${workers} workers, PostgreSQL :${postgres.port}, Redis :${redis.port}`);
		return {
			n8n: { ...n8n, client },
			webhook,
			workers: queueWorkers,
			provisioned,
			publications,
			postgres,
			redis,
			timings: { provisionMs, startMs, publishMs },
			stop: stopAll,
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}

/**
 * Which worker ran each execution, from the workers' own log lines
 * ("Worker started execution <id> (job <n>)").
 * @param {QueueWorker[]} workers
 * @returns {Map<string, string>} execution id → worker name
 */
function executionsByWorker(workers) {
	/** @type {Map<string, string>} */
	const ranBy = new Map();
	for (const worker of workers) {
		for (const match of worker.logs().matchAll(/Worker started execution (\d+)/g)) ranBy.set(match[1], worker.name);
	}
	return ranBy;
}

module.exports = { startQueueStack, executionsByWorker };

// @ts-check
'use strict';
/**
 * A throwaway Redis for n8n's queue mode: Debian's `redis-server` installed when missing, started
 * on a free loopback port in a temp folder, removed by stop(). restart() stops and starts it on
 * the same port and folder (what a Redis restart in production looks like to n8n).
 */
const childProcess = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { run } = require('./command');
const { freePort } = require('./ports');
const { stdoutLog, withProgress } = require('./progress');

/** @typedef {import('./progress').Log} Log */

/**
 * @typedef {Object} RunningRedis
 * @property {string} host
 * @property {number} port
 * @property {string} dir
 * @property {Record<string, string>} n8nEnv   QUEUE_BULL_REDIS_* for every n8n process of a queue
 * @property {() => Promise<void>} restart     stops it (SIGTERM: it flushes its append-only file) and starts it again
 * @property {() => Promise<void>} stop        stops it and deletes its folder
 */

/** The redis-server on PATH or in Debian's place, or undefined. */
function findRedisServer() {
	for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/bin', '/usr/sbin']) {
		const file = path.join(dir || '.', 'redis-server');
		if (fs.existsSync(file)) return file;
	}
	return undefined;
}

/**
 * The redis-server program; installs Debian's package first when it is missing (as root).
 * @param {{ log?: Log }} [options]
 * @returns {Promise<string>}
 */
async function ensureRedis({ log = stdoutLog } = {}) {
	const found = findRedisServer();
	if (found) return found;
	if (process.getuid?.() !== 0) throw new Error('Redis is not installed (no redis-server on PATH): install Debian\'s redis-server package, e.g. sudo apt-get install -y redis-server');
	log('[redis] Redis is not installed: installing Debian\'s redis-server package (under a minute)');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await withProgress(log, '[redis] apt-get install redis-server', async () => {
		await run('apt-get', ['update', '-qq'], { env });
		await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'redis-server'], { env });
	}, { everyMs: 15_000 });
	const installed = findRedisServer();
	if (!installed) throw new Error('apt-get installed redis-server, but no redis-server program is on PATH');
	return installed;
}

/**
 * Waits until Redis answers PING on the port (a raw RESP exchange: no client library needed).
 * @param {number} port
 * @param {number} timeoutMs
 */
async function waitForPing(port, timeoutMs) {
	const net = require('node:net');
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const answered = await new Promise((resolve) => {
			const socket = net.connect(port, '127.0.0.1');
			socket.setTimeout(1000);
			socket.once('data', (data) => {
				socket.destroy();
				resolve(data.toString().startsWith('+PONG'));
			});
			socket.once('connect', () => socket.write('PING\r\n'));
			socket.once('error', () => resolve(false));
			socket.once('timeout', () => {
				socket.destroy();
				resolve(false);
			});
		});
		if (answered) return;
		if (Date.now() > deadline) throw new Error(`Redis on 127.0.0.1:${port} did not answer PING within ${timeoutMs / 1000}s`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/**
 * Starts a new Redis in its own temp folder on a free loopback port, with the append-only file
 * on as production should have it (a restart keeps what was queued); the folder goes with stop(). Also killed when this process exits without calling stop().
 * @param {{ log?: Log }} [options]
 * @returns {Promise<RunningRedis>}
 */
async function startRedis({ log = stdoutLog } = {}) {
	const program = await ensureRedis({ log });
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ats-redis-'));
	const port = await freePort();
	/** @type {childProcess.ChildProcess | undefined} */
	let server;
	const launch = async () => {
		const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec', '--daemonize', 'no', '--logfile', path.join(dir, 'redis.log')];
		const child = childProcess.spawn(program, args, { stdio: 'ignore' });
		server = child;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		await Promise.race([
			waitForPing(port, 20_000),
			exited.then(() => {
				throw new Error(`redis-server exited at start: ${readLogTail()}`);
			}),
		]);
	};
	const readLogTail = () => {
		const file = path.join(dir, 'redis.log');
		return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').slice(-10).join('\n') : '(no log)';
	};
	const halt = async () => {
		const child = server;
		server = undefined;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
		await exited;
		clearTimeout(timer);
	};
	const stopNow = () => {
		server?.kill('SIGKILL');
		fs.rmSync(dir, { recursive: true, force: true });
	};
	process.on('exit', stopNow);
	/** @type {Promise<void> | undefined} */
	let stopping;
	const stop = () => {
		stopping ??= (async () => {
			await halt();
			stopNow();
			process.off('exit', stopNow);
		})();
		return stopping;
	};
	try {
		await launch();
	} catch (error) {
		await stop();
		throw new Error(`Redis did not start: ${/** @type {Error} */ (error).message}`);
	}
	const { stdout: version } = await run(program, ['--version']).catch(() => ({ stdout: 'redis-server' }));
	log(`[redis] ${version.trim().split(' ').slice(0, 3).join(' ')} on 127.0.0.1:${port} (throwaway, in ${dir})`);
	return {
		host: '127.0.0.1',
		port,
		dir,
		n8nEnv: { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(port) },
		restart: async () => {
			await halt();
			await launch();
		},
		stop,
	};
}

module.exports = { ensureRedis, startRedis };

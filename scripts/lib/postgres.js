// @ts-check
'use strict';
/**
 * A throwaway PostgreSQL for n8n (its database for queue mode, and the second database the
 * end-to-end suites run on): Debian's `postgresql` package installed when missing, a cluster in
 * a temp folder on a free loopback port with one user and database, all removed by stop().
 */
const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { run } = require('./command');
const { freePort } = require('./ports');
const { stdoutLog, withProgress } = require('./progress');

/** Where Debian's packages put each major version's server programs. */
const POSTGRES_ROOT = '/usr/lib/postgresql';
/** The server refuses to run as root: as root, its programs run as the package's own user. */
const SERVICE_USER = 'postgres';

/** @typedef {import('./progress').Log} Log */

/**
 * @typedef {Object} RunningPostgres
 * @property {string} host
 * @property {number} port
 * @property {string} database
 * @property {string} user
 * @property {string} password
 * @property {string} dataDir
 * @property {Record<string, string>} n8nEnv   DB_TYPE and DB_POSTGRESDB_* for every n8n process on it
 * @property {() => Promise<void>} stop        stops the server and deletes its folder
 */

/** The newest installed version's bin folder, or undefined. */
function findBinDir() {
	if (!fs.existsSync(POSTGRES_ROOT)) return undefined;
	const versions = fs
		.readdirSync(POSTGRES_ROOT)
		.filter((version) => ['initdb', 'pg_ctl', 'postgres'].every((program) => fs.existsSync(path.join(POSTGRES_ROOT, version, 'bin', program))))
		.sort((a, b) => Number(b) - Number(a));
	return versions[0] ? path.join(POSTGRES_ROOT, versions[0], 'bin') : undefined;
}

const isRoot = () => process.getuid?.() === 0;

/**
 * The folder of PostgreSQL's server programs; installs Debian's package first when they are
 * missing (as root, through apt-get).
 * @param {{ log?: Log }} [options]
 * @returns {Promise<string>}
 */
async function ensurePostgres({ log = stdoutLog } = {}) {
	const found = findBinDir();
	if (found) return found;
	if (!isRoot()) throw new Error(`PostgreSQL is not installed (no initdb under ${POSTGRES_ROOT}/<version>/bin): install Debian's postgresql package, e.g. sudo apt-get install -y postgresql`);
	log('[postgres] PostgreSQL is not installed: installing Debian\'s postgresql package (about a minute)');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await withProgress(log, '[postgres] apt-get install postgresql', async () => {
		await run('apt-get', ['update', '-qq'], { env });
		await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'], { env });
	}, { everyMs: 15_000 });
	const installed = findBinDir();
	if (!installed) throw new Error(`apt-get installed postgresql, but ${POSTGRES_ROOT} holds no initdb and pg_ctl`);
	return installed;
}

/**
 * Starts a new cluster for one n8n: its own temp folder and loopback port, a user and database
 * named n8n with a random password. Durability is off (fsync), since the data is thrown away.
 * Also stopped when this process exits without calling stop().
 * @param {{ log?: Log }} [options]
 * @returns {Promise<RunningPostgres>}
 */
async function startPostgres({ log = stdoutLog } = {}) {
	const binDir = await ensurePostgres({ log });
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ats-postgres-'));
	const dataDir = path.join(root, 'data');
	if (isRoot()) {
		const idOf = async (/** @type {string} */ flag) => Number((await run('id', [flag, SERVICE_USER])).stdout.trim());
		fs.chownSync(root, await idOf('-u'), await idOf('-g'));
	}
	fs.chmodSync(root, 0o700);
	/** @param {string} program @param {string[]} args */
	const asService = (program, args) => {
		const file = path.join(binDir, program);
		return isRoot() ? run('runuser', ['-u', SERVICE_USER, '--', file, ...args]) : run(file, args);
	};
	const port = await freePort();
	const credentials = { database: 'n8n', user: 'n8n', password: crypto.randomBytes(18).toString('base64url') };

	let serverStarted = false;
	const stopNow = () => {
		if (serverStarted) {
			const file = path.join(binDir, 'pg_ctl');
			const args = ['-D', dataDir, '-m', 'immediate', '-w', 'stop'];
			childProcess.spawnSync(isRoot() ? 'runuser' : file, isRoot() ? ['-u', SERVICE_USER, '--', file, ...args] : args, { stdio: 'ignore' });
			serverStarted = false;
		}
		fs.rmSync(root, { recursive: true, force: true });
	};
	process.on('exit', stopNow);
	/** @type {Promise<void> | undefined} */
	let stopping;
	const stop = () => {
		stopping ??= (async () => {
			if (serverStarted) {
				await asService('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '30', 'stop']).catch((error) => log(`[postgres] pg_ctl stop: ${error.message}`));
			}
			serverStarted = false;
			stopNow();
			process.off('exit', stopNow);
		})();
		return stopping;
	};

	try {
		await asService('initdb', ['-D', dataDir, '-U', 'postgres', '-E', 'UTF8', '--auth-local=trust', '--auth-host=scram-sha-256', '--no-sync']);
		// The socket goes into the cluster's own folder; TCP only on loopback.
		const serverOptions = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
		serverStarted = true;
		await asService('pg_ctl', ['-D', dataDir, '-l', path.join(root, 'postgres.log'), '-o', serverOptions, '-w', '-t', '60', 'start']);
		const { stdout: version } = await run(path.join(binDir, 'psql'), ['-h', root, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-tAq',
			'-c', `CREATE USER ${credentials.user} WITH PASSWORD '${credentials.password}'`,
			'-c', `CREATE DATABASE ${credentials.database} OWNER ${credentials.user}`,
			'-c', 'SHOW server_version']);
		log(`[postgres] PostgreSQL ${version.trim()} on 127.0.0.1:${port} (throwaway cluster in ${root})`);
	} catch (error) {
		const logFile = path.join(root, 'postgres.log');
		const serverLog = fs.existsSync(logFile) ? `\n${fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-20).join('\n')}` : '';
		await stop();
		throw new Error(`PostgreSQL did not start: ${/** @type {Error} */ (error).message}${serverLog}`);
	}
	return {
		host: '127.0.0.1',
		port,
		...credentials,
		dataDir,
		n8nEnv: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: credentials.database,
			DB_POSTGRESDB_USER: credentials.user,
			DB_POSTGRESDB_PASSWORD: credentials.password,
			// n8n's default pool is 2 connections. A burst of executions (each saving its progress, and
			// n8n reading credentials and the deduplication store for them) then waits for a connection
			// until "timeout exceeded when trying to connect", and n8n can leave such an execution marked
			// running. Any n8n that takes bursts on PostgreSQL wants a larger pool (README).
			DB_POSTGRESDB_POOL_SIZE: '10',
		},
		stop,
	};
}

module.exports = { ensurePostgres, startPostgres };

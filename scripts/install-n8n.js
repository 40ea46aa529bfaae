#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Installs the pinned n8n and the Node 24 it runs on into .cache/ (once; later runs return at
 * once). `npm start` and the end-to-end tests do this themselves; this is for warming the cache,
 * e.g. as its own CI step. Prints where things are.
 *
 *   node scripts/install-n8n.js            the pinned n8n 2.x (N8N_VERSION), which every suite but one uses
 *   node scripts/install-n8n.js --n8n 1    the pinned n8n 1.x (N8N_1X_VERSION), for the 1.x smoke suite
 */
const { ensureN8n } = require('./lib/install');
const { N8N_VERSION, N8N_1X_VERSION } = require('./lib/paths');

/** @param {string[]} args @returns {string} the n8n version to install */
function versionFrom(args) {
	const index = args.findIndex((arg) => arg === '--n8n' || arg.startsWith('--n8n='));
	if (index === -1) return N8N_VERSION;
	const value = args[index].includes('=') ? args[index].slice('--n8n='.length) : args[index + 1];
	if (value === '1' || value === N8N_1X_VERSION) return N8N_1X_VERSION;
	if (value === '2' || value === N8N_VERSION) return N8N_VERSION;
	throw new Error(`--n8n: expected 1 (n8n ${N8N_1X_VERSION}) or 2 (n8n ${N8N_VERSION}), got ${JSON.stringify(value)}`);
}

Promise.resolve()
	.then(() => ensureN8n({ version: versionFrom(process.argv.slice(2)) }))
	.then(
		(install) => process.stdout.write(`${JSON.stringify(install)}\n`),
		(error) => {
			process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
			process.exit(1);
		},
	);

#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Installs the pinned n8n and the Node 24 it runs on into .cache/ (once; later runs return at
 * once). `npm start` and the end-to-end tests do this themselves; this is for warming the cache,
 * e.g. as its own CI step. Prints where things are.
 */
const { ensureN8n } = require('./lib/install');

ensureN8n().then(
	(install) => process.stdout.write(`${JSON.stringify(install)}\n`),
	(error) => {
		process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
		process.exit(1);
	},
);

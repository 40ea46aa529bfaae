#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * node simulator/cli.js [--port N] [--host H]
 * Starts the simulator, prints one JSON line {"url", "<service>": baseUrl, ...} and runs
 * until SIGTERM or SIGINT.
 */
const { startSandbox } = require('./index');

/** @param {string[]} argv @param {string} flag */
function option(argv, flag) {
	const i = argv.findIndex((a) => a === flag || a.startsWith(flag + '='));
	if (i < 0) return undefined;
	return argv[i].includes('=') ? argv[i].slice(flag.length + 1) : argv[i + 1];
}

async function main() {
	const argv = process.argv.slice(2);
	const portText = option(argv, '--port');
	const port = portText === undefined ? 0 : Number(portText);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${portText}`);
	const sandbox = await startSandbox({ port, host: option(argv, '--host') ?? '127.0.0.1' });
	const baseUrls = Object.fromEntries(Object.entries(sandbox.services).map(([name, service]) => [name, service.baseUrl]));
	process.stdout.write(JSON.stringify({ url: sandbox.url, ...baseUrls }) + "\n");
	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		sandbox.close().then(() => process.exit(0), () => process.exit(1));
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}

main().catch((err) => {
	process.stderr.write(`sandbox: ${err instanceof Error ? err.message : String(err)}\n`);
	process.exit(1);
});

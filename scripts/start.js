#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm start`: builds the package (when its sources changed since the last start), starts the
 * simulator of the vendor services and a real, pinned n8n with the package, the demo credentials
 * and every template loaded and published, and prints how to log in, how to move a simulated
 * candidate, and how long it took to be ready. Ctrl-C stops everything.
 *
 * `npm start -- --postgres` runs n8n on a throwaway PostgreSQL instead of SQLite (installed from
 * Debian's packages when missing; removed on Ctrl-C).
 * `npm start -- --queue` runs the same demo in n8n's queue mode: PostgreSQL and Redis (both
 * throwaway, from Debian's packages), a main process, a webhook processor and two workers.
 * Environment: PORT (n8n, default 5678), SANDBOX_PORT (default 5680, else a free one),
 * N8N_OWNER_EMAIL / N8N_OWNER_PASSWORD (default owner@example.com / AtsDemo-Passw0rd!),
 * SKIP_BUILD=1 (use dist/ as it is), VERBOSE=1 (n8n's own output on the terminal; it is always
 * written to .n8n-dev/n8n.log).
 */
const fs = require('node:fs');
const path = require('node:path');
const { buildIfChanged } = require('./lib/build');
const { N8N_VERSION, REPO_ROOT, TEMPLATES_DIR } = require('./lib/paths');
const { isPortFree } = require('./lib/ports');
const { formatDuration, stopwatch } = require('./lib/progress');
const { startStack, databaseFrom } = require('./lib/stack');
const { startQueueStack } = require('./lib/queue-stack');

const USER_FOLDER = path.join(REPO_ROOT, '.n8n-dev');
const OWNER = {
	email: process.env.N8N_OWNER_EMAIL || 'owner@example.com',
	password: process.env.N8N_OWNER_PASSWORD || 'AtsDemo-Passw0rd!',
};

/** @param {string[]} args  what follows `npm start --` */
function optionsFrom(args) {
	let database = databaseFrom(undefined);
	let queue = false;
	for (const arg of args) {
		if (arg === '--queue') queue = true;
		else if (arg === '--postgres') database = 'postgres';
		else if (arg === '--sqlite') database = 'sqlite';
		else if (arg.startsWith('--database=')) database = databaseFrom(arg.slice('--database='.length));
		else throw new Error(`unknown option ${arg}: npm start takes --queue, --postgres, --sqlite or --database=<sqlite|postgres>`);
	}
	if (queue && database === 'sqlite' && args.some((arg) => arg === '--sqlite' || arg.startsWith('--database='))) throw new Error('--queue runs on PostgreSQL: n8n\'s queue mode does not work on SQLite');
	return { database: queue ? 'postgres' : database, queue };
}

/** @param {string} line */
const say = (line) => void process.stdout.write(`${line}\n`);

/** @param {string | undefined} text @param {number} fallback */
function portFrom(text, fallback) {
	if (text === undefined || text === '') return fallback;
	const port = Number(text);
	if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`not a port: ${text}`);
	return port;
}

/**
 * @param {string} url
 * @param {unknown} body
 */
async function postJson(url, body) {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	const text = await response.text();
	if (!response.ok) throw new Error(`POST ${url} → ${response.status} ${text}`);
	return JSON.parse(text);
}

async function main() {
	const elapsed = stopwatch();
	const { database, queue } = optionsFrom(process.argv.slice(2));
	const port = portFrom(process.env.PORT, 5678);
	const wantedSandboxPort = portFrom(process.env.SANDBOX_PORT, 5680);
	if (!(await isPortFree(port))) throw new Error(`port ${port} is in use on 127.0.0.1: set PORT to another one`);

	let buildMs = 0;
	if (process.env.SKIP_BUILD === '1') say('Skipping the build (SKIP_BUILD=1).');
	else {
		const buildTime = stopwatch();
		await buildIfChanged({ log: say });
		buildMs = buildTime();
	}

	/** What to stop on Ctrl-C, as it comes up. */
	/** @type {{ sandbox?: { close(): Promise<void> }, stack?: { stop(): Promise<void> } }} */
	const started = {};
	let stopping = false;
	const shutdown = async (/** @type {number} */ code) => {
		if (stopping) return;
		stopping = true;
		say('\nStopping n8n and the simulator ...');
		await started.stack?.stop().catch((error) => say(`n8n: ${error.message}`));
		await started.sandbox?.close().catch((error) => say(`simulator: ${error.message}`));
		process.exit(code);
	};
	process.on('SIGINT', () => void shutdown(0));
	process.on('SIGTERM', () => void shutdown(0));
	process.on('SIGHUP', () => void shutdown(0));

	const { startSandbox, SEED } = require(path.join(REPO_ROOT, 'simulator'));
	/** @type {{ url: string, services: Record<string, { baseUrl: string }>, close(): Promise<void> }} */
	const simulator = await startSandbox({ port: (await isPortFree(wantedSandboxPort)) ? wantedSandboxPort : 0 });
	started.sandbox = simulator;
	say(`Simulator on ${simulator.url}`);

	// A candidate to play with, waiting in "New applicant".
	const candidate = await postJson(`${simulator.url}/_control/lever/opportunities`, {
		name: 'Ada Lovelace',
		email: 'ada.lovelace@example.com',
		postingId: SEED.lever.postings.backendEngineer,
		stageId: SEED.lever.stages.applicantNew,
	});

	const logFile = path.join(USER_FOLDER, 'n8n.log');
	fs.mkdirSync(USER_FOLDER, { recursive: true });
	const logStream = fs.createWriteStream(logFile, { flags: 'a' });
	logStream.write(`\n==== n8n start ${new Date().toISOString()} (${queue ? 'queue mode' : database}) ====\n`);
	const verbose = process.env.VERBOSE === '1';
	/** @param {string} line */
	const echo = (line) => {
		logStream.write(`${line}\n`);
		if (verbose) say(`  n8n | ${line}`);
	};
	const stack = queue
		? await startQueueStack({ userFolder: path.join(USER_FOLDER, 'queue'), sandbox: simulator, owner: OWNER, port, log: say, echo })
		: await startStack({ userFolder: USER_FOLDER, sandbox: simulator, owner: OWNER, database, port, keepImports: true, log: say, echo });
	started.stack = stack;
	const { n8n: running, provisioned, publications } = stack;
	// In queue mode the services deliver to the webhook processor.
	const webhookUrl = 'webhook' in stack ? stack.webhook.url : running.url;
	// iCIMS has no subscription API: its staff point the event at the receiver's URL. Do what they
	// would, on the simulator, for every published template with an iCIMS Trigger.
	for (const workflow of provisioned.workflows.filter((entry) => entry.published)) {
		const template = JSON.parse(fs.readFileSync(path.join(TEMPLATES_DIR, workflow.file), 'utf8'));
		for (const node of template.nodes ?? []) {
			if (node.type !== 'n8n-nodes-ats-assessments.icimsTrigger' || !node.webhookId) continue;
			await fetch(`${simulator.url}/_control/icims/subscriptions`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ url: `${webhookUrl}/webhook/${node.webhookId}/webhook` }),
			});
		}
	}
	running.process.once('exit', (code) => {
		if (stopping) return;
		say(`n8n exited unexpectedly (code ${code}); its log: ${logFile}`);
		void shutdown(1);
	});

	const stageId = SEED.lever.stages.assessment;
	const testId = SEED.wecp.tests.javascriptFundamentals;
	const publishedLines = provisioned.workflows.map((workflow) => {
		const publication = publications[workflow.id];
		const errors = publication?.triggers.map((trigger) => trigger.errorMessage).filter(Boolean).join('; ');
		const state = !workflow.published ? `not published: ${workflow.notPublishedBecause}` : `${publication?.status ?? 'published'}${errors ? `: ${errors}` : ''}`;
		return `    ${running.url}/workflow/${workflow.id}  ${workflow.name}  [${state}]`;
	});
	say(`
────────────────────────────────────────────────────────────────────────
 n8n ${N8N_VERSION} with ${provisioned.package.name}@${provisioned.package.version}

 Editor     ${running.url}/
 Log in     ${OWNER.email}  /  ${OWNER.password}
 Simulator  ${simulator.url}   (Lever ${simulator.services.lever?.baseUrl}, WeCP ${simulator.services.wecp?.baseUrl})
 n8n log    ${path.relative(process.cwd(), logFile)}
 ${'workers' in stack ? `Queue      webhook processor ${stack.webhook.url}, ${stack.workers.length} workers, Redis on 127.0.0.1:${stack.redis.port} (throwaway)\n ` : ''}Database   ${stack.postgres ? `PostgreSQL on ${stack.postgres.host}:${stack.postgres.port} (throwaway: removed on Ctrl-C)` : `SQLite in ${path.relative(process.cwd(), USER_FOLDER)}/.n8n (kept between runs)`}

 Workflows
${publishedLines.join('\n')}

 Move the simulated Lever candidate ${candidate.name ?? 'Ada Lovelace'} into "Assessment" (invites to a WeCP test):
    curl -s -XPOST ${simulator.url}/_control/lever/opportunities/${candidate.id}/stage -H 'content-type: application/json' -d '{"stageId":"${stageId}"}'
 Then let the candidate finish the test (writes the result back to Lever):
    curl -s -XPOST ${simulator.url}/_control/wecp/complete -H 'content-type: application/json' -d '{"testId":"${testId}","email":"${candidate.emails?.[0] ?? 'ada.lovelace@example.com'}","score":85}'
 See what landed on the Lever candidate (note, tags, stage):
    curl -s ${simulator.url}/_control/lever/opportunities/${candidate.id}
 The whole loop in one line:
    curl -s -XPOST ${simulator.url}/_control/lever/opportunities/${candidate.id}/stage -H 'content-type: application/json' -d '{"stageId":"${stageId}"}' >/dev/null && sleep 2 && curl -s -XPOST ${simulator.url}/_control/wecp/complete -H 'content-type: application/json' -d '{"testId":"${testId}","email":"${candidate.emails?.[0] ?? 'ada.lovelace@example.com'}","score":85}' >/dev/null && sleep 2 && curl -s ${simulator.url}/_control/lever/opportunities/${candidate.id}
 Another candidate:
    curl -s -XPOST ${simulator.url}/_control/lever/opportunities -H 'content-type: application/json' -d '{"name":"Grace Hopper","email":"grace@example.com"}'

 Ctrl-C stops n8n and the simulator.
────────────────────────────────────────────────────────────────────────`);
	const { provisionMs, startMs, publishMs } = stack.timings;
	say(`Ready in ${formatDuration(elapsed())} (build ${formatDuration(buildMs)}, import ${formatDuration(provisionMs)}, n8n start ${formatDuration(startMs)}, publish ${formatDuration(publishMs)}).`);
}

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
	process.exit(1);
});

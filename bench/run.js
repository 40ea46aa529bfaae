// @ts-check
'use strict';
/**
 * `npm run bench`: our lever-stage-to-wecp-invite template against a flow built by hand from n8n's
 * generic nodes (bench/hand-built-lever-to-wecp.json), side by side in one real n8n, against the
 * simulator. P1 latency, P2 bulk at a rate limit, P3 lists, P4 cost. Prints one line per figure
 * and writes bench/results/summary.md and chart.svg (see bench/report.js).
 *
 *   npm run bench -- [--n 30] [--bulk 1000] [--rate 10] [--lever-resend-ms 5000] [--lists 1000,100000] [--starts 2] [--only P1,P2,P3,P4] [--out dir]
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { startSandbox, SANDBOX_SECRETS, SEED } = require('../simulator');
const { startStack } = require('../scripts/lib/stack');
const { expressionEngineSettings, startN8n } = require('../scripts/lib/n8n-process');
const { ensureN8n } = require('../scripts/lib/install');
const { freePort } = require('../scripts/lib/ports');
const { REPO_ROOT, TEMPLATES_DIR } = require('../scripts/lib/paths');
const { writeReport } = require('./report');

const OURS = 'AtsLeverToWecp01';
const HAND = 'BenchHandBuilt01';
const LISTS = 'BenchLeverList01';
const OWNER = { email: 'owner@example.com', password: 'AtsBench-Passw0rd!' };
const STAGES = SEED.lever.stages;
const TEST_ID = SEED.wecp.tests.javascriptFundamentals;
// Origins Lever knows, one per flow: each flow's webhook is limited to its own candidates.
const ORIGIN = { ours: 'sourced', hand: 'referred' };

/** @param {string[]} argv */
function parseFlags(argv) {
	/** @type {Record<string, string>} */
	const raw = {};
	for (let i = 0; i < argv.length; i++) {
		const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
		if (!match) throw new Error(`bench: unexpected argument ${argv[i]}`);
		raw[match[1]] = match[2] ?? argv[++i];
	}
	const int = (/** @type {string} */ name, /** @type {number} */ fallback) => {
		if (raw[name] === undefined) return fallback;
		const value = Number(raw[name]);
		if (!Number.isInteger(value) || value < 1) throw new Error(`--${name}: expected a whole number ≥ 1, got ${raw[name]}`);
		return value;
	};
	const n = int('n', 30);
	const lists = (raw.lists ?? '1000,100000').split(',').map(Number);
	if (lists.length !== 2 || lists.some((v) => !Number.isInteger(v) || v < 1)) throw new Error(`--lists: expected two sizes like 1000,100000, got ${raw.lists}`);
	return {
		n,
		// --n alone sets the bulk size too (the CI's small run); --bulk overrides.
		bulk: int('bulk', raw.n === undefined ? 1000 : n),
		rate: int('rate', 10),
		// In P2 the simulated Lever resends a delivery n8n did not answer 200 in time, five times,
		// first after this many ms and then doubling, as Lever does (its delays are not documented).
		leverResendMs: int('lever-resend-ms', 5000),
		lists,
		starts: int('starts', 2),
		// e.g. --only P2: the other parts are skipped (n8n still starts once).
		only: new Set((raw.only ?? 'P1,P2,P3,P4').toUpperCase().split(',')),
		out: path.resolve(raw.out ?? path.join(__dirname, 'results')),
	};
}

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));
const loadAverage = () => os.loadavg().map((value) => value.toFixed(2)).join(' ');

/** @param {number[]} values @param {number} q 0..1 (nearest rank) */
function quantile(values, q) {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Resident memory of a process and its peak since the last reset (Linux /proc). */
function memory(pid) {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (/** @type {string} */ field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
	return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** Resets the peak (VmHWM) to the current RSS; false where the kernel does not allow it. */
function resetPeak(pid) {
	try {
		fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false;
	}
}

/** The hand-built flow as a user would have it after pasting their URLs and the signature token. */
function handBuiltWorkflow(sandbox, signatureToken) {
	const text = fs.readFileSync(path.join(__dirname, 'hand-built-lever-to-wecp.json'), 'utf8')
		.replaceAll('__LEVER_SIGNATURE_TOKEN__', signatureToken)
		.replaceAll('__LEVER_BASE_URL__', sandbox.services.lever.baseUrl)
		.replaceAll('__WECP_BASE_URL__', sandbox.services.wecp.baseUrl);
	return JSON.parse(text);
}

/** A webhook that runs our Lever node's Get Many (Return All or Limit from the request) and answers the count. */
function listWorkflow() {
	return {
		id: LISTS,
		name: 'Bench: Lever Get Many opportunities',
		nodes: [
			{
				parameters: { httpMethod: 'POST', path: 'bench-lever-list', responseMode: 'lastNode', options: { responseData: 'noData' } },
				id: 'b1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: '0c6f7a1e-2d3b-4c5a-9e8f-7a6b5c4d3e21',
			},
			{
				parameters: { resource: 'opportunity', operation: 'getMany', returnAll: '={{ $json.body.returnAll }}', limit: 50, filters: {} },
				id: 'b2', name: 'Get Many Opportunities', type: 'n8n-nodes-ats-assessments.lever', typeVersion: 1, position: [220, 0],
				credentials: { leverApi: { id: 'AtsLeverApiCred1', name: 'Lever account' } },
			},
		],
		connections: { Webhook: { main: [[{ node: 'Get Many Opportunities', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'none' },
		pinData: {},
	};
}

async function main() {
	const flags = parseFlags(process.argv.slice(2));
	const log = (/** @type {string} */ line) => process.stdout.write(`[bench] ${line}\n`);
	/** @type {Array<{ id: string, figure: string, ours: number | null, hand: number | null, unit: string, target?: string, met?: boolean | null, load: string, note?: string }>} */
	const figures = [];
	// As the summary shows them: no machine path, the parts as a list.
	// n8n's own settings that change these figures, as the n8n under test had them.
	const n8nSettings = Object.fromEntries(
		Object.entries({ ...process.env, ...expressionEngineSettings() }).filter(([name]) => /^N8N_(EXPRESSION_ENGINE|CONCURRENCY_PRODUCTION_LIMIT)/.test(name)),
	);
	const shownFlags = { ...flags, out: path.relative(REPO_ROOT, flags.out) || '.', only: [...flags.only], n8n: n8nSettings };
	/** Prints and keeps one figure: both sides, the ratio, the load average it was taken at. */
	const figure = (/** @type {any} */ entry) => {
		const row = { ...entry, load: loadAverage() };
		figures.push(row);
		const ratio = typeof row.ours === 'number' && typeof row.hand === 'number' && row.hand !== 0 ? ` ratio ${(row.ours / row.hand).toFixed(2)}` : '';
		const side = (/** @type {number | null} */ value) => (value === null || value === undefined ? '–' : `${+value.toFixed(2)} ${row.unit}`);
		const target = row.target ? ` target ${row.target}: ${row.met === true ? 'met' : row.met === false ? 'MISSED' : 'n/a'}` : '';
		process.stdout.write(`${row.id} ${row.figure}: ours ${side(row.ours)} | hand-built ${side(row.hand)}${ratio}${target} (load ${row.load})${row.note ? ` – ${row.note}` : ''}\n`);
	};
	log(`flags ${JSON.stringify(flags)}; ${os.cpus().length} cores, load ${loadAverage()}`);

	const sandbox = await startSandbox();
	const control = async (/** @type {string} */ method, /** @type {string} */ route, /** @type {unknown} */ body) => {
		const response = await fetch(`${sandbox.url}/_control${route}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${route} → ${response.status} ${text}`);
		return text ? JSON.parse(text) : undefined;
	};
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'ats-bench-'));
	const importDir = path.join(userFolder, 'workflows-to-import');
	fs.mkdirSync(importDir);
	/** @type {any} */
	let stack;
	try {
		// The hand-built flow's Lever webhook is registered the way a user would (Lever's API), for
		// the n8n URL it will have; its signature token is pasted into the Crypto node.
		const port = await freePort();
		const handUrl = `http://127.0.0.1:${port}/webhook/bench-hand-built-lever`;
		const registered = await fetch(`${sandbox.services.lever.baseUrl}/webhooks`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${SANDBOX_SECRETS.lever.apiKey}:`).toString('base64')}` },
			body: JSON.stringify({ url: handUrl, event: 'candidateStageChange', configuration: { conditions: { origins: [ORIGIN.hand] } } }),
		}).then((response) => response.json());
		const handHookId = registered.data.id;
		fs.copyFileSync(path.join(TEMPLATES_DIR, 'lever-stage-to-wecp-invite.json'), path.join(importDir, 'lever-stage-to-wecp-invite.json'));
		fs.writeFileSync(path.join(importDir, 'hand-built-lever-to-wecp.json'), JSON.stringify(handBuiltWorkflow(sandbox, registered.data.configuration.signatureToken)));
		fs.writeFileSync(path.join(importDir, 'bench-lever-list.json'), JSON.stringify(listWorkflow()));
		stack = await startStack({
			userFolder,
			sandbox,
			owner: OWNER,
			port,
			log,
			templatesDir: importDir,
			templates: ['lever-stage-to-wecp-invite.json', 'hand-built-lever-to-wecp.json', 'bench-lever-list.json'],
			extraCredentials: [
				{ id: 'BenchLeverBasic1', name: 'Lever (basic auth)', type: 'httpBasicAuth', service: 'lever', builtIn: true, data: ({ secrets }) => ({ user: secrets.apiKey, password: '' }) },
				{ id: 'BenchWecpHeader1', name: 'WeCP (x-api-key)', type: 'httpHeaderAuth', service: 'wecp', builtIn: true, data: ({ secrets }) => ({ name: 'x-api-key', value: secrets.apiKey }) },
			],
		});
		for (const [id, status] of Object.entries(stack.publications)) if (status.status !== 'published') throw new Error(`workflow ${id} not published: ${JSON.stringify(status)}`);
		// Our trigger registered its own webhook for every opportunity: limit it to its candidates,
		// so each stage change reaches one flow (the simulator's conditions.origins, as Lever's).
		for (const hook of sandbox.state.lever.webhooks.values()) {
			if (hook.id !== handHookId) hook.configuration.conditions = { origins: [ORIGIN.ours] };
		}
		const pid = stack.n8n.process.pid;
		log(`n8n ${stack.n8n.url} (pid ${pid}) started in ${stack.timings.startMs} ms; load ${loadAverage()}`);

		let serial = 0;
		const newCandidate = async (/** @type {'ours' | 'hand'} */ side, /** @type {string} */ tag) => {
			serial += 1;
			const email = `bench-${tag}-${side}-${serial}@example.com`;
			const opportunity = await control('POST', '/lever/opportunities', { name: `Bench ${side} ${serial}`, email, postingId: SEED.lever.postings.backendEngineer, stageId: STAGES.applicantNew, origin: ORIGIN[side] });
			return { id: opportunity.id, email };
		};
		const invitesTo = (/** @type {Set<string>} */ emails) =>
			sandbox.state.requests.filter((/** @type {any} */ r) => r.service === 'wecp' && r.method === 'POST' && /\/invite$/.test(r.path) && r.status >= 200 && r.status < 300 && emails.has(r.body?.candidates?.[0]?.email));

		// ---- P1 latency ------------------------------------------------------------------------------
		if (flags.only.has('P1')) {
			const p1 = await latency({ sandbox, control, newCandidate, n: flags.n, log });
			for (const [name, q] of [['median', 0.5], ['p95', 0.95]]) {
				const ours = quantile(p1.ours.map((d) => d.totalMs), /** @type {number} */ (q));
				const hand = quantile(p1.hand.map((d) => d.totalMs), /** @type {number} */ (q));
				figure({ id: 'P1', figure: `latency ${name} (delivery → invite at WeCP, N=${flags.n} each)`, ours, hand, unit: 'ms', target: '≤ 0.9× hand-built', met: ours <= 0.9 * hand });
			}
			const step = (/** @type {string} */ key) => quantile(p1.ours.map((d) => d[key]).filter((v) => typeof v === 'number'), 0.5);
			const handStep = (/** @type {string} */ key) => quantile(p1.hand.map((d) => d[key]).filter((v) => typeof v === 'number'), 0.5);
			figure({ id: 'P1', figure: 'median: delivery → first Lever call', ours: step('firstCallMs'), hand: handStep('firstCallMs'), unit: 'ms' });
			figure({ id: 'P1', figure: 'median: Lever calls per delivery', ours: step('leverCalls'), hand: handStep('leverCalls'), unit: 'calls' });
			figure({ id: 'P1', figure: 'median: n8n answers the delivery (webhook())', ours: step('answeredMs'), hand: handStep('answeredMs'), unit: 'ms' });
			figure({ id: 'P1', figure: 'median: answer → invite (the execution)', ours: step('executionMs'), hand: handStep('executionMs'), unit: 'ms' });
			// Inside n8n: each node's own time (n8n's executionTime) in the P1 executions, medians.
			const nodeTimes = async (/** @type {string} */ workflowId) => {
				const runs = (await stack.n8n.client.listExecutions({ workflowId })).slice(-flags.n);
				/** @type {Record<string, number[]>} */
				const times = {};
				for (const run of runs) {
					const { runData } = await stack.n8n.client.getExecution(run.id);
					for (const [name, nodeRuns] of Object.entries(runData)) (times[name] ??= []).push(nodeRuns[0]?.executionTime ?? 0);
				}
				return Object.fromEntries(Object.entries(times).map(([name, values]) => [name, quantile(values, 0.5)]));
			};
			for (const [side, workflowId] of [['ours', OURS], ['hand', HAND]]) log(`P1 ${side}: median ms per node (n8n's executionTime): ${JSON.stringify(await nodeTimes(workflowId))}`);
		}

		// ---- P3 lists (before P2, whose burst n8n works off for minutes) --------------------------------
		if (flags.only.has('P3')) {
			const p3 = await lists({ sandbox, stack, pid, sizes: flags.lists, log });
			for (const row of p3.requests) {
				figure({ id: 'P3', figure: `Get Many, Return All over N=${row.n}: Lever requests (page 100)`, ours: row.requests, hand: null, unit: 'requests', target: `= ${Math.ceil(row.n / 100)}`, met: row.requests === Math.ceil(row.n / 100) });
			}
			for (const mode of ['limit50', 'returnAll']) {
				const small = p3.peak[`${mode}:${flags.lists[0]}`];
				const large = p3.peak[`${mode}:${flags.lists[1]}`];
				figure({ id: 'P3', figure: `peak RSS of n8n, ${mode === 'limit50' ? 'Limit 50' : 'Return All'}: N=${flags.lists[1]} (ours) vs N=${flags.lists[0]} (hand column)`, ours: large, hand: small, unit: 'MB', target: '< 2× from the small N', met: large < 2 * small, note: p3.peakReset ? 'peak reset before each run' : 'peak since start (reset not allowed)' });
			}
		}

		// ---- P2 bulk at a rate limit ------------------------------------------------------------------
		if (flags.only.has('P2')) {
			await control('POST', '/duplicateRules', { service: 'wecp', enabled: false });
			await control('POST', '/rateLimit', { service: 'wecp', perSecond: flags.rate });
			await control('POST', '/deliveryRetries', { service: 'lever', retries: 5, firstDelayMs: flags.leverResendMs });
			const ideal = flags.bulk / flags.rate;
			// The target: every candidate invited within this many seconds of the burst.
			const targetSeconds = 1.1 * ideal;
			/** @type {Record<string, any>} */
			const p2 = {};
			for (const side of /** @type {const} */ (['ours', 'hand'])) {
				const people = [];
				for (let i = 0; i < flags.bulk; i++) people.push(await newCandidate(side, 'bulk'));
				const emails = new Set(people.map((p) => p.email));
				const workflowId = side === 'ours' ? OURS : HAND;
				const before = (await stack.n8n.client.listExecutions({ workflowId })).length;
				const peakReset = resetPeak(pid);
				const started = Date.now();
				const moved = await Promise.all(people.map((p) => control('POST', `/lever/opportunities/${p.id}/stage`, { stageId: STAGES.assessment }).catch((/** @type {Error} */ error) => ({ error: error.message }))));
				const ids = new Set(people.map((p) => p.id));
				const leverSends = (await control('GET', '/deliveries?service=lever')).filter((/** @type {any} */ d) => ids.has(d.payload?.data?.opportunityId)).length;
				const refusedDeliveries = moved.filter((m) => m.error || (m.deliveries ?? []).some((/** @type {any} */ d) => d.status !== 200)).length;
				// How n8n answered the deliveries (0: no answer within the simulator's 10 s, as a sender gives up).
				/** @type {Record<string, number>} */
				const answers = {};
				for (const m of moved) for (const d of m.deliveries ?? [{ status: 'error' }]) answers[d.status] = (answers[d.status] ?? 0) + 1;
				// Until every candidate is invited, or nothing has moved for 30 s with no execution
				// running (an unanswered delivery may still run), or far past the ideal time: a side
				// still working at the target time is waited for, so "failed" counts candidates that
				// were never invited, not late ones, and the other side starts on a quiet n8n.
				const deadline = started + Math.max(240_000, 6 * ideal * 1000);
				/** @type {any[]} */
				let finished = [];
				let progress = '';
				let quietSince = Date.now();
				for (;;) {
					// n8n answers 503 "Database is not ready" while a burst keeps SQLite busy: ask again.
					const runs = (await stack.n8n.client.listExecutions({ workflowId }).catch(() => null))?.slice(before);
					if (runs) {
						finished = runs.filter((/** @type {any} */ run) => !['running', 'new', 'waiting'].includes(run.status));
						const invited = invitesTo(emails).length;
						const now = `${runs.length}/${finished.length}/${invited}`;
						if (now !== progress) [progress, quietSince] = [now, Date.now()];
						const running = runs.length > finished.length;
						if (invited >= flags.bulk || (!running && Date.now() - quietSince > 30_000) || Date.now() > deadline) break;
					}
					await sleep(1000);
				}
				const invites = invitesTo(emails);
				// Per candidate: how many invites, and when the first came.
				/** @type {Map<string, { count: number, firstAt: number }>} */
				const perEmail = new Map();
				for (const invite of invites) {
					const seen = perEmail.get(invite.body.candidates[0].email);
					if (seen) [seen.count, seen.firstAt] = [seen.count + 1, Math.min(seen.firstAt, invite.at)];
					else perEmail.set(invite.body.candidates[0].email, { count: 1, firstAt: invite.at });
				}
				const lastInvite = Math.max(started, ...invites.map((/** @type {any} */ r) => r.at));
				p2[side] = {
					invited: perEmail.size,
					invitedInTarget: [...perEmail.values()].filter(({ firstAt }) => firstAt - started <= targetSeconds * 1000).length,
					failed: flags.bulk - perEmail.size,
					duplicated: [...perEmail.values()].reduce((sum, { count }) => sum + count - 1, 0),
					seconds: (lastInvite - started) / 1000,
					errorRuns: finished.filter((/** @type {any} */ run) => run.status !== 'success').length,
					refusedDeliveries,
					leverSends,
					answers,
					peakMb: memory(pid).peakMb,
					peakReset,
				};
				log(`P2 ${side}: ${JSON.stringify(p2[side])}`);
			}
			await control('DELETE', '/rateLimit', { service: 'wecp' });
			await control('DELETE', '/deliveryRetries', { service: 'lever' });
			await control('POST', '/duplicateRules', { service: 'wecp', enabled: true });
			const p2Target = `≤ ${targetSeconds.toFixed(0)} s, 0 failed, 0 duplicated`;
			figure({ id: 'P2', figure: `bulk: time until the last invite (N=${flags.bulk}, R=${flags.rate}/s)`, ours: p2.ours.seconds, hand: p2.hand.seconds, unit: 's', target: p2Target, met: p2.ours.seconds <= targetSeconds && p2.ours.failed === 0 && p2.ours.duplicated === 0 });
			figure({ id: 'P2', figure: 'bulk: candidates invited', ours: p2.ours.invited, hand: p2.hand.invited, unit: 'candidates' });
			figure({ id: 'P2', figure: `bulk: candidates invited within ${targetSeconds.toFixed(0)} s`, ours: p2.ours.invitedInTarget, hand: p2.hand.invitedInTarget, unit: 'candidates', target: `${flags.bulk}`, met: p2.ours.invitedInTarget === flags.bulk });
			figure({ id: 'P2', figure: 'bulk: candidates not invited (failed)', ours: p2.ours.failed, hand: p2.hand.failed, unit: 'candidates', target: '0', met: p2.ours.failed === 0 });
			figure({ id: 'P2', figure: 'bulk: duplicate invites', ours: p2.ours.duplicated, hand: p2.hand.duplicated, unit: 'invites', target: '0', met: p2.ours.duplicated === 0 });
			figure({ id: 'P2', figure: 'bulk: peak RSS of n8n during the burst', ours: p2.ours.peakMb, hand: p2.hand.peakMb, unit: 'MB', note: p2.hand.peakReset ? 'peak reset before each side' : 'peak since start (reset not allowed)' });
			figure({ id: 'P2', figure: 'bulk: executions not successful', ours: p2.ours.errorRuns, hand: p2.hand.errorRuns, unit: 'runs' });
			figure({ id: 'P2', figure: 'bulk: Lever sends, resends included (5 at most per delivery)', ours: p2.ours.leverSends, hand: p2.hand.leverSends, unit: 'sends' });
			figure({ id: 'P2', figure: 'bulk: deliveries n8n did not answer 200 in time (after Lever\'s resends)', ours: p2.ours.refusedDeliveries, hand: p2.hand.refusedDeliveries, unit: 'deliveries', note: `ours ${JSON.stringify(p2.ours.answers)}, hand-built ${JSON.stringify(p2.hand.answers)}` });
		}

		// ---- P4 cost ----------------------------------------------------------------------------------
		if (flags.only.has('P4')) {
			const startups = await startupCost({ stack, userFolder, starts: flags.starts, log });
			const withPackage = quantile(startups.with, 0.5);
			const without = quantile(startups.without, 0.5);
			figure({ id: 'P4', figure: `n8n start-up, with the package (ours) vs without (median of ${flags.starts})`, ours: withPackage, hand: without, unit: 'ms', target: '≤ +5%', met: withPackage <= 1.05 * without });
			const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT, encoding: 'utf8' }))[0];
			figure({ id: 'P4', figure: `packed tarball (${packed.entryCount} files)`, ours: packed.size / 1000, hand: null, unit: 'kB', target: '≤ 300 kB', met: packed.size <= 300_000 });
			stack = undefined; // stopped by startupCost
		}

		await writeReport(flags.out, { flags: shownFlags, figures, cores: os.cpus().length, at: new Date().toISOString() });
		log(`wrote ${path.relative(process.cwd(), path.join(flags.out, 'summary.md'))} and chart.svg`);
	} finally {
		// What was measured before a failure is still written, so a long run is never all lost.
		if (figures.length && !fs.existsSync(path.join(flags.out, 'summary.md'))) {
			await writeReport(flags.out, { flags: shownFlags, figures, cores: os.cpus().length, at: new Date().toISOString(), incomplete: true }).catch(() => undefined);
		}
		if (stack) await stack.stop().catch(() => undefined);
		await sandbox.close();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

/**
 * P1: stage changes into Assessment, ours and hand-built in turn, one at a time. Times are the
 * simulator's clock: delivery sent → each Lever call → invite request stored at WeCP.
 */
async function latency({ sandbox, control, newCandidate, n, log }) {
	/** @type {{ ours: any[], hand: any[] }} */
	const result = { ours: [], hand: [] };
	// One warm-up each (first loads of node code and credentials), not counted.
	for (let i = -1; i < n; i++) {
		for (const side of /** @type {const} */ (['ours', 'hand'])) {
			const person = await newCandidate(side, 'p1');
			const fromRequest = sandbox.state.requests.length;
			const moved = await control('POST', `/lever/opportunities/${person.id}/stage`, { stageId: STAGES.assessment });
			const delivery = moved.deliveries[0];
			const deadline = Date.now() + 30_000;
			let invite;
			while (!(invite = sandbox.state.requests.slice(fromRequest).find((/** @type {any} */ r) => r.service === 'wecp' && r.method === 'POST' && r.body?.candidates?.[0]?.email === person.email))) {
				if (Date.now() > deadline) throw new Error(`P1 ${side}: no invite for ${person.email} within 30 s (delivery ${delivery?.status})`);
				await sleep(2);
			}
			const sent = sandbox.state.deliveries.find((/** @type {any} */ d) => d.payload?.data?.opportunityId === person.id);
			const leverCalls = sandbox.state.requests.slice(fromRequest).filter((/** @type {any} */ r) => r.service === 'lever' && r.at <= invite.at);
			const row = {
				totalMs: invite.at - sent.at,
				answeredMs: sent.durationMs,
				executionMs: invite.at - (sent.at + sent.durationMs),
				firstCallMs: leverCalls.length ? leverCalls[0].at - sent.at : null,
				leverCalls: leverCalls.length,
				calls: leverCalls.map((/** @type {any} */ r) => `${r.path.replace(/[0-9a-f-]{36}/g, ':id')}@${r.at - sent.at}`).join(' '),
			};
			if (i >= 0) result[side].push(row);
			if (i <= 0) log(`P1 ${side}${i < 0 ? ' (warm-up)' : ''}: ${JSON.stringify(row)}`);
		}
	}
	return result;
}

/**
 * P3: N opportunities in the simulated Lever (copies of one, made in its memory), then our Get Many
 * with Return All, and with Limit 50; Lever requests counted, n8n's peak resident memory read.
 */
async function lists({ sandbox, stack, pid, sizes, log }) {
	const opportunities = sandbox.state.lever.opportunities;
	const [template] = [...opportunities.values()];
	const listUrl = `${stack.n8n.url}/webhook/bench-lever-list`;
	const requests = [];
	/** @type {Record<string, number>} */
	const peak = {};
	let peakReset = true;
	for (const n of sizes) {
		// Exactly n opportunities.
		for (const id of [...opportunities.keys()].slice(n)) opportunities.delete(id);
		for (let i = opportunities.size; i < n; i++) {
			const id = `bench-list-${String(i).padStart(7, '0')}`;
			opportunities.set(id, { ...template, id, contactId: `contact-${id}`, emails: [`list${i}@example.com`], notes: [], stageChanges: [], tags: [...template.tags], applications: template.applications.map((/** @type {any} */ a) => ({ ...a, id: `app-${id}`, opportunityId: id })) });
		}
		for (const mode of ['limit50', 'returnAll']) {
			await sleep(2000); // let n8n's memory settle after the last run
			peakReset = resetPeak(pid) && peakReset;
			const rssBefore = memory(pid).rssMb;
			const from = sandbox.state.requests.length;
			const started = Date.now();
			const response = await fetch(listUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ returnAll: mode === 'returnAll' }) });
			await response.text();
			if (!response.ok) throw new Error(`P3 ${mode} N=${n}: n8n answered ${response.status}`);
			const made = sandbox.state.requests.slice(from).filter((/** @type {any} */ r) => r.service === 'lever' && r.method === 'GET' && r.path === '/opportunities').length;
			peak[`${mode}:${n}`] = memory(pid).peakMb;
			log(`P3 N=${n} ${mode}: ${made} requests, ${Date.now() - started} ms, RSS before ${rssBefore.toFixed(0)} MB, peak ${peak[`${mode}:${n}`].toFixed(0)} MB`);
			if (mode === 'returnAll') requests.push({ n, requests: made });
		}
	}
	return { requests, peak, peakReset };
}

/**
 * P4: n8n restarted on the same user folder with the package installed, then with it moved aside,
 * alternately; each start timed until n8n answers healthy and the owner is logged in.
 */
async function startupCost({ stack, userFolder, starts, log }) {
	await stack.stop();
	const install = await ensureN8n({ log });
	const packageDir = path.join(userFolder, '.n8n', 'nodes');
	const asideDir = path.join(userFolder, 'nodes-aside');
	/** @type {{ with: number[], without: number[] }} */
	const times = { with: [], without: [] };
	for (let i = 0; i < starts; i++) {
		for (const side of /** @type {const} */ (['with', 'without'])) {
			if (side === 'without') fs.renameSync(packageDir, asideDir);
			try {
				const started = Date.now();
				const n8n = await startN8n({ userFolder, owner: OWNER, install, log: () => undefined });
				times[side].push(Date.now() - started);
				await n8n.stop();
			} finally {
				// n8n makes an empty nodes folder when it finds none: the package goes back in its place.
				if (side === 'without') {
					fs.rmSync(packageDir, { recursive: true, force: true });
					fs.renameSync(asideDir, packageDir);
				}
			}
			log(`P4 start ${side} the package: ${times[side][times[side].length - 1]} ms (load ${loadAverage()})`);
		}
	}
	return times;
}

main().catch((error) => {
	process.stderr.write(`[bench] failed: ${error.stack ?? error}\n`);
	process.exitCode = 1;
});

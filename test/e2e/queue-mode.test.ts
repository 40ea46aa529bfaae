/**
 * Every loop in n8n's queue mode: PostgreSQL, Redis, a main process, one webhook processor (where
 * the services deliver) and two workers (which run every execution), the package installed in
 * each, the vendors' own duplicate rules off. Counts the invite requests that reached each vendor,
 * prints one line per case and asserts the figures the README gives for queue mode.
 *
 * ATS_QUEUE_CHECK_EXISTING=0 runs the invite nodes without "Check Existing Invite" (the figures
 * without the look-up; the asserted figures are for the look-up on, as the README advises).
 * ATS_QUEUE_RESTART_AFTER_MS keeps the killed worker down that long (see the SIGKILL case).
 */
import type { TriggerUnderAttack, WireDelivery } from './lib/attacks';
import { genuineCopy, send } from './lib/attacks';
import { candidates, executionCounts, icimsSender, invitesOf, LEVER, leverSender, settle, sleepMs, TEST_ID, VENDORS, VIDEO_INTERVIEW, WORKFLOWS } from './lib/loops';
import type { Row, Vendor } from './lib/loops';
import { IN_FLIGHT_LEASE_MS } from '../../nodes/shared/dedup';
import type { Environment } from './environment';
import { readTemplate, startEnvironment, waitUntil } from './environment';

const { SEED } = require('../../simulator');
const { executionsByWorker } = require('../../scripts/lib/queue-stack');

jest.setTimeout(600_000);

const CHECK_EXISTING = process.env.ATS_QUEUE_CHECK_EXISTING !== '0';
const TEMPLATES = [
	'lever-stage-to-wecp-invite.json',
	'wecp-result-to-lever-note.json',
	'lever-stage-to-willo-invite.json',
	'icims-status-to-wepow-invite.json',
	'wepow-result-to-icims-update.json',
];
const INVITE_WORKFLOWS = [WORKFLOWS.leverToWecp, WORKFLOWS.leverToWillo, WORKFLOWS.icimsToWepow];
const ICIMS_RECEIVER = '2e76b99a-08ea-4f4c-83d7-a0e8f0f460d2';
/** The vendors these loops invite at. */
const QUEUE_VENDORS: Vendor[] = ['wecp', 'willo', 'wepow'];
/**
 * What the README promises in queue mode with Check Existing Invite on, per vendor: the most invite
 * requests one change may cause when its copies land on both workers at the same moment.
 */
const MOST_REQUESTS_PER_CHANGE = 2;

/** The test's copy of the templates: the invite nodes' "Check Existing Invite" set as asked. */
function templateCopies() {
	return TEMPLATES.map((file) => {
		const workflow = readTemplate(file);
		for (const node of workflow.nodes) {
			if (['invite', 'send'].includes(node.parameters?.operation) && !node.type.endsWith('Trigger')) {
				node.parameters.options = { ...node.parameters.options, checkExisting: CHECK_EXISTING };
			}
		}
		return { file, workflow };
	});
}

type Candidate = { id: string; email: string; personId?: string; jobId?: string };

/**
 * The workflows' executions that did not succeed (those after `before[id]` when given), each with
 * the node that stopped it and what n8n says stopped it, to tell a flake of the stack from a fault
 * of ours.
 */
async function failedRuns(env: Environment, ids: readonly string[], before?: Record<string, number>): Promise<string[]> {
	const failed: string[] = [];
	for (const id of ids) {
		for (const run of (await env.client.listExecutions({ workflowId: id })).slice(before?.[id] ?? 0).filter((run) => run.status !== 'success')) {
			const detail = await env.client.getExecution(run.id).catch(() => undefined);
			const error = detail?.data?.resultData?.error;
			// What the processes logged about it (a worker's or the webhook processor's error lines).
			const logged = [...(env.queue?.workers ?? []), ...(env.queue ? [{ name: 'webhook', logs: env.queue.webhook.logs }] : [])]
				.flatMap((process) => process.logs().split('\n').filter((line) => line.includes(`execution ${run.id}`) && !/Worker (started|finished) execution/.test(line)).map((line) => `${process.name}: ${line.trim().slice(0, 300)}`))
				.slice(0, 3);
			failed.push(`${id}#${run.id} ${run.status}${detail?.lastNodeExecuted ? ` at ${detail.lastNodeExecuted}` : ''}: ${error?.message ?? 'no error recorded'}${error?.description ? ` (${error.description})` : ''}${logged.length > 0 ? ` [${logged.join(' | ')}]` : ''}`);
		}
	}
	return failed;
}

describe(`n8n queue mode (main + webhook processor + 2 workers), Check Existing Invite ${CHECK_EXISTING ? 'on' : 'off'}`, () => {
	let env: Environment;
	let make: ReturnType<typeof candidates>;
	const summary: string[] = [];
	const report = (line: string) => summary.push(line);
	let senders: Record<string, { trigger: TriggerUnderAttack; candidate(): Promise<Candidate>; payload(candidate: Candidate, variant?: number): Record<string, any> }>;

	beforeAll(async () => {
		env = await startEnvironment([], templateCopies(), { queue: true });
		make = candidates(env);
		// iCIMS has no API to subscribe: its events go to the webhook processor, as a user would set it.
		await env.control('POST', '/icims/subscriptions', { url: `${env.webhookUrl}/webhook/${ICIMS_RECEIVER}/webhook` });
	}, 15 * 60_000);

	afterAll(async () => {
		process.stdout.write(`\nQueue mode, Check Existing Invite ${CHECK_EXISTING ? 'on' : 'off'} (vendors' own duplicate rules off after the first case): one line per case\n${summary.map((line) => `  ${line}`).join('\n')}\n\n`);
		await env?.stop();
	});

	/** Which worker ran which execution so far. */
	const workerCounts = () => {
		const ranBy: Map<string, string> = executionsByWorker(env.queue!.workers);
		const counts: Record<string, number> = {};
		for (const worker of env.queue!.workers) counts[worker.name] = 0;
		for (const name of ranBy.values()) counts[name] += 1;
		return counts;
	};

	/** Invite requests the vendor's handler took for each candidate (faulted before the handler: not taken). */
	async function takenInvites(vendor: Vendor, people: Candidate[]): Promise<number[]> {
		const log = (await env.control<Row[]>('GET', `/requests?service=${vendor}`)).filter((entry) => !entry.fault || entry.fault === 'commit-drop');
		return people.map((person) => log.filter((entry) => VENDORS[vendor].isInvite(entry) && JSON.stringify(entry.body ?? '').toLowerCase().includes(person.email.toLowerCase())).length);
	}

	it('Lever → WeCP → Lever, iCIMS → Wepow → iCIMS and Lever → Willo run end to end, on both workers', async () => {
		const before = await executionCounts(env, [...INVITE_WORKFLOWS, WORKFLOWS.wecpToLever, WORKFLOWS.wepowToIcims]);
		const forWecp = [await make.lever(), await make.lever(), await make.lever()];
		const forWillo = [await make.lever(), await make.lever()];
		const forWepow = [await make.icims(), await make.icims(), await make.icims()];
		await Promise.all([
			...forWecp.map(async (c) => await env.control('POST', `/lever/opportunities/${c.id}/stage`, { stageId: LEVER.stages.assessment })),
			...forWillo.map(async (c) => await env.control('POST', `/lever/opportunities/${c.id}/stage`, { stageId: LEVER.stages.phoneScreen })),
			...forWepow.map(async (c) => await env.control('POST', `/icims/applicantworkflows/${c.id}/status`, { statusId: VIDEO_INTERVIEW })),
		]);
		await env.waitForExecutions(WORKFLOWS.leverToWecp, before[WORKFLOWS.leverToWecp] + 3, 120_000);
		await env.waitForExecutions(WORKFLOWS.leverToWillo, before[WORKFLOWS.leverToWillo] + 2, 120_000);
		await env.waitForExecutions(WORKFLOWS.icimsToWepow, before[WORKFLOWS.icimsToWepow] + 3, 120_000);
		await settle(env);
		for (const c of forWecp) await env.control('POST', '/wecp/complete', { testId: TEST_ID, email: c.email, score: 85 });
		for (const c of forWepow) await env.control('POST', '/wepow/complete', { externalId: c.id });
		await env.waitForExecutions(WORKFLOWS.wecpToLever, before[WORKFLOWS.wecpToLever] + 3, 120_000);
		await env.waitForExecutions(WORKFLOWS.wepowToIcims, before[WORKFLOWS.wepowToIcims] + 3, 120_000);
		await settle(env);

		const invites = {
			wecp: await Promise.all(forWecp.map(async (c) => await invitesOf(env, 'wecp', c.email))),
			willo: await Promise.all(forWillo.map(async (c) => await invitesOf(env, 'willo', c.email))),
			wepow: await Promise.all(forWepow.map(async (c) => (await env.control<Row[]>('GET', '/wepow/applications')).filter((row) => String(row.externalId ?? row.external_id) === c.id).length)),
		};
		const notes = await Promise.all(forWecp.map(async (c) => ((await env.control<Row>('GET', `/lever/opportunities/${c.id}`)).notes ?? []).length));
		const icimsResults = await Promise.all(forWepow.map(async (c) => (await env.control<Row>('GET', `/icims/applicantworkflows/${c.id}`)).assessmentresults.length));
		const failed = await failedRuns(env, [...INVITE_WORKFLOWS, WORKFLOWS.wecpToLever, WORKFLOWS.wepowToIcims]);
		const perWorker = workerCounts();
		report(`end to end: ${forWecp.length} WeCP, ${forWillo.length} Willo, ${forWepow.length} Wepow invites; ${notes.join('/')} Lever notes; ${icimsResults.join('/')} iCIMS results; executions per worker ${JSON.stringify(perWorker)}; ${failed.length} failed`);
		expect(failed).toEqual([]);
		expect(invites.wecp).toEqual(forWecp.map(() => ({ requests: 1, records: 1 })));
		expect(invites.willo).toEqual(forWillo.map(() => ({ requests: 1, records: 1 })));
		expect(invites.wepow).toEqual([1, 1, 1]);
		expect(notes).toEqual([1, 1, 1]);
		expect(icimsResults.every((count) => count >= 1)).toBe(true);
		// Nothing ran on the main process or the webhook processor: every execution on a worker, both used.
		expect(Object.values(perWorker).every((count) => count > 0)).toBe(true);
		expect(env.logs()).not.toMatch(/Error: .*Cannot find module 'n8n-nodes-ats-assessments/);
	});

	/** Senders copied from the genuine deliveries of the first case; the vendors' own duplicate rules off from here on. */
	async function prepareSenders() {
		// From here on only the package keeps invites single: every vendor creates what it is sent.
		await env.control('POST', '/duplicateRules', { service: null, enabled: false });
		if (senders) return;
		const lever = (trigger: TriggerUnderAttack, stageId: string) => ({
			trigger,
			candidate: async () => await make.lever(stageId),
			payload: (candidate: Candidate) => ({ ...trigger.genuine.payload, data: { ...trigger.genuine.payload.data, opportunityId: candidate.id, candidateId: candidate.id, toStageId: stageId } }),
		});
		const icims = await icimsSender(env, ICIMS_RECEIVER);
		senders = {
			wecp: lever(await leverSender(env, WORKFLOWS.leverToWecp, LEVER.stages.assessment), LEVER.stages.assessment),
			willo: lever(await leverSender(env, WORKFLOWS.leverToWillo, LEVER.stages.phoneScreen), LEVER.stages.phoneScreen),
			wepow: {
				trigger: icims,
				candidate: async () => await make.icims(),
				payload: (candidate: Candidate, variant = 0) => ({
					...icims.genuine.payload,
					systemId: candidate.id,
					personId: candidate.personId,
					jobId: candidate.jobId,
					newStatus: VIDEO_INTERVIEW,
					...(variant ? { links: [{ rel: 'copy', title: `copy ${variant}`, url: 'http://127.0.0.1/' }] } : {}),
				}),
			},
		};
	}

	/** Sends every vendor's deliveries at once, waits until all ran, and counts the invite requests per candidate. */
	async function burst(deliveries: Record<string, WireDelivery[]>, people: Record<string, Candidate[]>) {
		await Promise.all(QUEUE_VENDORS.flatMap((vendor) => deliveries[vendor].map(async (delivery) => await send(delivery))));
		await settle(env);
		const perVendor: Record<string, number[]> = {};
		for (const vendor of QUEUE_VENDORS) perVendor[vendor] = (await Promise.all(people[vendor].map(async (person) => await invitesOf(env, vendor, person.email)))).map((found) => found.requests);
		return perVendor;
	}
	const total = (counts: number[]) => counts.reduce((sum, count) => sum + count, 0);

	it('50 concurrent deliveries of one change, and 20 candidates at once then again: invite requests per vendor', async () => {
		await prepareSenders();
		const one: Record<string, Candidate[]> = {};
		const copies: Record<string, WireDelivery[]> = {};
		for (const vendor of QUEUE_VENDORS) {
			const person = await senders[vendor].candidate();
			one[vendor] = [person];
			// Each copy sent afresh (a new token), as a sender's retries are.
			copies[vendor] = Array.from({ length: 50 }, (_, index) => genuineCopy(senders[vendor].trigger, senders[vendor].payload(person, index + 1)));
		}
		const fifty = await burst(copies, one);

		const twenty: Record<string, Candidate[]> = {};
		for (const vendor of QUEUE_VENDORS) {
			twenty[vendor] = [];
			for (let i = 0; i < 20; i++) twenty[vendor].push(await senders[vendor].candidate());
		}
		const fresh = () => Object.fromEntries(QUEUE_VENDORS.map((vendor) => [vendor, twenty[vendor].map((person) => genuineCopy(senders[vendor].trigger, senders[vendor].payload(person, 1)))]));
		const first = await burst(fresh(), twenty);
		const again = await burst(fresh(), twenty);
		report(
			`duplicates: 50 concurrent copies of one change → ${QUEUE_VENDORS.map((v) => `${v} ${total(fifty[v])}`).join(', ')} invite requests; ` +
				`20 candidates at once → ${QUEUE_VENDORS.map((v) => `${v} ${total(first[v])}`).join(', ')}; the same 20 again → ${QUEUE_VENDORS.map((v) => `${v} ${total(again[v])}`).join(', ')} (in all, after both bursts)`,
		);
		for (const vendor of QUEUE_VENDORS) {
			expect(fifty[vendor][0]).toBeGreaterThanOrEqual(1);
			expect(fifty[vendor][0]).toBeLessThanOrEqual(MOST_REQUESTS_PER_CHANGE);
			// The repeat of 20 sends nothing new: any extra request is one of the first burst's.
			expect(again[vendor]).toEqual(first[vendor]);
			for (const count of first[vendor]) expect(count).toBeGreaterThanOrEqual(1);
			for (const count of first[vendor]) expect(count).toBeLessThanOrEqual(MOST_REQUESTS_PER_CHANGE);
		}
	});

	it('20% injected faults over 100 candidates: each invited once, each result written back once', async () => {
		await env.control('POST', '/duplicateRules', { service: null, enabled: false });
		const perPair = 50;
		const forWecp: Candidate[] = [];
		const forWepow: Candidate[] = [];
		for (let i = 0; i < perPair; i++) {
			forWecp.push(await make.lever());
			forWepow.push(await make.icims());
		}
		const before = await executionCounts(env, [WORKFLOWS.leverToWecp, WORKFLOWS.icimsToWepow, WORKFLOWS.wecpToLever, WORKFLOWS.wepowToIcims]);
		const entriesBefore = new Map<string, number>();
		await env.control('POST', '/faults', { rate: 0.2, kinds: ['429', '429-retry-after', '503', 'drop', 'commit-drop'], retryAfterSeconds: 1, seed: 12 });
		const started = Date.now();
		const moves = [
			...forWecp.map((c) => async () => await env.control('POST', `/lever/opportunities/${c.id}/stage`, { stageId: LEVER.stages.assessment })),
			...forWepow.map((c) => async () => await env.control('POST', `/icims/applicantworkflows/${c.id}/status`, { statusId: VIDEO_INTERVIEW })),
		];
		for (let i = 0; i < moves.length; i += 10) await Promise.all(moves.slice(i, i + 10).map(async (move) => await move()));
		await env.waitForExecutions(WORKFLOWS.leverToWecp, before[WORKFLOWS.leverToWecp] + perPair, 240_000);
		await env.waitForExecutions(WORKFLOWS.icimsToWepow, before[WORKFLOWS.icimsToWepow] + perPair, 240_000);
		await settle(env);
		for (const c of forWepow) entriesBefore.set(c.id, (await env.control<Row>('GET', `/icims/applicantworkflows/${c.id}`)).assessmentresults.length);
		const completions = [
			...forWecp.map((c) => async () => await env.control('POST', '/wecp/complete', { testId: TEST_ID, email: c.email, score: 85 })),
			...forWepow.map((c) => async () => await env.control('POST', '/wepow/complete', { externalId: c.id })),
		];
		for (let i = 0; i < completions.length; i += 10) await Promise.all(completions.slice(i, i + 10).map(async (complete) => await complete()));
		await env.waitForExecutions(WORKFLOWS.wecpToLever, before[WORKFLOWS.wecpToLever] + perPair, 240_000);
		await env.waitForExecutions(WORKFLOWS.wepowToIcims, before[WORKFLOWS.wepowToIcims] + perPair, 240_000);
		await settle(env);
		await env.control('DELETE', '/faults');
		const elapsedS = Math.round((Date.now() - started) / 1000);

		const faulted = (await env.control<Row[]>('GET', '/requests')).filter((entry) => entry.fault).length;
		const wecpTaken = await takenInvites('wecp', forWecp);
		const wepowTaken = await takenInvites('wepow', forWepow);
		const wrong: string[] = [];
		forWecp.forEach((c, i) => wecpTaken[i] !== 1 && wrong.push(`WeCP ${c.email}: ${wecpTaken[i]} invite requests`));
		forWepow.forEach((c, i) => wepowTaken[i] !== 1 && wrong.push(`Wepow ${c.email}: ${wepowTaken[i]} invite requests`));
		for (const c of forWecp) {
			const notes = ((await env.control<Row>('GET', `/lever/opportunities/${c.id}`)).notes ?? []).length;
			if (notes !== 1) wrong.push(`Lever ${c.id}: ${notes} notes`);
		}
		const written: number[] = [];
		for (const c of forWepow) written.push((await env.control<Row>('GET', `/icims/applicantworkflows/${c.id}`)).assessmentresults.length - entriesBefore.get(c.id)!);
		// One result, one write-back: every candidate's result entries grew by the same number.
		const writes = new Set(written);
		if (writes.size !== 1) wrong.push(`iCIMS result entries added per candidate: ${[...writes].join(', ')}`);
		const failed = await failedRuns(env, [WORKFLOWS.leverToWecp, WORKFLOWS.icimsToWepow, WORKFLOWS.wecpToLever, WORKFLOWS.wepowToIcims], before);
		report(`faults: ${perPair} Lever→WeCP→Lever + ${perPair} iCIMS→Wepow→iCIMS candidates in ${elapsedS} s, ${faulted} requests faulted; ${wrong.length} wrong (${wrong.slice(0, 5).join('; ')}); ${failed.length} failed runs (${failed.slice(0, 5).join('; ')})`);
		expect(wrong).toEqual([]);
	});

	it('a worker killed (SIGKILL) in the middle of a burst: after its restart, every candidate invited exactly once', async () => {
		const people: Candidate[] = [];
		for (let i = 0; i < 20; i++) people.push(await make.lever());
		const before = await executionCounts(env, [WORKFLOWS.leverToWecp]);
		const [victim] = env.queue!.workers;
		const startedBefore = (victim.logs().match(/Worker started execution/g) ?? []).length;
		const moving = Promise.all(people.map(async (c) => await env.control<Row>('POST', `/lever/opportunities/${c.id}/stage`, { stageId: LEVER.stages.assessment })));
		// Killed once it has taken work of this burst.
		await waitUntil(async () => (victim.logs().match(/Worker started execution/g) ?? []).length > startedBefore, 60_000, 50);
		victim.kill();
		const killedAt = Date.now();
		const moved = await moving;
		const acknowledged = moved.filter((answer) => answer.deliveries.every((delivery: Row) => delivery.status === 200)).length;
		// ATS_QUEUE_RESTART_AFTER_MS: the worker stays down that long, e.g. 100000 for n8n's stalled-job
		// check (lock 60 s, check every 30 s) to fail its jobs before main's recovery finds them.
		await sleepMs(Number(process.env.ATS_QUEUE_RESTART_AFTER_MS ?? 0));
		await victim.restart();
		await waitUntil(async () => (await env.client.listExecutions({ workflowId: WORKFLOWS.leverToWecp })).length >= before[WORKFLOWS.leverToWecp] + acknowledged, 120_000);
		// The killed worker's executions stay "running" until main's queue recovery (every minute here) marks them.
		const stillRunning = async () => (await env.client.listExecutions({ workflowId: WORKFLOWS.leverToWecp })).filter((run) => ['new', 'running'].includes(run.status)).length;
		await waitUntil(async () => (await stillRunning()) === 0, 150_000, 2000);
		const runs = (await env.client.listExecutions({ workflowId: WORKFLOWS.leverToWecp })).slice(before[WORKFLOWS.leverToWecp]);
		const statuses = new Map<string, number>();
		for (const run of runs) statuses.set(run.status, (statuses.get(run.status) ?? 0) + 1);
		const afterCrash = await takenInvites('wecp', people);
		// What n8n said about the executions the dead worker held, and what a user does about them.
		// "crashed" (main's recovery found it): the execution kept its data, Executions → Retry runs
		// it again. "error" (a live worker's stalled-job check failed it first): n8n replaced its data
		// with the error, so a retry runs nothing. For those the user moves the burst's candidates
		// out of the stage and back: each is invited once, whatever its earlier run got done.
		const unfinished = runs.filter((run) => run.status !== 'success');
		const why = [...new Set(await Promise.all(unfinished.map(async (run) => `${run.status}: ${(await env.client.getExecution(run.id)).data?.resultData?.error?.message ?? 'no error'}`)))];
		const retried: string[] = [];
		for (const run of unfinished) {
			await env.client.request('POST', `/executions/${run.id}/retry`, { loadWorkflow: false }).then(
				() => retried.push(run.id),
				(error: Error) => process.stdout.write(`retry of execution ${run.id} refused: ${error.message}\n`),
			);
		}
		await settle(env);
		const afterRetry = await takenInvites('wecp', people);
		// How the retries ended (a retry is an execution of its own, mode retry).
		const retries = (await env.client.listExecutions({ workflowId: WORKFLOWS.leverToWecp })).slice(before[WORKFLOWS.leverToWecp] + runs.length);
		const retryOutcomes: string[] = [];
		for (const run of retries) {
			const detail = await env.client.getExecution(run.id);
			const ran = Object.keys(detail.nodes).filter((name) => detail.nodes[name]?.runs);
			retryOutcomes.push(`${run.status}${detail.error ? ` (${detail.error.message})` : ''}, ran ${ran.length > 0 ? ran.join(' → ') : 'no node'}`);
		}
		// A claim the dead worker made is left alone while it may still be in flight (its lease
		// period and the next): the re-entry comes after that, as a user's would.
		const leaseOver = (Math.floor(killedAt / IN_FLIGHT_LEASE_MS) + 2) * IN_FLIGHT_LEASE_MS;
		await sleepMs(Math.max(0, leaseOver - Date.now()));
		// Out to a stage no workflow here listens for, then back.
		for (const c of people) await env.control<Row>('POST', `/lever/opportunities/${c.id}/stage`, { stageId: LEVER.stages.onsiteInterview });
		await Promise.all(people.map(async (c) => await env.control<Row>('POST', `/lever/opportunities/${c.id}/stage`, { stageId: LEVER.stages.assessment })));
		await settle(env);
		const afterReentry = await takenInvites('wecp', people);
		const describe = (counts: number[]) => `${counts.filter((c) => c === 1).length} once, ${counts.filter((c) => c === 0).length} never, ${counts.filter((c) => c > 1).length} twice or more`;
		const count = (outcomes: string[]) => [...new Set(outcomes)].map((outcome) => `${outcomes.filter((o) => o === outcome).length}× ${outcome}`).join('; ');
		report(
			`worker SIGKILL mid-burst: ${acknowledged}/20 deliveries acknowledged; executions ${[...statuses].map(([s, n]) => `${n}× ${s}`).join(', ')}${why.length > 0 ? ` (${why.join('; ')})` : ''}; ` +
				`after the restart ${describe(afterCrash)}; after retrying the ${retried.length} of ${unfinished.length} unfinished executions ${describe(afterRetry)}` +
				(retryOutcomes.length > 0 ? ` (the retries: ${count(retryOutcomes)})` : '') +
				`; after moving all 20 out of the stage and back ${describe(afterReentry)}`,
		);
		expect(acknowledged).toBe(20);
		// Exactly once at every step: nothing sent twice by the crash, the retries or the re-entry...
		for (const counts of [afterCrash, afterRetry, afterReentry]) expect(counts.filter((c) => c > 1)).toEqual([]);
		// ...every retry that had something to run finished (a retry of an execution n8n emptied runs
		// no node and ends with the same error), and in the end nobody is left out.
		expect(retryOutcomes.filter((outcome) => !outcome.startsWith('success') && !outcome.endsWith('ran no node'))).toEqual([]);
		expect(afterReentry).toEqual(people.map(() => 1));
	});

	it('Redis restarted in the middle of a burst: no delivery n8n acknowledged is lost', async () => {
		const people: Candidate[] = [];
		for (let i = 0; i < 20; i++) people.push(await make.lever());
		const moving = people.map(async (c, index) => {
			await sleepMs(index * 100);
			return await env.control<Row>('POST', `/lever/opportunities/${c.id}/stage`, { stageId: LEVER.stages.assessment });
		});
		await sleepMs(500);
		await env.queue!.redis.restart();
		const moved = await Promise.all(moving);
		const acknowledged = people.filter((_, i) => moved[i].deliveries.some((delivery: Row) => delivery.status === 200));
		await sleepMs(5000);
		await settle(env);
		const taken = await takenInvites('wecp', people);
		const ackedTaken = people.map((person, i) => (acknowledged.includes(person) ? taken[i] : -1)).filter((count) => count >= 0);
		const lost = ackedTaken.filter((count) => count === 0).length;
		report(`Redis restart mid-burst: ${acknowledged.length}/20 deliveries acknowledged (the rest answered ${[...new Set(moved.flatMap((m) => m.deliveries.map((d: Row) => d.status)).filter((s) => s !== 200))].join('/') || 'nothing else'}); of the acknowledged ${lost} lost, ${ackedTaken.filter((c) => c > 1).length} invited twice`);
		expect(lost).toBe(0);
		expect(ackedTaken.every((count) => count === 1)).toBe(true);
	});

	void SEED;
});

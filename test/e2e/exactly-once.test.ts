/**
 * Once and only once, held by the package's own code: the four invite loops in a real n8n against
 * a simulator whose vendors' own duplicate rules are switched off (so nothing but our nodes keeps
 * an invite single), on SQLite and on PostgreSQL. Counts the invite requests that reached each
 * vendor and asserts them; prints one line per case.
 *
 * ATS_E2E_DATABASES=sqlite (or postgres) runs one database only.
 */
import { randomUUID } from 'crypto';
import type { TriggerUnderAttack, WireDelivery } from './lib/attacks';
import { genuineCopy, send, sendAsSender } from './lib/attacks';
import type { Vendor } from './lib/loops';
import {
	candidates,
	executionCounts,
	genuineDelivery,
	icimsSender,
	ICIMS_RECEIVERS,
	invitesOf,
	LEVER,
	leverSender,
	LOOP_TEMPLATES,
	settle,
	sleepMs,
	TEST_ID,
	VIDEO_INTERVIEW,
	webhookIdOf,
	WISEWAY_POSITION,
	WORKFLOWS,
} from './lib/loops';
import type { Environment } from './environment';
import { readTemplate, startEnvironment, waitUntil } from './environment';

const { SEED } = require('../../simulator');

jest.setTimeout(900_000);

const DATABASES = (process.env.ATS_E2E_DATABASES ?? 'sqlite,postgres').split(',').map((name) => name.trim()).filter(Boolean);

// The iCIMS → Wepow invite again, with a one-minute Duplicate Window, for the Data Analyst job only.
const WINDOWED = { id: 'AtsOnceIcimsWin1', webhookId: randomUUID() };
function windowedCopy() {
	const workflow = readTemplate('icims-status-to-wepow-invite.json');
	const trigger = workflow.nodes.find((node: any) => node.type.endsWith('icimsTrigger'));
	trigger.parameters = { ...trigger.parameters, jobIds: SEED.icims.jobs.dataAnalyst, options: { ...trigger.parameters.options, duplicateWindowMinutes: 1 } };
	trigger.webhookId = WINDOWED.webhookId;
	return { file: 'once-icims-windowed.json', workflow: { ...workflow, id: WINDOWED.id, name: `${workflow.name} (one-minute window)` } };
}

type Candidate = { id: string; email: string; personId?: string; jobId?: string };

describe.each(DATABASES)('exactly once, on %s', (database) => {
	// The duplicate cases race on the database (n8n's deduplication store): they run on each. The
	// others do not depend on it and run on the first only.
	const onFirstDatabase = database === DATABASES[0] ? it : it.skip;
	let env: Environment;
	let make: ReturnType<typeof candidates>;
	const summary: string[] = [];
	const report = (line: string) => summary.push(line);
	// How each loop is started for a candidate, as its ATS would: a signed delivery to its trigger.
	let senders: Record<Vendor, { trigger: TriggerUnderAttack; candidate(): Promise<Candidate>; payload(candidate: Candidate, variant?: number): Record<string, any> }>;

	beforeAll(async () => {
		env = await startEnvironment(LOOP_TEMPLATES, [windowedCopy()], { database: database as 'sqlite' | 'postgres' });
		make = candidates(env);
		for (const webhookId of [...Object.values(ICIMS_RECEIVERS), WINDOWED.webhookId]) {
			await env.control('POST', '/icims/subscriptions', { url: `${env.n8nUrl}/webhook/${webhookId}/webhook` });
		}
		// One genuine run of each invite loop: the deliveries the cases copy.
		const before = await executionCounts(env);
		const forWecp = await make.lever();
		const forWillo = await make.lever();
		const icims = await make.icims();
		await env.control('POST', `/lever/opportunities/${forWecp.id}/stage`, { stageId: LEVER.stages.assessment });
		await env.control('POST', `/lever/opportunities/${forWillo.id}/stage`, { stageId: LEVER.stages.phoneScreen });
		await env.control('POST', `/icims/applicantworkflows/${icims.id}/status`, { statusId: VIDEO_INTERVIEW });
		for (const id of [WORKFLOWS.leverToWecp, WORKFLOWS.leverToWillo, WORKFLOWS.icimsToWepow, WORKFLOWS.icimsToWiseWay]) {
			await env.waitForExecutions(id, before[id] + 1);
		}
		await settle(env);
		// From here on only the package keeps invites single: every vendor creates what it is sent.
		await env.control('POST', '/duplicateRules', { service: null, enabled: false });

		const lever = (trigger: TriggerUnderAttack, stageId: string) => ({
			trigger,
			candidate: async () => await make.lever(stageId),
			payload: (candidate: Candidate) => ({
				...trigger.genuine.payload,
				data: { ...trigger.genuine.payload.data, opportunityId: candidate.id, candidateId: candidate.id, toStageId: stageId },
			}),
		});
		const icimsFor = (trigger: TriggerUnderAttack) => ({
			trigger,
			candidate: async () => await make.icims(),
			// iCIMS' notifications carry no id: copies of one change may differ in what is not the change.
			payload: (candidate: Candidate, variant = 0) => ({
				...trigger.genuine.payload,
				systemId: candidate.id,
				personId: candidate.personId,
				jobId: candidate.jobId,
				newStatus: VIDEO_INTERVIEW,
				...(variant ? { links: [{ rel: 'copy', title: `copy ${variant}`, url: 'http://127.0.0.1/' }] } : {}),
			}),
		});
		senders = {
			wecp: lever(await leverSender(env, WORKFLOWS.leverToWecp, LEVER.stages.assessment), LEVER.stages.assessment),
			willo: lever(await leverSender(env, WORKFLOWS.leverToWillo, LEVER.stages.phoneScreen), LEVER.stages.phoneScreen),
			wepow: icimsFor(await icimsSender(env, ICIMS_RECEIVERS[WORKFLOWS.icimsToWepow])),
			wiseway: icimsFor(await icimsSender(env, ICIMS_RECEIVERS[WORKFLOWS.icimsToWiseWay])),
		};
	}, 20 * 60_000);

	afterAll(async () => {
		process.stdout.write(`\nExactly once on ${database} (vendors' own duplicate rules off): one line per case\n${summary.map((line) => `  ${line}`).join('\n')}\n\n`);
		await env?.stop();
	});

	const VENDOR_NAMES: Vendor[] = ['wecp', 'willo', 'wepow', 'wiseway'];

	/**
	 * Sends every vendor's deliveries at once (each resent by its sender while it gets no verdict, as
	 * Lever and iCIMS do), waits until all ran, and counts what reached each vendor.
	 */
	async function burst(deliveries: Record<Vendor, WireDelivery[]>, people: Record<Vendor, Candidate[]>) {
		const answers = await Promise.all(VENDOR_NAMES.flatMap((vendor) => deliveries[vendor].map(async (delivery) => await sendAsSender(delivery))));
		await settle(env);
		const counts = {} as Record<Vendor, { requests: number; records: number; candidates: number; wrong: string[] }>;
		for (const vendor of VENDOR_NAMES) {
			const wrong: string[] = [];
			let requests = 0;
			let records = 0;
			for (const person of people[vendor]) {
				const found = await invitesOf(env, vendor, person.email);
				requests += found.requests;
				records += found.records;
				if (found.requests !== 1 || found.records !== 1) wrong.push(`${person.email}: ${found.requests} requests, ${found.records} invites`);
			}
			counts[vendor] = { requests, records, candidates: people[vendor].length, wrong };
		}
		const statuses = new Map<number, number>();
		for (const answer of answers) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
		const resent = answers.reduce((sum, answer) => sum + answer.sends - 1, 0);
		return { counts, statuses: `${[...statuses].map(([status, count]) => `${count}× ${status}`).join(', ')} (${resent} sent again by their sender)` };
	}

	function line(name: string, result: Awaited<ReturnType<typeof burst>>): string {
		const perVendor = VENDOR_NAMES.map((vendor) => `${vendor} ${result.counts[vendor].requests} requests/${result.counts[vendor].records} invites for ${result.counts[vendor].candidates}`);
		return `${name}: answered ${result.statuses}; ${perVendor.join(', ')}`;
	}

	function expectOncePerCandidate(result: Awaited<ReturnType<typeof burst>>): void {
		expect(Object.fromEntries(VENDOR_NAMES.map((vendor) => [vendor, result.counts[vendor].wrong]))).toEqual({ wecp: [], willo: [], wepow: [], wiseway: [] });
	}

	it('50 identical concurrent deliveries of one change → 1 invite request per vendor', async () => {
		const people = {} as Record<Vendor, Candidate[]>;
		const deliveries = {} as Record<Vendor, WireDelivery[]>;
		for (const vendor of VENDOR_NAMES) {
			const person = await senders[vendor].candidate();
			const delivery = genuineCopy(senders[vendor].trigger, senders[vendor].payload(person));
			people[vendor] = [person];
			deliveries[vendor] = Array.from({ length: 50 }, () => delivery);
		}
		const result = await burst(deliveries, people);
		report(line('50 identical copies', result));
		expectOncePerCandidate(result);
	});

	it('50 concurrent deliveries of one change, each sent afresh (new token) → 1 invite request per vendor', async () => {
		const people = {} as Record<Vendor, Candidate[]>;
		const deliveries = {} as Record<Vendor, WireDelivery[]>;
		for (const vendor of VENDOR_NAMES) {
			const person = await senders[vendor].candidate();
			people[vendor] = [person];
			deliveries[vendor] = Array.from({ length: 50 }, (_, index) => genuineCopy(senders[vendor].trigger, senders[vendor].payload(person, index + 1)));
		}
		const result = await burst(deliveries, people);
		report(line('50 fresh copies', result));
		expectOncePerCandidate(result);
	});

	it('20 different candidates at once, then the same 20 again → 20 invite requests per vendor', async () => {
		const people = {} as Record<Vendor, Candidate[]>;
		const fresh = () => {
			const deliveries = {} as Record<Vendor, WireDelivery[]>;
			for (const vendor of VENDOR_NAMES) deliveries[vendor] = people[vendor].map((person) => genuineCopy(senders[vendor].trigger, senders[vendor].payload(person, 1)));
			return deliveries;
		};
		for (const vendor of VENDOR_NAMES) {
			people[vendor] = [];
			for (let i = 0; i < 20; i++) people[vendor].push(await senders[vendor].candidate());
		}
		const first = await burst(fresh(), people);
		const again = await burst(fresh(), people);
		report(`${line('20 candidates at once', first)}; ${line('the same 20 again', again)}`);
		expectOncePerCandidate(again);
	});

	it('an invite the vendor stored whose answer was lost → 1 invite request, and the run succeeds', async () => {
		const people = {} as Record<Vendor, Candidate[]>;
		const deliveries = {} as Record<Vendor, WireDelivery[]>;
		const before = await executionCounts(env);
		for (const vendor of VENDOR_NAMES) {
			// The vendor's next write is stored, then its connection dropped before the answer.
			await env.control('POST', '/faults', { service: vendor, nextRequests: 1, kind: 'commit-drop', methods: ['POST'] });
			const person = await senders[vendor].candidate();
			people[vendor] = [person];
			deliveries[vendor] = [genuineCopy(senders[vendor].trigger, senders[vendor].payload(person))];
		}
		const result = await burst(deliveries, people);
		const dropped = (await env.control<Array<Record<string, any>>>('GET', '/requests')).filter((request) => request.fault === 'commit-drop').length;
		await env.control('DELETE', '/faults');
		const failed: string[] = [];
		for (const id of [WORKFLOWS.leverToWecp, WORKFLOWS.leverToWillo, WORKFLOWS.icimsToWepow, WORKFLOWS.icimsToWiseWay]) {
			const runs = (await env.client.listExecutions({ workflowId: id })).slice(before[id]);
			failed.push(...runs.filter((run) => run.status !== 'success').map((run) => `${id}#${run.id} ${run.status}`));
		}
		report(`${line('stored, answer lost', result)}; ${dropped} answers dropped; ${failed.length} failed runs`);
		expect(dropped).toBe(VENDOR_NAMES.length);
		expectOncePerCandidate(result);
		expect(failed).toEqual([]);
	});

	onFirstDatabase('a replayed accepted delivery is refused or stops at the trigger: nothing downstream (Lever with altered data, WeCP, WiseWay)', async () => {
		// Lever: an accepted stage change, replayed with the data of another candidate in the stage.
		const accepted = await senders.wecp.candidate();
		const bystander = await senders.wecp.candidate();
		const original = genuineCopy(senders.wecp.trigger, senders.wecp.payload(accepted));
		expect((await send(original)).status).toBe(200);
		await settle(env);
		const altered = JSON.parse(original.body);
		Object.assign(altered.data, { opportunityId: bystander.id, candidateId: bystander.id });
		const leverReplay = await send({ ...original, body: JSON.stringify(altered) });
		await settle(env);
		const bystanderInvites = await invitesOf(env, 'wecp', bystander.email);

		// WeCP and WiseWay: a result delivery replayed as it was sent.
		const wiseCandidate = (await env.control<Array<Record<string, any>>>('GET', '/wiseway/candidates')).find((row) => row.positionId === WISEWAY_POSITION)!;
		const before = await executionCounts(env);
		await env.control('POST', '/wecp/complete', { testId: TEST_ID, email: accepted.email, score: 85 });
		await env.control('POST', '/wiseway/complete', { positionId: WISEWAY_POSITION, email: wiseCandidate.email });
		await env.waitForExecutions(WORKFLOWS.wecpToLever, before[WORKFLOWS.wecpToLever] + 1);
		await env.waitForExecutions(WORKFLOWS.wiseWayToIcims, before[WORKFLOWS.wiseWayToIcims] + 1);
		await settle(env);
		const notesBefore = ((await env.control<Record<string, any>>('GET', `/lever/opportunities/${accepted.id}`)).notes ?? []).length;
		const icimsBefore = await env.control<Array<Record<string, any>>>('GET', '/requests?service=icims');
		const replays = [];
		for (const [service, workflowId, type] of [['wecp', WORKFLOWS.wecpToLever, 'wecpTrigger'], ['wiseway', WORKFLOWS.wiseWayToIcims, 'wiseWayTrigger']] as const) {
			const delivery = await genuineDelivery(env, service, webhookIdOf(workflowId, type));
			const headers = Object.fromEntries(Object.entries(delivery.headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
			replays.push(await send({ url: delivery.url, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(delivery.payload) }));
		}
		await settle(env);
		const notesAfter = ((await env.control<Record<string, any>>('GET', `/lever/opportunities/${accepted.id}`)).notes ?? []).length;
		const icimsWrites = (await env.control<Array<Record<string, any>>>('GET', '/requests?service=icims')).slice(icimsBefore.length).filter((request) => request.method !== 'GET');
		report(
			`replays: Lever with altered data answered ${leverReplay.status} → ${bystanderInvites.requests} invites for the other candidate; ` +
				`WeCP answered ${replays[0].status} → Lever notes ${notesBefore} → ${notesAfter}; WiseWay answered ${replays[1].status} → ${icimsWrites.length} iCIMS writes`,
		);
		expect([200, 401]).toContain(leverReplay.status);
		expect(bystanderInvites.requests).toBe(0);
		for (const replay of replays) expect([200, 401]).toContain(replay.status);
		expect(notesAfter).toBe(notesBefore);
		expect(icimsWrites).toEqual([]);
	});

	onFirstDatabase('iCIMS: the same status change again within the Duplicate Window stops at the trigger, after it runs again', async () => {
		const person = await make.icims(SEED.icims.jobs.dataAnalyst);
		const sender = await icimsSender(env, ICIMS_RECEIVERS[WORKFLOWS.icimsToWepow]);
		const payload = { ...sender.genuine.payload, systemId: person.id, personId: person.personId, jobId: person.jobId, newStatus: VIDEO_INTERVIEW };
		const delivery = { ...genuineCopy(sender, payload), url: `${env.n8nUrl}/webhook/${WINDOWED.webhookId}/webhook` };
		const ranPast = async () => {
			const runs = await env.client.listExecutions({ workflowId: WINDOWED.id });
			const details = await Promise.all(runs.map(async (run) => await env.client.getExecution(run.id)));
			return details.filter((detail) => detail.lastNodeExecuted !== 'iCIMS Trigger').length;
		};
		expect((await send(delivery)).status).toBe(200);
		await settle(env);
		const first = await ranPast();
		expect((await send(delivery)).status).toBe(200);
		await settle(env);
		const within = await ranPast();
		// Past the one-minute window (kept to a quarter of it).
		await sleepMs(80_000);
		expect((await send(delivery)).status).toBe(200);
		await settle(env);
		const after = await ranPast();
		report(`iCIMS window: runs past the trigger: first ${first}, again within the window ${within}, again after it ${after}`);
		expect([first, within, after]).toEqual([1, 1, 2]);
	});

	onFirstDatabase('testing the Lever Trigger of a published workflow in the editor leaves its live webhook working', async () => {
		const workflow = await env.client.getWorkflow(WORKFLOWS.leverToWecp);
		const live = (hooks: Array<Record<string, any>>) => hooks.filter((hook) => String(hook.url).includes('/webhook/') && String(hook.url).includes(webhookIdOf(WORKFLOWS.leverToWecp, 'leverTrigger')));
		const liveBefore = live(await env.control('GET', '/lever/webhooks'));
		// "Test this trigger": n8n registers the test URL with Lever and waits for a delivery.
		const answer = await env.client.request('POST', `/workflows/${WORKFLOWS.leverToWecp}/run`, {
			workflowData: workflow,
			triggerToStartFrom: { name: 'Lever Trigger' },
		});
		const duringTest = await env.control<Array<Record<string, any>>>('GET', '/lever/webhooks');
		await env.client.request('DELETE', `/test-webhook/${WORKFLOWS.leverToWecp}`);
		const liveAfter = live(await env.control('GET', '/lever/webhooks'));
		// A live stage change still reaches the published workflow and invites.
		const before = await executionCounts(env, [WORKFLOWS.leverToWecp]);
		const person = await make.lever();
		await env.control('POST', `/lever/opportunities/${person.id}/stage`, { stageId: LEVER.stages.assessment });
		await env.waitForExecutions(WORKFLOWS.leverToWecp, before[WORKFLOWS.leverToWecp] + 1);
		await settle(env);
		const invited = await invitesOf(env, 'wecp', person.email);
		report(
			`test webhook: waiting ${answer?.waitingForWebhook === true}, ${duringTest.filter((hook) => String(hook.url).includes('/webhook-test/')).length} test registration(s) while testing; ` +
				`live registrations ${liveBefore.length} before, ${liveAfter.length} after; a live stage change then invited ${invited.records}`,
		);
		expect(answer?.waitingForWebhook).toBe(true);
		expect(liveAfter.map((hook) => hook.id)).toEqual(liveBefore.map((hook) => hook.id));
		expect(liveBefore.length).toBeGreaterThan(0);
		expect(invited).toEqual({ requests: 1, records: 1 });
	});

	// Read last: waitUntil keeps its import honest for suites that add polling cases.
	void waitUntil;
});

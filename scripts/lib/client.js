// @ts-check
'use strict';
/**
 * A client of a running n8n's internal REST API (/rest), logged in as the owner with a session
 * cookie: publishing (with its publication status, which n8n's public API does not show),
 * executions and their run data. n8n's public API needs an API key that only the editor can make.
 */
const crypto = require('node:crypto');
const { N8N_VERSION, isN8n1x, requireFromN8n } = require('./paths');

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
 * n8n 1.x (1.123) has the same activate/deactivate routes but no publication outbox and no
 * publication status: it registers the triggers before it answers, and answers 400 (leaving the
 * workflow inactive) when one fails. For 1.x the publication methods answer in the same shape,
 * from the workflow's activeVersionId (a status without per-trigger entries).
 * @param {string} url  e.g. http://127.0.0.1:5678
 * @param {{ email: string, password: string }} login
 * @param {{ version?: string, cacheDir?: string }} [options]  the n8n's version (default
 *   N8N_VERSION) and its install (for flatted)
 */
function n8nClient(url, { email, password }, { version = N8N_VERSION, cacheDir } = {}) {
	const base = url.replace(/\/+$/, '');
	const legacy = isN8n1x(version);
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
		if (!cookie && route !== '/login' && route !== '/owner/setup') await login();
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

	/**
	 * n8n 1.x, which cannot take its owner from the environment: claims the fresh instance's
	 * ownership with this login (keeping the session), or logs in when an owner exists already
	 * (a user folder kept between runs).
	 * @param {{ firstName?: string, lastName?: string }} [names]
	 * @returns {Promise<any>} the user
	 */
	async function setUpOwner({ firstName = 'Demo', lastName = 'Owner' } = {}) {
		try {
			const user = await request('POST', '/owner/setup', { email, password, firstName, lastName });
			if (!cookie) await login();
			return user;
		} catch (error) {
			if (/** @type {any} */ (error).status === 400 && /already set ?up/i.test(/** @type {Error} */ (error).message)) return login();
			throw error;
		}
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
		if (legacy) return legacyStatus(await getWorkflow(workflowId));
		return request('GET', `/workflows/${encodeURIComponent(workflowId)}/publication-status`);
	}

	/**
	 * n8n 1.x: the status a workflow's activeVersionId amounts to.
	 * @param {{ activeVersionId?: string | null }} workflow
	 * @param {string} [errorMessage]  why an activation failed
	 * @returns {PublicationStatus}
	 */
	function legacyStatus(workflow, errorMessage) {
		if (errorMessage) return { status: 'failed', liveVersionId: null, pendingVersionId: null, triggers: [{ nodeId: '', status: 'failed', errorMessage }] };
		const live = workflow.activeVersionId ?? null;
		return { status: live ? 'published' : 'not_published', liveVersionId: live, pendingVersionId: null, triggers: [] };
	}

	/**
	 * n8n 1.x: activates or deactivates; n8n runs the triggers' webhook lifecycle before it
	 * answers, and answers 400 (leaving the workflow inactive) when a trigger fails to activate.
	 * @param {string} workflowId
	 * @param {boolean} active
	 * @returns {Promise<PublicationStatus>}
	 */
	async function setActive(workflowId, active) {
		const route = `/workflows/${encodeURIComponent(workflowId)}/${active ? 'activate' : 'deactivate'}`;
		if (!active) return legacyStatus(await request('POST', route, {}));
		const { versionId } = await getWorkflow(workflowId);
		try {
			return legacyStatus(await request('POST', route, { versionId }));
		} catch (error) {
			if (/** @type {any} */ (error).status !== 400) throw error;
			return legacyStatus({}, /** @type {Error} */ (error).message);
		}
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
		if (legacy) {
			// 1.x activates its active workflows at start, before it serves the editor.
			/** @type {Record<string, PublicationStatus>} */
			const statuses = {};
			for (const workflow of await listWorkflows()) if (workflow.activeVersionId) statuses[workflow.id] = legacyStatus(workflow);
			return statuses;
		}
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
		/** @type {PublicationStatus} */
		let status;
		if (legacy) {
			status = await setActive(workflowId, true);
		} else {
			const { versionId } = await getWorkflow(workflowId);
			await request('POST', `/workflows/${encodeURIComponent(workflowId)}/activate`, { versionId });
			status = await waitForPublication(workflowId, { timeoutMs });
		}
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
		if (legacy) return setActive(workflowId, false);
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
		const data = typeof execution.data === 'string' ? parseFlatted(execution.data, cacheDir) : execution.data;
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

	return { url: base, version, legacy, request, login, setUpOwner, getWorkflow, listWorkflows, publicationStatus, waitForPublication, waitForPublished, activate, deactivate, republish, listExecutions, getExecution, waitForExecutions, deleteExecutions };
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
 * Run data as n8n stores it ("flatted": repeated and circular references as indexes), parsed by
 * the flatted of n8n's own install, the code that wrote it.
 * @param {string} text
 * @param {string} [cacheDir]  that install (default the pinned 2.x)
 * @returns {any}
 */
function parseFlatted(text, cacheDir) {
	return requireFromN8n('flatted', cacheDir).parse(text);
}

module.exports = { n8nClient, parseFlatted };

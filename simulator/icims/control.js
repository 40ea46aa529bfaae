// @ts-check
'use strict';
/**
 * iCIMS simulator: its control routes under /_control/icims (see ../README.md).
 */
const crypto = require('node:crypto');
const { HttpError, isLoopbackUrl, isObject, objectBody } = require('../shared/core');
const { SEED, EMAIL, DEFAULT_COPIES } = require('./seed');
const { SECRETS } = require('./auth');

/** @typedef {import('../shared/core').ServiceContext} ServiceContext */
/** @typedef {import('../shared/core').Route} Route */
/** @typedef {import('./seed').Person} Person */
/** @typedef {import('./seed').Subscription} Subscription */
/** @typedef {import('./seed').Workflow} Workflow */

/**
 * @param {ServiceContext} ctx
 * @param {import('./seed').Store} store  the live state (replaced by reset)
 * @param {import('./model').Kit} kit  the helpers the routes share
 */
function createControlRoutes(ctx, store, kit) {
	const { secondsToReset, workflowOf, renderEntry, statusChangeBody, notify, moveStatus } = kit;

	/** The control view of a workflow: everything, with ids as strings. @param {Workflow} w */
	function fullWorkflow(w) {
		return {
			id: w.id, personId: w.personId, jobId: w.jobId, status: { ...(store.state.statuses.find((st) => st.id === w.status) ?? { id: w.status, value: '' }) },
			source: w.source, requiredFields: [...w.requiredFields], fields: { ...w.fields },
			assessmentresults: w.assessmentresults.map(renderEntry), history: w.history.map((h) => ({ ...h })),
			createdAt: new Date(w.createdAt).toISOString(), updatedAt: new Date(w.updatedAt).toISOString(),
		};
	}

	/** @param {unknown} url */
	function assertLoopback(url) {
		if (!isLoopbackUrl(url)) throw new HttpError(400, 'url must be an http(s) URL on a loopback host (127.x, localhost, ::1) in the simulator');
	}

	/** @param {Record<string, unknown>} body */
	function createPerson(body) {
		const { firstname, lastname, email } = body;
		if (typeof firstname !== 'string' || !firstname || typeof lastname !== 'string' || !lastname) throw new HttpError(400, 'firstname and lastname are required');
		if (typeof email !== 'string' || !EMAIL.test(email)) throw new HttpError(400, 'a valid email is required');
		const id = String(store.state.next.person++);
		/** @type {Person} */
		const person = { id, firstname, lastname, email, phone: typeof body.phone === 'string' ? body.phone : null };
		store.state.people.set(id, person);
		return person;
	}

	/** @param {Record<string, unknown>} body */
	function createWorkflow(body) {
		const personId = body.personId === undefined ? createPerson(body).id : String(body.personId);
		if (!store.state.people.has(personId)) throw new HttpError(400, `unknown personId ${personId}`);
		const jobId = body.jobId === undefined ? SEED.jobs.backendEngineer : String(body.jobId);
		if (!store.state.jobs.has(jobId)) throw new HttpError(400, `unknown jobId ${jobId}`);
		const status = body.statusId === undefined ? SEED.statuses.newSubmission : String(body.statusId);
		if (!store.state.statuses.some((st) => st.id === status)) throw new HttpError(400, `unknown statusId ${status}`);
		const now = Date.now();
		const id = String(store.state.next.workflow++);
		/** @type {Workflow} */
		const w = {
			id, personId, jobId, status, source: typeof body.source === 'string' ? body.source : 'Company Website',
			requiredFields: Array.isArray(body.requiredFields) ? body.requiredFields.map(String) : [], fields: {},
			assessmentresults: [], history: [], createdAt: now, updatedAt: now,
		};
		store.state.workflows.set(id, w);
		return w;
	}

	/** @param {Record<string, unknown>} body */
	function notifyOptions(body) {
		const copies = body.copies === undefined ? undefined : Number(body.copies);
		if (copies !== undefined && (!Number.isInteger(copies) || copies < 1 || copies > 10)) throw new HttpError(400, 'copies must be an integer from 1 to 10');
		const encoding = body.encoding === undefined ? undefined : String(body.encoding);
		if (encoding !== undefined && !['gzip', 'gzip-raw', 'none'].includes(encoding)) throw new HttpError(400, 'encoding must be gzip, gzip-raw or none');
		const subscriptionId = body.subscriptionId === undefined ? undefined : String(body.subscriptionId);
		if (subscriptionId !== undefined && !store.state.subscriptions.has(subscriptionId)) throw new HttpError(404, `subscription ${subscriptionId} not found`);
		/** @type {{ username: string, password: string } | null | undefined} */
		let auth;
		if (body.auth === null) auth = null;
		else if (isObject(body.auth)) auth = { username: String(body.auth.username ?? ''), password: String(body.auth.password ?? '') };
		return { copies, subscriptionId, auth, concurrent: body.concurrent === true, encoding: /** @type {Subscription['encoding'] | undefined} */ (encoding) };
	}

	/** @type {Route[]} */
	const controlRoutes = [
		{
			method: 'POST', path: '/subscriptions', handler: (req) => {
				const body = objectBody(req.body);
				assertLoopback(body.url);
				const options = notifyOptions(body);
				/** @type {Subscription} */
				const sub = {
					id: crypto.randomUUID(), url: String(body.url),
					username: typeof body.username === 'string' ? body.username : SECRETS.webhookUsername,
					password: typeof body.password === 'string' ? body.password : SECRETS.webhookPassword,
					encoding: options.encoding ?? 'gzip', copies: options.copies ?? DEFAULT_COPIES, createdAt: Date.now(),
				};
				store.state.subscriptions.set(sub.id, sub);
				return { status: 201, body: { ...sub } };
			},
		},
		{ method: 'GET', path: '/subscriptions', handler: () => ({ status: 200, body: [...store.state.subscriptions.values()].map((s) => ({ ...s })) }) },
		{
			method: 'DELETE', path: '/subscriptions/:id', handler: (req) => {
				if (!store.state.subscriptions.delete(req.params.id)) throw new HttpError(404, `subscription ${req.params.id} not found`);
				return { status: 200, body: { ok: true } };
			},
		},
		{ method: 'POST', path: '/people', handler: (req) => ({ status: 201, body: { ...createPerson(objectBody(req.body)) } }) },
		{ method: 'POST', path: '/applicantworkflows', handler: (req) => ({ status: 201, body: fullWorkflow(createWorkflow(objectBody(req.body))) }) },
		{
			method: 'POST', path: '/applicantworkflows/bulk', handler: (req) => {
				const body = objectBody(req.body);
				const count = body.count;
				if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 5000) throw new HttpError(400, 'count must be an integer from 1 to 5000');
				const prefixText = typeof body.emailPrefix === 'string' ? body.emailPrefix : 'bulk';
				const ids = [];
				for (let i = 0; i < count; i++) {
					ids.push(createWorkflow({
						firstname: 'Bulk', lastname: `Candidate ${i + 1}`, email: `${prefixText}.${store.state.next.person}@example.org`,
						jobId: body.jobId, statusId: body.statusId,
					}).id);
				}
				return { status: 201, body: { ids } };
			},
		},
		{ method: 'GET', path: '/applicantworkflows', handler: () => ({ status: 200, body: [...store.state.workflows.values()].map(fullWorkflow) }) },
		{ method: 'GET', path: '/applicantworkflows/:id', handler: (req) => ({ status: 200, body: fullWorkflow(workflowOf(req.params.id)) }) },
		{
			method: 'POST', path: '/applicantworkflows/:id/status', handler: async (req) => {
				const body = objectBody(req.body);
				if (typeof body.statusId !== 'string') throw new HttpError(400, 'statusId is required');
				const w = workflowOf(req.params.id);
				const moved = moveStatus(w, body.statusId, body.userId === undefined ? null : String(body.userId));
				const deliveries = moved.body ? await notify(moved.body, notifyOptions(body)) : [];
				return { status: 200, body: { workflow: fullWorkflow(w), changed: moved.changed, deliveries } };
			},
		},
		{
			method: 'POST', path: '/status/bulk', handler: async (req) => {
				const body = objectBody(req.body);
				if (typeof body.statusId !== 'string') throw new HttpError(400, 'statusId is required');
				if (!Array.isArray(body.workflowIds) || body.workflowIds.length === 0) throw new HttpError(400, 'workflowIds must be a non-empty array');
				const options = notifyOptions(body);
				const workflows = body.workflowIds.map((id) => workflowOf(String(id)));
				const moves = workflows.map((w) => moveStatus(w, String(body.statusId), body.userId === undefined ? null : String(body.userId)));
				// iCIMS notifies a bulk change one workflow at a time, in quick succession.
				const deliveries = (await Promise.all(moves.map((m) => (m.body ? notify(m.body, options) : [])))).flat();
				return { status: 200, body: { workflows: workflows.map(fullWorkflow), deliveries } };
			},
		},
		{
			method: 'POST', path: '/deliver', handler: async (req) => {
				const body = objectBody(req.body);
				let payload;
				if (typeof body.rawBody === 'string') payload = body.rawBody;
				else if (body.body !== undefined) payload = body.body;
				else {
					if (typeof body.workflowId !== 'string') throw new HttpError(400, 'give workflowId, body or rawBody');
					const w = workflowOf(body.workflowId);
					const newStatus = typeof body.newStatus === 'string' ? body.newStatus : w.status;
					const oldStatus = typeof body.oldStatus === 'string' ? body.oldStatus : w.history[w.history.length - 1]?.from ?? w.status;
					payload = statusChangeBody(w, oldStatus, newStatus, null);
				}
				const options = notifyOptions(body);
				return { status: 200, body: { deliveries: await notify(payload, { ...options, copies: options.copies ?? 1 }) } };
			},
		},
		{
			method: 'GET', path: '/quota', handler: () => ({
				status: 200, body: { ...store.state.quota, remaining: Math.max(0, store.state.quota.limit - store.state.quota.used), resetSeconds: secondsToReset() },
			}),
		},
		{
			method: 'POST', path: '/quota', handler: (req) => {
				const body = objectBody(req.body);
				for (const key of /** @type {const} */ (['limit', 'used'])) {
					if (body[key] === undefined) continue;
					const value = body[key];
					if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new HttpError(400, `${key} must be a non-negative integer`);
					store.state.quota[key] = value;
				}
				return { status: 200, body: { ...store.state.quota, remaining: Math.max(0, store.state.quota.limit - store.state.quota.used), resetSeconds: secondsToReset() } };
			},
		},
		{
			method: 'GET', path: '/oauth', handler: () => {
				const now = Date.now();
				return {
					status: 200,
					body: {
						tokenRequests: store.state.tokenRequests.length,
						activeTokens: [...store.state.tokens.values()].filter((expiresAt) => expiresAt > now).length,
					},
				};
			},
		},
		{
			method: 'POST', path: '/oauth/expire', handler: () => {
				for (const token of store.state.tokens.keys()) store.state.tokens.set(token, 0);
				return { status: 200, body: { ok: true } };
			},
		},
		{
			method: 'POST', path: '/search', handler: (req) => {
				const seconds = objectBody(req.body).stalenessSeconds;
				if (typeof seconds !== 'number' || seconds < 0) throw new HttpError(400, 'stalenessSeconds must be a non-negative number');
				store.state.stalenessSeconds = seconds;
				store.state.searchCache.clear();
				return { status: 200, body: { stalenessSeconds: seconds } };
			},
		},
	];

	return controlRoutes;
}

module.exports = { createControlRoutes };

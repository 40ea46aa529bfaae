// @ts-check
'use strict';
/**
 * iCIMS simulator: the helpers its API and control routes share (lookups, rendering, state changes,
 * outgoing webhooks).
 */
const zlib = require('node:zlib');
const { HttpError, isObject } = require('../shared/core');
const { name, prefix, SEED } = require('./seed');
const { basicAuth } = require('./auth');

/** @typedef {import('../shared/core').ServiceContext} ServiceContext */
/** @typedef {import('../shared/core').DeliveryResult} DeliveryResult */
/** @typedef {import('./seed').ListValue} ListValue */
/** @typedef {import('./seed').ResultEntry} ResultEntry */
/** @typedef {import('./seed').Subscription} Subscription */
/** @typedef {import('./seed').Workflow} Workflow */

/**
 * @param {ServiceContext} ctx
 * @param {import('./seed').Store} store  the live state (replaced by reset)
 */
function createModel(ctx, store) {
	/** @param {string} path */
	function apiUrl(path) {
		return `${ctx.serverUrl()}${prefix}/customers/${SEED.customerId}${path}`;
	}

	/** @param {string} id */
	function workflowOf(id) {
		const found = store.state.workflows.get(id);
		if (!found) throw new HttpError(404, `Applicant workflow ${id} not found`);
		return found;
	}

	/** @param {ListValue[]} list @param {unknown} ref @param {string} field */
	function listRef(list, ref, field) {
		const id = isObject(ref) ? ref.id : undefined;
		if (typeof id !== 'string' && typeof id !== 'number') throw new HttpError(400, `Field '${field}' must be an object with an id`);
		const value = list.find((item) => item.id === String(id));
		if (!value) throw new HttpError(400, `Field '${field}': ${String(id)} is not a value of its list`);
		return value;
	}

	/** @param {ResultEntry} e */
	function renderEntry(e) {
		/** @type {Record<string, unknown>} */
		const out = { entry: e.entry };
		for (const [key, value] of Object.entries(e.fields)) {
			if (key === 'assessmentname') out[key] = { ...listRef(store.state.assessmentNames, value, key) };
			else if (key === 'assessmentstatus') out[key] = { ...listRef(store.state.assessmentStatuses, value, key) };
			else out[key] = value;
		}
		return out;
	}

	/** @param {Workflow} w @param {string} oldStatus @param {string} newStatus @param {string | null} userId */
	function statusChangeBody(w, oldStatus, newStatus, userId) {
		return {
			customerId: SEED.customerId,
			eventType: 'WorkFlowStatusChangeEvent',
			systemId: w.id,
			userId: userId ?? SEED.users.recruiter,
			personId: w.personId,
			jobId: w.jobId,
			oldStatus,
			newStatus,
			links: [
				{ rel: 'applicantWorkflow', title: 'Applicant Workflow Profile', url: apiUrl(`/applicantworkflows/${w.id}`) },
				{ rel: 'job', title: 'Job Profile', url: apiUrl(`/jobs/${w.jobId}`) },
				{ rel: 'person', title: 'Person Profile', url: apiUrl(`/people/${w.personId}`) },
				{ rel: 'user', title: 'User Profile', url: apiUrl(`/people/${userId ?? SEED.users.recruiter}`) },
			],
		};
	}

	/**
	 * Posts an event to every subscription (or one), `copies` times each, as iCIMS does.
	 * @param {unknown} payload the body (object, or a string sent as is)
	 * @param {{ subscriptionId?: string, copies?: number, encoding?: Subscription['encoding'], auth?: { username: string, password: string } | null, concurrent?: boolean }} [options]
	 * @returns {Promise<DeliveryResult[]>}
	 */
	async function notify(payload, options = {}) {
		const subs = [...store.state.subscriptions.values()].filter((sub) => !options.subscriptionId || sub.id === options.subscriptionId);
		/** @type {DeliveryResult[]} */
		const results = [];
		for (const sub of subs) {
			const copies = options.copies ?? sub.copies;
			const encoding = options.encoding ?? sub.encoding;
			const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
			/** @type {Record<string, string>} */
			const headers = { 'user-agent': 'iCIMS-Event-Notifications' };
			const auth = options.auth === undefined ? { username: sub.username, password: sub.password } : options.auth;
			if (auth) headers.authorization = basicAuth(auth.username, auth.password);
			/** @type {any} a Buffer when compressed: the core sends it byte for byte */
			let rawBody = text;
			if (encoding === 'gzip') {
				rawBody = zlib.gzipSync(text);
				headers['content-encoding'] = 'gzip';
			} else if (encoding === 'gzip-raw') {
				rawBody = zlib.gzipSync(text);
				headers['content-type'] = 'application/octet-stream';
			}
			const event = isObject(payload) && typeof payload.eventType === 'string' ? payload.eventType : 'raw';
			const send = () => ctx.deliver({ service: name, event, webhookId: sub.id, url: sub.url, headers, payload, rawBody });
			if (options.concurrent) {
				results.push(...(await Promise.all(Array.from({ length: copies }, send))));
			} else {
				for (let copy = 0; copy < copies; copy++) results.push(await send());
			}
		}
		return results;
	}

	/**
	 * @param {Workflow} w @param {string} statusId @param {string | null} userId
	 * @returns {{ changed: boolean, body: ReturnType<typeof statusChangeBody> | null }}
	 */
	function moveStatus(w, statusId, userId) {
		if (!store.state.statuses.some((st) => st.id === statusId)) throw new HttpError(400, `Field 'status': ${statusId} is not a value of its list`);
		if (w.status === statusId) return { changed: false, body: null };
		const from = w.status;
		const now = Date.now();
		w.status = statusId;
		w.updatedAt = now;
		w.history.push({ from, to: statusId, userId, at: now });
		return { changed: true, body: statusChangeBody(w, from, statusId, userId) };
	}

	return { apiUrl, workflowOf, listRef, renderEntry, statusChangeBody, notify, moveStatus };
}

/** @typedef {import('./auth').Auth & ReturnType<typeof createModel>} Kit */

module.exports = { createModel };

// @ts-check
'use strict';
/**
 * WiseWay simulator: the helpers its API and control routes share (lookups, rendering, state changes,
 * outgoing webhooks).
 */
const { HttpError, isLoopbackUrl, randomHex } = require('../shared/core');
const { name, EVENTS } = require('./seed');
const { SECRETS, signDelivery } = require('./auth');

/** @typedef {import('../shared/core').ServiceContext} ServiceContext */
/** @typedef {import('../shared/core').DeliveryResult} DeliveryResult */
/** @typedef {import('./seed').Candidate} Candidate */
/** @typedef {import('./seed').Position} Position */
/** @typedef {import('./seed').Webhook} Webhook */

/**
 * @param {ServiceContext} ctx
 * @param {import('./seed').Store} store  the live state (replaced by reset)
 */
function createModel(ctx, store) {
	/** @param {string} id */
	function position(id) {
		const found = store.state.positions.get(id);
		if (!found) throw new HttpError(404, 'Position not found');
		return found;
	}

	/** @param {string} id */
	function webhook(id) {
		const found = store.state.webhooks.get(id);
		if (!found) throw new HttpError(404, 'Webhook not found');
		return found;
	}

	/** @param {Position} p */
	function renderPosition(p) {
		const candidatesCount = [...store.state.candidates.values()].filter((c) => c.positionId === p.id).length;
		return {
			id: p.id, title: p.title, description: p.description, language: p.language, status: p.status,
			questions: p.questions.map((q) => ({ ...q })), candidatesCount, createdAt: p.createdAt, updatedAt: p.updatedAt,
		};
	}

	/** @param {Candidate} c */
	function renderCandidate(c) {
		return {
			id: c.id, positionId: c.positionId, name: c.name, email: c.email, phone: c.phone, status: c.status,
			interviewLink: c.interviewLink, invitedAt: c.invitedAt, startedAt: c.startedAt, completedAt: c.completedAt,
			rating: c.rating, metadata: c.metadata === null ? null : { ...c.metadata },
		};
	}

	/** @param {unknown} url */
	function assertLoopback(url) {
		if (!isLoopbackUrl(url)) throw new HttpError(400, 'url must be an http(s) URL on a loopback host (127.x, localhost, ::1) in the simulator');
	}

	/** @param {unknown} events @returns {string[]} */
	function eventsOf(events) {
		if (!Array.isArray(events) || events.length === 0 || !events.every((e) => typeof e === 'string' && EVENTS.includes(e))) {
			throw new HttpError(400, `events must be a non-empty array of ${EVENTS.join(', ')}`);
		}
		return [...new Set(/** @type {string[]} */ (events))];
	}

	/** @param {Record<string, unknown>} body @param {'api' | 'app'} createdBy @returns {Webhook} */
	function createWebhook(body, createdBy) {
		assertLoopback(body.url);
		const events = eventsOf(body.events);
		if (body.active !== undefined && typeof body.active !== 'boolean') throw new HttpError(400, 'active must be a boolean');
		const secret = createdBy === 'api' && store.state.settings.returnSecretOnCreate ? randomHex(64) : SECRETS.webhookSecret;
		/** @type {Webhook} */
		const hook = { id: randomHex(24), url: String(body.url), events, active: body.active !== false, secret, createdBy, createdAt: new Date().toISOString() };
		store.state.webhooks.set(hook.id, hook);
		return hook;
	}

	/** @param {Candidate} c */
	function candidateData(c) {
		const p = position(c.positionId);
		return { candidate: renderCandidate(c), position: { id: p.id, title: p.title } };
	}

	/** @param {Position} p */
	function positionData(p) {
		return { position: renderPosition(p) };
	}

	/**
	 * Sends a signed delivery to every active webhook subscribed to the event (or to one webhook by id).
	 * @param {string} event
	 * @param {Record<string, unknown>} data
	 * @param {{ webhookId?: string, signature?: string, timestamp?: string | null, body?: Record<string, unknown>, repeat?: number }} [options]
	 * @returns {Promise<DeliveryResult[]>}
	 */
	async function fire(event, data, options = {}) {
		const hooks = [...store.state.webhooks.values()].filter((h) => (options.webhookId ? h.id === options.webhookId : h.active && h.events.includes(event)));
		const repeat = options.repeat ?? (store.state.settings.duplicateDeliveries ? 2 : 1);
		const perHook = await Promise.all(hooks.map(async (hook) => {
			/** @type {Record<string, unknown>} */
			const payload = { ...(options.body ?? { event, timestamp: new Date().toISOString(), data }) };
			if (options.timestamp === null) delete payload.timestamp;
			else if (options.timestamp !== undefined) payload.timestamp = options.timestamp;
			const rawBody = JSON.stringify(payload);
			/** @type {DeliveryResult[]} */
			const results = [];
			// One after the other, the same bytes each time: how a retrying sender repeats itself.
			for (let n = 0; n < repeat; n++) {
				results.push(await ctx.deliver({
					service: name, event, webhookId: hook.id, url: hook.url,
					headers: { 'x-wiseway-signature': options.signature ?? signDelivery(hook.secret, rawBody), 'user-agent': 'WiseWay-Webhooks/1.0' },
					payload, rawBody,
				}));
			}
			return results;
		}));
		return perHook.flat();
	}

	return { position, webhook, renderPosition, renderCandidate, assertLoopback, eventsOf, createWebhook, candidateData, positionData, fire };
}

/** @typedef {import('./auth').Auth & ReturnType<typeof createModel>} Kit */

module.exports = { createModel };

// @ts-check
'use strict';
/**
 * WiseWay simulator: its control routes under /_control/wiseway (see ../README.md).
 */
const { HttpError, isObject, objectBody } = require('../shared/core');

/** @typedef {import('../shared/core').ServiceContext} ServiceContext */
/** @typedef {import('../shared/core').Route} Route */

/**
 * @param {ServiceContext} ctx
 * @param {import('./seed').Store} store  the live state (replaced by reset)
 * @param {import('./model').Kit} kit  the helpers the routes share
 */
function createControlRoutes(ctx, store, kit) {
	const { position, webhook, renderPosition, createWebhook, candidateData, positionData, fire } = kit;

	/** The candidate a control call names: { candidateId } or { positionId, email }. @param {Record<string, unknown>} body */
	function candidateFromBody(body) {
		if (typeof body.candidateId === 'string') {
			const found = store.state.candidates.get(body.candidateId);
			if (!found) throw new HttpError(404, `candidate ${body.candidateId} not found`);
			return found;
		}
		if (typeof body.positionId !== 'string' || typeof body.email !== 'string') throw new HttpError(400, 'give candidateId, or positionId and email');
		position(body.positionId);
		const wanted = body.email.trim().toLowerCase();
		const found = [...store.state.candidates.values()].find((c) => c.positionId === body.positionId && c.email.toLowerCase() === wanted);
		if (!found) throw new HttpError(404, `${body.email} is not a candidate of ${body.positionId}`);
		return found;
	}

	/** @type {Route[]} */
	const controlRoutes = [
		{
			method: 'POST', path: '/start', handler: async (req) => {
				const c = candidateFromBody(objectBody(req.body));
				if (c.status === 'started' || c.status === 'completed') throw new HttpError(409, `${c.email} has already ${c.status}`);
				c.status = 'started';
				c.startedAt = new Date().toISOString();
				const deliveries = await fire('interview.started', candidateData(c));
				return { status: 200, body: { candidate: { ...c }, deliveries } };
			},
		},
		{
			method: 'POST', path: '/complete', handler: async (req) => {
				const body = objectBody(req.body);
				const c = candidateFromBody(body);
				if (c.status === 'completed') throw new HttpError(409, `${c.email} has already completed`);
				const rating = body.rating === undefined ? null : body.rating;
				if (rating !== null && (typeof rating !== 'number' || rating < 1 || rating > 5)) throw new HttpError(400, 'rating must be a number from 1 to 5');
				const now = new Date();
				c.startedAt ??= new Date(now.getTime() - 15 * 60_000).toISOString();
				c.completedAt = now.toISOString();
				c.status = 'completed';
				c.rating = rating;
				const deliveries = await fire('interview.completed', candidateData(c));
				return { status: 200, body: { candidate: { ...c }, deliveries } };
			},
		},
		{
			method: 'POST', path: '/deliver', handler: async (req) => {
				const body = objectBody(req.body);
				if (typeof body.event !== 'string') throw new HttpError(400, 'event is required');
				/** @type {Record<string, unknown>} */
				let data = {};
				if (isObject(body.data)) data = body.data;
				else if (typeof body.candidateId === 'string') data = candidateData(candidateFromBody(body));
				else if (typeof body.positionId === 'string') data = positionData(position(body.positionId));
				const webhookId = body.webhookId === undefined ? undefined : String(body.webhookId);
				if (webhookId !== undefined) webhook(webhookId);
				if (body.body !== undefined && !isObject(body.body)) throw new HttpError(400, 'body must be an object');
				const repeat = body.repeat === undefined ? undefined : Number(body.repeat);
				if (repeat !== undefined && (!Number.isInteger(repeat) || repeat < 1 || repeat > 10)) throw new HttpError(400, 'repeat must be an integer from 1 to 10');
				const deliveries = await fire(body.event, data, {
					webhookId,
					signature: typeof body.signature === 'string' ? body.signature : undefined,
					timestamp: body.timestamp === null ? null : typeof body.timestamp === 'string' ? body.timestamp : undefined,
					body: isObject(body.body) ? body.body : undefined,
					repeat,
				});
				return { status: 200, body: { deliveries } };
			},
		},
		{ method: 'GET', path: '/positions', handler: () => ({ status: 200, body: [...store.state.positions.values()].map((p) => ({ ...renderPosition(p), invitationMessages: p.invitationMessages })) }) },
		{ method: 'GET', path: '/candidates', handler: () => ({ status: 200, body: [...store.state.candidates.values()].map((c) => ({ ...c })) }) },
		{ method: 'GET', path: '/webhooks', handler: () => ({ status: 200, body: [...store.state.webhooks.values()].map((h) => ({ ...h, events: [...h.events] })) }) },
		{
			// A webhook made in the WiseWay app: signed with the workspace secret the user copies into the credential.
			method: 'POST', path: '/webhooks', handler: (req) => ({ status: 201, body: { ...createWebhook(objectBody(req.body), 'app') } }),
		},
		{ method: 'GET', path: '/settings', handler: () => ({ status: 200, body: { ...store.state.settings } }) },
		{
			method: 'POST', path: '/settings', handler: (req) => {
				const body = objectBody(req.body);
				const next = { ...store.state.settings };
				if (body.returnSecretOnCreate !== undefined) {
					if (typeof body.returnSecretOnCreate !== 'boolean') throw new HttpError(400, 'returnSecretOnCreate must be a boolean');
					next.returnSecretOnCreate = body.returnSecretOnCreate;
				}
				if (body.duplicateDeliveries !== undefined) {
					if (typeof body.duplicateDeliveries !== 'boolean') throw new HttpError(400, 'duplicateDeliveries must be a boolean');
					next.duplicateDeliveries = body.duplicateDeliveries;
				}
				if (body.rateLimit !== undefined) {
					const limit = body.rateLimit;
					if (limit !== null && !(isObject(limit) && Number.isInteger(limit.limit) && Number(limit.limit) >= 1 && typeof limit.windowSeconds === 'number' && limit.windowSeconds > 0)) {
						throw new HttpError(400, 'rateLimit must be null or { limit: positive integer, windowSeconds: positive number }');
					}
					next.rateLimit = limit === null ? null : { limit: Number(limit.limit), windowSeconds: Number(limit.windowSeconds) };
					store.state.rate.clear();
				}
				store.state.settings = next;
				return { status: 200, body: { ...store.state.settings } };
			},
		},
	];

	return controlRoutes;
}

module.exports = { createControlRoutes };

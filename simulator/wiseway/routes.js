// @ts-check
'use strict';
/**
 * WiseWay simulator: the API routes (mounted under the prefix in seed.js).
 */
const { HttpError, isObject, objectBody, queryOne, randomHex } = require('../shared/core');
const { prefix, POSITION_STATUSES, QUESTION_TYPES, EMAIL, E164, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } = require('./seed');
const { SECRETS } = require('./auth');

/** @typedef {import('../shared/core').ServiceContext} ServiceContext */
/** @typedef {import('../shared/core').Route} Route */
/** @typedef {import('../shared/core').SandboxRequest} SandboxRequest */
/** @typedef {import('./seed').Candidate} Candidate */
/** @typedef {import('./seed').Position} Position */
/** @typedef {import('./seed').Question} Question */
/** @typedef {import('./seed').Webhook} Webhook */

/**
 * @param {ServiceContext} ctx
 * @param {import('./seed').Store} store  the live state (replaced by reset)
 * @param {import('./model').Kit} kit  the helpers the routes share
 */
function createRoutes(ctx, store, kit) {
	const { position, webhook, renderPosition, renderCandidate, assertLoopback, eventsOf, createWebhook, candidateData, positionData, fire } = kit;

	/** @param {SandboxRequest} req */
	function requireOwner(req) {
		if (req.headers['x-api-key'] !== SECRETS.apiKey) throw new HttpError(403, 'Only the workspace owner can manage webhooks');
	}

	/** @param {string} positionId @param {string} id */
	function candidate(positionId, id) {
		const found = store.state.candidates.get(id);
		if (!found || found.positionId !== positionId) throw new HttpError(404, 'Candidate not found');
		return found;
	}

	/** Plain arrays, paged only when asked: ?page= (from 1) and ?limit= (1..100, default 20 with page). @template T @param {T[]} items @param {SandboxRequest} req */
	function paged(items, req) {
		const pageText = queryOne(req.query, 'page');
		const limitText = queryOne(req.query, 'limit');
		if (pageText === undefined && limitText === undefined) return items;
		const page = pageText === undefined ? 1 : Number(pageText);
		const limit = limitText === undefined ? DEFAULT_PAGE_SIZE : Number(limitText);
		if (!Number.isInteger(page) || page < 1) throw new HttpError(400, 'page must be a positive integer');
		if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) throw new HttpError(400, `limit must be an integer from 1 to ${MAX_PAGE_SIZE}`);
		return items.slice((page - 1) * limit, page * limit);
	}

	/** @param {Webhook} h */
	function renderWebhook(h) {
		return { id: h.id, url: h.url, events: [...h.events], active: h.active, createdAt: h.createdAt };
	}

	/** @param {unknown} value @returns {Question[]} */
	function questionsOf(value, idBase = randomHex(20)) {
		if (!Array.isArray(value)) throw new HttpError(400, 'questions must be an array');
		return value.map((q, n) => {
			if (!isObject(q) || typeof q.text !== 'string' || q.text.trim() === '') throw new HttpError(400, `questions[${n}].text is required`);
			const type = q.type === undefined ? 'video' : q.type;
			if (typeof type !== 'string' || !QUESTION_TYPES.includes(type)) throw new HttpError(400, `questions[${n}].type must be one of ${QUESTION_TYPES.join(', ')}`);
			return { id: `${idBase}q${String(n + 1).padStart(3, '0')}`, text: q.text.trim(), type, order: n + 1 };
		});
	}

	/** Applies the writable fields of a position (all checked before any is set). @param {Position} p @param {Record<string, unknown>} body */
	function applyPositionFields(p, body) {
		const draft = { ...p };
		for (const field of /** @type {const} */ (['title', 'description', 'language'])) {
			if (body[field] === undefined) continue;
			if (typeof body[field] !== 'string' || (field === 'title' && String(body[field]).trim() === '')) throw new HttpError(400, `${field} must be a non-empty string`);
			draft[field] = String(body[field]).trim();
		}
		if (body.status !== undefined) {
			if (typeof body.status !== 'string' || !POSITION_STATUSES.includes(body.status)) throw new HttpError(400, `status must be one of ${POSITION_STATUSES.join(', ')}`);
			draft.status = body.status;
		}
		if (body.questions !== undefined) draft.questions = questionsOf(body.questions, p.id.slice(0, 20));
		Object.assign(p, draft);
	}

	const api = '/api/app';

	/** @type {Route[]} */
	const routes = [
		{ method: 'GET', path: `${api}/positions`, handler: (req) => ({ status: 200, body: paged([...store.state.positions.values()], req).map(renderPosition) }) },
		{
			method: 'POST', path: `${api}/positions`, handler: async (req) => {
				const body = objectBody(req.body);
				if (typeof body.title !== 'string' || body.title.trim() === '') throw new HttpError(400, 'title is required');
				const now = new Date().toISOString();
				/** @type {Position} */
				const p = { id: randomHex(24), title: '', description: '', language: 'en', status: 'active', questions: [], invitationMessages: true, createdAt: now, updatedAt: now };
				applyPositionFields(p, body);
				store.state.positions.set(p.id, p);
				await fire('position.created', positionData(p));
				return { status: 201, body: renderPosition(p) };
			},
		},
		{ method: 'GET', path: `${api}/positions/:id`, handler: (req) => ({ status: 200, body: renderPosition(position(req.params.id)) }) },
		{
			method: 'PUT', path: `${api}/positions/:id`, handler: async (req) => {
				const p = position(req.params.id);
				applyPositionFields(p, objectBody(req.body));
				p.updatedAt = new Date().toISOString();
				await fire('position.updated', positionData(p));
				return { status: 200, body: renderPosition(p) };
			},
		},
		{
			method: 'DELETE', path: `${api}/positions/:id`, handler: (req) => {
				position(req.params.id);
				store.state.positions.delete(req.params.id);
				for (const [id, c] of store.state.candidates) if (c.positionId === req.params.id) store.state.candidates.delete(id);
				return { status: 204 };
			},
		},
		{
			method: 'GET', path: `${api}/positions/:id/candidates`, handler: (req) => {
				position(req.params.id);
				const items = [...store.state.candidates.values()].filter((c) => c.positionId === req.params.id);
				return { status: 200, body: paged(items, req).map(renderCandidate) };
			},
		},
		{
			method: 'POST', path: `${api}/positions/:id/candidates`, handler: async (req) => {
				const p = position(req.params.id);
				const body = objectBody(req.body);
				if (typeof body.name !== 'string' || body.name.trim() === '') throw new HttpError(400, 'name is required');
				if (typeof body.email !== 'string' || body.email.trim() === '') throw new HttpError(400, 'email is required');
				if (!EMAIL.test(body.email.trim())) throw new HttpError(400, 'email is not a valid e-mail address');
				if (body.phone !== undefined && body.phone !== null && (typeof body.phone !== 'string' || !E164.test(body.phone))) {
					throw new HttpError(400, 'phone must be in international format, e.g. +14155550100');
				}
				if (body.metadata !== undefined && body.metadata !== null && !isObject(body.metadata)) throw new HttpError(400, 'metadata must be an object');
				if (p.status !== 'active') throw new HttpError(400, `Position is ${p.status}: candidates cannot be invited`);
				const email = body.email.trim();
				if (ctx.duplicateRuleOn() && [...store.state.candidates.values()].some((c) => c.positionId === p.id && c.email.toLowerCase() === email.toLowerCase())) {
					throw new HttpError(409, 'Candidate with this email already exists for this position');
				}
				const now = new Date().toISOString();
				const phone = typeof body.phone === 'string' ? body.phone : null;
				const messages = p.invitationMessages;
				/** @type {Candidate} */
				const c = {
					id: randomHex(24), positionId: p.id, name: body.name.trim(), email, phone,
					status: messages ? 'invited' : 'created', interviewLink: `${ctx.serverUrl()}${prefix}/i/${randomHex(32)}`,
					invitedAt: messages ? now : null, startedAt: null, completedAt: null, rating: null,
					metadata: isObject(body.metadata) ? { ...body.metadata } : null,
					emailsSent: messages ? 1 : 0, smsSent: messages && phone ? 1 : 0, createdAt: now,
				};
				store.state.candidates.set(c.id, c);
				// Delivered before the answer, so a test sees them as soon as the invite returns.
				await fire('candidate.created', candidateData(c));
				if (messages) await fire('candidate.invited', candidateData(c));
				return { status: 201, body: renderCandidate(c) };
			},
		},
		{
			method: 'DELETE', path: `${api}/positions/:id/candidates/:candidateId`, handler: (req) => {
				position(req.params.id);
				candidate(req.params.id, req.params.candidateId);
				store.state.candidates.delete(req.params.candidateId);
				return { status: 204 };
			},
		},
		{ method: 'GET', path: `${api}/webhooks`, handler: (req) => ({ status: 200, body: paged([...store.state.webhooks.values()], req).map(renderWebhook) }) },
		{
			method: 'POST', path: `${api}/webhooks`, handler: (req) => {
				requireOwner(req);
				const hook = createWebhook(objectBody(req.body), 'api');
				const answer = { ...renderWebhook(hook), ...(store.state.settings.returnSecretOnCreate ? { secret: hook.secret } : {}) };
				return { status: 201, body: answer };
			},
		},
		{
			method: 'PUT', path: `${api}/webhooks/:id`, handler: (req) => {
				requireOwner(req);
				const hook = webhook(req.params.id);
				const body = objectBody(req.body);
				const draft = { ...hook };
				if (body.url !== undefined) {
					assertLoopback(body.url);
					draft.url = String(body.url);
				}
				if (body.events !== undefined) draft.events = eventsOf(body.events);
				if (body.active !== undefined) {
					if (typeof body.active !== 'boolean') throw new HttpError(400, 'active must be a boolean');
					draft.active = body.active;
				}
				Object.assign(hook, draft);
				return { status: 200, body: renderWebhook(hook) };
			},
		},
		{
			method: 'DELETE', path: `${api}/webhooks/:id`, handler: (req) => {
				requireOwner(req);
				webhook(req.params.id);
				store.state.webhooks.delete(req.params.id);
				return { status: 204 };
			},
		},
	];

	return routes;
}

module.exports = { createRoutes };

// @ts-check
'use strict';
/**
 * WiseWay simulator: in-memory state, seed data, API routes, control routes, signed webhook
 * deliveries. Contract: docs/api/wiseway.md. The credential's base URL is <url>/wiseway
 * and the API lives below it at /api/app/...; control at /_control/wiseway.
 */
const crypto = require('node:crypto');
const { HttpError, isLoopbackUrl, isObject, objectBody, queryOne, randomHex } = require('./core');

/** @typedef {import('./core').ServiceContext} ServiceContext */
/** @typedef {import('./core').Service} Service */
/** @typedef {import('./core').Route} Route */
/** @typedef {import('./core').SandboxRequest} SandboxRequest */
/** @typedef {import('./core').DeliveryResult} DeliveryResult */

const name = 'wiseway';
const prefix = '/wiseway';

const SECRETS = Object.freeze({
	/** x-api-key of the workspace owner: everything allowed */
	apiKey: 'sim-wiseway-api-key',
	/** x-api-key of a member: webhook writes answer 403 (only the owner may manage webhooks) */
	memberApiKey: 'sim-wiseway-member-key',
	/**
	 * The signing secret of webhooks made in the app (POST /_control/wiseway/webhooks), and of API-made
	 * webhooks while returnSecretOnCreate is off: what a user copies into the credential's Webhook Secret.
	 */
	webhookSecret: 'sim-wiseway-webhook-secret',
});

const SEED = Object.freeze({
	positions: Object.freeze({
		/** active, with invitation messages: invites are e-mailed (and texted when a phone is given) */
		backendEngineer: '6650a1b2c3d4e5f60718293a',
		/** active, no invitation messages: candidates stay "created" and get no e-mail; share interviewLink */
		customerSupport: '6650a1b2c3d4e5f60718293b',
		/** closed: inviting answers 400 */
		summerInternship: '6650a1b2c3d4e5f60718293c',
	}),
});

const EVENTS = Object.freeze([
	'interview.completed',
	'interview.started',
	'candidate.invited',
	'candidate.created',
	'position.created',
	'position.updated',
]);
/** WiseWay's own duplicate rule; POST /_control/duplicateRules switches it off to expose duplicates we send. */
const DUPLICATE_RULES = Object.freeze([
	'invite: the same e-mail invited again to the same position answers 409 "Candidate with this email already exists for this position"',
]);
const POSITION_STATUSES = Object.freeze(['active', 'draft', 'closed']);
const QUESTION_TYPES = Object.freeze(['video', 'text']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9]\d{6,14}$/;
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

/**
 * The x-wiseway-signature header of a delivery: hex HMAC-SHA256 of the raw body, keyed with the webhook's secret.
 * @param {string} secret @param {string} rawBody exactly the bytes sent
 * @returns {string}
 */
function signDelivery(secret, rawBody) {
	return crypto.createHmac('sha256', secret).update(rawBody).digest('hex');
}

/** @typedef {{ id: string, text: string, type: string, order: number }} Question */
/**
 * @typedef {Object} Position
 * @property {string} id
 * @property {string} title
 * @property {string} description
 * @property {string} language
 * @property {string} status            active | draft | closed
 * @property {Question[]} questions
 * @property {boolean} invitationMessages  false: invites send nothing, the link must be shared
 * @property {string} createdAt
 * @property {string} updatedAt
 */
/**
 * @typedef {Object} Candidate
 * @property {string} id
 * @property {string} positionId
 * @property {string} name
 * @property {string} email
 * @property {string | null} phone
 * @property {'created' | 'invited' | 'started' | 'completed'} status
 * @property {string} interviewLink
 * @property {string | null} invitedAt
 * @property {string | null} startedAt
 * @property {string | null} completedAt
 * @property {number | null} rating
 * @property {Record<string, unknown> | null} metadata
 * @property {number} emailsSent
 * @property {number} smsSent
 * @property {string} createdAt
 */
/**
 * @typedef {Object} Webhook
 * @property {string} id
 * @property {string} url
 * @property {string[]} events
 * @property {boolean} active
 * @property {string} secret
 * @property {'api' | 'app'} createdBy
 * @property {string} createdAt
 */
/**
 * @typedef {Object} Settings
 * @property {boolean} returnSecretOnCreate   false: POST /webhooks answers without secret and signs with SECRETS.webhookSecret
 * @property {{ limit: number, windowSeconds: number } | null} rateLimit  requests per window per key, then 429 + Retry-After
 * @property {boolean} duplicateDeliveries    every delivery is sent twice, byte for byte
 */
/**
 * @typedef {Object} WiseWayState
 * @property {Map<string, Position>} positions
 * @property {Map<string, Candidate>} candidates
 * @property {Map<string, Webhook>} webhooks
 * @property {Settings} settings
 * @property {Map<string, { windowStart: number, count: number }>} rate  per API key
 */

/** @returns {WiseWayState} */
function seedState() {
	const t0 = '2025-03-03T09:00:00.000Z';
	/** @param {string} id @param {string} title @param {string} status @param {boolean} messages @param {[string, string][]} questions @returns {Position} */
	const position = (id, title, status, messages, questions) => ({
		id, title, description: `${title}: a one-way video interview.`, language: 'en', status, invitationMessages: messages,
		questions: questions.map(([text, type], n) => ({ id: `${id.slice(0, 20)}q${String(n + 1).padStart(3, '0')}`, text, type, order: n + 1 })),
		createdAt: t0, updatedAt: t0,
	});
	const p = SEED.positions;
	return {
		positions: new Map([
			[p.backendEngineer, position(p.backendEngineer, 'Senior Backend Engineer', 'active', true, [
				['Tell us about a system you designed.', 'video'],
				['Describe an incident you handled.', 'video'],
				['Why this role?', 'text'],
			])],
			[p.customerSupport, position(p.customerSupport, 'Customer Support Specialist', 'active', false, [
				['How do you calm an upset customer?', 'video'],
				['Which languages do you speak?', 'text'],
			])],
			[p.summerInternship, position(p.summerInternship, 'Summer Internship 2025', 'closed', true, [['Introduce yourself.', 'video']])],
		]),
		candidates: new Map(),
		webhooks: new Map(),
		settings: { returnSecretOnCreate: true, rateLimit: null, duplicateDeliveries: false },
		rate: new Map(),
	};
}

/** @param {ServiceContext} ctx @returns {Service & { state: WiseWayState }} */
function createService(ctx) {
	let state = seedState();

	// ---- helpers ------------------------------------------------------------------------------------

	/** @param {number} _status @param {string} message */
	function errorBody(_status, message) {
		return { error: message };
	}

	/** @param {SandboxRequest} req */
	function authenticate(req) {
		const key = req.headers['x-api-key'];
		if (!key) throw new HttpError(401, 'Missing x-api-key header');
		if (key !== SECRETS.apiKey && key !== SECRETS.memberApiKey) throw new HttpError(401, 'Invalid API key');
		const limit = state.settings.rateLimit;
		if (!limit) return;
		const now = Date.now();
		const windowMs = limit.windowSeconds * 1000;
		let rate = state.rate.get(key);
		if (!rate || now - rate.windowStart >= windowMs) {
			rate = { windowStart: now, count: 0 };
			state.rate.set(key, rate);
		}
		if (rate.count >= limit.limit) {
			const seconds = Math.max(1, Math.ceil((rate.windowStart + windowMs - now) / 1000));
			throw new HttpError(429, 'Too Many Requests', { headers: { 'retry-after': String(seconds) } });
		}
		rate.count++;
	}

	/** @param {SandboxRequest} req */
	function requireOwner(req) {
		if (req.headers['x-api-key'] !== SECRETS.apiKey) throw new HttpError(403, 'Only the workspace owner can manage webhooks');
	}

	/** @param {string} id */
	function position(id) {
		const found = state.positions.get(id);
		if (!found) throw new HttpError(404, 'Position not found');
		return found;
	}

	/** @param {string} positionId @param {string} id */
	function candidate(positionId, id) {
		const found = state.candidates.get(id);
		if (!found || found.positionId !== positionId) throw new HttpError(404, 'Candidate not found');
		return found;
	}

	/** @param {string} id */
	function webhook(id) {
		const found = state.webhooks.get(id);
		if (!found) throw new HttpError(404, 'Webhook not found');
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

	/** @param {Position} p */
	function renderPosition(p) {
		const candidatesCount = [...state.candidates.values()].filter((c) => c.positionId === p.id).length;
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
		const secret = createdBy === 'api' && state.settings.returnSecretOnCreate ? randomHex(64) : SECRETS.webhookSecret;
		/** @type {Webhook} */
		const hook = { id: randomHex(24), url: String(body.url), events, active: body.active !== false, secret, createdBy, createdAt: new Date().toISOString() };
		state.webhooks.set(hook.id, hook);
		return hook;
	}

	/** The candidate a control call names: { candidateId } or { positionId, email }. @param {Record<string, unknown>} body */
	function candidateFromBody(body) {
		if (typeof body.candidateId === 'string') {
			const found = state.candidates.get(body.candidateId);
			if (!found) throw new HttpError(404, `candidate ${body.candidateId} not found`);
			return found;
		}
		if (typeof body.positionId !== 'string' || typeof body.email !== 'string') throw new HttpError(400, 'give candidateId, or positionId and email');
		position(body.positionId);
		const wanted = body.email.trim().toLowerCase();
		const found = [...state.candidates.values()].find((c) => c.positionId === body.positionId && c.email.toLowerCase() === wanted);
		if (!found) throw new HttpError(404, `${body.email} is not a candidate of ${body.positionId}`);
		return found;
	}

	// ---- webhooks out -------------------------------------------------------------------------------

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
		const hooks = [...state.webhooks.values()].filter((h) => (options.webhookId ? h.id === options.webhookId : h.active && h.events.includes(event)));
		const repeat = options.repeat ?? (state.settings.duplicateDeliveries ? 2 : 1);
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

	// ---- API routes ---------------------------------------------------------------------------------

	const api = '/api/app';

	/** @type {Route[]} */
	const routes = [
		{ method: 'GET', path: `${api}/positions`, handler: (req) => ({ status: 200, body: paged([...state.positions.values()], req).map(renderPosition) }) },
		{
			method: 'POST', path: `${api}/positions`, handler: async (req) => {
				const body = objectBody(req.body);
				if (typeof body.title !== 'string' || body.title.trim() === '') throw new HttpError(400, 'title is required');
				const now = new Date().toISOString();
				/** @type {Position} */
				const p = { id: randomHex(24), title: '', description: '', language: 'en', status: 'active', questions: [], invitationMessages: true, createdAt: now, updatedAt: now };
				applyPositionFields(p, body);
				state.positions.set(p.id, p);
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
				state.positions.delete(req.params.id);
				for (const [id, c] of state.candidates) if (c.positionId === req.params.id) state.candidates.delete(id);
				return { status: 204 };
			},
		},
		{
			method: 'GET', path: `${api}/positions/:id/candidates`, handler: (req) => {
				position(req.params.id);
				const items = [...state.candidates.values()].filter((c) => c.positionId === req.params.id);
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
				if (ctx.duplicateRuleOn() && [...state.candidates.values()].some((c) => c.positionId === p.id && c.email.toLowerCase() === email.toLowerCase())) {
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
				state.candidates.set(c.id, c);
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
				state.candidates.delete(req.params.candidateId);
				return { status: 204 };
			},
		},
		{ method: 'GET', path: `${api}/webhooks`, handler: (req) => ({ status: 200, body: paged([...state.webhooks.values()], req).map(renderWebhook) }) },
		{
			method: 'POST', path: `${api}/webhooks`, handler: (req) => {
				requireOwner(req);
				const hook = createWebhook(objectBody(req.body), 'api');
				const answer = { ...renderWebhook(hook), ...(state.settings.returnSecretOnCreate ? { secret: hook.secret } : {}) };
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
				state.webhooks.delete(req.params.id);
				return { status: 204 };
			},
		},
	];

	// ---- control routes (/_control/wiseway/...) -----------------------------------------------------

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
		{ method: 'GET', path: '/positions', handler: () => ({ status: 200, body: [...state.positions.values()].map((p) => ({ ...renderPosition(p), invitationMessages: p.invitationMessages })) }) },
		{ method: 'GET', path: '/candidates', handler: () => ({ status: 200, body: [...state.candidates.values()].map((c) => ({ ...c })) }) },
		{ method: 'GET', path: '/webhooks', handler: () => ({ status: 200, body: [...state.webhooks.values()].map((h) => ({ ...h, events: [...h.events] })) }) },
		{
			// A webhook made in the WiseWay app: signed with the workspace secret the user copies into the credential.
			method: 'POST', path: '/webhooks', handler: (req) => ({ status: 201, body: { ...createWebhook(objectBody(req.body), 'app') } }),
		},
		{ method: 'GET', path: '/settings', handler: () => ({ status: 200, body: { ...state.settings } }) },
		{
			method: 'POST', path: '/settings', handler: (req) => {
				const body = objectBody(req.body);
				const next = { ...state.settings };
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
					state.rate.clear();
				}
				state.settings = next;
				return { status: 200, body: { ...state.settings } };
			},
		},
	];

	return {
		name,
		prefix,
		get state() { return state; },
		reset() { state = seedState(); },
		authenticate,
		errorBody,
		routes,
		controlRoutes,
	};
}

module.exports = { name, prefix, SECRETS, SEED, EVENTS, DUPLICATE_RULES, signDelivery, createService };

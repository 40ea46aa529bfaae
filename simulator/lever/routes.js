// @ts-check
'use strict';
/**
 * Lever (Data API v1) simulator: the API routes (mounted under the prefix in seed.js).
 */
const crypto = require('node:crypto');
const { HttpError, isLoopbackUrl, isObject, objectBody, queryList, queryOne, randomHex } = require('../shared/core');
const { EVENTS, EMAIL } = require('./seed');

/** @typedef {import('../shared/core').ServiceContext} ServiceContext */
/** @typedef {import('../shared/core').Route} Route */
/** @typedef {import('../shared/core').SandboxRequest} SandboxRequest */
/** @typedef {import('./seed').Note} Note */
/** @typedef {import('./seed').Opportunity} Opportunity */
/** @typedef {import('./seed').Posting} Posting */
/** @typedef {import('./seed').Webhook} Webhook */

/**
 * @param {ServiceContext} ctx
 * @param {import('./seed').Store} store  the live state (replaced by reset)
 * @param {import('./model').Kit} kit  the helpers the routes share
 */
function createRoutes(ctx, store, kit) {
	const { opportunity, stageById, appUrl, renderOpportunity, paginate, tagList, fire, eventIds, moveStage, addOpportunity, renderWebhook } = kit;

	/** @param {SandboxRequest} req @returns {string | null} the perform_as user id, validated */
	function performAs(req) {
		const id = queryOne(req.query, 'perform_as');
		if (id === undefined) return null;
		if (!store.state.users.some((u) => u.id === id)) throw new HttpError(400, `perform_as: unknown user ${id}`);
		return id;
	}

	/** @param {SandboxRequest} req @returns {Set<string>} expand values (repeated or comma-separated) */
	function expansions(req) {
		return new Set(queryList(req.query, 'expand').flatMap((v) => v.split(',')).map((v) => v.trim()));
	}

	/** @param {SandboxRequest} req @param {string} key @returns {number | undefined} */
	function timeFilter(req, key) {
		const value = queryOne(req.query, key);
		if (value === undefined) return undefined;
		const n = Number(value);
		if (!Number.isFinite(n)) throw new HttpError(400, `${key} must be a timestamp in epoch milliseconds`);
		return n;
	}

	/** @param {unknown} url */
	function assertLoopback(url) {
		if (!isLoopbackUrl(url)) throw new HttpError(400, 'url must be an http(s) URL on a loopback host (127.x, localhost, ::1) in the simulator');
	}

	/** @param {unknown} value @param {string} field @returns {string[]} */
	function stringList(value, field) {
		if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new HttpError(400, `${field} must be an array of strings`);
		return value;
	}

	/** @type {Route[]} */
	const routes = [
		{
			method: 'GET', path: '/opportunities', handler: (req) => {
				const q = req.query;
				const emails = queryList(q, 'email');
				const bad = emails.find((e) => !EMAIL.test(e));
				if (bad !== undefined) throw new HttpError(400, `Invalid email: ${bad}`);
				const archived = queryOne(q, 'archived');
				if (archived !== undefined && archived !== 'true' && archived !== 'false') throw new HttpError(400, 'archived must be true or false');
				const tags = queryList(q, 'tag');
				const stageIds = queryList(q, 'stage_id');
				const postingIds = queryList(q, 'posting_id');
				const origins = queryList(q, 'origin');
				const contactIds = queryList(q, 'contact_id');
				/** @type {[keyof Opportunity, string][]} */
				const ranges = [['createdAt', 'created_at'], ['updatedAt', 'updated_at'], ['lastAdvancedAt', 'advanced_at']];
				const bounds = ranges.map(([field, key]) => ({ field, min: timeFilter(req, `${key}_start`), max: timeFilter(req, `${key}_end`) }));
				const lowerEmails = emails.map((e) => e.toLowerCase());
				const items = [...store.state.opportunities.values()]
					.filter((o) => !tags.length || o.tags.some((t) => tags.includes(t)))
					.filter((o) => !lowerEmails.length || o.emails.some((e) => lowerEmails.includes(e.toLowerCase())))
					.filter((o) => !stageIds.length || stageIds.includes(o.stage))
					.filter((o) => !postingIds.length || o.applications.some((a) => a.posting !== null && postingIds.includes(a.posting)))
					.filter((o) => !origins.length || origins.includes(o.origin))
					.filter((o) => !contactIds.length || contactIds.includes(o.contactId))
					.filter((o) => archived === undefined || (archived === 'true') === (o.archived !== null))
					.filter((o) => bounds.every(({ field, min, max }) => {
						const value = /** @type {number} */ (o[field]);
						return (min === undefined || value >= min) && (max === undefined || value <= max);
					}));
				// Map keeps insertion order; a stable sort by createdAt keeps creation order within a millisecond.
				items.sort((a, b) => a.createdAt - b.createdAt);
				const expand = expansions(req);
				return { status: 200, body: paginate(items, req, (o) => renderOpportunity(o, expand), (o) => o.createdAt) };
			},
		},
		{
			// Lever's "Create an opportunity": perform_as is required; an e-mail Lever knows links the
			// new opportunity to that contact (a second opportunity, not a refusal).
			method: 'POST', path: '/opportunities', handler: (req) => {
				const userId = performAs(req);
				if (userId === null) throw new HttpError(400, 'perform_as is required to create an opportunity');
				const body = objectBody(req.body);
				const emails = body.emails === undefined ? [] : stringList(body.emails, 'emails');
				const bad = emails.find((e) => !EMAIL.test(e));
				if (bad !== undefined) throw new HttpError(400, `Invalid email: ${bad}`);
				if ((typeof body.name !== 'string' || body.name.trim() === '') && emails.length === 0) throw new HttpError(400, 'name or emails is required');
				const postings = body.postings === undefined ? [] : stringList(body.postings, 'postings');
				if (postings.length > 1) throw new HttpError(400, 'An opportunity can be applied to one posting only');
				const phones = body.phones === undefined ? [] : body.phones;
				if (!Array.isArray(phones) || !phones.every((p) => isObject(p) && typeof p.value === 'string')) throw new HttpError(400, 'phones must be an array of {type, value}');
				const opp = addOpportunity({
					name: typeof body.name === 'string' && body.name.trim() ? body.name : emails[0],
					emails,
					phones: phones.map((p) => ({ type: typeof p.type === 'string' ? p.type : 'other', value: String(p.value) })),
					headline: typeof body.headline === 'string' ? body.headline : '',
					postingId: postings[0] ?? null,
					stageId: body.stage === undefined ? undefined : String(body.stage),
					tags: body.tags === undefined ? [] : tagList(body.tags),
					sources: body.sources === undefined ? [] : stringList(body.sources, 'sources'),
					links: body.links === undefined ? [] : stringList(body.links, 'links'),
					origin: body.origin === undefined ? undefined : String(body.origin),
					owner: typeof body.owner === 'string' ? body.owner : userId,
					createdAt: typeof body.createdAt === 'number' ? body.createdAt : undefined,
					createdBy: userId,
				});
				void fire('applicationCreated', { applicationId: opp.applications[0].id, ...eventIds(opp) }, { opportunity: opp });
				return { status: 201, body: { data: renderOpportunity(opp, expansions(req)) } };
			},
		},
		{
			method: 'GET', path: '/opportunities/:id', handler: (req) =>
				({ status: 200, body: { data: renderOpportunity(opportunity(req.params.id), expansions(req)) } }),
		},
		{
			method: 'PUT', path: '/opportunities/:id/stage', handler: (req) => {
				const opp = opportunity(req.params.id);
				const userId = performAs(req);
				const stage = objectBody(req.body).stage;
				if (typeof stage !== 'string' || !stage) throw new HttpError(400, 'stage is required');
				moveStage(opp, stage, userId, false); // deliveries go out in the background, as with Lever
				return { status: 200, body: { data: renderOpportunity(opp, expansions(req)) } };
			},
		},
		{
			method: 'POST', path: '/opportunities/:id/addTags', handler: (req) => {
				const opp = opportunity(req.params.id);
				performAs(req);
				const tags = tagList(objectBody(req.body).tags);
				for (const tag of tags) {
					store.state.tags.add(tag);
					if (!opp.tags.includes(tag)) opp.tags.push(tag);
				}
				opp.updatedAt = Date.now();
				return { status: 200, body: { data: renderOpportunity(opp, expansions(req)) } };
			},
		},
		{
			method: 'POST', path: '/opportunities/:id/removeTags', handler: (req) => {
				const opp = opportunity(req.params.id);
				performAs(req);
				const tags = tagList(objectBody(req.body).tags);
				opp.tags = opp.tags.filter((t) => !tags.includes(t));
				opp.updatedAt = Date.now();
				return { status: 200, body: { data: renderOpportunity(opp, expansions(req)) } };
			},
		},
		{
			// Lever's "List all notes": oldest first, paged like every list; how to find a note already left.
			method: 'GET', path: '/opportunities/:id/notes', handler: (req) => {
				const opp = opportunity(req.params.id);
				return { status: 200, body: paginate(opp.notes, req, (n) => ({ ...n, fields: n.fields.map((f) => ({ ...f })) }), (n) => n.createdAt) };
			},
		},
		{
			method: 'POST', path: '/opportunities/:id/notes', handler: (req) => {
				const opp = opportunity(req.params.id);
				const userId = performAs(req);
				const body = objectBody(req.body);
				if (typeof body.value !== 'string' || body.value.trim() === '') throw new HttpError(400, 'value is required');
				const score = body.score;
				if (score !== undefined && score !== null && !(typeof score === 'number' && Number.isInteger(score) && score >= 1 && score <= 4)) {
					throw new HttpError(400, 'score must be an integer from 1 to 4');
				}
				const now = Date.now();
				const id = crypto.randomUUID();
				/** @type {Note} */
				const note = {
					id, noteId: id, text: body.value,
					fields: [{ type: 'text', text: 'Note', value: body.value }, ...(typeof score === 'number' ? [{ type: 'score-system', text: 'Rating', value: score }] : [])],
					user: userId, secret: body.secret === true, score: typeof score === 'number' ? score : null,
					notifyFollowers: body.notifyFollowers === true, createdAt: now, completedAt: now, deletedAt: null,
				};
				opp.notes.push(note);
				opp.lastInteractionAt = now;
				return { status: 201, body: { data: { ...note } } };
			},
		},
		{
			method: 'PUT', path: '/opportunities/:id/archived', handler: (req) => {
				const opp = opportunity(req.params.id);
				performAs(req);
				const body = objectBody(req.body);
				const reasonId = body.reason ?? null;
				const reason = reasonId === null ? null : store.state.archiveReasons.find((r) => r.id === reasonId);
				if (reasonId !== null && !reason) throw new HttpError(400, `Invalid archive reason: ${String(reasonId)}`);
				const fromArchived = opp.archived;
				const now = Date.now();
				opp.archived = reason ? { archivedAt: now, reason: reason.id } : null;
				opp.updatedAt = now;
				void fire('candidateArchiveChange', { ...eventIds(opp), fromArchived, toArchived: opp.archived }, { opportunity: opp });
				if (reason && reason.status === 'hired') void fire('candidateHired', eventIds(opp), { opportunity: opp });
				return { status: 200, body: { data: renderOpportunity(opp, expansions(req)) } };
			},
		},
		{ method: 'GET', path: '/stages', handler: (req) => ({ status: 200, body: paginate(store.state.stages, req, (s) => ({ ...s })) }) },
		{
			method: 'GET', path: '/stages/:id', handler: (req) => {
				const stage = stageById(req.params.id);
				if (!stage) throw new HttpError(404, `Stage ${req.params.id} not found`);
				return { status: 200, body: { data: { ...stage } } };
			},
		},
		{
			method: 'GET', path: '/postings', handler: (req) => {
				const q = req.query;
				/** @type {[string, (p: Posting) => string[]][]} */
				const filters = [
					['state', (p) => [p.state]], ['team', (p) => [p.categories.team]], ['department', (p) => [p.categories.department]],
					['location', (p) => [p.categories.location]], ['commitment', (p) => [p.categories.commitment]], ['tag', (p) => p.tags],
				];
				const items = store.state.postings.filter((p) => filters.every(([key, values]) => {
					const wanted = queryList(q, key);
					return !wanted.length || values(p).some((v) => wanted.includes(v));
				}));
				return { status: 200, body: paginate(items, req, renderPosting) };
			},
		},
		{
			method: 'GET', path: '/postings/:id', handler: (req) => {
				const posting = store.state.postings.find((p) => p.id === req.params.id);
				if (!posting) throw new HttpError(404, `Posting ${req.params.id} not found`);
				return { status: 200, body: { data: renderPosting(posting) } };
			},
		},
		{
			method: 'GET', path: '/users', handler: (req) => {
				const emails = queryList(req.query, 'email').map((e) => e.toLowerCase());
				const items = store.state.users.filter((u) => !emails.length || emails.includes(u.email.toLowerCase()));
				return { status: 200, body: paginate(items, req, (u) => ({ ...u })) };
			},
		},
		{
			method: 'GET', path: '/users/:id', handler: (req) => {
				const found = store.state.users.find((u) => u.id === req.params.id);
				if (!found) throw new HttpError(404, `User ${req.params.id} not found`);
				return { status: 200, body: { data: { ...found } } };
			},
		},
		{
			method: 'GET', path: '/tags', handler: (req) => {
				const opps = [...store.state.opportunities.values()];
				const items = [...store.state.tags].sort().map((text) => ({ id: text, text, count: opps.filter((o) => o.tags.includes(text)).length }));
				return { status: 200, body: paginate(items, req, ({ text, count }) => ({ text, count })) };
			},
		},
		{ method: 'GET', path: '/archive_reasons', handler: (req) => ({ status: 200, body: paginate(store.state.archiveReasons, req, (r) => ({ ...r })) }) },
		{
			method: 'GET', path: '/webhooks', handler: () => ({
				status: 200,
				body: { data: [...store.state.webhooks.values()].map((h) => renderWebhook(h, false)) },
			}),
		},
		{
			method: 'POST', path: '/webhooks', handler: (req) => {
				const body = objectBody(req.body);
				assertLoopback(body.url);
				if (typeof body.event !== 'string' || !EVENTS.includes(body.event)) throw new HttpError(400, `event must be one of ${EVENTS.join(', ')}`);
				const configuration = body.configuration === undefined ? {} : body.configuration;
				if (!isObject(configuration)) throw new HttpError(400, 'configuration must be an object');
				const conditions = configuration.conditions === undefined ? {} : configuration.conditions;
				if (!isObject(conditions)) throw new HttpError(400, 'configuration.conditions must be an object');
				const now = Date.now();
				/** @type {Webhook} */
				const hook = {
					id: crypto.randomUUID(), url: String(body.url), event: body.event,
					configuration: { conditions, signatureToken: randomHex(48) }, createdAt: now, updatedAt: now,
				};
				store.state.webhooks.set(hook.id, hook);
				return { status: 201, body: { data: renderWebhook(hook, true) } };
			},
		},
		{
			method: 'DELETE', path: '/webhooks/:id', handler: (req) => {
				if (!store.state.webhooks.delete(req.params.id)) throw new HttpError(404, `Webhook ${req.params.id} not found`);
				return { status: 204 };
			},
		},
	];

	/** @param {Posting} p */
	function renderPosting(p) {
		return {
			...p, categories: { ...p.categories }, tags: [...p.tags], confidentiality: 'non-confidential', distributionChannels: ['public'],
			reqCode: null, requisitionCodes: [], workplaceType: 'remote',
			urls: { list: appUrl('/jobs'), show: appUrl(`/jobs/${p.id}`), apply: appUrl(`/jobs/${p.id}/apply`) },
		};
	}

	return routes;
}

module.exports = { createRoutes };

// @ts-check
'use strict';
/**
 * Willo (Integration API v2) simulator: the API routes (mounted under the prefix in seed.js).
 */
const { HttpError, isLoopbackUrl, isObject, objectBody, queryOne, randomHex } = require('../shared/core');
const { prefix, SEED, EVENTS, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } = require('./seed');

/** @typedef {import('../shared/core').ServiceContext} ServiceContext */
/** @typedef {import('../shared/core').Route} Route */
/** @typedef {import('../shared/core').SandboxRequest} SandboxRequest */
/** @typedef {import('./seed').Interview} Interview */
/** @typedef {import('./seed').Template} Template */
/** @typedef {import('./seed').Webhook} Webhook */

/**
 * @param {ServiceContext} ctx
 * @param {import('./seed').Store} store  the live state (replaced by reset)
 * @param {import('./model').Kit} kit  the helpers the routes share
 */
function createRoutes(ctx, store, kit) {
	const { fieldErrors, appUrl, interview, participant, webhook, renderParticipantRow, renderParticipant, renderWebhook, createParticipant } = kit;

	/**
	 * One page of a list, the DRF PageNumberPagination way: ?page=N&page_size=M (M capped at 30),
	 * `next`/`previous` as absolute URLs, and 404 "Invalid page." past the last page.
	 * @template T
	 * @param {T[]} items
	 * @param {SandboxRequest} req
	 * @param {(item: T) => unknown} render
	 */
	function paginate(items, req, render) {
		const sizeText = queryOne(req.query, 'page_size');
		const asked = sizeText === undefined ? NaN : Number(sizeText);
		const pageSize = Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
		const pageText = queryOne(req.query, 'page') ?? '1';
		const page = /^\d+$/.test(pageText) ? Number(pageText) : NaN;
		const pages = Math.max(1, Math.ceil(items.length / pageSize));
		if (!(page >= 1 && page <= pages)) throw new HttpError(404, 'Invalid page.');
		/** @param {number} n */
		const link = (n) => {
			const url = new URL(`${ctx.serverUrl()}${prefix}${req.path}/`);
			for (const [key, value] of Object.entries(req.query)) {
				for (const one of Array.isArray(value) ? value : [value]) url.searchParams.append(key, one);
			}
			url.searchParams.set('page', String(n));
			return url.toString();
		};
		return {
			count: items.length,
			next: page < pages ? link(page + 1) : null,
			previous: page > 1 ? link(page - 1) : null,
			results: items.slice((page - 1) * pageSize, page * pageSize).map(render),
		};
	}

	/** @param {Interview} i */
	function renderInterview(i) {
		const owner = store.state.users.find((u) => u.key === i.owner);
		const department = store.state.departments.find((d) => d.key === i.department);
		return {
			key: i.key, title: i.title, owner: owner ? { ...owner } : null, department: department ? { ...department } : null,
			status: i.status, invite_link: appUrl(`/interview/${i.inviteCode}`), created_at: i.created_at,
			questions: i.questions.map((q, n) => ({ ...q, position: n + 1 })),
		};
	}

	/** @param {Template} t */
	function renderTemplate(t) {
		return { key: t.key, title: t.title, department: t.department, questions: t.questions.map((q) => ({ ...q })) };
	}

	/** @param {unknown} url */
	function assertLoopback(url) {
		if (!isLoopbackUrl(url)) throw fieldErrors({ url: ['Enter a valid URL on a loopback host (127.x, localhost, ::1): the simulator never calls out.'] });
	}

	/** @param {unknown} value @param {string} field @returns {string[]} */
	function interviewKeys(value, field) {
		if (value === undefined || value === null) return [];
		if (!Array.isArray(value)) throw fieldErrors({ [field]: ['Expected a list of items.'] });
		return value.map((entry) => {
			const key = isObject(entry) ? entry.key : entry;
			if (typeof key !== 'string' || !store.state.interviews.some((i) => i.key === key)) {
				throw fieldErrors({ [field]: [`Invalid pk "${String(key)}" - object does not exist.`] });
			}
			return key;
		});
	}

	/** Applies the writable webhook fields of a POST (all) or PATCH (some). @param {Webhook} hook @param {Record<string, unknown>} body */
	function applyWebhookFields(hook, body) {
		if (body.url !== undefined) {
			assertLoopback(body.url);
			hook.url = String(body.url);
		}
		if (body.event !== undefined) {
			if (typeof body.event !== 'string' || !EVENTS.includes(body.event)) throw fieldErrors({ event: [`"${String(body.event)}" is not a valid choice.`] });
			hook.event = body.event;
		}
		if (body.interviews !== undefined) hook.interviews = interviewKeys(body.interviews, 'interviews');
		if (body.follow_all_interviews !== undefined) hook.follow_all_interviews = body.follow_all_interviews === true;
		for (const field of /** @type {const} */ (['departments', 'users'])) {
			if (body[field] !== undefined) {
				if (!Array.isArray(body[field])) throw fieldErrors({ [field]: ['Expected a list of items.'] });
				hook[field] = /** @type {unknown[]} */ (body[field]).map(String);
			}
		}
		if (body.payload_configuration !== undefined) {
			if (!isObject(body.payload_configuration)) throw fieldErrors({ payload_configuration: ['Expected a dictionary of items.'] });
			hook.payload_configuration = { ...body.payload_configuration };
		}
		if (body.api_version !== undefined) {
			if (body.api_version !== 'v1') throw fieldErrors({ api_version: [`"${String(body.api_version)}" is not a valid choice.`] });
			hook.api_version = 'v1';
		}
		if (body.status !== undefined) {
			if (body.status !== 'active' && body.status !== 'inactive') throw fieldErrors({ status: [`"${String(body.status)}" is not a valid choice.`] });
			hook.status = body.status;
		}
	}

	/** @type {Route[]} */
	const routes = [
		{
			method: 'GET', path: '/interviews', handler: (req) => {
				const q = req.query;
				const search = (queryOne(q, 'search') ?? '').toLowerCase();
				const department = queryOne(q, 'department');
				const owner = queryOne(q, 'owner');
				let items = store.state.interviews.filter((i) => {
					if (department && i.department !== department) return false;
					if (owner && i.owner !== owner) return false;
					if (!search) return true;
					const rendered = renderInterview(i);
					return [rendered.title, rendered.owner?.email, rendered.department?.name].some((text) => (text ?? '').toLowerCase().includes(search));
				});
				const ordering = (queryOne(q, 'ordering') ?? '').split(',').map((f) => f.trim()).filter(Boolean).reverse();
				for (const field of ordering) {
					const key = /** @type {'title' | 'created_at'} */ (field.replace(/^-/, ''));
					if (key !== 'title' && key !== 'created_at') continue;
					const sign = field.startsWith('-') ? -1 : 1;
					items = [...items].sort((a, b) => sign * a[key].localeCompare(b[key]));
				}
				return { status: 200, body: paginate(items, req, renderInterview) };
			},
		},
		{ method: 'GET', path: '/interviews/:key', handler: (req) => ({ status: 200, body: renderInterview(interview(req.params.key)) }) },
		{ method: 'GET', path: '/interview-templates', handler: (req) => ({ status: 200, body: paginate(store.state.templates, req, renderTemplate) }) },
		{
			method: 'POST', path: '/interview-templates/:key/interviews', handler: (req) => {
				const template = store.state.templates.find((t) => t.key === req.params.key);
				if (!template) throw new HttpError(404, 'Not found.');
				const body = objectBody(req.body);
				if (typeof body.title !== 'string' || body.title.trim() === '') throw fieldErrors({ title: ['This field is required.'] });
				const department = body.department === undefined || body.department === null ? template.department : body.department;
				if (typeof department !== 'string' || !store.state.departments.some((d) => d.key === department)) {
					throw fieldErrors({ department: [`Invalid pk "${String(department)}" - object does not exist.`] });
				}
				const key = randomHex(32);
				/** @type {Interview} */
				const created = {
					key, title: body.title.trim(), owner: SEED.users.recruiter, department, status: 'active', inviteCode: randomHex(12),
					created_at: new Date().toISOString(),
					questions: template.questions.map((q, n) => ({ ...q, key: `${key.slice(0, 24)}q${String(n + 1).padStart(7, '0')}` })),
				};
				store.state.interviews.push(created);
				return { status: 201, body: renderInterview(created) };
			},
		},
		{ method: 'POST', path: '/participants', handler: (req) => ({ status: 201, body: renderParticipant(createParticipant(objectBody(req.body), 'api')) }) },
		{
			method: 'GET', path: '/participants', handler: (req) => {
				const interviewKey = queryOne(req.query, 'interview');
				if (interviewKey !== undefined && !store.state.interviews.some((i) => i.key === interviewKey)) {
					throw fieldErrors({ interview: ['Select a valid choice. That choice is not one of the available choices.'] });
				}
				const items = [...store.state.participants.values()].filter((p) => interviewKey === undefined || p.interview === interviewKey);
				return { status: 200, body: paginate(items, req, renderParticipantRow) };
			},
		},
		{ method: 'GET', path: '/participants/:key', handler: (req) => ({ status: 200, body: renderParticipant(participant(req.params.key)) }) },
		{ method: 'GET', path: '/webhooks', handler: (req) => ({ status: 200, body: paginate([...store.state.webhooks.values()], req, renderWebhook) }) },
		{
			method: 'POST', path: '/webhooks', handler: (req) => {
				const body = objectBody(req.body);
				if (body.url === undefined) throw fieldErrors({ url: ['This field is required.'] });
				if (body.event === undefined) throw fieldErrors({ event: ['This field is required.'] });
				/** @type {Webhook} */
				const hook = {
					key: randomHex(32), url: '', event: '', interviews: [], follow_all_interviews: false, departments: [], users: [],
					payload_configuration: {}, api_version: 'v1', status: 'active', created_at: new Date().toISOString(),
				};
				applyWebhookFields(hook, body);
				store.state.webhooks.set(hook.key, hook);
				return { status: 201, body: renderWebhook(hook) };
			},
		},
		{ method: 'GET', path: '/webhooks/:key', handler: (req) => ({ status: 200, body: renderWebhook(webhook(req.params.key)) }) },
		{
			method: 'PATCH', path: '/webhooks/:key', handler: (req) => {
				const hook = webhook(req.params.key);
				const draft = { ...hook };
				applyWebhookFields(draft, objectBody(req.body)); // all or nothing
				Object.assign(hook, draft);
				return { status: 200, body: renderWebhook(hook) };
			},
		},
		{
			method: 'DELETE', path: '/webhooks/:key', handler: (req) => {
				webhook(req.params.key);
				store.state.webhooks.delete(req.params.key);
				return { status: 204 };
			},
		},
		{
			// The tutorial's route (seed 003), answered as an alias of POST /participants/.
			method: 'POST', path: '/v1/interviews/send', handler: (req) => {
				const body = objectBody(req.body);
				const candidate = isObject(body.candidate) ? body.candidate : {};
				const p = createParticipant({ ...candidate, interview: body.interview_id, metadata: body.metadata }, 'tutorial-alias');
				return { status: 201, body: renderParticipant(p) };
			},
		},
	];

	return routes;
}

module.exports = { createRoutes };

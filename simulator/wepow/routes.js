// @ts-check
'use strict';
/**
 * Wepow (HAL hypermedia API) simulator: the API routes (mounted under the prefix in seed.js).
 */
const { HttpError, isLoopbackUrl, objectBody, queryOne } = require('../shared/core');
const { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_BULK, HAL } = require('./seed');

/** @typedef {import('../shared/core').ServiceContext} ServiceContext */
/** @typedef {import('../shared/core').Route} Route */
/** @typedef {import('../shared/core').SandboxRequest} SandboxRequest */
/** @typedef {import('../shared/core').SandboxResponse} SandboxResponse */
/** @typedef {import('./seed').Interview} Interview */
/** @typedef {import('./seed').Notification} Notification */
/** @typedef {import('./seed').Template} Template */

/**
 * @param {ServiceContext} ctx
 * @param {import('./seed').Store} store  the live state (replaced by reset)
 * @param {import('./model').Kit} kit  the helpers the routes share
 */
function createRoutes(ctx, store, kit) {
	const { unprocessable, now, href, numericId, interview, application, candidateOf, interviewOf, renderCandidate, renderApplication, optionalText, candidateInput, assertAccepting, invite, notify, changeStatus } = kit;

	/** @param {number} status @param {unknown} body @returns {SandboxResponse} */
	function hal(status, body) {
		return { status, body, headers: HAL };
	}

	/** @param {Template} t */
	function renderTemplate(t) {
		return {
			id: t.id, name: t.name, description: t.description, questions_count: t.questions.length, created_at: t.created_at,
			_links: { self: { href: href(`/hypermedia/interview_templates/${t.id}`) }, 'wepow:interviews': { href: href(`/hypermedia/interview_templates/${t.id}/interviews`) } },
		};
	}

	/** @param {Interview} i */
	function renderInterview(i) {
		return {
			id: i.id, name: i.name, status: i.status, external_id: i.external_id, template_id: i.template_id, expires_at: i.expires_at, created_at: i.created_at,
			_links: {
				self: { href: href(`/hypermedia/interviews/${i.id}`) },
				'wepow:applications': { href: href(`/hypermedia/interviews/${i.id}/applications`) },
				'wepow:interview_template': { href: href(`/hypermedia/interview_templates/${i.template_id}`) },
			},
		};
	}

	/** @param {Notification} n */
	function renderNotification(n) {
		return { id: n.id, callback_url: n.callback_url, target: n.target, active: n.active, _links: { self: { href: href(`/hypermedia/notifications/${n.id}`) } } };
	}

	/**
	 * A HAL page of a list, `_links.next`/`prev` carrying the query on.
	 * @template T
	 * @param {SandboxRequest} req @param {string} path @param {string} relation @param {T[]} items @param {(item: T) => unknown} render
	 */
	function page(req, path, relation, items, render) {
		const perPageRaw = queryOne(req.query, 'per_page');
		const pageRaw = queryOne(req.query, 'page');
		const perPage = perPageRaw === undefined ? DEFAULT_PAGE_SIZE : Number(perPageRaw);
		const current = pageRaw === undefined ? 1 : Number(pageRaw);
		if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PAGE_SIZE) throw new HttpError(400, `per_page must be an integer from 1 to ${MAX_PAGE_SIZE}`);
		if (!Number.isInteger(current) || current < 1) throw new HttpError(400, 'page must be a positive integer');
		const slice = items.slice((current - 1) * perPage, current * perPage);
		/** @param {number} n */
		const link = (n) => {
			const query = new URLSearchParams();
			for (const [key, value] of Object.entries(req.query)) {
				if (key === 'page' || key === 'per_page') continue;
				for (const v of Array.isArray(value) ? value : [value]) query.append(key, v);
			}
			query.set('page', String(n));
			query.set('per_page', String(perPage));
			return { href: href(`${path}?${query}`) };
		};
		/** @type {Record<string, { href: string }>} */
		const links = { self: link(current) };
		if (current * perPage < items.length) links.next = link(current + 1);
		if (current > 1) links.prev = link(current - 1);
		return hal(200, { count: items.length, page: current, per_page: perPage, _embedded: { [relation]: slice.map(render) }, _links: links });
	}

	/** @type {Route[]} */
	const routes = [
		{
			method: 'GET', path: '/', handler: () => hal(200, {
				_links: {
					self: { href: href('/') },
					curies: [{ name: 'wepow', href: href('/docs/rels/{rel}'), templated: true }],
					'wepow:interviews': { href: href('/hypermedia/interviews') },
					'wepow:interview': { href: href('/hypermedia/interviews{/id}'), templated: true },
					'wepow:application': { href: href('/hypermedia/applications{/id}'), templated: true },
					'wepow:candidate': { href: href('/hypermedia/candidates{/id}'), templated: true },
					'wepow:notifications': { href: href('/notifications') },
					'wepow:interview_templates': { href: href('/hypermedia/interview_templates') },
				},
			}),
		},
		{
			method: 'GET', path: '/hypermedia/interview_templates',
			handler: (req) => page(req, '/hypermedia/interview_templates', 'wepow:interview_template', store.state.templates, renderTemplate),
		},
		{
			method: 'GET', path: '/hypermedia/interview_templates/:id', handler: (req) => {
				const t = store.state.templates.find((candidate) => String(candidate.id) === req.params.id);
				if (!t) throw new HttpError(404, `Interview template ${req.params.id} not found`);
				return hal(200, renderTemplate(t));
			},
		},
		{
			method: 'POST', path: '/hypermedia/interview_templates/:id/interviews', handler: (req) => {
				const t = store.state.templates.find((candidate) => String(candidate.id) === req.params.id);
				if (!t) throw new HttpError(404, `Interview template ${req.params.id} not found`);
				const body = objectBody(req.body);
				if (typeof body.name !== 'string' || body.name.trim() === '') throw unprocessable({ name: ["can't be blank"] });
				if (body.name.length > 255) throw unprocessable({ name: ['is too long (maximum is 255 characters)'] });
				const externalId = optionalText(typeof body.external_id === 'number' ? String(body.external_id) : body.external_id, 'external_id');
				/** @type {Interview} */
				const i = { id: store.state.nextIds.interview++, name: body.name.trim(), status: 'active', external_id: externalId, template_id: t.id, expires_at: null, created_at: now() };
				store.state.interviews.set(i.id, i);
				return hal(201, renderInterview(i));
			},
		},
		{
			method: 'GET', path: '/hypermedia/interviews', handler: (req) => {
				const externalId = queryOne(req.query, 'external_id');
				const status = queryOne(req.query, 'status');
				// Oldest first, as Wepow lists them.
				const list = [...store.state.interviews.values()]
					.filter((i) => (externalId === undefined || i.external_id === externalId) && (status === undefined || i.status === status))
					.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
				return page(req, '/hypermedia/interviews', 'wepow:interview', list, renderInterview);
			},
		},
		{ method: 'GET', path: '/hypermedia/interviews/:id', handler: (req) => hal(200, renderInterview(interview(req.params.id))) },
		{
			method: 'GET', path: '/hypermedia/interviews/:id/applications', handler: (req) => {
				const i = interview(req.params.id);
				// Ours: filters to find an invitation that may have been stored without sending it again.
				const email = queryOne(req.query, 'email')?.trim().toLowerCase();
				const externalId = queryOne(req.query, 'external_id');
				const list = [...store.state.applications.values()].filter((a) => a.interviewId === i.id
					&& (email === undefined || candidateOf(a).email.toLowerCase() === email)
					&& (externalId === undefined || a.external_id === externalId));
				return page(req, `/hypermedia/interviews/${i.id}/applications`, 'wepow:application', list, (a) => renderApplication(a));
			},
		},
		{
			method: 'POST', path: '/hypermedia/interviews/:id/applications', handler: (req) => {
				const i = interview(req.params.id);
				const input = candidateInput(objectBody(req.body).candidate, 'candidate');
				assertAccepting(i);
				const { application: a, created } = invite(i, input);
				return hal(created ? 201 : 200, renderApplication(a));
			},
		},
		{
			method: 'POST', path: '/hypermedia/interviews/:id/applications/bulk', handler: (req) => {
				const i = interview(req.params.id);
				const list = objectBody(req.body).candidates;
				if (!Array.isArray(list) || list.length === 0) throw unprocessable({ candidates: ['must be a non-empty array'] });
				if (list.length > MAX_BULK) throw unprocessable({ candidates: [`at most ${MAX_BULK} per call`] });
				// All or nothing: every candidate is checked before any is invited.
				const inputs = list.map((raw, index) => candidateInput(raw, `candidates[${index}]`));
				assertAccepting(i);
				const answers = inputs.map((input) => {
					const { application: a, created } = invite(i, input);
					return { ...renderApplication(a), duplicate: !created };
				});
				return hal(202, { count: answers.length, _embedded: { 'wepow:application': answers } });
			},
		},
		{ method: 'GET', path: '/hypermedia/applications/:id', handler: (req) => hal(200, renderApplication(application(req.params.id))) },
		{
			method: 'POST', path: '/hypermedia/applications/:ids/resend', handler: (req) => {
				const ids = req.params.ids.split(',').map((id) => id.trim()).filter(Boolean);
				if (ids.length === 0) throw new HttpError(404, 'No application ids');
				// All or nothing.
				const list = ids.map((id) => application(id));
				for (const a of list) {
					if (a.status === 'completed' || a.status === 'expired') throw new HttpError(422, `Application ${a.id} is ${a.status}: nothing to resend`);
				}
				const at = now();
				for (const a of list) {
					a.emailsSent += 1;
					a.resentAt.push(at);
					if (a.status === 'new') a.status = 'sent';
					a.date_sent = at;
				}
				return hal(200, { count: list.length, _embedded: { 'wepow:application': list.map((a) => renderApplication(a)) } });
			},
		},
		{
			method: 'PUT', path: '/hypermedia/applications/:id/status', handler: async (req) => {
				const a = application(req.params.id);
				if (objectBody(req.body).status !== 'new') throw unprocessable({ status: ['can only be reset to "new"'] });
				changeStatus(a, 'new');
				await notify(a);
				return { status: 204 };
			},
		},
		{
			method: 'GET', path: '/hypermedia/candidates/:id', handler: (req) => {
				const c = store.state.candidates.get(numericId(req.params.id, 'Candidate'));
				if (!c) throw new HttpError(404, `Candidate ${req.params.id} not found`);
				return hal(200, renderCandidate(c));
			},
		},
		{
			method: 'GET', path: '/notifications', handler: () => {
				const list = [...store.state.notifications.values()].map(renderNotification);
				return hal(200, { count: list.length, _embedded: { 'wepow:notification': list }, _links: { self: { href: href('/notifications') } } });
			},
		},
		{
			method: 'POST', path: '/notifications', handler: (req) => {
				const body = objectBody(req.body);
				if (body.target !== 'application_status') throw unprocessable({ target: ['must be "application_status"'] });
				if (!isLoopbackUrl(body.callback_url)) throw unprocessable({ callback_url: ['must be an http(s) URL on a loopback host in the simulator'] });
				const url = String(body.callback_url);
				const same = [...store.state.notifications.values()].find((n) => n.callback_url === url && n.target === body.target);
				if (!same) {
					const id = store.state.nextIds.notification++;
					store.state.notifications.set(id, { id, callback_url: url, target: 'application_status', active: true, created_at: now() });
				}
				// Wepow answers without a body: the id is only in the list.
				return { status: 204 };
			},
		},
		{
			method: 'DELETE', path: '/hypermedia/notifications/:id', handler: (req) => {
				if (!store.state.notifications.delete(numericId(req.params.id, 'Notification'))) throw new HttpError(404, `Notification ${req.params.id} not found`);
				return { status: 204 };
			},
		},
		// Review pages (no API credentials): the standard one wants a Wepow login, the iframe one a single-use token.
		{
			method: 'GET', path: '/app/applications/:id', handler: (req) => ({
				status: 200, body: `<html><body>Sign in to Wepow to review application ${req.params.id}</body></html>`, headers: { 'content-type': 'text/html; charset=utf-8' },
			}),
		},
		{
			method: 'GET', path: '/review/:token', handler: (req) => {
				for (const a of store.state.applications.values()) {
					const use = a.reviewTokens.get(req.params.token);
					if (!use) continue;
					if (use.usedAt !== null) break;
					use.usedAt = now();
					const c = candidateOf(a);
					return { status: 200, body: `<html><body>Interview of ${c.first_name} ${c.last_name} (${interviewOf(a).name})</body></html>`, headers: { 'content-type': 'text/html; charset=utf-8' } };
				}
				return { status: 410, body: { message: 'This review link was already used or never existed' } };
			},
		},
	];

	return routes;
}

module.exports = { createRoutes };

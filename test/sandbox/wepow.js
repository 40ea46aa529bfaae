// @ts-check
'use strict';
/**
 * Wepow (HAL hypermedia API) simulator: in-memory state, seed data, API routes, control routes,
 * unsigned notifications whose URL carries the subscriber's token. Contract: docs/api/wepow.md.
 * Mounted at /wepow; control at /_control/wepow.
 *
 * Quirks kept on purpose: Basic auth as "<subdomain>.<email>:<key>", 406 without
 * `Accept: application/hal+json`, absolute `_links` everywhere, POST /notifications answering 204
 * without an id, the never-twice rule (a repeated invitation answers 200 with the application it
 * has), single-use limited-access ("iframe") review links re-issued on every read (the one inside a
 * notification is already spent), 422 from a position that accepts no applications.
 */
const { HttpError, isLoopbackUrl, isObject, objectBody, queryOne, randomHex } = require('./core');

/** @typedef {import('./core').ServiceContext} ServiceContext */
/** @typedef {import('./core').Service} Service */
/** @typedef {import('./core').Route} Route */
/** @typedef {import('./core').SandboxRequest} SandboxRequest */
/** @typedef {import('./core').SandboxResponse} SandboxResponse */
/** @typedef {import('./core').DeliveryResult} DeliveryResult */

const name = 'wepow';
const prefix = '/wepow';

const SECRETS = Object.freeze({
	/** HTTP Basic: username `${subdomain}.${email}`, password apiKey */
	subdomain: 'acme',
	email: 'recruiter@example.com',
	apiKey: 'sim-wepow-api-key',
	username: 'acme.recruiter@example.com',
});

const SEED = Object.freeze({
	templates: Object.freeze({
		standard: '501',
		engineering: '502',
		customerSupport: '503',
	}),
	interviews: Object.freeze({
		/** "Senior Backend Engineer", external_id 1001 (the iCIMS backend job), active */
		backendEngineer: '7001',
		/** "Product Designer", external_id 1009, closed: accepts no applications */
		productDesignerClosed: '7002',
	}),
	/** the ATS job ids the seeded positions carry */
	atsJobs: Object.freeze({ backendEngineer: '1001', productDesigner: '1009' }),
});

/** Notification targets Wepow supports; deliveries go out for application status changes. */
const EVENTS = Object.freeze(['application_status']);
/** Wepow's own duplicate rule; POST /_control/duplicateRules switches it off to expose duplicates we send. */
const DUPLICATE_RULES = Object.freeze([
	'invite (never twice): the same e-mail invited again to the same interview answers 200 with the existing application (bulk: duplicate: true), nothing sent',
]);
const STATUSES = Object.freeze(['new', 'sent', 'delivered', 'opened', 'started', 'in_progress', 'completed', 'expired']);
const EVALUATIONS = Object.freeze(['approved', 'pending', 'dismissed']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;
const MAX_BULK = 100;
const HAL = { 'content-type': 'application/hal+json; charset=utf-8' };

/** @typedef {{ id: number, name: string, description: string, questions: string[], created_at: string }} Template */
/**
 * @typedef {Object} Interview   Wepow's "position"
 * @property {number} id
 * @property {string} name
 * @property {'active' | 'closed'} status
 * @property {string | null} external_id   the ATS job id
 * @property {number} template_id
 * @property {string | null} expires_at
 * @property {string} created_at
 */
/** @typedef {{ id: number, email: string, first_name: string, last_name: string, external_id: string | null, created_at: string }} Candidate */
/**
 * @typedef {Object} Application   one invitation of one candidate to one interview
 * @property {number} id
 * @property {number} interviewId
 * @property {number} candidateId
 * @property {string} status
 * @property {string} evaluation_status
 * @property {string | null} date_sent
 * @property {string | null} date_completed
 * @property {string} date_updated
 * @property {string | null} external_id   the ATS application id sent with the invitation
 * @property {number} previous_interviews_count
 * @property {number} emailsSent
 * @property {string[]} resentAt
 * @property {Map<string, { issuedAt: string, usedAt: string | null }>} reviewTokens  single-use iframe tokens
 * @property {string} created_at
 */
/** @typedef {{ id: number, callback_url: string, target: string, active: boolean, created_at: string }} Notification */
/**
 * @typedef {Object} WepowState
 * @property {Template[]} templates
 * @property {Map<number, Interview>} interviews
 * @property {Map<number, Candidate>} candidates
 * @property {Map<number, Application>} applications
 * @property {Map<number, Notification>} notifications
 * @property {{ interview: number, candidate: number, application: number, notification: number }} nextIds
 * @property {number} lastMs   keeps timestamps strictly increasing
 */

/** @returns {WepowState} */
function seedState() {
	const t = SEED.templates;
	return {
		templates: [
			{ id: Number(t.standard), name: 'Standard Video Interview', description: 'Three general questions, 2 minutes each', questions: ['Tell us about yourself', 'Why this role?', 'A challenge you solved'], created_at: '2025-06-02T09:00:00.000Z' },
			{ id: Number(t.engineering), name: 'Engineering Video Interview', description: 'Technical walk-through, 3 questions', questions: ['A system you designed', 'A bug you hunted', 'How you review code'], created_at: '2025-06-03T09:00:00.000Z' },
			{ id: Number(t.customerSupport), name: 'Customer Support Video Interview', description: 'Role play, 2 questions', questions: ['Calm an upset customer', 'Explain a refund policy'], created_at: '2025-06-04T09:00:00.000Z' },
		],
		interviews: new Map([
			[Number(SEED.interviews.backendEngineer), {
				id: Number(SEED.interviews.backendEngineer), name: 'Senior Backend Engineer', status: 'active', external_id: SEED.atsJobs.backendEngineer,
				template_id: Number(t.engineering), expires_at: null, created_at: '2026-01-05T09:00:00.000Z',
			}],
			[Number(SEED.interviews.productDesignerClosed), {
				id: Number(SEED.interviews.productDesignerClosed), name: 'Product Designer', status: 'closed', external_id: SEED.atsJobs.productDesigner,
				template_id: Number(t.standard), expires_at: '2026-02-01T00:00:00.000Z', created_at: '2025-11-01T09:00:00.000Z',
			}],
		]),
		candidates: new Map(),
		applications: new Map(),
		notifications: new Map(),
		nextIds: { interview: 7101, candidate: 8001, application: 9001, notification: 601 },
		lastMs: 0,
	};
}

/** @param {ServiceContext} ctx @returns {Service & { state: WepowState }} */
function createService(ctx) {
	let state = seedState();

	// ---- helpers ------------------------------------------------------------------------------------

	/** @param {number} _status @param {string} message */
	function errorBody(_status, message) {
		return { message };
	}

	/** 422 with Wepow's field errors. @param {Record<string, string[]>} errors */
	function unprocessable(errors) {
		const message = Object.entries(errors).map(([field, list]) => `${field} ${list.join(', ')}`).join('; ');
		return new HttpError(422, message, { body: { message, errors } });
	}

	/** An ISO timestamp later than every one handed out before (status changes stay distinguishable). */
	function now() {
		state.lastMs = Math.max(Date.now(), state.lastMs + 1);
		return new Date(state.lastMs).toISOString();
	}

	/** @param {string} path */
	function href(path) {
		return `${ctx.serverUrl()}${prefix}${path}`;
	}

	/** @param {number} status @param {unknown} body @returns {SandboxResponse} */
	function hal(status, body) {
		return { status, body, headers: HAL };
	}

	/** Review pages are for people, not the API: no credentials. @param {SandboxRequest} req */
	function isReviewPage(req) {
		return req.path.startsWith('/review/') || req.path.startsWith('/app/');
	}

	/** @param {SandboxRequest} req */
	function authenticate(req) {
		if (isReviewPage(req)) return;
		// The HAL root only lists links; Wepow does not promise it checks credentials, so neither do we:
		// a credential test that asked only for it would pass with a wrong key.
		if (req.method === 'GET' && req.path === '/') return requireHal(req);
		const header = req.headers.authorization ?? '';
		const challenge = { 'www-authenticate': 'Basic realm="Wepow API"' };
		const match = /^Basic\s+(\S+)$/i.exec(header);
		if (!match) throw new HttpError(401, 'Authentication required: HTTP Basic "<subdomain>.<email>:<api key>"', { headers: challenge });
		const decoded = Buffer.from(match[1], 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		const user = colon < 0 ? decoded : decoded.slice(0, colon);
		const password = colon < 0 ? '' : decoded.slice(colon + 1);
		if (user.toLowerCase() !== SECRETS.username.toLowerCase() || password !== SECRETS.apiKey) {
			throw new HttpError(401, 'Invalid credentials', { headers: challenge });
		}
		requireHal(req);
	}

	/** @param {SandboxRequest} req */
	function requireHal(req) {
		const accept = req.headers.accept ?? '';
		if (!/application\/hal\+json/i.test(accept)) {
			throw new HttpError(406, 'Not Acceptable: this API answers application/hal+json; send it in Accept');
		}
	}

	/** @param {string} raw @param {string} what */
	function numericId(raw, what) {
		if (!/^\d+$/.test(raw)) throw new HttpError(404, `${what} ${raw} not found`);
		return Number(raw);
	}

	/** @param {string} raw */
	function interview(raw) {
		const found = state.interviews.get(numericId(raw, 'Interview'));
		if (!found) throw new HttpError(404, `Interview ${raw} not found`);
		return found;
	}

	/** @param {string} raw */
	function application(raw) {
		const found = state.applications.get(numericId(raw, 'Application'));
		if (!found) throw new HttpError(404, `Application ${raw} not found`);
		return found;
	}

	/** @param {Application} a */
	function candidateOf(a) {
		return /** @type {Candidate} */ (state.candidates.get(a.candidateId));
	}

	/** @param {Application} a */
	function interviewOf(a) {
		return /** @type {Interview} */ (state.interviews.get(a.interviewId));
	}

	/** @param {string} email */
	function candidateByEmail(email) {
		const wanted = email.trim().toLowerCase();
		return [...state.candidates.values()].find((c) => c.email.toLowerCase() === wanted);
	}

	/** @param {Interview} i @param {string} email */
	function findApplication(i, email) {
		const c = candidateByEmail(email);
		return c ? [...state.applications.values()].find((a) => a.interviewId === i.id && a.candidateId === c.id) : undefined;
	}

	/** A fresh single-use token for the limited-access review page. @param {Application} a @param {boolean} [spent] */
	function issueReviewToken(a, spent = false) {
		const token = randomHex(40);
		const at = now();
		a.reviewTokens.set(token, { issuedAt: at, usedAt: spent ? at : null });
		return token;
	}

	// ---- rendering ----------------------------------------------------------------------------------

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

	/** @param {Candidate} c */
	function renderCandidate(c) {
		return {
			id: c.id, email: c.email, first_name: c.first_name, last_name: c.last_name, external_id: c.external_id, created_at: c.created_at,
			_links: { self: { href: href(`/hypermedia/candidates/${c.id}`) } },
		};
	}

	/**
	 * The API shape. Every read issues a new limited-access link; a notification carries a spent one.
	 * @param {Application} a @param {{ spentReviewLink?: boolean }} [options]
	 */
	function renderApplication(a, options = {}) {
		const c = candidateOf(a);
		const i = interviewOf(a);
		const token = issueReviewToken(a, options.spentReviewLink === true);
		return {
			id: a.id, status: a.status, evaluation_status: a.evaluation_status, date_sent: a.date_sent, date_completed: a.date_completed,
			date_updated: a.date_updated, external_id: a.external_id, previous_interviews_count: a.previous_interviews_count,
			_links: {
				self: { href: href(`/hypermedia/applications/${a.id}`) },
				'wepow:interview': { href: href(`/hypermedia/interviews/${i.id}`) },
				'wepow:candidate': { href: href(`/hypermedia/candidates/${c.id}`) },
				'wepow:application:response': [
					{ name: 'standard', href: href(`/app/applications/${a.id}`) },
					{ name: 'iframe', href: href(`/review/${token}`) },
				],
			},
			_embedded: {
				'wepow:candidate': renderCandidate(c),
				'wepow:interview': { id: i.id, name: i.name, external_id: i.external_id, status: i.status },
			},
		};
	}

	/** Everything the simulator knows about an application, for control reads. @param {Application} a */
	function inspectApplication(a) {
		const c = candidateOf(a);
		return {
			id: a.id, interviewId: a.interviewId, candidateId: a.candidateId, email: c.email, first_name: c.first_name, last_name: c.last_name,
			status: a.status, evaluation_status: a.evaluation_status, date_sent: a.date_sent, date_completed: a.date_completed,
			date_updated: a.date_updated, external_id: a.external_id, previous_interviews_count: a.previous_interviews_count,
			emailsSent: a.emailsSent, resentAt: [...a.resentAt], created_at: a.created_at,
			reviewTokens: [...a.reviewTokens].map(([token, use]) => ({ token, ...use })),
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

	/** @param {unknown} value @param {string} field */
	function optionalText(value, field) {
		if (value === undefined || value === null) return null;
		if (typeof value !== 'string') throw unprocessable({ [field]: ['must be a string'] });
		return value.trim() === '' ? null : value.trim();
	}

	/** Checks one candidate of an invitation; returns Wepow's reading of it. @param {unknown} raw @param {string} at */
	function candidateInput(raw, at) {
		if (!isObject(raw)) throw unprocessable({ [at]: ['must be an object'] });
		const email = raw.email;
		if (typeof email !== 'string' || !EMAIL.test(email.trim())) throw unprocessable({ [`${at}.email`]: ['is not a valid e-mail address'] });
		return {
			email: email.trim(),
			first_name: optionalText(raw.first_name, `${at}.first_name`) ?? '',
			last_name: optionalText(raw.last_name, `${at}.last_name`) ?? '',
			external_id: optionalText(typeof raw.external_id === 'number' ? String(raw.external_id) : raw.external_id, `${at}.external_id`),
		};
	}

	/** @param {Interview} i */
	function assertAccepting(i) {
		if (i.status !== 'active') throw new HttpError(422, `Interview ${i.id} is ${i.status} and accepts no applications`);
	}

	/**
	 * Invites one candidate unless already invited to this interview (the never-twice rule).
	 * @param {Interview} i @param {ReturnType<typeof candidateInput>} input
	 * @returns {{ application: Application, created: boolean }}
	 */
	function invite(i, input) {
		const existing = ctx.duplicateRuleOn() ? findApplication(i, input.email) : undefined;
		if (existing) return { application: existing, created: false };
		const at = now();
		let c = candidateByEmail(input.email);
		if (!c) {
			c = { id: state.nextIds.candidate++, email: input.email, first_name: input.first_name, last_name: input.last_name, external_id: input.external_id, created_at: at };
			state.candidates.set(c.id, c);
		} else {
			if (input.first_name) c.first_name = input.first_name;
			if (input.last_name) c.last_name = input.last_name;
			if (input.external_id) c.external_id = input.external_id;
		}
		const candidateId = c.id;
		// Other interviews only: with the duplicate rule off a second application to this one is not "another interview".
		const previous = new Set([...state.applications.values()].filter((a) => a.candidateId === candidateId && a.interviewId !== i.id).map((a) => a.interviewId));
		/** @type {Application} */
		const a = {
			id: state.nextIds.application++, interviewId: i.id, candidateId, status: 'sent', evaluation_status: 'pending', date_sent: at,
			date_completed: null, date_updated: at, external_id: input.external_id, previous_interviews_count: previous.size, emailsSent: 1,
			resentAt: [], reviewTokens: new Map(), created_at: at,
		};
		state.applications.set(a.id, a);
		return { application: a, created: true };
	}

	// ---- notifications out --------------------------------------------------------------------------

	/**
	 * Notifies every active subscriber (or one) of an application's status, the way Wepow does.
	 * @param {Application} a
	 * @param {{ notificationId?: number, token?: string, body?: unknown, status?: string, dateUpdated?: string }} [options]
	 * @returns {Promise<DeliveryResult[]>}
	 */
	function notify(a, options = {}) {
		const targets = [...state.notifications.values()].filter((n) => n.active && n.target === 'application_status'
			&& (options.notificationId === undefined || n.id === options.notificationId));
		return Promise.all(targets.map((n) => {
			const rendered = /** @type {Record<string, unknown>} */ (renderApplication(a, { spentReviewLink: true }));
			if (options.status !== undefined) rendered.status = options.status;
			if (options.dateUpdated !== undefined) rendered.date_updated = options.dateUpdated;
			const payload = options.body !== undefined ? options.body : { target: 'application_status', application: rendered };
			let url = n.callback_url;
			if (options.token !== undefined) {
				const parsed = new URL(url);
				if (options.token === '') parsed.searchParams.delete('token');
				else parsed.searchParams.set('token', options.token);
				url = parsed.toString();
			}
			return ctx.deliver({
				service: name, event: 'application_status', webhookId: String(n.id), url,
				headers: { 'user-agent': 'Wepow-Notifications' }, payload, rawBody: JSON.stringify(payload),
			});
		}));
	}

	/** @param {Application} a @param {string} status @param {unknown} [evaluation] */
	function changeStatus(a, status, evaluation) {
		if (!STATUSES.includes(status)) throw new HttpError(400, `status must be one of ${STATUSES.join(', ')}`);
		if (evaluation !== undefined && (typeof evaluation !== 'string' || !EVALUATIONS.includes(evaluation))) {
			throw new HttpError(400, `evaluationStatus must be one of ${EVALUATIONS.join(', ')}`);
		}
		const at = now();
		a.status = status;
		a.date_updated = at;
		a.date_completed = status === 'completed' ? at : status === 'new' ? null : a.date_completed;
		if (typeof evaluation === 'string') a.evaluation_status = evaluation;
	}

	// ---- API routes ---------------------------------------------------------------------------------

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
			handler: (req) => page(req, '/hypermedia/interview_templates', 'wepow:interview_template', state.templates, renderTemplate),
		},
		{
			method: 'GET', path: '/hypermedia/interview_templates/:id', handler: (req) => {
				const t = state.templates.find((candidate) => String(candidate.id) === req.params.id);
				if (!t) throw new HttpError(404, `Interview template ${req.params.id} not found`);
				return hal(200, renderTemplate(t));
			},
		},
		{
			method: 'POST', path: '/hypermedia/interview_templates/:id/interviews', handler: (req) => {
				const t = state.templates.find((candidate) => String(candidate.id) === req.params.id);
				if (!t) throw new HttpError(404, `Interview template ${req.params.id} not found`);
				const body = objectBody(req.body);
				if (typeof body.name !== 'string' || body.name.trim() === '') throw unprocessable({ name: ["can't be blank"] });
				if (body.name.length > 255) throw unprocessable({ name: ['is too long (maximum is 255 characters)'] });
				const externalId = optionalText(typeof body.external_id === 'number' ? String(body.external_id) : body.external_id, 'external_id');
				/** @type {Interview} */
				const i = { id: state.nextIds.interview++, name: body.name.trim(), status: 'active', external_id: externalId, template_id: t.id, expires_at: null, created_at: now() };
				state.interviews.set(i.id, i);
				return hal(201, renderInterview(i));
			},
		},
		{
			method: 'GET', path: '/hypermedia/interviews', handler: (req) => {
				const externalId = queryOne(req.query, 'external_id');
				const status = queryOne(req.query, 'status');
				// Oldest first, as Wepow lists them.
				const list = [...state.interviews.values()]
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
				const list = [...state.applications.values()].filter((a) => a.interviewId === i.id
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
				const c = state.candidates.get(numericId(req.params.id, 'Candidate'));
				if (!c) throw new HttpError(404, `Candidate ${req.params.id} not found`);
				return hal(200, renderCandidate(c));
			},
		},
		{
			method: 'GET', path: '/notifications', handler: () => {
				const list = [...state.notifications.values()].map(renderNotification);
				return hal(200, { count: list.length, _embedded: { 'wepow:notification': list }, _links: { self: { href: href('/notifications') } } });
			},
		},
		{
			method: 'POST', path: '/notifications', handler: (req) => {
				const body = objectBody(req.body);
				if (body.target !== 'application_status') throw unprocessable({ target: ['must be "application_status"'] });
				if (!isLoopbackUrl(body.callback_url)) throw unprocessable({ callback_url: ['must be an http(s) URL on a loopback host in the simulator'] });
				const url = String(body.callback_url);
				const same = [...state.notifications.values()].find((n) => n.callback_url === url && n.target === body.target);
				if (!same) {
					const id = state.nextIds.notification++;
					state.notifications.set(id, { id, callback_url: url, target: 'application_status', active: true, created_at: now() });
				}
				// Wepow answers without a body: the id is only in the list.
				return { status: 204 };
			},
		},
		{
			method: 'DELETE', path: '/hypermedia/notifications/:id', handler: (req) => {
				if (!state.notifications.delete(numericId(req.params.id, 'Notification'))) throw new HttpError(404, `Notification ${req.params.id} not found`);
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
				for (const a of state.applications.values()) {
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

	// ---- control routes (/_control/wepow/...) -------------------------------------------------------------

	/** The application a control call names: { applicationId }, { interviewId, email } or { externalId }. @param {Record<string, unknown>} body */
	function applicationFromBody(body) {
		if (body.applicationId !== undefined) return application(String(body.applicationId));
		if (body.interviewId !== undefined && typeof body.email === 'string') {
			const a = findApplication(interview(String(body.interviewId)), body.email);
			if (!a) throw new HttpError(404, `${body.email} was not invited to interview ${String(body.interviewId)}`);
			return a;
		}
		if (body.externalId !== undefined) {
			const matches = [...state.applications.values()].filter((a) => a.external_id === String(body.externalId));
			if (matches.length !== 1) throw new HttpError(matches.length ? 409 : 404, `${matches.length} applications have external_id ${String(body.externalId)}`);
			return matches[0];
		}
		throw new HttpError(400, 'give applicationId, interviewId and email, or externalId');
	}

	/** @param {string} status @returns {import('./core').Handler} */
	function moveTo(status) {
		return async (req) => {
			const body = objectBody(req.body);
			const a = applicationFromBody(body);
			changeStatus(a, status, body.evaluationStatus);
			const deliveries = await notify(a);
			return { status: 200, body: { application: inspectApplication(a), deliveries } };
		};
	}

	/** @type {Route[]} */
	const controlRoutes = [
		{
			method: 'POST', path: '/applications', handler: (req) => {
				const body = objectBody(req.body);
				const i = interview(String(body.interviewId));
				assertAccepting(i);
				const { application: a, created } = invite(i, candidateInput({
					email: body.email, first_name: body.firstName, last_name: body.lastName, external_id: body.externalId,
				}, 'candidate'));
				return { status: created ? 201 : 200, body: inspectApplication(a) };
			},
		},
		{ method: 'GET', path: '/applications', handler: () => ({ status: 200, body: [...state.applications.values()].map(inspectApplication) }) },
		{ method: 'POST', path: '/start', handler: moveTo('started') },
		{ method: 'POST', path: '/complete', handler: moveTo('completed') },
		{
			method: 'POST', path: '/applications/:id/status', handler: async (req) => {
				const a = application(req.params.id);
				const body = objectBody(req.body);
				changeStatus(a, String(body.status), body.evaluationStatus);
				const deliveries = await notify(a);
				return { status: 200, body: { application: inspectApplication(a), deliveries } };
			},
		},
		{
			method: 'POST', path: '/deliver', handler: async (req) => {
				const body = objectBody(req.body);
				const a = applicationFromBody(body);
				const notificationId = body.notificationId === undefined ? undefined : Number(body.notificationId);
				if (notificationId !== undefined && !state.notifications.has(notificationId)) throw new HttpError(404, `notification ${String(body.notificationId)} not found`);
				const deliveries = await notify(a, {
					notificationId,
					token: typeof body.token === 'string' ? body.token : undefined,
					body: body.body,
					status: typeof body.status === 'string' ? body.status : undefined,
					dateUpdated: typeof body.dateUpdated === 'string' ? body.dateUpdated : undefined,
				});
				return { status: 200, body: { deliveries } };
			},
		},
		{ method: 'GET', path: '/interviews', handler: () => ({ status: 200, body: [...state.interviews.values()].map((i) => ({ ...i })) }) },
		{
			method: 'POST', path: '/interviews/:id/status', handler: (req) => {
				const i = interview(req.params.id);
				const status = objectBody(req.body).status;
				if (status !== 'active' && status !== 'closed') throw new HttpError(400, 'status must be active or closed');
				i.status = status;
				return { status: 200, body: { ...i } };
			},
		},
		{ method: 'GET', path: '/candidates', handler: () => ({ status: 200, body: [...state.candidates.values()].map((c) => ({ ...c })) }) },
		{ method: 'GET', path: '/notifications', handler: () => ({ status: 200, body: [...state.notifications.values()].map((n) => ({ ...n })) }) },
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

module.exports = { name, prefix, SECRETS, SEED, EVENTS, STATUSES, DUPLICATE_RULES, createService };

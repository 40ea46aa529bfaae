// @ts-check
'use strict';
/**
 * Willo (Integration API v2) simulator: in-memory state, seed data, API routes, control routes,
 * unsigned webhook deliveries. Contract: docs/api/willo.md. Mounted at
 * /willo/api/integrations/v2; control at /_control/willo.
 */
const { HttpError, isLoopbackUrl, isObject, objectBody, queryOne, randomHex } = require('./core');

/** @typedef {import('./core').ServiceContext} ServiceContext */
/** @typedef {import('./core').Service} Service */
/** @typedef {import('./core').Route} Route */
/** @typedef {import('./core').SandboxRequest} SandboxRequest */
/** @typedef {import('./core').DeliveryResult} DeliveryResult */

const name = 'willo';
const prefix = '/willo/api/integrations/v2';

const SECRETS = Object.freeze({
	/** Authorization: <key> (preferred) or Authorization: Bearer <key> */
	apiKey: 'sim-willo-api-key',
});

const SEED = Object.freeze({
	interviews: Object.freeze({
		backendEngineer: '5e1f0c2a9b3d4e6f8a7b1c2d3e4f5a60',
		dataAnalyst: '6f2a1d3b0c4e5f7a9b8c2d3e4f5a6b71',
		supportArchived: '7a3b2e4c1d5f6a8b0c9d3e4f5a6b7c82',
	}),
	templates: Object.freeze({
		screening: '8b4c3f5d2e6a7b9c1d0e4f5a6b7c8d93',
		graduate: '9c5d4a6e3f7b8c0d2e1f5a6b7c8d9ea4',
	}),
	departments: Object.freeze({
		engineering: 'ad6e5b7f4a8c9d1e3f2a6b7c8d9eafb5',
		operations: 'be7f6c8a5b9d0e2f4a3b7c8d9eafb0c6',
	}),
	users: Object.freeze({
		recruiter: 'cf8a7d9b6c0e1f3a5b4c8d9eafb0c1d7',
		hiringManager: 'd09b8eac7d1f2a4b6c5d9eafb0c1d2e8',
	}),
});

const EVENTS = Object.freeze(['new_response', 'stage_change', 'new_comment', 'new_score']);
const STAGES = Object.freeze(['Invited', 'Responded', 'Shortlisted', 'Maybe', 'Rejected', 'Hired']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9]\d{6,14}$/;
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 30;

/** @typedef {{ key: string, text: string, answer_type: string }} Question */
/** @typedef {{ key: string, email: string, full_name: string }} User */
/** @typedef {{ key: string, name: string }} Department */
/**
 * @typedef {Object} Interview
 * @property {string} key
 * @property {string} title
 * @property {string} owner        user key
 * @property {string} department   department key
 * @property {'active' | 'archived'} status
 * @property {string} inviteCode
 * @property {string} created_at   ISO
 * @property {Question[]} questions
 */
/** @typedef {{ key: string, title: string, department: string, questions: Omit<Question, 'key'>[] }} Template */
/**
 * @typedef {Object} Response
 * @property {string} key
 * @property {Question} question
 * @property {string} answer_type
 * @property {string | null} video_url   null on some video answers: read media_url then
 * @property {string | null} media_url
 * @property {string | null} transcript
 * @property {string | null} text
 * @property {string | null} ai_summary
 * @property {number | null} duration_seconds
 * @property {string} created_at
 */
/** @typedef {{ key: string, text: string, user: string, created_at: string }} Comment */
/**
 * @typedef {Object} Participant
 * @property {string} key
 * @property {string} interview    interview key
 * @property {string} name
 * @property {string | null} first_name
 * @property {string | null} last_name
 * @property {string | null} email
 * @property {string | null} phone
 * @property {string | null} external_id
 * @property {Record<string, unknown>} metadata
 * @property {string} stage
 * @property {'invited' | 'completed'} status
 * @property {string} invite_link
 * @property {string} share_link
 * @property {string} created_at
 * @property {string | null} completed_at
 * @property {number[]} scores
 * @property {number} max_score
 * @property {Response[]} responses
 * @property {Comment[]} comments
 * @property {{ email: number, sms: number }} invitationsSent
 * @property {string} createdBy   'api', 'tutorial-alias' or 'public-link'
 */
/**
 * @typedef {Object} Webhook
 * @property {string} key
 * @property {string} url
 * @property {string} event
 * @property {string[]} interviews
 * @property {boolean} follow_all_interviews
 * @property {string[]} departments
 * @property {string[]} users
 * @property {Record<string, unknown>} payload_configuration
 * @property {string} api_version
 * @property {'active' | 'inactive'} status
 * @property {string} created_at
 */
/**
 * @typedef {Object} WilloState
 * @property {User[]} users
 * @property {Department[]} departments
 * @property {Interview[]} interviews
 * @property {Template[]} templates
 * @property {Map<string, Participant>} participants  by key, in creation order
 * @property {Map<string, Webhook>} webhooks
 */

/** @returns {WilloState} */
function seedState() {
	const i = SEED.interviews;
	/** @param {string} interviewKey @param {[string, string][]} list @returns {Question[]} */
	const questions = (interviewKey, list) => list.map(([text, answerType], n) => ({
		key: `${interviewKey.slice(0, 24)}q${String(n + 1).padStart(7, '0')}`, text, answer_type: answerType,
	}));
	return {
		users: [
			{ key: SEED.users.recruiter, email: 'recruiter@example.com', full_name: 'Riley Recruiter' },
			{ key: SEED.users.hiringManager, email: 'hiring.manager@example.com', full_name: 'Harper Hiring-Manager' },
		],
		departments: [
			{ key: SEED.departments.engineering, name: 'Engineering' },
			{ key: SEED.departments.operations, name: 'Operations' },
		],
		interviews: [
			{
				key: i.backendEngineer, title: 'Senior Backend Engineer: Screening', owner: SEED.users.recruiter,
				department: SEED.departments.engineering, status: 'active', inviteCode: 'backend', created_at: '2025-01-06T09:00:00.000Z',
				questions: questions(i.backendEngineer, [
					['Tell us about a system you designed and what you would change today.', 'video'],
					['Describe a production incident you handled.', 'video'],
					['Why do you want this role?', 'text'],
				]),
			},
			{
				key: i.dataAnalyst, title: 'Data Analyst: First Interview', owner: SEED.users.hiringManager,
				department: SEED.departments.operations, status: 'active', inviteCode: 'analyst', created_at: '2025-01-07T09:00:00.000Z',
				questions: questions(i.dataAnalyst, [
					['Walk us through an analysis that changed a decision.', 'video'],
					['How do you explain a chart to a non-specialist?', 'audio'],
					['Which SQL function do you use most, and why?', 'text'],
				]),
			},
			{
				key: i.supportArchived, title: 'Support Specialist (2024)', owner: SEED.users.recruiter,
				department: SEED.departments.operations, status: 'archived', inviteCode: 'support', created_at: '2024-03-01T09:00:00.000Z',
				questions: questions(i.supportArchived, [['Tell us about a difficult customer.', 'video']]),
			},
		],
		templates: [
			{
				key: SEED.templates.screening, title: 'Standard Screening', department: SEED.departments.engineering,
				questions: [
					{ text: 'Introduce yourself in one minute.', answer_type: 'video' },
					{ text: 'What are you looking for in your next role?', answer_type: 'video' },
					{ text: 'When could you start?', answer_type: 'text' },
				],
			},
			{
				key: SEED.templates.graduate, title: 'Graduate Programme', department: SEED.departments.operations,
				questions: [
					{ text: 'Tell us about a project you are proud of.', answer_type: 'video' },
					{ text: 'Describe your ideal team.', answer_type: 'audio' },
				],
			},
		],
		participants: new Map(),
		webhooks: new Map(),
	};
}

/** @param {ServiceContext} ctx @returns {Service & { state: WilloState }} */
function createService(ctx) {
	let state = seedState();

	// ---- helpers ------------------------------------------------------------------------------------

	/** Django REST Framework's error shape. @param {number} _status @param {string} message */
	function errorBody(_status, message) {
		return { detail: message };
	}

	/** A DRF validation error: 400 with the messages per field. @param {Record<string, string[]>} fields */
	function fieldErrors(fields) {
		return new HttpError(400, Object.values(fields)[0][0], { body: fields });
	}

	/** @param {SandboxRequest} req */
	function authenticate(req) {
		const header = (req.headers.authorization ?? '').trim();
		if (!header) throw new HttpError(401, 'Authentication credentials were not provided.');
		// Live Willo takes the bare key; its tutorial shows "Bearer <key>": both are accepted.
		const key = header.replace(/^Bearer\s+/i, '');
		if (key !== SECRETS.apiKey) throw new HttpError(401, 'Invalid API key.');
	}

	/** @param {string} path */
	function appUrl(path) {
		return `${ctx.serverUrl()}/willo/app${path}`;
	}

	/** @param {string} key */
	function interview(key) {
		const found = state.interviews.find((i) => i.key === key);
		if (!found) throw new HttpError(404, 'Not found.');
		return found;
	}

	/** @param {string} key */
	function participant(key) {
		const found = state.participants.get(key);
		if (!found) throw new HttpError(404, 'Not found.');
		return found;
	}

	/** @param {string} key */
	function webhook(key) {
		const found = state.webhooks.get(key);
		if (!found) throw new HttpError(404, 'Not found.');
		return found;
	}

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
		const owner = state.users.find((u) => u.key === i.owner);
		const department = state.departments.find((d) => d.key === i.department);
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

	/** @param {Participant} p */
	function score(p) {
		return p.scores.length === 0 ? null : Math.round((p.scores.reduce((a, b) => a + b, 0) / p.scores.length) * 100) / 100;
	}

	/** The list shape: everything but responses and comments; the interview by key only, as Willo sends it. @param {Participant} p */
	function renderParticipantRow(p) {
		return {
			key: p.key, interview: p.interview, name: p.name,
			first_name: p.first_name, last_name: p.last_name, email: p.email, phone: p.phone, external_id: p.external_id,
			metadata: { ...p.metadata }, stage: p.stage, status: p.status, invite_link: p.invite_link, share_link: p.share_link,
			created_at: p.created_at, completed_at: p.completed_at, score: score(p), max_score: p.scores.length ? p.max_score : null,
		};
	}

	/** @param {Participant} p */
	function renderParticipant(p) {
		return {
			...renderParticipantRow(p),
			responses: p.responses.map((r) => ({ ...r, question: { ...r.question } })),
			comments: p.comments.map((c) => ({ ...c })),
		};
	}

	/** The control API's view: the API shape plus what was sent. @param {Participant} p */
	function renderParticipantState(p) {
		return { ...renderParticipant(p), invitationsSent: { ...p.invitationsSent }, createdBy: p.createdBy };
	}

	/** @param {Webhook} h */
	function renderWebhook(h) {
		return {
			...h, interviews: [...h.interviews], departments: [...h.departments], users: [...h.users],
			payload_configuration: { ...h.payload_configuration },
		};
	}

	/**
	 * Creates a participant from the fields of POST /participants/ (also used by the tutorial alias).
	 * Willo keeps no uniqueness rule: the same e-mail may be invited twice.
	 * @param {Record<string, unknown>} body @param {string} createdBy
	 */
	function createParticipant(body, createdBy) {
		/** @type {Record<string, string[]>} */
		const errors = {};
		const interviewKey = body.interview;
		if (interviewKey === undefined || interviewKey === null || interviewKey === '') errors.interview = ['This field is required.'];
		else if (typeof interviewKey !== 'string' || !state.interviews.some((i) => i.key === interviewKey)) {
			errors.interview = [`Invalid pk "${String(interviewKey)}" - object does not exist.`];
		}
		if (typeof body.name !== 'string' || body.name.trim() === '') errors.name = ['This field is required.'];
		const email = body.email === undefined || body.email === null || body.email === '' ? null : body.email;
		if (email !== null && (typeof email !== 'string' || !EMAIL.test(email.trim()))) errors.email = ['Enter a valid email address.'];
		const phone = body.phone === undefined || body.phone === null || body.phone === '' ? null : body.phone;
		if (phone !== null && (typeof phone !== 'string' || !E164.test(phone))) {
			errors.phone = ['Enter a valid phone number in E.164 format, e.g. +14155550100.'];
		}
		const metadata = body.metadata === undefined || body.metadata === null ? {} : body.metadata;
		if (!isObject(metadata)) errors.metadata = ['Expected a dictionary of items.'];
		if (body.external_id !== undefined && body.external_id !== null && typeof body.external_id !== 'string') {
			errors.external_id = ['Not a valid string.'];
		}
		if (Object.keys(errors).length > 0) throw fieldErrors(errors);
		const target = interview(/** @type {string} */ (interviewKey));
		if (target.status !== 'active') throw fieldErrors({ interview: ['This interview is archived and takes no new participants.'] });
		const key = randomHex(32);
		const fullName = /** @type {string} */ (body.name).trim();
		/** @type {Participant} */
		const p = {
			key, interview: target.key, name: fullName,
			first_name: typeof body.first_name === 'string' ? body.first_name : fullName.split(/\s+/)[0],
			last_name: typeof body.last_name === 'string' ? body.last_name : fullName.split(/\s+/).slice(1).join(' ') || null,
			email: email === null ? null : /** @type {string} */ (email).trim(), phone: /** @type {string | null} */ (phone),
			external_id: typeof body.external_id === 'string' ? body.external_id : null,
			metadata: { .../** @type {Record<string, unknown>} */ (metadata) }, stage: 'Invited', status: 'invited',
			invite_link: appUrl(`/i/${randomHex(24)}`), share_link: appUrl(`/share/${key}`), created_at: new Date().toISOString(),
			completed_at: null, scores: [], max_score: 5, responses: [], comments: [],
			invitationsSent: { email: email === null ? 0 : 1, sms: phone === null ? 0 : 1 }, createdBy,
		};
		state.participants.set(key, p);
		return p;
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
			if (typeof key !== 'string' || !state.interviews.some((i) => i.key === key)) {
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

	// ---- webhooks out -------------------------------------------------------------------------------

	/** The participant as a delivery names it. @param {Participant} p */
	function deliveryParticipant(p) {
		return { key: p.key, name: p.name, email: p.email, stage: p.stage, interview: p.interview };
	}

	/** @param {string} url @param {string} token */
	function withToken(url, token) {
		const parsed = new URL(url);
		parsed.searchParams.set('token', token);
		return parsed.toString();
	}

	/**
	 * Sends an unsigned delivery to every active webhook of the event that follows the participant's
	 * interview (or to one webhook by key). A new_response body does not name its event.
	 * @param {string} event
	 * @param {Participant | null} p
	 * @param {Record<string, unknown>} extra      fields beside participant and created_at
	 * @param {{ webhookKey?: string, token?: string, createdAt?: string, body?: Record<string, unknown> }} [options]
	 * @returns {Promise<DeliveryResult[]>}
	 */
	function fire(event, p, extra, options = {}) {
		const hooks = [...state.webhooks.values()].filter((h) => (options.webhookKey
			? h.key === options.webhookKey
			: h.status === 'active' && h.event === event && (h.follow_all_interviews || (p !== null && h.interviews.includes(p.interview)))));
		return Promise.all(hooks.map((hook) => {
			const payload = options.body ?? {
				...(event === 'new_response' ? {} : { event }),
				participant: p === null ? null : deliveryParticipant(p),
				created_at: options.createdAt ?? new Date().toISOString(),
				...extra,
			};
			return ctx.deliver({
				service: name, event, webhookId: hook.key,
				url: options.token === undefined ? hook.url : withToken(hook.url, options.token),
				headers: { 'user-agent': 'Willo-Webhooks/1.0' },
				payload, rawBody: JSON.stringify(payload),
			});
		}));
	}

	/** The participant a control call names: { participantKey } or { interview, email } (the latest such). @param {Record<string, unknown>} body */
	function participantFromBody(body) {
		if (typeof body.participantKey === 'string') return participant(body.participantKey);
		if (typeof body.interview !== 'string' || typeof body.email !== 'string') throw new HttpError(400, 'give participantKey, or interview and email');
		const wanted = body.email.trim().toLowerCase();
		const found = [...state.participants.values()].reverse().find((p) => p.interview === body.interview && p.email?.toLowerCase() === wanted);
		if (!found) throw new HttpError(404, `${body.email} is not a participant of ${body.interview}`);
		return found;
	}

	/**
	 * Answers to every question: video answers carry video_url, except later ones that carry only
	 * media_url (the quirk the note warns of); audio answers carry media_url; text answers text.
	 * @param {Participant} p @param {unknown} overrides
	 * @returns {Response[]}
	 */
	function answer(p, overrides) {
		const list = Array.isArray(overrides) ? overrides : [];
		let videos = 0;
		return interview(p.interview).questions.map((q, n) => {
			const custom = isObject(list[n]) ? /** @type {Record<string, unknown>} */ (list[n]) : {};
			const media = appUrl(`/media/${p.key}/${q.key}.${q.answer_type === 'audio' ? 'm4a' : 'mp4'}`);
			const isVideo = q.answer_type === 'video';
			if (isVideo) videos++;
			const spoken = q.answer_type !== 'text';
			const transcript = typeof custom.transcript === 'string' ? custom.transcript : `${p.name} answering "${q.text}": a sample transcript.`;
			return {
				key: randomHex(32), question: { ...q }, answer_type: q.answer_type,
				video_url: isVideo && videos === 1 ? media : null,
				media_url: spoken ? media : null,
				transcript: spoken ? transcript : null,
				text: spoken ? null : typeof custom.text === 'string' ? custom.text : `${p.name}'s written answer.`,
				ai_summary: spoken ? `Summary: ${transcript.slice(0, 80)}` : null,
				duration_seconds: spoken ? 45 + n * 10 : null,
				created_at: new Date().toISOString(),
			};
		});
	}

	// ---- API routes ---------------------------------------------------------------------------------

	/** @type {Route[]} */
	const routes = [
		{
			method: 'GET', path: '/interviews', handler: (req) => {
				const q = req.query;
				const search = (queryOne(q, 'search') ?? '').toLowerCase();
				const department = queryOne(q, 'department');
				const owner = queryOne(q, 'owner');
				let items = state.interviews.filter((i) => {
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
		{ method: 'GET', path: '/interview-templates', handler: (req) => ({ status: 200, body: paginate(state.templates, req, renderTemplate) }) },
		{
			method: 'POST', path: '/interview-templates/:key/interviews', handler: (req) => {
				const template = state.templates.find((t) => t.key === req.params.key);
				if (!template) throw new HttpError(404, 'Not found.');
				const body = objectBody(req.body);
				if (typeof body.title !== 'string' || body.title.trim() === '') throw fieldErrors({ title: ['This field is required.'] });
				const department = body.department === undefined || body.department === null ? template.department : body.department;
				if (typeof department !== 'string' || !state.departments.some((d) => d.key === department)) {
					throw fieldErrors({ department: [`Invalid pk "${String(department)}" - object does not exist.`] });
				}
				const key = randomHex(32);
				/** @type {Interview} */
				const created = {
					key, title: body.title.trim(), owner: SEED.users.recruiter, department, status: 'active', inviteCode: randomHex(12),
					created_at: new Date().toISOString(),
					questions: template.questions.map((q, n) => ({ ...q, key: `${key.slice(0, 24)}q${String(n + 1).padStart(7, '0')}` })),
				};
				state.interviews.push(created);
				return { status: 201, body: renderInterview(created) };
			},
		},
		{ method: 'POST', path: '/participants', handler: (req) => ({ status: 201, body: renderParticipant(createParticipant(objectBody(req.body), 'api')) }) },
		{
			method: 'GET', path: '/participants', handler: (req) => {
				const interviewKey = queryOne(req.query, 'interview');
				if (interviewKey !== undefined && !state.interviews.some((i) => i.key === interviewKey)) {
					throw fieldErrors({ interview: ['Select a valid choice. That choice is not one of the available choices.'] });
				}
				const items = [...state.participants.values()].filter((p) => interviewKey === undefined || p.interview === interviewKey);
				return { status: 200, body: paginate(items, req, renderParticipantRow) };
			},
		},
		{ method: 'GET', path: '/participants/:key', handler: (req) => ({ status: 200, body: renderParticipant(participant(req.params.key)) }) },
		{ method: 'GET', path: '/webhooks', handler: (req) => ({ status: 200, body: paginate([...state.webhooks.values()], req, renderWebhook) }) },
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
				state.webhooks.set(hook.key, hook);
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
				state.webhooks.delete(req.params.key);
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

	// ---- control routes (/_control/willo/...) -------------------------------------------------------

	/** @type {Route[]} */
	const controlRoutes = [
		{
			// A candidate who opened the interview's public link and registered (pre-application
			// screening): a participant with no ATS metadata; nothing is sent.
			method: 'POST', path: '/self-register', handler: (req) => {
				const body = objectBody(req.body);
				const p = createParticipant({ interview: body.interview, name: body.name, email: body.email, phone: body.phone }, 'public-link');
				p.invitationsSent = { email: 0, sms: 0 };
				return { status: 201, body: renderParticipantState(p) };
			},
		},
		{
			method: 'POST', path: '/complete', handler: async (req) => {
				const body = objectBody(req.body);
				const p = participantFromBody(body);
				if (p.completed_at) throw new HttpError(409, `${p.key} has already answered`);
				p.responses = answer(p, body.answers);
				p.completed_at = new Date().toISOString();
				p.status = 'completed';
				p.stage = 'Responded';
				const deliveries = await fire('new_response', p, {});
				return { status: 200, body: { participant: renderParticipantState(p), deliveries } };
			},
		},
		{
			method: 'POST', path: '/stage', handler: async (req) => {
				const body = objectBody(req.body);
				const p = participantFromBody(body);
				if (typeof body.stage !== 'string' || !STAGES.includes(body.stage)) throw new HttpError(400, `stage must be one of ${STAGES.join(', ')}`);
				const previous = p.stage;
				p.stage = body.stage;
				const deliveries = previous === body.stage ? [] : await fire('stage_change', p, { stage: body.stage, previous_stage: previous });
				return { status: 200, body: { participant: renderParticipantState(p), deliveries } };
			},
		},
		{
			method: 'POST', path: '/score', handler: async (req) => {
				const body = objectBody(req.body);
				const p = participantFromBody(body);
				const value = body.score;
				if (typeof value !== 'number' || value < 1 || value > p.max_score) throw new HttpError(400, `score must be a number from 1 to ${p.max_score}`);
				p.scores.push(value);
				const deliveries = await fire('new_score', p, { score: value, max_score: p.max_score, user: body.user ?? SEED.users.recruiter });
				return { status: 200, body: { participant: renderParticipantState(p), deliveries } };
			},
		},
		{
			method: 'POST', path: '/comment', handler: async (req) => {
				const body = objectBody(req.body);
				const p = participantFromBody(body);
				if (typeof body.text !== 'string' || body.text.trim() === '') throw new HttpError(400, 'text is required');
				/** @type {Comment} */
				const comment = { key: randomHex(32), text: body.text, user: typeof body.user === 'string' ? body.user : SEED.users.recruiter, created_at: new Date().toISOString() };
				p.comments.push(comment);
				const deliveries = await fire('new_comment', p, { comment: { ...comment } });
				return { status: 200, body: { participant: renderParticipantState(p), deliveries } };
			},
		},
		{
			method: 'POST', path: '/deliver', handler: async (req) => {
				const body = objectBody(req.body);
				if (typeof body.event !== 'string' || !EVENTS.includes(body.event)) throw new HttpError(400, `event must be one of ${EVENTS.join(', ')}`);
				const p = typeof body.participantKey === 'string' ? participant(body.participantKey) : null;
				const webhookKey = body.webhookKey === undefined ? undefined : String(body.webhookKey);
				if (webhookKey !== undefined) webhook(webhookKey);
				if (body.body !== undefined && !isObject(body.body)) throw new HttpError(400, 'body must be an object');
				const extra = isObject(body.extra) ? body.extra : {};
				const deliveries = await fire(body.event, p, extra, {
					webhookKey,
					token: typeof body.token === 'string' ? body.token : undefined,
					createdAt: typeof body.createdAt === 'string' ? body.createdAt : undefined,
					body: isObject(body.body) ? body.body : undefined,
				});
				return { status: 200, body: { deliveries } };
			},
		},
		{ method: 'GET', path: '/participants', handler: () => ({ status: 200, body: [...state.participants.values()].map(renderParticipantState) }) },
		{ method: 'GET', path: '/participants/:key', handler: (req) => ({ status: 200, body: renderParticipantState(participant(req.params.key)) }) },
		{ method: 'GET', path: '/webhooks', handler: () => ({ status: 200, body: [...state.webhooks.values()].map(renderWebhook) }) },
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

module.exports = { name, prefix, SECRETS, SEED, EVENTS, STAGES, createService };

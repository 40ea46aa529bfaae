// @ts-check
'use strict';
/**
 * Lever (Data API v1) simulator: in-memory state, seed data, API routes, control routes, webhook
 * signing. Contract: docs/api/lever.md. Mounted at /lever/v1; control at /_control/lever.
 */
const crypto = require('node:crypto');
const { HttpError, isLoopbackUrl, isObject, objectBody, queryList, queryOne, randomHex } = require('./core');

/** @typedef {import('./core').ServiceContext} ServiceContext */
/** @typedef {import('./core').Service} Service */
/** @typedef {import('./core').Route} Route */
/** @typedef {import('./core').SandboxRequest} SandboxRequest */
/** @typedef {import('./core').DeliveryResult} DeliveryResult */

const name = 'lever';
const prefix = '/lever/v1';

const SECRETS = Object.freeze({
	/** HTTP Basic: the key as username, empty password */
	apiKey: 'sim-lever-api-key',
});

const SEED = Object.freeze({
	stages: Object.freeze({
		leadNew: 'lead-new',
		applicantNew: 'applicant-new',
		phoneScreen: 'a6c2f1e0-5b1d-4c8e-9f3a-2d7e4b6c8a01',
		assessment: 'b7d3a2f1-6c2e-4d9f-8a4b-3e8f5c7d9b02',
		onsiteInterview: 'c8e4b3a2-7d3f-4e0a-9b5c-4f9a6d8e0c03',
		offer: 'offer',
		hiredReady: 'd9f5c4b3-8e4a-4f1b-8c6d-5a0b7e9f1d04',
	}),
	users: Object.freeze({
		recruiter: '1a2b3c4d-0001-4e5f-8a9b-0c1d2e3f4a51',
		hiringManager: '1a2b3c4d-0002-4e5f-8a9b-0c1d2e3f4a52',
		interviewer: '1a2b3c4d-0003-4e5f-8a9b-0c1d2e3f4a53',
	}),
	postings: Object.freeze({
		backendEngineer: 'e1a2b3c4-d5e6-4f70-8a91-b2c3d4e5f601',
		dataAnalyst: 'f2b3c4d5-e6f7-4a81-9b02-c3d4e5f6a702',
		/** no owner (its owner left): acting-as-owner integrations fall back to their own user */
		qaEngineer: 'a3c4d5e6-f7a8-4b92-8c13-d4e5f6a7b803',
	}),
	archiveReasons: Object.freeze({
		hired: '2b3c4d5e-0001-4f6a-9b0c-1d2e3f4a5b61',
		underqualified: '2b3c4d5e-0002-4f6a-9b0c-1d2e3f4a5b62',
		withdrew: '2b3c4d5e-0003-4f6a-9b0c-1d2e3f4a5b63',
	}),
});

const EVENTS = Object.freeze([
	'applicationCreated', 'candidateStageChange', 'candidateArchiveChange', 'candidateHired', 'candidateDeleted',
	'interviewCreated', 'interviewUpdated', 'interviewDeleted', 'contactCreated', 'contactUpdated',
]);
const ORIGINS = Object.freeze(['agency', 'applied', 'internal', 'referred', 'sourced', 'university']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The signature of a Lever webhook delivery: hex HMAC-SHA256 keyed by the webhook's signatureToken
 * over token + String(triggeredAt). The body itself is not hashed.
 * @param {string} signatureToken @param {string} token @param {number | string} triggeredAt
 * @returns {string} 64 hex characters
 */
function signDelivery(signatureToken, token, triggeredAt) {
	return crypto.createHmac('sha256', signatureToken).update(token + String(triggeredAt)).digest('hex');
}

/** @typedef {{ id: string, text: string }} Stage */
/** @typedef {{ id: string, name: string, username: string, email: string, accessRole: string, photo: null, createdAt: number, deactivatedAt: number | null, externalDirectoryId: null, linkedContactIds: string[], jobTitle: string, managerId: string | null }} User */
/**
 * @typedef {Object} Posting
 * @property {string} id
 * @property {string} text
 * @property {string} state
 * @property {{ team: string, department: string, location: string, commitment: string, level: string }} categories
 * @property {string[]} tags
 * @property {string} user
 * @property {string | null} owner
 * @property {string} hiringManager
 * @property {number} createdAt
 * @property {number} updatedAt
 */
/** @typedef {{ id: string, text: string, status: 'hired' | 'non-hired', type: string }} ArchiveReason */
/** @typedef {{ toStageId: string, toStageIndex: number, updatedAt: number, userId: string | null }} StageChange */
/**
 * @typedef {Object} Application
 * @property {string} id
 * @property {string} type
 * @property {string | null} posting
 * @property {number} createdAt
 */
/**
 * @typedef {Object} Note
 * @property {string} id
 * @property {string} noteId
 * @property {string} text
 * @property {{ type: string, text: string, value: unknown }[]} fields
 * @property {string | null} user     the perform_as user
 * @property {boolean} secret
 * @property {number | null} score
 * @property {boolean} notifyFollowers
 * @property {number} createdAt
 * @property {number | null} completedAt
 * @property {null} deletedAt
 */
/**
 * @typedef {Object} Opportunity
 * @property {string} id
 * @property {string} contactId
 * @property {string} name
 * @property {string} headline
 * @property {string[]} emails
 * @property {{ type: string, value: string }[]} phones
 * @property {string[]} links
 * @property {string[]} tags
 * @property {string[]} sources
 * @property {string} origin
 * @property {string} owner
 * @property {string[]} followers
 * @property {string} stage
 * @property {StageChange[]} stageChanges
 * @property {Application[]} applications
 * @property {{ archivedAt: number, reason: string } | null} archived
 * @property {number} createdAt
 * @property {number} updatedAt
 * @property {number} lastAdvancedAt
 * @property {number} lastInteractionAt
 * @property {Note[]} notes
 */
/**
 * @typedef {Object} Webhook
 * @property {string} id
 * @property {string} url
 * @property {string} event
 * @property {{ conditions: Record<string, unknown>, signatureToken: string }} configuration
 * @property {number} createdAt
 * @property {number} updatedAt
 */
/**
 * @typedef {Object} LeverState
 * @property {Stage[]} stages           in pipeline order
 * @property {User[]} users
 * @property {Posting[]} postings
 * @property {ArchiveReason[]} archiveReasons
 * @property {Set<string>} tags          every tag the account knows
 * @property {Map<string, Opportunity>} opportunities
 * @property {Map<string, Webhook>} webhooks
 */

/** @returns {LeverState} */
function seedState() {
	const t0 = Date.UTC(2025, 0, 6, 9, 0, 0);
	const s = SEED.stages;
	const u = SEED.users;
	/** @param {string} id @param {string} userName @param {string} email @param {string} accessRole @param {string} jobTitle @returns {User} */
	const user = (id, userName, email, accessRole, jobTitle) => ({
		id, name: userName, username: email.split('@')[0], email, accessRole, photo: null, createdAt: t0,
		deactivatedAt: null, externalDirectoryId: null, linkedContactIds: [], jobTitle, managerId: null,
	});
	return {
		stages: [
			{ id: s.leadNew, text: 'New lead' },
			{ id: s.applicantNew, text: 'New applicant' },
			{ id: s.phoneScreen, text: 'Phone Screen' },
			{ id: s.assessment, text: 'Assessment' },
			{ id: s.onsiteInterview, text: 'On-site Interview' },
			{ id: s.offer, text: 'Offer' },
			{ id: s.hiredReady, text: 'Hired-ready' },
		],
		users: [
			user(u.recruiter, 'Riley Recruiter', 'recruiter@example.com', 'super admin', 'Recruiter'),
			user(u.hiringManager, 'Harper Hiring-Manager', 'hiring.manager@example.com', 'team member', 'Engineering Manager'),
			user(u.interviewer, 'Ines Interviewer', 'interviewer@example.com', 'interviewer', 'Senior Engineer'),
		],
		postings: [
			{
				id: SEED.postings.backendEngineer, text: 'Senior Backend Engineer', state: 'published',
				categories: { team: 'Engineering', department: 'R&D', location: 'Remote', commitment: 'Full-time', level: 'Senior' },
				tags: ['engineering'], user: u.recruiter, owner: u.recruiter, hiringManager: u.hiringManager, createdAt: t0, updatedAt: t0,
			},
			{
				id: SEED.postings.dataAnalyst, text: 'Data Analyst', state: 'internal',
				categories: { team: 'Analytics', department: 'Operations', location: 'Berlin', commitment: 'Full-time', level: 'Mid' },
				tags: ['analytics'], user: u.hiringManager, owner: u.hiringManager, hiringManager: u.hiringManager, createdAt: t0, updatedAt: t0,
			},
			{
				id: SEED.postings.qaEngineer, text: 'QA Engineer', state: 'published',
				categories: { team: 'Engineering', department: 'R&D', location: 'Lisbon', commitment: 'Full-time', level: 'Mid' },
				tags: ['engineering'], user: u.recruiter, owner: null, hiringManager: u.hiringManager, createdAt: t0, updatedAt: t0,
			},
		],
		archiveReasons: [
			{ id: SEED.archiveReasons.hired, text: 'Hired', status: 'hired', type: 'hired' },
			{ id: SEED.archiveReasons.underqualified, text: 'Underqualified', status: 'non-hired', type: 'non-hired' },
			{ id: SEED.archiveReasons.withdrew, text: 'Withdrew', status: 'non-hired', type: 'non-hired' },
		],
		tags: new Set(['referral', 'priority']),
		opportunities: new Map(),
		webhooks: new Map(),
	};
}

/** @param {ServiceContext} ctx @returns {Service & { state: LeverState }} */
function createService(ctx) {
	let state = seedState();

	// ---- helpers ------------------------------------------------------------------------------------

	/** @param {number} status @param {string} message */
	function errorBody(status, message) {
		/** @type {Record<number, string>} */
		const codes = {
			400: 'BadRequestError', 401: 'UnauthorizedError', 403: 'ForbiddenError', 404: 'ResourceNotFound',
			405: 'MethodNotAllowed', 429: 'TooManyRequests', 500: 'InternalServerError', 503: 'ServiceUnavailable',
		};
		return { code: codes[status] ?? 'Error', message };
	}

	/** @param {SandboxRequest} req */
	function authenticate(req) {
		const match = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
		if (!match) throw new HttpError(401, 'Missing API key: use HTTP Basic with the key as username');
		const decoded = Buffer.from(match[1], 'base64').toString('utf8');
		const username = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
		if (username !== SECRETS.apiKey) throw new HttpError(401, 'Invalid API key');
	}

	/** @param {string} id */
	function opportunity(id) {
		const opp = state.opportunities.get(id);
		if (!opp) throw new HttpError(404, `Opportunity ${id} not found`);
		return opp;
	}

	/** @param {string} id */
	function stageById(id) {
		return state.stages.find((s) => s.id === id);
	}

	/** @param {SandboxRequest} req @returns {string | null} the perform_as user id, validated */
	function performAs(req) {
		const id = queryOne(req.query, 'perform_as');
		if (id === undefined) return null;
		if (!state.users.some((u) => u.id === id)) throw new HttpError(400, `perform_as: unknown user ${id}`);
		return id;
	}

	/** @param {SandboxRequest} req @returns {Set<string>} expand values (repeated or comma-separated) */
	function expansions(req) {
		return new Set(queryList(req.query, 'expand').flatMap((v) => v.split(',')).map((v) => v.trim()));
	}

	/** @param {string} path */
	function appUrl(path) {
		return `${ctx.serverUrl()}/lever/app${path}`;
	}

	/** @param {Opportunity} opp @param {Application} app */
	function renderApplication(opp, app) {
		const posting = state.postings.find((p) => p.id === app.posting);
		return {
			id: app.id, type: app.type, candidateId: opp.id, opportunityId: opp.id, posting: app.posting,
			postingHiringManager: posting ? posting.hiringManager : null, postingOwner: posting ? posting.owner : null,
			name: opp.name, company: null, phone: opp.phones[0] ?? null, email: opp.emails[0] ?? null, links: opp.links,
			comments: null, user: null, customQuestions: [], createdAt: app.createdAt, archived: opp.archived,
			requisitionForHire: null,
		};
	}

	/** @param {Opportunity} opp @param {Set<string>} expand */
	function renderOpportunity(opp, expand) {
		const stage = stageById(opp.stage);
		const owner = state.users.find((u) => u.id === opp.owner);
		return {
			id: opp.id,
			name: opp.name,
			contact: expand.has('contact')
				? { id: opp.contactId, name: opp.name, headline: opp.headline, isAnonymized: false, location: { name: '' }, emails: opp.emails, phones: opp.phones }
				: opp.contactId,
			headline: opp.headline,
			stage: expand.has('stage') && stage ? { ...stage } : opp.stage,
			confidentiality: 'non-confidential',
			location: '',
			emails: [...opp.emails],
			phones: opp.phones.map((p) => ({ ...p })),
			links: [...opp.links],
			tags: [...opp.tags],
			sources: [...opp.sources],
			origin: opp.origin,
			sourcedBy: null,
			owner: expand.has('owner') && owner ? { ...owner } : opp.owner,
			followers: [...opp.followers],
			applications: expand.has('applications') ? opp.applications.map((a) => renderApplication(opp, a)) : opp.applications.map((a) => a.id),
			archived: opp.archived ? { ...opp.archived } : null,
			stageChanges: opp.stageChanges.map((c) => ({ ...c })),
			createdAt: opp.createdAt,
			updatedAt: opp.updatedAt,
			lastInteractionAt: opp.lastInteractionAt,
			lastAdvancedAt: opp.lastAdvancedAt,
			snoozedUntil: null,
			isAnonymized: false,
			dataProtection: null,
			urls: { list: appUrl('/candidates'), show: appUrl(`/candidates/${opp.id}`) },
		};
	}

	/** @param {Opportunity} opp */
	function fullOpportunity(opp) {
		return { ...renderOpportunity(opp, new Set(['applications'])), notes: opp.notes.map((n) => ({ ...n })) };
	}

	/**
	 * One page of a list. The offset token is URL-encoded JSON of the last item's [sort key, id].
	 * @template {{ id: string }} T
	 * @param {T[]} items already in order
	 * @param {SandboxRequest} req
	 * @param {(item: T) => unknown} render
	 * @param {(item: T) => unknown} [sortKey]
	 */
	function paginate(items, req, render, sortKey = () => 0) {
		const limitText = queryOne(req.query, 'limit');
		const limit = limitText === undefined ? 100 : Number(limitText);
		if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new HttpError(400, 'limit must be an integer from 1 to 100');
		let start = 0;
		const offset = queryOne(req.query, 'offset');
		if (offset !== undefined && offset !== '') {
			const after = decodeOffset(offset);
			const index = items.findIndex((item) => item.id === after);
			if (index < 0) throw new HttpError(400, 'Invalid offset token');
			start = index + 1;
		}
		const page = items.slice(start, start + limit);
		const hasNext = start + limit < items.length;
		const last = page[page.length - 1];
		return {
			data: page.map(render),
			...(hasNext && last ? { next: encodeURIComponent(JSON.stringify([sortKey(last), last.id])) } : {}),
			hasNext,
		};
	}

	/** Accepts the token as handed out (URL-encoded JSON) or already decoded once more. @param {string} token */
	function decodeOffset(token) {
		for (const candidate of [token, safeDecode(token)]) {
			try {
				const parsed = JSON.parse(candidate);
				if (Array.isArray(parsed) && typeof parsed[1] === 'string') return parsed[1];
			} catch {
				// try the next form
			}
		}
		throw new HttpError(400, 'Invalid offset token');
	}

	/** @param {string} text */
	function safeDecode(text) {
		try {
			return decodeURIComponent(text);
		} catch {
			return text;
		}
	}

	/** @param {SandboxRequest} req @param {string} key @returns {number | undefined} */
	function timeFilter(req, key) {
		const value = queryOne(req.query, key);
		if (value === undefined) return undefined;
		const n = Number(value);
		if (!Number.isFinite(n)) throw new HttpError(400, `${key} must be a timestamp in epoch milliseconds`);
		return n;
	}

	/** @param {unknown} tags @returns {string[]} */
	function tagList(tags) {
		if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) throw new HttpError(400, 'tags must be an array of strings');
		return tags;
	}

	/** @param {unknown} url */
	function assertLoopback(url) {
		if (!isLoopbackUrl(url)) throw new HttpError(400, 'url must be an http(s) URL on a loopback host (127.x, localhost, ::1) in the simulator');
	}

	// ---- webhooks out -------------------------------------------------------------------------------

	/** @param {Webhook} hook @param {Opportunity | undefined} opp */
	function conditionsMatch(hook, opp) {
		const origins = hook.configuration.conditions.origins;
		return !opp || !Array.isArray(origins) || origins.length === 0 || origins.includes(opp.origin);
	}

	/**
	 * Sends a correctly signed delivery to every webhook of the event (or to one webhook by id).
	 * @param {string} event
	 * @param {Record<string, unknown>} data
	 * @param {{ opportunity?: Opportunity, webhookId?: string, token?: string, triggeredAt?: number, signature?: string }} [options]
	 * @returns {Promise<DeliveryResult[]>}
	 */
	function fire(event, data, options = {}) {
		const hooks = [...state.webhooks.values()].filter((h) =>
			options.webhookId ? h.id === options.webhookId : h.event === event && conditionsMatch(h, options.opportunity));
		return Promise.all(hooks.map((hook) => {
			const triggeredAt = options.triggeredAt ?? Date.now();
			const token = options.token ?? randomHex(48);
			const signature = options.signature ?? signDelivery(hook.configuration.signatureToken, token, triggeredAt);
			const payload = { id: crypto.randomUUID(), event, triggeredAt, token, signature, data };
			return ctx.deliver({
				service: name, event, webhookId: hook.id, url: hook.url, headers: { 'user-agent': 'Lever-Webhooks' },
				payload, rawBody: JSON.stringify(payload),
			});
		}));
	}

	/** @param {Opportunity} opp */
	function eventIds(opp) {
		return { opportunityId: opp.id, candidateId: opp.id, contactId: opp.contactId };
	}

	// ---- state changes shared by the API and the control routes ------------------------------------------

	/**
	 * @param {Opportunity} opp @param {string} stageId @param {string | null} userId @param {boolean} hired
	 * @returns {Promise<DeliveryResult[]>[]} deliveries started (await them or not)
	 */
	function moveStage(opp, stageId, userId, hired) {
		const stage = stageById(stageId);
		if (!stage) throw new HttpError(400, `Invalid stage: ${stageId}`);
		const sent = [];
		const fromStageId = opp.stage;
		if (fromStageId !== stageId) {
			const now = Date.now();
			opp.stage = stageId;
			opp.stageChanges.push({ toStageId: stageId, toStageIndex: state.stages.indexOf(stage), updatedAt: now, userId });
			opp.updatedAt = now;
			opp.lastAdvancedAt = now;
			sent.push(fire('candidateStageChange', { ...eventIds(opp), fromStageId, toStageId: stageId }, { opportunity: opp }));
		}
		if (hired || (fromStageId !== stageId && stageId === SEED.stages.hiredReady)) {
			sent.push(fire('candidateHired', eventIds(opp), { opportunity: opp }));
		}
		return sent;
	}

	/** @param {Promise<DeliveryResult[]>[]} sent */
	async function outcomes(sent) {
		return (await Promise.all(sent)).flat();
	}

	/** @param {unknown} value @param {string} field @returns {string[]} */
	function stringList(value, field) {
		if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new HttpError(400, `${field} must be an array of strings`);
		return value;
	}

	/**
	 * A new opportunity (API create or control route). An e-mail of an existing opportunity links
	 * the new one to that contact, as Lever does.
	 * @param {{ name: string, emails: string[], phones: { type: string, value: string }[], headline: string, postingId: string | null,
	 *   stageId?: string, tags: string[], sources: string[], links: string[], origin?: string, owner?: string, id?: string,
	 *   createdAt?: number, createdBy: string | null }} fields
	 * @returns {Opportunity}
	 */
	function addOpportunity(fields) {
		const posting = fields.postingId === null ? undefined : state.postings.find((p) => p.id === fields.postingId);
		if (fields.postingId !== null && !posting) throw new HttpError(400, `unknown posting ${fields.postingId}`);
		const stageId = fields.stageId ?? SEED.stages.applicantNew;
		const stage = stageById(stageId);
		if (!stage) throw new HttpError(400, `unknown stage ${stageId}`);
		const origin = fields.origin ?? 'applied';
		if (!ORIGINS.includes(origin)) throw new HttpError(400, `origin must be one of ${ORIGINS.join(', ')}`);
		const id = fields.id ?? crypto.randomUUID();
		if (state.opportunities.has(id)) throw new HttpError(409, `opportunity ${id} exists`);
		const now = fields.createdAt ?? Date.now();
		// A posting without an owner (its owner left): the opportunity falls to the recruiter.
		const owner = fields.owner ?? posting?.owner ?? SEED.users.recruiter;
		if (!state.users.some((u) => u.id === owner)) throw new HttpError(400, `unknown owner ${owner}`);
		const lowerEmails = fields.emails.map((e) => e.toLowerCase());
		const sameContact = [...state.opportunities.values()].find((o) => o.emails.some((e) => lowerEmails.includes(e.toLowerCase())));
		/** @type {Opportunity} */
		const opp = {
			id, contactId: sameContact ? sameContact.contactId : crypto.randomUUID(), name: fields.name, headline: fields.headline,
			emails: [...fields.emails], phones: fields.phones, links: [...fields.links], tags: [...new Set(fields.tags)], sources: [...fields.sources],
			origin, owner, followers: [owner], stage: stageId,
			stageChanges: [{ toStageId: stageId, toStageIndex: state.stages.indexOf(stage), updatedAt: now, userId: fields.createdBy }],
			applications: [{ id: crypto.randomUUID(), type: posting ? 'posting' : 'user', posting: fields.postingId, createdAt: now }],
			archived: null, createdAt: now, updatedAt: now, lastAdvancedAt: now, lastInteractionAt: now, notes: [],
		};
		for (const tag of opp.tags) state.tags.add(tag);
		state.opportunities.set(id, opp);
		return opp;
	}

	// ---- API routes ---------------------------------------------------------------------------------------

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
				const items = [...state.opportunities.values()]
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
					state.tags.add(tag);
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
				const reason = reasonId === null ? null : state.archiveReasons.find((r) => r.id === reasonId);
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
		{ method: 'GET', path: '/stages', handler: (req) => ({ status: 200, body: paginate(state.stages, req, (s) => ({ ...s })) }) },
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
				const items = state.postings.filter((p) => filters.every(([key, values]) => {
					const wanted = queryList(q, key);
					return !wanted.length || values(p).some((v) => wanted.includes(v));
				}));
				return { status: 200, body: paginate(items, req, renderPosting) };
			},
		},
		{
			method: 'GET', path: '/postings/:id', handler: (req) => {
				const posting = state.postings.find((p) => p.id === req.params.id);
				if (!posting) throw new HttpError(404, `Posting ${req.params.id} not found`);
				return { status: 200, body: { data: renderPosting(posting) } };
			},
		},
		{
			method: 'GET', path: '/users', handler: (req) => {
				const emails = queryList(req.query, 'email').map((e) => e.toLowerCase());
				const items = state.users.filter((u) => !emails.length || emails.includes(u.email.toLowerCase()));
				return { status: 200, body: paginate(items, req, (u) => ({ ...u })) };
			},
		},
		{
			method: 'GET', path: '/users/:id', handler: (req) => {
				const found = state.users.find((u) => u.id === req.params.id);
				if (!found) throw new HttpError(404, `User ${req.params.id} not found`);
				return { status: 200, body: { data: { ...found } } };
			},
		},
		{
			method: 'GET', path: '/tags', handler: (req) => {
				const opps = [...state.opportunities.values()];
				const items = [...state.tags].sort().map((text) => ({ id: text, text, count: opps.filter((o) => o.tags.includes(text)).length }));
				return { status: 200, body: paginate(items, req, ({ text, count }) => ({ text, count })) };
			},
		},
		{ method: 'GET', path: '/archive_reasons', handler: (req) => ({ status: 200, body: paginate(state.archiveReasons, req, (r) => ({ ...r })) }) },
		{
			method: 'GET', path: '/webhooks', handler: () => ({
				status: 200,
				body: { data: [...state.webhooks.values()].map((h) => renderWebhook(h, false)) },
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
				state.webhooks.set(hook.id, hook);
				return { status: 201, body: { data: renderWebhook(hook, true) } };
			},
		},
		{
			method: 'DELETE', path: '/webhooks/:id', handler: (req) => {
				if (!state.webhooks.delete(req.params.id)) throw new HttpError(404, `Webhook ${req.params.id} not found`);
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

	/** @param {Webhook} h @param {boolean} withToken */
	function renderWebhook(h, withToken) {
		const { conditions, signatureToken } = h.configuration;
		return {
			id: h.id, event: h.event, url: h.url,
			configuration: withToken ? { conditions, signatureToken } : { conditions },
			createdAt: h.createdAt, updatedAt: h.updatedAt,
		};
	}

	// ---- control routes (/_control/lever/...) ---------------------------------------------------------

	/** @type {Route[]} */
	const controlRoutes = [
		{
			method: 'POST', path: '/opportunities', handler: async (req) => {
				const body = objectBody(req.body);
				if (typeof body.name !== 'string' || !body.name) throw new HttpError(400, 'name is required');
				if (typeof body.email !== 'string' || !EMAIL.test(body.email)) throw new HttpError(400, 'a valid email is required');
				const opp = addOpportunity({
					name: body.name, emails: [body.email],
					phones: typeof body.phone === 'string' ? [{ type: 'mobile', value: body.phone }] : [],
					headline: typeof body.headline === 'string' ? body.headline : '',
					postingId: body.postingId === undefined || body.postingId === null ? null : String(body.postingId),
					stageId: body.stageId === undefined ? undefined : String(body.stageId),
					tags: body.tags === undefined ? [] : tagList(body.tags),
					sources: ['Sandbox'], links: [],
					origin: body.origin === undefined ? undefined : String(body.origin),
					id: body.id === undefined ? undefined : String(body.id),
					createdAt: typeof body.createdAt === 'number' ? body.createdAt : undefined,
					createdBy: null,
				});
				await fire('applicationCreated', { applicationId: opp.applications[0].id, ...eventIds(opp) }, { opportunity: opp });
				return { status: 201, body: renderOpportunity(opp, new Set()) };
			},
		},
		{ method: 'GET', path: '/opportunities', handler: () => ({ status: 200, body: [...state.opportunities.values()].map(fullOpportunity) }) },
		{ method: 'GET', path: '/opportunities/:id', handler: (req) => ({ status: 200, body: fullOpportunity(opportunity(req.params.id)) }) },
		{
			method: 'POST', path: '/opportunities/:id/stage', handler: async (req) => {
				const opp = opportunity(req.params.id);
				const body = objectBody(req.body);
				if (typeof body.stageId !== 'string') throw new HttpError(400, 'stageId is required');
				const userId = body.performAs === undefined ? null : String(body.performAs);
				const deliveries = await outcomes(moveStage(opp, body.stageId, userId, body.hired === true));
				return { status: 200, body: { opportunity: renderOpportunity(opp, new Set()), deliveries } };
			},
		},
		{
			method: 'POST', path: '/deliver', handler: async (req) => {
				const body = objectBody(req.body);
				if (typeof body.event !== 'string') throw new HttpError(400, 'event is required');
				const data = body.data === undefined ? {} : body.data;
				if (!isObject(data)) throw new HttpError(400, 'data must be an object');
				const webhookId = body.webhookId === undefined ? undefined : String(body.webhookId);
				if (webhookId !== undefined && !state.webhooks.has(webhookId)) throw new HttpError(404, `webhook ${webhookId} not found`);
				const deliveries = await fire(body.event, data, {
					webhookId,
					token: typeof body.token === 'string' ? body.token : undefined,
					triggeredAt: typeof body.triggeredAt === 'number' ? body.triggeredAt : undefined,
					signature: typeof body.signature === 'string' ? body.signature : undefined,
				});
				return { status: 200, body: { deliveries } };
			},
		},
		{ method: 'GET', path: '/webhooks', handler: () => ({ status: 200, body: [...state.webhooks.values()].map((h) => renderWebhook(h, true)) }) },
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

module.exports = { name, prefix, SECRETS, SEED, EVENTS, signDelivery, createService };

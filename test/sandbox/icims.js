// @ts-check
'use strict';
/**
 * iCIMS simulator: in-memory state, seed data, API routes, control routes, event notifications.
 * Contract: docs/api/icims.md. API mounted at /icims (paths /customers/{customerId}/...,
 * tokens at /icims/oauth/token); control at /_control/icims.
 * Quirks kept: the daily call quota with x-ratelimit-* headers, search answers of ids only capped at
 * 1,000 (paged by id), optional search staleness, the PATCH that fails while a required field is
 * empty, OAuth token throttling, gzip and duplicate event notifications.
 */
const crypto = require('node:crypto');
const zlib = require('node:zlib');
const { HttpError, isLoopbackUrl, isObject, objectBody, queryOne } = require('./core');

/** @typedef {import('./core').ServiceContext} ServiceContext */
/** @typedef {import('./core').Service} Service */
/** @typedef {import('./core').Route} Route */
/** @typedef {import('./core').SandboxRequest} SandboxRequest */
/** @typedef {import('./core').DeliveryResult} DeliveryResult */

const name = 'icims';
const prefix = '/icims';

const CUSTOMER_ID = '4242';

const SECRETS = Object.freeze({
	/** the customer id in every API path (not secret, but part of the credential) */
	customerId: CUSTOMER_ID,
	/** HTTP Basic of the integration user */
	username: 'sim-icims-api-user',
	password: 'sim-icims-api-password',
	/** OAuth 2.0 client credentials, exchanged at POST /icims/oauth/token */
	clientId: 'sim-icims-client-id',
	clientSecret: 'sim-icims-client-secret',
	audience: 'https://api.icims.com/v1/',
	/** what event notifications send as HTTP Basic, unless a subscription says otherwise */
	webhookUsername: 'sim-icims-events',
	webhookPassword: 'sim-icims-events-password',
});

const SEED = Object.freeze({
	customerId: CUSTOMER_ID,
	statuses: Object.freeze({
		newSubmission: 'C2001',
		phoneScreen: 'C2002',
		videoInterview: 'C36951',
		offer: 'C2004',
		hired: 'C2005',
		rejected: 'C2006',
	}),
	assessmentNames: Object.freeze({ wepowVideoInterview: 'D37001001', wecpCodingTest: 'D37001002' }),
	assessmentStatuses: Object.freeze({ sent: 'D37002019003', inProgress: 'D37002019002', complete: 'D37002019001' }),
	jobs: Object.freeze({ backendEngineer: '1001', dataAnalyst: '1002' }),
	people: Object.freeze({ janeDoe: '2001', samLee: '2002', alexKim: '2003' }),
	/** alexAnalyst has an empty required field (source): a status PATCH without it fails */
	workflows: Object.freeze({ janeBackend: '3001', samBackend: '3002', alexAnalyst: '3003' }),
	users: Object.freeze({ recruiter: '1501', hiringManager: '1502' }),
});

const EVENTS = Object.freeze(['WorkFlowStatusChangeEvent']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ICIMS_DATE = /^(\d{4})-(\d{2})-(\d{2}) (0[1-9]|1[0-2]):([0-5]\d) (AM|PM)$/i;
const RESULT_FIELDS = Object.freeze(['assessmentname', 'assessmentstatus', 'assessmentscore', 'assessmentresult', 'assessmentnotes', 'assessmentdate', 'assessmenturl']);
const CUSTOM_FIELD = /^field\d+$/;
const SEARCH_CAP = 1000;
const TOKEN_LIMIT = 500;
const TOKEN_WINDOW_MS = 10 * 60_000;
const DEFAULT_COPIES = 2;

/** @param {number} ms */
function icimsDate(ms) {
	const d = new Date(ms);
	const h = d.getUTCHours();
	const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(h % 12 === 0 ? 12 : h % 12)}:${pad(d.getUTCMinutes())} ${h < 12 ? 'AM' : 'PM'}`;
}

/** iCIMS' "yyyy-mm-dd hh:mm AM" (UTC) or ISO, as epoch ms; NaN otherwise. @param {unknown} value */
function parseDate(value) {
	if (typeof value !== 'string') return NaN;
	const m = ICIMS_DATE.exec(value.trim());
	if (m) {
		const hours = (Number(m[4]) % 12) + (m[6].toUpperCase() === 'PM' ? 12 : 0);
		return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), hours, Number(m[5]));
	}
	return /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN;
}

/**
 * The Authorization header iCIMS sends to the event receiver.
 * @param {string} username @param {string} password
 */
function basicAuth(username, password) {
	return 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
}

/** @typedef {{ id: string, value: string }} ListValue */
/** @typedef {{ id: string, firstname: string, lastname: string, email: string, phone: string | null }} Person */
/** @typedef {{ id: string, jobtitle: string, jobid: string, folder: ListValue, location: string, hiringmanager: string, recruiter: string }} Job */
/**
 * @typedef {Object} ResultEntry
 * @property {number} entry
 * @property {Record<string, unknown>} fields
 * @property {number} createdAt
 * @property {number} updatedAt
 */
/**
 * @typedef {Object} Workflow
 * @property {string} id
 * @property {string} personId
 * @property {string} jobId
 * @property {string} status
 * @property {string} source
 * @property {string[]} requiredFields   fields iCIMS insists on when they are empty
 * @property {Record<string, unknown>} fields  custom fields (field12345)
 * @property {ResultEntry[]} assessmentresults
 * @property {{ from: string, to: string, userId: string | null, at: number }[]} history
 * @property {number} createdAt
 * @property {number} updatedAt
 */
/**
 * What iCIMS staff configure on the Event Notifications page.
 * @typedef {{ id: string, url: string, username: string, password: string, encoding: 'gzip' | 'gzip-raw' | 'none', copies: number, createdAt: number }} Subscription
 */
/**
 * @typedef {Object} IcimsState
 * @property {ListValue[]} statuses
 * @property {ListValue[]} assessmentNames
 * @property {ListValue[]} assessmentStatuses
 * @property {{ id: string, name: string }[]} users
 * @property {Map<string, Person>} people
 * @property {Map<string, Job>} jobs
 * @property {Map<string, Workflow>} workflows
 * @property {Map<string, Subscription>} subscriptions
 * @property {{ limit: number, used: number }} quota
 * @property {Map<string, number>} tokens          access token → expiry (epoch ms)
 * @property {number[]} tokenRequests              times of token requests
 * @property {number} stalenessSeconds             search cache age (0: off)
 * @property {Map<string, { at: number, ids: string[] }>} searchCache
 * @property {{ person: number, workflow: number, entry: number }} next
 */

/** @returns {IcimsState} */
function seedState() {
	const t0 = Date.UTC(2026, 0, 5, 9, 0, 0);
	const s = SEED.statuses;
	/** @type {[string, string, string, string, string | null][]} */
	const people = [
		[SEED.people.janeDoe, 'Jane', 'Doe', 'jane.doe@example.org', '+14155550101'],
		[SEED.people.samLee, 'Sam', 'Lee', 'sam.lee@example.org', '+14155550102'],
		[SEED.people.alexKim, 'Alex', 'Kim', 'alex.kim@example.org', null],
		// iCIMS users (a job's recruiter and hiring manager) are person profiles too: /people/<user id>.
		[SEED.users.recruiter, 'Riley', 'Recruiter', 'riley.recruiter@example.org', null],
		[SEED.users.hiringManager, 'Harper', 'Hiring-Manager', 'harper.manager@example.org', null],
	];
	/** @param {string} id @param {string} personId @param {string} jobId @param {string} status @param {string} source @param {string[]} requiredFields @returns {Workflow} */
	const workflow = (id, personId, jobId, status, source, requiredFields) => ({
		id, personId, jobId, status, source, requiredFields, fields: {}, assessmentresults: [], history: [], createdAt: t0, updatedAt: t0,
	});
	return {
		statuses: [
			{ id: s.newSubmission, value: 'New Submission' },
			{ id: s.phoneScreen, value: 'Phone Screen' },
			{ id: s.videoInterview, value: 'Video Interview' },
			{ id: s.offer, value: 'Offer' },
			{ id: s.hired, value: 'Hired' },
			{ id: s.rejected, value: 'Rejected' },
		],
		assessmentNames: [
			{ id: SEED.assessmentNames.wepowVideoInterview, value: 'Wepow Video Interview' },
			{ id: SEED.assessmentNames.wecpCodingTest, value: 'WeCP Coding Test' },
		],
		assessmentStatuses: [
			{ id: SEED.assessmentStatuses.sent, value: 'Sent' },
			{ id: SEED.assessmentStatuses.inProgress, value: 'In Progress' },
			{ id: SEED.assessmentStatuses.complete, value: 'Complete' },
		],
		users: [
			{ id: SEED.users.recruiter, name: 'Riley Recruiter' },
			{ id: SEED.users.hiringManager, name: 'Harper Hiring-Manager' },
		],
		people: new Map(people.map(([id, firstname, lastname, email, phone]) => [id, { id, firstname, lastname, email, phone }])),
		jobs: new Map([
			[SEED.jobs.backendEngineer, {
				id: SEED.jobs.backendEngineer, jobtitle: 'Senior Backend Engineer', jobid: '2026-1001', folder: { id: 'D31001', value: 'Approved' },
				location: 'Remote', hiringmanager: SEED.users.hiringManager, recruiter: SEED.users.recruiter,
			}],
			[SEED.jobs.dataAnalyst, {
				id: SEED.jobs.dataAnalyst, jobtitle: 'Data Analyst', jobid: '2026-1002', folder: { id: 'D31001', value: 'Approved' },
				location: 'Berlin', hiringmanager: SEED.users.hiringManager, recruiter: SEED.users.recruiter,
			}],
		]),
		workflows: new Map([
			[SEED.workflows.janeBackend, workflow(SEED.workflows.janeBackend, SEED.people.janeDoe, SEED.jobs.backendEngineer, s.phoneScreen, 'Company Website', [])],
			[SEED.workflows.samBackend, workflow(SEED.workflows.samBackend, SEED.people.samLee, SEED.jobs.backendEngineer, s.newSubmission, 'Referral', [])],
			[SEED.workflows.alexAnalyst, workflow(SEED.workflows.alexAnalyst, SEED.people.alexKim, SEED.jobs.dataAnalyst, s.newSubmission, '', ['source'])],
		]),
		subscriptions: new Map(),
		quota: { limit: 10_000, used: 0 },
		tokens: new Map(),
		tokenRequests: [],
		stalenessSeconds: 0,
		searchCache: new Map(),
		next: { person: 2100, workflow: 3100, entry: 5001 },
	};
}

/** @param {ServiceContext} ctx @returns {Service & { state: IcimsState }} */
function createService(ctx) {
	let state = seedState();

	// ---- helpers ------------------------------------------------------------------------------------

	/** @param {number} status @param {string} message */
	function errorBody(status, message) {
		/** @type {Record<number, number>} */
		const codes = { 400: 6, 401: 4, 403: 3, 404: 2, 405: 7, 413: 6, 429: 8 };
		return { errors: [{ errorMessage: message, errorCode: codes[status] ?? 1 }] };
	}

	function secondsToReset() {
		const now = Date.now();
		const midnight = new Date(now);
		midnight.setUTCHours(24, 0, 0, 0);
		return Math.ceil((midnight.getTime() - now) / 1000);
	}

	function quotaHeaders() {
		return {
			'x-ratelimit-limit': String(state.quota.limit),
			'x-ratelimit-remaining': String(Math.max(0, state.quota.limit - state.quota.used)),
			'x-ratelimit-reset': String(secondsToReset()),
		};
	}

	/** @param {SandboxRequest} req */
	function authenticate(req) {
		if (req.path === '/oauth/token') return;
		const header = req.headers.authorization ?? '';
		const basic = /^Basic\s+(\S+)$/i.exec(header);
		const bearer = /^Bearer\s+(\S+)$/i.exec(header);
		if (basic) {
			const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
			const colon = decoded.indexOf(':');
			if (colon < 0 || decoded.slice(0, colon) !== SECRETS.username || decoded.slice(colon + 1) !== SECRETS.password) {
				throw new HttpError(401, 'Invalid username or password');
			}
		} else if (bearer) {
			const expiresAt = state.tokens.get(bearer[1]);
			if (expiresAt === undefined || expiresAt <= Date.now()) throw new HttpError(401, 'The access token is invalid or has expired');
		} else {
			throw new HttpError(401, 'Authentication required: HTTP Basic or a Bearer token');
		}
		const customer = /^\/customers\/([^/]+)(\/|$)/.exec(req.path);
		if (!customer) throw new HttpError(404, `Not found: ${req.path}`);
		if (decodeURIComponent(customer[1]) !== SEED.customerId) throw new HttpError(403, `Not authorized for customer ${customer[1]}`);
		if (state.quota.used >= state.quota.limit) {
			throw new HttpError(429, 'The daily API call limit for this customer has been reached', { headers: quotaHeaders() });
		}
		state.quota.used++;
	}

	/** Every API answer carries the quota headers, errors included. @param {import('./core').Handler} handler @returns {import('./core').Handler} */
	function withQuota(handler) {
		return async (req) => {
			try {
				const response = await handler(req);
				return { ...response, headers: { ...quotaHeaders(), ...(response.headers ?? {}) } };
			} catch (err) {
				if (err instanceof HttpError) err.headers = { ...quotaHeaders(), ...(err.headers ?? {}) };
				throw err;
			}
		};
	}

	/** @param {string} path */
	function apiUrl(path) {
		return `${ctx.serverUrl()}${prefix}/customers/${SEED.customerId}${path}`;
	}

	/** @param {string} id */
	function workflowOf(id) {
		const found = state.workflows.get(id);
		if (!found) throw new HttpError(404, `Applicant workflow ${id} not found`);
		return found;
	}

	/** @param {ListValue[]} list @param {unknown} ref @param {string} field */
	function listRef(list, ref, field) {
		const id = isObject(ref) ? ref.id : undefined;
		if (typeof id !== 'string' && typeof id !== 'number') throw new HttpError(400, `Field '${field}' must be an object with an id`);
		const value = list.find((item) => item.id === String(id));
		if (!value) throw new HttpError(400, `Field '${field}': ${String(id)} is not a value of its list`);
		return value;
	}

	/** @param {SandboxRequest} req @returns {string[] | null} the requested fields, or null for the default set */
	function requestedFields(req) {
		const fields = queryOne(req.query, 'fields');
		if (fields === undefined || fields.trim() === '') return null;
		const names = fields.split(',').map((f) => f.trim()).filter(Boolean);
		const bad = names.find((f) => !/^[a-z0-9_]+$/.test(f));
		if (bad !== undefined) throw new HttpError(400, `Invalid field name: ${bad}`);
		return names;
	}

	/** @param {Record<string, unknown>} all @param {string[] | null} fields @param {string[]} defaults */
	function pick(all, fields, defaults) {
		/** @type {Record<string, unknown>} */
		const out = {};
		for (const key of fields ?? defaults) if (all[key] !== undefined) out[key] = all[key];
		return out;
	}

	/** @param {Person} p */
	function renderPersonAll(p) {
		return {
			firstname: p.firstname, lastname: p.lastname, email: p.email,
			phones: p.phone ? [{ entry: Number(p.id) * 10 + 1, phonetype: { id: 'D84002', value: 'Home', formattedvalue: 'Home' }, phonenumber: p.phone }] : [],
		};
	}

	/** @param {Job} j */
	function renderJobAll(j) {
		/** @param {string} id */
		const user = (id) => ({ id: Number(id), value: state.users.find((u) => u.id === id)?.name ?? '', profile: apiUrl(`/people/${id}`) });
		return {
			jobtitle: j.jobtitle, jobid: j.jobid, folder: { ...j.folder, formattedvalue: j.folder.value },
			joblocation: { id: 5, value: j.location }, hiringmanager: user(j.hiringmanager), recruiter: user(j.recruiter),
		};
	}

	/** @param {ResultEntry} e */
	function renderEntry(e) {
		/** @type {Record<string, unknown>} */
		const out = { entry: e.entry };
		for (const [key, value] of Object.entries(e.fields)) {
			if (key === 'assessmentname') out[key] = { ...listRef(state.assessmentNames, value, key) };
			else if (key === 'assessmentstatus') out[key] = { ...listRef(state.assessmentStatuses, value, key) };
			else out[key] = value;
		}
		return out;
	}

	/** @param {Workflow} w */
	function renderWorkflowAll(w) {
		const person = state.people.get(w.personId);
		const job = state.jobs.get(w.jobId);
		const status = state.statuses.find((st) => st.id === w.status);
		return {
			associatedprofile: { id: Number(w.personId), value: person ? `${person.lastname}, ${person.firstname}` : '', profile: apiUrl(`/people/${w.personId}`) },
			baseprofile: { id: Number(w.jobId), value: job ? job.jobtitle : '', profile: apiUrl(`/jobs/${w.jobId}`) },
			status: status ? { id: status.id, value: status.value, formattedvalue: status.value } : { id: w.status },
			source: w.source,
			createddate: icimsDate(w.createdAt),
			updateddate: icimsDate(w.updatedAt),
			assessmentresults: w.assessmentresults.map(renderEntry),
			...w.fields,
		};
	}

	/** @param {string} kind @param {string} id */
	function links(kind, id) {
		return [{ title: 'The current profile being viewed.', rel: 'self', url: apiUrl(`/${kind}/${id}`) }];
	}

	/** The control view of a workflow: everything, with ids as strings. @param {Workflow} w */
	function fullWorkflow(w) {
		return {
			id: w.id, personId: w.personId, jobId: w.jobId, status: { ...(state.statuses.find((st) => st.id === w.status) ?? { id: w.status, value: '' }) },
			source: w.source, requiredFields: [...w.requiredFields], fields: { ...w.fields },
			assessmentresults: w.assessmentresults.map(renderEntry), history: w.history.map((h) => ({ ...h })),
			createdAt: new Date(w.createdAt).toISOString(), updatedAt: new Date(w.updatedAt).toISOString(),
		};
	}

	/** @param {unknown} url */
	function assertLoopback(url) {
		if (!isLoopbackUrl(url)) throw new HttpError(400, 'url must be an http(s) URL on a loopback host (127.x, localhost, ::1) in the simulator');
	}

	// ---- event notifications out --------------------------------------------------------------------

	/** @param {Workflow} w @param {string} oldStatus @param {string} newStatus @param {string | null} userId */
	function statusChangeBody(w, oldStatus, newStatus, userId) {
		return {
			customerId: SEED.customerId,
			eventType: 'WorkFlowStatusChangeEvent',
			systemId: w.id,
			userId: userId ?? SEED.users.recruiter,
			personId: w.personId,
			jobId: w.jobId,
			oldStatus,
			newStatus,
			links: [
				{ rel: 'applicantWorkflow', title: 'Applicant Workflow Profile', url: apiUrl(`/applicantworkflows/${w.id}`) },
				{ rel: 'job', title: 'Job Profile', url: apiUrl(`/jobs/${w.jobId}`) },
				{ rel: 'person', title: 'Person Profile', url: apiUrl(`/people/${w.personId}`) },
				{ rel: 'user', title: 'User Profile', url: apiUrl(`/people/${userId ?? SEED.users.recruiter}`) },
			],
		};
	}

	/**
	 * Posts an event to every subscription (or one), `copies` times each, as iCIMS does.
	 * @param {unknown} payload the body (object, or a string sent as is)
	 * @param {{ subscriptionId?: string, copies?: number, encoding?: Subscription['encoding'], auth?: { username: string, password: string } | null, concurrent?: boolean }} [options]
	 * @returns {Promise<DeliveryResult[]>}
	 */
	async function notify(payload, options = {}) {
		const subs = [...state.subscriptions.values()].filter((sub) => !options.subscriptionId || sub.id === options.subscriptionId);
		/** @type {DeliveryResult[]} */
		const results = [];
		for (const sub of subs) {
			const copies = options.copies ?? sub.copies;
			const encoding = options.encoding ?? sub.encoding;
			const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
			/** @type {Record<string, string>} */
			const headers = { 'user-agent': 'iCIMS-Event-Notifications' };
			const auth = options.auth === undefined ? { username: sub.username, password: sub.password } : options.auth;
			if (auth) headers.authorization = basicAuth(auth.username, auth.password);
			/** @type {any} a Buffer when compressed: the core sends it byte for byte */
			let rawBody = text;
			if (encoding === 'gzip') {
				rawBody = zlib.gzipSync(text);
				headers['content-encoding'] = 'gzip';
			} else if (encoding === 'gzip-raw') {
				rawBody = zlib.gzipSync(text);
				headers['content-type'] = 'application/octet-stream';
			}
			const event = isObject(payload) && typeof payload.eventType === 'string' ? payload.eventType : 'raw';
			const send = () => ctx.deliver({ service: name, event, webhookId: sub.id, url: sub.url, headers, payload, rawBody });
			if (options.concurrent) {
				results.push(...(await Promise.all(Array.from({ length: copies }, send))));
			} else {
				for (let copy = 0; copy < copies; copy++) results.push(await send());
			}
		}
		return results;
	}

	/**
	 * @param {Workflow} w @param {string} statusId @param {string | null} userId
	 * @returns {{ changed: boolean, body: ReturnType<typeof statusChangeBody> | null }}
	 */
	function moveStatus(w, statusId, userId) {
		if (!state.statuses.some((st) => st.id === statusId)) throw new HttpError(400, `Field 'status': ${statusId} is not a value of its list`);
		if (w.status === statusId) return { changed: false, body: null };
		const from = w.status;
		const now = Date.now();
		w.status = statusId;
		w.updatedAt = now;
		w.history.push({ from, to: statusId, userId, at: now });
		return { changed: true, body: statusChangeBody(w, from, statusId, userId) };
	}

	// ---- search ---------------------------------------------------------------------------------------

	/** @param {Workflow} w @param {Record<string, unknown>} filter */
	function matches(w, filter) {
		const fieldName = String(filter.name);
		const operator = filter.operator === undefined ? '=' : String(filter.operator);
		const values = Array.isArray(filter.value) ? filter.value.map(String) : [];
		if (values.length === 0) throw new HttpError(400, `Search filter ${fieldName} needs a value`);
		if (!['=', '!=', '>', '>=', '<', '<='].includes(operator)) throw new HttpError(400, `Unknown search operator ${operator}`);
		/** @param {number} a @param {number} b */
		const compare = (a, b) => operator === '=' ? a === b : operator === '!=' ? a !== b : operator === '>' ? a > b : operator === '>=' ? a >= b : operator === '<' ? a < b : a <= b;
		/** @param {string} actual */
		const textMatch = (actual) => {
			if (operator === '=') return values.includes(actual);
			if (operator === '!=') return !values.includes(actual);
			throw new HttpError(400, `Operator ${operator} is not valid for ${fieldName}`);
		};
		switch (fieldName) {
			case 'applicantworkflow.id':
				return values.some((v) => compare(Number(w.id), Number(v)));
			case 'applicantworkflow.status':
				return textMatch(w.status);
			case 'applicantworkflow.job.id':
				return textMatch(w.jobId);
			case 'applicantworkflow.person.id':
				return textMatch(w.personId);
			case 'applicantworkflow.person.email': {
				const email = (state.people.get(w.personId)?.email ?? '').toLowerCase();
				return operator === '=' ? values.some((v) => v.toLowerCase() === email) : textMatch(email);
			}
			case 'applicantworkflow.updateddate':
				return values.some((v) => {
					const when = parseDate(v);
					if (Number.isNaN(when)) throw new HttpError(400, `Search value ${v} is not a date (yyyy-mm-dd hh:mm AM)`);
					// iCIMS keeps minutes: compare at that precision.
					return compare(Math.floor(w.updatedAt / 60_000) * 60_000, when);
				});
			default:
				throw new HttpError(400, `Unknown search filter ${fieldName}`);
		}
	}

	/** @param {unknown} search */
	function runSearch(search) {
		const body = objectBody(search);
		const filters = body.filters === undefined ? [] : body.filters;
		if (!Array.isArray(filters) || !filters.every(isObject)) throw new HttpError(400, 'filters must be an array of { name, value, operator }');
		const operator = body.operator === undefined ? '&' : String(body.operator);
		if (operator !== '&' && operator !== '|') throw new HttpError(400, 'operator must be & or |');
		const key = JSON.stringify({ filters, operator });
		const cached = state.searchCache.get(key);
		const now = Date.now();
		let ids;
		if (cached && state.stalenessSeconds > 0 && now - cached.at < state.stalenessSeconds * 1000) {
			ids = cached.ids;
		} else {
			ids = [...state.workflows.values()]
				.filter((w) => filters.length === 0 || (operator === '&'
					? filters.every((f) => matches(w, /** @type {Record<string, unknown>} */ (f)))
					: filters.some((f) => matches(w, /** @type {Record<string, unknown>} */ (f)))))
				.map((w) => w.id)
				.sort((a, b) => Number(a) - Number(b))
				.slice(0, SEARCH_CAP);
			state.searchCache.set(key, { at: now, ids });
		}
		return { searchResults: ids.map((id) => ({ id: Number(id), self: apiUrl(`/applicantworkflows/${id}`) })) };
	}

	// ---- writes -----------------------------------------------------------------------------------------

	/** @param {Record<string, unknown>} body @returns {Record<string, unknown>} the checked entry fields */
	function resultFields(body) {
		/** @type {Record<string, unknown>} */
		const fields = {};
		for (const [key, value] of Object.entries(body)) {
			if (!RESULT_FIELDS.includes(key)) throw new HttpError(400, `Field '${key}' is not a field of assessmentresults`);
			if (key === 'assessmentname') fields[key] = { id: listRef(state.assessmentNames, value, key).id };
			else if (key === 'assessmentstatus') fields[key] = { id: listRef(state.assessmentStatuses, value, key).id };
			else if (key === 'assessmentscore') {
				if (typeof value !== 'number' || !Number.isFinite(value)) throw new HttpError(400, `Field '${key}' must be a decimal number`);
				fields[key] = value;
			} else if (key === 'assessmentdate') {
				if (typeof value !== 'string' || !ICIMS_DATE.test(value)) throw new HttpError(400, `Field '${key}' must be a date in the form yyyy-mm-dd hh:mm AM`);
				fields[key] = value;
			} else {
				const max = key === 'assessmentresult' ? 128 : key === 'assessmentnotes' ? 192 : 2000;
				if (typeof value !== 'string' || value.length > max) throw new HttpError(400, `Field '${key}' must be text of at most ${max} characters`);
				fields[key] = value;
			}
		}
		return fields;
	}

	// ---- API routes ---------------------------------------------------------------------------------------

	const c = '/customers/:customerId';

	/** @type {Route[]} */
	const apiRoutes = [
		{
			method: 'GET', path: `${c}/applicantworkflows/:id`, handler: (req) => {
				const w = workflowOf(req.params.id);
				const all = renderWorkflowAll(w);
				const body = pick(all, requestedFields(req), ['associatedprofile', 'baseprofile', 'status', 'source', 'updateddate']);
				return { status: 200, body: { ...body, links: links('applicantworkflows', w.id) } };
			},
		},
		{
			method: 'PATCH', path: `${c}/applicantworkflows/:id`, handler: (req) => {
				const w = workflowOf(req.params.id);
				const body = objectBody(req.body);
				for (const key of Object.keys(body)) {
					if (key !== 'status' && key !== 'source' && !CUSTOM_FIELD.test(key)) throw new HttpError(400, `Field '${key}' cannot be updated on applicantworkflows`);
				}
				for (const required of w.requiredFields) {
					const current = required === 'source' ? w.source : w.fields[required];
					if ((current === undefined || current === '') && (body[required] === undefined || body[required] === '')) {
						throw new HttpError(400, `Field '${required}' is required and has no value; send it with this update`);
					}
				}
				let statusId;
				if (body.status !== undefined) statusId = listRef(state.statuses, body.status, 'status').id;
				if (body.source !== undefined) {
					if (typeof body.source !== 'string') throw new HttpError(400, "Field 'source' must be text");
					w.source = body.source;
				}
				for (const [key, value] of Object.entries(body)) if (CUSTOM_FIELD.test(key)) w.fields[key] = value;
				w.updatedAt = Date.now();
				if (statusId !== undefined) {
					const moved = moveStatus(w, statusId, null);
					if (moved.body) void notify(moved.body); // notifications go out in the background, as with iCIMS
				}
				return { status: 204 };
			},
		},
		{
			method: 'POST', path: `${c}/applicantworkflows/:id/fields/assessmentresults`, handler: (req) => {
				const w = workflowOf(req.params.id);
				const fields = resultFields(objectBody(req.body));
				const now = Date.now();
				const entry = state.next.entry++;
				w.assessmentresults.push({ entry, fields, createdAt: now, updatedAt: now });
				w.updatedAt = now;
				return { status: 201, headers: { location: apiUrl(`/applicantworkflows/${w.id}/fields/assessmentresults/${entry}`) } };
			},
		},
		{
			method: 'PATCH', path: `${c}/applicantworkflows/:id/fields/assessmentresults/:entry`, handler: (req) => {
				const w = workflowOf(req.params.id);
				const found = w.assessmentresults.find((e) => String(e.entry) === req.params.entry);
				if (!found) throw new HttpError(404, `Entry ${req.params.entry} of assessmentresults not found`);
				Object.assign(found.fields, resultFields(objectBody(req.body)));
				found.updatedAt = Date.now();
				w.updatedAt = found.updatedAt;
				return { status: 204 };
			},
		},
		{
			method: 'GET', path: `${c}/people/:id`, handler: (req) => {
				const p = state.people.get(req.params.id);
				if (!p) throw new HttpError(404, `Person ${req.params.id} not found`);
				const body = pick(renderPersonAll(p), requestedFields(req), ['firstname', 'lastname', 'email']);
				return { status: 200, body: { ...body, links: links('people', p.id) } };
			},
		},
		{
			method: 'GET', path: `${c}/jobs/:id`, handler: (req) => {
				const j = state.jobs.get(req.params.id);
				if (!j) throw new HttpError(404, `Job ${req.params.id} not found`);
				const body = pick(renderJobAll(j), requestedFields(req), ['jobtitle', 'jobid', 'folder']);
				return { status: 200, body: { ...body, links: links('jobs', j.id) } };
			},
		},
		{ method: 'POST', path: `${c}/search/applicantworkflows`, handler: (req) => ({ status: 200, body: runSearch(req.body) }) },
		{
			method: 'GET', path: `${c}/search/applicantworkflows`, handler: (req) => {
				const text = queryOne(req.query, 'searchJson');
				let search = {};
				if (text !== undefined) {
					try {
						search = JSON.parse(text);
					} catch {
						throw new HttpError(400, 'searchJson is not valid JSON');
					}
				}
				return { status: 200, body: runSearch(search) };
			},
		},
	];

	/** @type {Route[]} */
	const routes = [
		{
			method: 'POST', path: '/oauth/token', handler: (req) => {
				const body = typeof req.body === 'string' ? Object.fromEntries(new URLSearchParams(req.body)) : objectBody(req.body);
				const now = Date.now();
				state.tokenRequests = state.tokenRequests.filter((at) => now - at < TOKEN_WINDOW_MS);
				if (state.tokenRequests.length >= TOKEN_LIMIT) {
					return { status: 429, body: { error: 'too_many_requests', error_description: 'More than 500 token requests in 10 minutes: cache the token' } };
				}
				state.tokenRequests.push(now);
				if (body.grant_type !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials' } };
				if (body.client_id !== SECRETS.clientId || body.client_secret !== SECRETS.clientSecret) {
					return { status: 401, body: { error: 'access_denied', error_description: 'Unauthorized' } };
				}
				if (body.audience !== SECRETS.audience) return { status: 403, body: { error: 'access_denied', error_description: `Service not enabled within domain: ${String(body.audience)}` } };
				const token = crypto.randomBytes(24).toString('base64url');
				const expiresIn = 86_400;
				state.tokens.set(token, now + expiresIn * 1000);
				return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: expiresIn } };
			},
		},
		...apiRoutes.map((route) => ({ ...route, handler: withQuota(route.handler) })),
	];

	// ---- control routes (/_control/icims/...) ---------------------------------------------------------

	/** @param {Record<string, unknown>} body */
	function createPerson(body) {
		const { firstname, lastname, email } = body;
		if (typeof firstname !== 'string' || !firstname || typeof lastname !== 'string' || !lastname) throw new HttpError(400, 'firstname and lastname are required');
		if (typeof email !== 'string' || !EMAIL.test(email)) throw new HttpError(400, 'a valid email is required');
		const id = String(state.next.person++);
		/** @type {Person} */
		const person = { id, firstname, lastname, email, phone: typeof body.phone === 'string' ? body.phone : null };
		state.people.set(id, person);
		return person;
	}

	/** @param {Record<string, unknown>} body */
	function createWorkflow(body) {
		const personId = body.personId === undefined ? createPerson(body).id : String(body.personId);
		if (!state.people.has(personId)) throw new HttpError(400, `unknown personId ${personId}`);
		const jobId = body.jobId === undefined ? SEED.jobs.backendEngineer : String(body.jobId);
		if (!state.jobs.has(jobId)) throw new HttpError(400, `unknown jobId ${jobId}`);
		const status = body.statusId === undefined ? SEED.statuses.newSubmission : String(body.statusId);
		if (!state.statuses.some((st) => st.id === status)) throw new HttpError(400, `unknown statusId ${status}`);
		const now = Date.now();
		const id = String(state.next.workflow++);
		/** @type {Workflow} */
		const w = {
			id, personId, jobId, status, source: typeof body.source === 'string' ? body.source : 'Company Website',
			requiredFields: Array.isArray(body.requiredFields) ? body.requiredFields.map(String) : [], fields: {},
			assessmentresults: [], history: [], createdAt: now, updatedAt: now,
		};
		state.workflows.set(id, w);
		return w;
	}

	/** @param {Record<string, unknown>} body */
	function notifyOptions(body) {
		const copies = body.copies === undefined ? undefined : Number(body.copies);
		if (copies !== undefined && (!Number.isInteger(copies) || copies < 1 || copies > 10)) throw new HttpError(400, 'copies must be an integer from 1 to 10');
		const encoding = body.encoding === undefined ? undefined : String(body.encoding);
		if (encoding !== undefined && !['gzip', 'gzip-raw', 'none'].includes(encoding)) throw new HttpError(400, 'encoding must be gzip, gzip-raw or none');
		const subscriptionId = body.subscriptionId === undefined ? undefined : String(body.subscriptionId);
		if (subscriptionId !== undefined && !state.subscriptions.has(subscriptionId)) throw new HttpError(404, `subscription ${subscriptionId} not found`);
		/** @type {{ username: string, password: string } | null | undefined} */
		let auth;
		if (body.auth === null) auth = null;
		else if (isObject(body.auth)) auth = { username: String(body.auth.username ?? ''), password: String(body.auth.password ?? '') };
		return { copies, subscriptionId, auth, concurrent: body.concurrent === true, encoding: /** @type {Subscription['encoding'] | undefined} */ (encoding) };
	}

	/** @type {Route[]} */
	const controlRoutes = [
		{
			method: 'POST', path: '/subscriptions', handler: (req) => {
				const body = objectBody(req.body);
				assertLoopback(body.url);
				const options = notifyOptions(body);
				/** @type {Subscription} */
				const sub = {
					id: crypto.randomUUID(), url: String(body.url),
					username: typeof body.username === 'string' ? body.username : SECRETS.webhookUsername,
					password: typeof body.password === 'string' ? body.password : SECRETS.webhookPassword,
					encoding: options.encoding ?? 'gzip', copies: options.copies ?? DEFAULT_COPIES, createdAt: Date.now(),
				};
				state.subscriptions.set(sub.id, sub);
				return { status: 201, body: { ...sub } };
			},
		},
		{ method: 'GET', path: '/subscriptions', handler: () => ({ status: 200, body: [...state.subscriptions.values()].map((s) => ({ ...s })) }) },
		{
			method: 'DELETE', path: '/subscriptions/:id', handler: (req) => {
				if (!state.subscriptions.delete(req.params.id)) throw new HttpError(404, `subscription ${req.params.id} not found`);
				return { status: 200, body: { ok: true } };
			},
		},
		{ method: 'POST', path: '/people', handler: (req) => ({ status: 201, body: { ...createPerson(objectBody(req.body)) } }) },
		{ method: 'POST', path: '/applicantworkflows', handler: (req) => ({ status: 201, body: fullWorkflow(createWorkflow(objectBody(req.body))) }) },
		{
			method: 'POST', path: '/applicantworkflows/bulk', handler: (req) => {
				const body = objectBody(req.body);
				const count = body.count;
				if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 5000) throw new HttpError(400, 'count must be an integer from 1 to 5000');
				const prefixText = typeof body.emailPrefix === 'string' ? body.emailPrefix : 'bulk';
				const ids = [];
				for (let i = 0; i < count; i++) {
					ids.push(createWorkflow({
						firstname: 'Bulk', lastname: `Candidate ${i + 1}`, email: `${prefixText}.${state.next.person}@example.org`,
						jobId: body.jobId, statusId: body.statusId,
					}).id);
				}
				return { status: 201, body: { ids } };
			},
		},
		{ method: 'GET', path: '/applicantworkflows', handler: () => ({ status: 200, body: [...state.workflows.values()].map(fullWorkflow) }) },
		{ method: 'GET', path: '/applicantworkflows/:id', handler: (req) => ({ status: 200, body: fullWorkflow(workflowOf(req.params.id)) }) },
		{
			method: 'POST', path: '/applicantworkflows/:id/status', handler: async (req) => {
				const body = objectBody(req.body);
				if (typeof body.statusId !== 'string') throw new HttpError(400, 'statusId is required');
				const w = workflowOf(req.params.id);
				const moved = moveStatus(w, body.statusId, body.userId === undefined ? null : String(body.userId));
				const deliveries = moved.body ? await notify(moved.body, notifyOptions(body)) : [];
				return { status: 200, body: { workflow: fullWorkflow(w), changed: moved.changed, deliveries } };
			},
		},
		{
			method: 'POST', path: '/status/bulk', handler: async (req) => {
				const body = objectBody(req.body);
				if (typeof body.statusId !== 'string') throw new HttpError(400, 'statusId is required');
				if (!Array.isArray(body.workflowIds) || body.workflowIds.length === 0) throw new HttpError(400, 'workflowIds must be a non-empty array');
				const options = notifyOptions(body);
				const workflows = body.workflowIds.map((id) => workflowOf(String(id)));
				const moves = workflows.map((w) => moveStatus(w, String(body.statusId), body.userId === undefined ? null : String(body.userId)));
				// iCIMS notifies a bulk change one workflow at a time, in quick succession.
				const deliveries = (await Promise.all(moves.map((m) => (m.body ? notify(m.body, options) : [])))).flat();
				return { status: 200, body: { workflows: workflows.map(fullWorkflow), deliveries } };
			},
		},
		{
			method: 'POST', path: '/deliver', handler: async (req) => {
				const body = objectBody(req.body);
				let payload;
				if (typeof body.rawBody === 'string') payload = body.rawBody;
				else if (body.body !== undefined) payload = body.body;
				else {
					if (typeof body.workflowId !== 'string') throw new HttpError(400, 'give workflowId, body or rawBody');
					const w = workflowOf(body.workflowId);
					const newStatus = typeof body.newStatus === 'string' ? body.newStatus : w.status;
					const oldStatus = typeof body.oldStatus === 'string' ? body.oldStatus : w.history[w.history.length - 1]?.from ?? w.status;
					payload = statusChangeBody(w, oldStatus, newStatus, null);
				}
				const options = notifyOptions(body);
				return { status: 200, body: { deliveries: await notify(payload, { ...options, copies: options.copies ?? 1 }) } };
			},
		},
		{
			method: 'GET', path: '/quota', handler: () => ({
				status: 200, body: { ...state.quota, remaining: Math.max(0, state.quota.limit - state.quota.used), resetSeconds: secondsToReset() },
			}),
		},
		{
			method: 'POST', path: '/quota', handler: (req) => {
				const body = objectBody(req.body);
				for (const key of /** @type {const} */ (['limit', 'used'])) {
					if (body[key] === undefined) continue;
					const value = body[key];
					if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new HttpError(400, `${key} must be a non-negative integer`);
					state.quota[key] = value;
				}
				return { status: 200, body: { ...state.quota, remaining: Math.max(0, state.quota.limit - state.quota.used), resetSeconds: secondsToReset() } };
			},
		},
		{
			method: 'GET', path: '/oauth', handler: () => {
				const now = Date.now();
				return {
					status: 200,
					body: {
						tokenRequests: state.tokenRequests.length,
						activeTokens: [...state.tokens.values()].filter((expiresAt) => expiresAt > now).length,
					},
				};
			},
		},
		{
			method: 'POST', path: '/oauth/expire', handler: () => {
				for (const token of state.tokens.keys()) state.tokens.set(token, 0);
				return { status: 200, body: { ok: true } };
			},
		},
		{
			method: 'POST', path: '/search', handler: (req) => {
				const seconds = objectBody(req.body).stalenessSeconds;
				if (typeof seconds !== 'number' || seconds < 0) throw new HttpError(400, 'stalenessSeconds must be a non-negative number');
				state.stalenessSeconds = seconds;
				state.searchCache.clear();
				return { status: 200, body: { stalenessSeconds: seconds } };
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

module.exports = { name, prefix, SECRETS, SEED, EVENTS, basicAuth, icimsDate, createService };

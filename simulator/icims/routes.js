// @ts-check
'use strict';
/**
 * iCIMS simulator: the API routes (mounted under the prefix in seed.js).
 */
const crypto = require('node:crypto');
const { HttpError, isObject, objectBody, queryOne } = require('../shared/core');
const { ICIMS_DATE, RESULT_FIELDS, CUSTOM_FIELD, SEARCH_CAP, TOKEN_LIMIT, TOKEN_WINDOW_MS, icimsDate, parseDate } = require('./seed');
const { SECRETS } = require('./auth');

/** @typedef {import('../shared/core').ServiceContext} ServiceContext */
/** @typedef {import('../shared/core').Route} Route */
/** @typedef {import('../shared/core').SandboxRequest} SandboxRequest */
/** @typedef {import('./seed').Job} Job */
/** @typedef {import('./seed').Person} Person */
/** @typedef {import('./seed').Workflow} Workflow */

/**
 * @param {ServiceContext} ctx
 * @param {import('./seed').Store} store  the live state (replaced by reset)
 * @param {import('./model').Kit} kit  the helpers the routes share
 */
function createRoutes(ctx, store, kit) {
	const { withQuota, apiUrl, workflowOf, listRef, renderEntry, notify, moveStatus } = kit;

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
		const user = (id) => ({ id: Number(id), value: store.state.users.find((u) => u.id === id)?.name ?? '', profile: apiUrl(`/people/${id}`) });
		return {
			jobtitle: j.jobtitle, jobid: j.jobid, folder: { ...j.folder, formattedvalue: j.folder.value },
			joblocation: { id: 5, value: j.location }, hiringmanager: user(j.hiringmanager), recruiter: user(j.recruiter),
		};
	}

	/** @param {Workflow} w */
	function renderWorkflowAll(w) {
		const person = store.state.people.get(w.personId);
		const job = store.state.jobs.get(w.jobId);
		const status = store.state.statuses.find((st) => st.id === w.status);
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
				const email = (store.state.people.get(w.personId)?.email ?? '').toLowerCase();
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
		const cached = store.state.searchCache.get(key);
		const now = Date.now();
		let ids;
		if (cached && store.state.stalenessSeconds > 0 && now - cached.at < store.state.stalenessSeconds * 1000) {
			ids = cached.ids;
		} else {
			ids = [...store.state.workflows.values()]
				.filter((w) => filters.length === 0 || (operator === '&'
					? filters.every((f) => matches(w, /** @type {Record<string, unknown>} */ (f)))
					: filters.some((f) => matches(w, /** @type {Record<string, unknown>} */ (f)))))
				.map((w) => w.id)
				.sort((a, b) => Number(a) - Number(b))
				.slice(0, SEARCH_CAP);
			store.state.searchCache.set(key, { at: now, ids });
		}
		return { searchResults: ids.map((id) => ({ id: Number(id), self: apiUrl(`/applicantworkflows/${id}`) })) };
	}

	/** @param {Record<string, unknown>} body @returns {Record<string, unknown>} the checked entry fields */
	function resultFields(body) {
		/** @type {Record<string, unknown>} */
		const fields = {};
		for (const [key, value] of Object.entries(body)) {
			if (!RESULT_FIELDS.includes(key)) throw new HttpError(400, `Field '${key}' is not a field of assessmentresults`);
			if (key === 'assessmentname') fields[key] = { id: listRef(store.state.assessmentNames, value, key).id };
			else if (key === 'assessmentstatus') fields[key] = { id: listRef(store.state.assessmentStatuses, value, key).id };
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
				if (body.status !== undefined) statusId = listRef(store.state.statuses, body.status, 'status').id;
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
				const entry = store.state.next.entry++;
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
				const p = store.state.people.get(req.params.id);
				if (!p) throw new HttpError(404, `Person ${req.params.id} not found`);
				const body = pick(renderPersonAll(p), requestedFields(req), ['firstname', 'lastname', 'email']);
				return { status: 200, body: { ...body, links: links('people', p.id) } };
			},
		},
		{
			method: 'GET', path: `${c}/jobs/:id`, handler: (req) => {
				const j = store.state.jobs.get(req.params.id);
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
				store.state.tokenRequests = store.state.tokenRequests.filter((at) => now - at < TOKEN_WINDOW_MS);
				if (store.state.tokenRequests.length >= TOKEN_LIMIT) {
					return { status: 429, body: { error: 'too_many_requests', error_description: 'More than 500 token requests in 10 minutes: cache the token' } };
				}
				store.state.tokenRequests.push(now);
				if (body.grant_type !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials' } };
				if (body.client_id !== SECRETS.clientId || body.client_secret !== SECRETS.clientSecret) {
					return { status: 401, body: { error: 'access_denied', error_description: 'Unauthorized' } };
				}
				if (body.audience !== SECRETS.audience) return { status: 403, body: { error: 'access_denied', error_description: `Service not enabled within domain: ${String(body.audience)}` } };
				const token = crypto.randomBytes(24).toString('base64url');
				const expiresIn = 86_400;
				store.state.tokens.set(token, now + expiresIn * 1000);
				return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: expiresIn } };
			},
		},
		...apiRoutes.map((route) => ({ ...route, handler: withQuota(route.handler) })),
	];

	return routes;
}

module.exports = { createRoutes };

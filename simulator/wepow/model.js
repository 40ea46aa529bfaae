// @ts-check
'use strict';
/**
 * Wepow (HAL hypermedia API) simulator: the helpers its API and control routes share (lookups,
 * rendering, state changes, outgoing webhooks).
 */
const { HttpError, isObject, randomHex } = require('../shared/core');
const { name, prefix, STATUSES, EVALUATIONS, EMAIL } = require('./seed');

/** @typedef {import('../shared/core').ServiceContext} ServiceContext */
/** @typedef {import('../shared/core').DeliveryResult} DeliveryResult */
/** @typedef {import('./seed').Application} Application */
/** @typedef {import('./seed').Candidate} Candidate */
/** @typedef {import('./seed').Interview} Interview */

/**
 * @param {ServiceContext} ctx
 * @param {import('./seed').Store} store  the live state (replaced by reset)
 */
function createModel(ctx, store) {
	/** 422 with Wepow's field errors. @param {Record<string, string[]>} errors */
	function unprocessable(errors) {
		const message = Object.entries(errors).map(([field, list]) => `${field} ${list.join(', ')}`).join('; ');
		return new HttpError(422, message, { body: { message, errors } });
	}

	/** An ISO timestamp later than every one handed out before (status changes stay distinguishable). */
	function now() {
		store.state.lastMs = Math.max(Date.now(), store.state.lastMs + 1);
		return new Date(store.state.lastMs).toISOString();
	}

	/** @param {string} path */
	function href(path) {
		return `${ctx.serverUrl()}${prefix}${path}`;
	}

	/** @param {string} raw @param {string} what */
	function numericId(raw, what) {
		if (!/^\d+$/.test(raw)) throw new HttpError(404, `${what} ${raw} not found`);
		return Number(raw);
	}

	/** @param {string} raw */
	function interview(raw) {
		const found = store.state.interviews.get(numericId(raw, 'Interview'));
		if (!found) throw new HttpError(404, `Interview ${raw} not found`);
		return found;
	}

	/** @param {string} raw */
	function application(raw) {
		const found = store.state.applications.get(numericId(raw, 'Application'));
		if (!found) throw new HttpError(404, `Application ${raw} not found`);
		return found;
	}

	/** @param {Application} a */
	function candidateOf(a) {
		return /** @type {Candidate} */ (store.state.candidates.get(a.candidateId));
	}

	/** @param {Application} a */
	function interviewOf(a) {
		return /** @type {Interview} */ (store.state.interviews.get(a.interviewId));
	}

	/** @param {string} email */
	function candidateByEmail(email) {
		const wanted = email.trim().toLowerCase();
		return [...store.state.candidates.values()].find((c) => c.email.toLowerCase() === wanted);
	}

	/** @param {Interview} i @param {string} email */
	function findApplication(i, email) {
		const c = candidateByEmail(email);
		return c ? [...store.state.applications.values()].find((a) => a.interviewId === i.id && a.candidateId === c.id) : undefined;
	}

	/** A fresh single-use token for the limited-access review page. @param {Application} a @param {boolean} [spent] */
	function issueReviewToken(a, spent = false) {
		const token = randomHex(40);
		const at = now();
		a.reviewTokens.set(token, { issuedAt: at, usedAt: spent ? at : null });
		return token;
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
			c = { id: store.state.nextIds.candidate++, email: input.email, first_name: input.first_name, last_name: input.last_name, external_id: input.external_id, created_at: at };
			store.state.candidates.set(c.id, c);
		} else {
			if (input.first_name) c.first_name = input.first_name;
			if (input.last_name) c.last_name = input.last_name;
			if (input.external_id) c.external_id = input.external_id;
		}
		const candidateId = c.id;
		// Other interviews only: with the duplicate rule off a second application to this one is not "another interview".
		const previous = new Set([...store.state.applications.values()].filter((a) => a.candidateId === candidateId && a.interviewId !== i.id).map((a) => a.interviewId));
		/** @type {Application} */
		const a = {
			id: store.state.nextIds.application++, interviewId: i.id, candidateId, status: 'sent', evaluation_status: 'pending', date_sent: at,
			date_completed: null, date_updated: at, external_id: input.external_id, previous_interviews_count: previous.size, emailsSent: 1,
			resentAt: [], reviewTokens: new Map(), created_at: at,
		};
		store.state.applications.set(a.id, a);
		return { application: a, created: true };
	}

	/**
	 * Notifies every active subscriber (or one) of an application's status, the way Wepow does.
	 * @param {Application} a
	 * @param {{ notificationId?: number, token?: string, body?: unknown, status?: string, dateUpdated?: string }} [options]
	 * @returns {Promise<DeliveryResult[]>}
	 */
	function notify(a, options = {}) {
		const targets = [...store.state.notifications.values()].filter((n) => n.active && n.target === 'application_status'
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

	return { unprocessable, now, href, numericId, interview, application, candidateOf, interviewOf, findApplication, renderCandidate, renderApplication, optionalText, candidateInput, assertAccepting, invite, notify, changeStatus };
}

/** @typedef {import('./auth').Auth & ReturnType<typeof createModel>} Kit */

module.exports = { createModel };

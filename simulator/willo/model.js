// @ts-check
'use strict';
/**
 * Willo (Integration API v2) simulator: the helpers its API and control routes share (lookups,
 * rendering, state changes, outgoing webhooks).
 */
const { HttpError, isObject, randomHex } = require('../shared/core');
const { EMAIL, E164 } = require('./seed');

/** @typedef {import('../shared/core').ServiceContext} ServiceContext */
/** @typedef {import('./seed').Participant} Participant */
/** @typedef {import('./seed').Webhook} Webhook */

/**
 * @param {ServiceContext} ctx
 * @param {import('./seed').Store} store  the live state (replaced by reset)
 */
function createModel(ctx, store) {
	/** A DRF validation error: 400 with the messages per field. @param {Record<string, string[]>} fields */
	function fieldErrors(fields) {
		return new HttpError(400, Object.values(fields)[0][0], { body: fields });
	}

	/** @param {string} path */
	function appUrl(path) {
		return `${ctx.serverUrl()}/willo/app${path}`;
	}

	/** @param {string} key */
	function interview(key) {
		const found = store.state.interviews.find((i) => i.key === key);
		if (!found) throw new HttpError(404, 'Not found.');
		return found;
	}

	/** @param {string} key */
	function participant(key) {
		const found = store.state.participants.get(key);
		if (!found) throw new HttpError(404, 'Not found.');
		return found;
	}

	/** @param {string} key */
	function webhook(key) {
		const found = store.state.webhooks.get(key);
		if (!found) throw new HttpError(404, 'Not found.');
		return found;
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
		else if (typeof interviewKey !== 'string' || !store.state.interviews.some((i) => i.key === interviewKey)) {
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
		store.state.participants.set(key, p);
		return p;
	}

	return { fieldErrors, appUrl, interview, participant, webhook, renderParticipantRow, renderParticipant, renderWebhook, createParticipant };
}

/** @typedef {import('./auth').Auth & ReturnType<typeof createModel>} Kit */

module.exports = { createModel };

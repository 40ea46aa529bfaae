// @ts-check
'use strict';
/**
 * Willo (Integration API v2) simulator: its control routes under /_control/willo (see ../README.md).
 */
const { HttpError, isObject, objectBody, randomHex } = require('../shared/core');
const { name, SEED, EVENTS, STAGES } = require('./seed');

/** @typedef {import('../shared/core').ServiceContext} ServiceContext */
/** @typedef {import('../shared/core').Route} Route */
/** @typedef {import('../shared/core').DeliveryResult} DeliveryResult */
/** @typedef {import('./seed').Comment} Comment */
/** @typedef {import('./seed').Participant} Participant */
/** @typedef {import('./seed').Response} Response */

/**
 * @param {ServiceContext} ctx
 * @param {import('./seed').Store} store  the live state (replaced by reset)
 * @param {import('./model').Kit} kit  the helpers the routes share
 */
function createControlRoutes(ctx, store, kit) {
	const { appUrl, interview, participant, webhook, renderParticipant, renderWebhook, createParticipant } = kit;

	/** The control API's view: the API shape plus what was sent. @param {Participant} p */
	function renderParticipantState(p) {
		return { ...renderParticipant(p), invitationsSent: { ...p.invitationsSent }, createdBy: p.createdBy };
	}

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
		const hooks = [...store.state.webhooks.values()].filter((h) => (options.webhookKey
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
		const found = [...store.state.participants.values()].reverse().find((p) => p.interview === body.interview && p.email?.toLowerCase() === wanted);
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
		{ method: 'GET', path: '/participants', handler: () => ({ status: 200, body: [...store.state.participants.values()].map(renderParticipantState) }) },
		{ method: 'GET', path: '/participants/:key', handler: (req) => ({ status: 200, body: renderParticipantState(participant(req.params.key)) }) },
		{ method: 'GET', path: '/webhooks', handler: () => ({ status: 200, body: [...store.state.webhooks.values()].map(renderWebhook) }) },
	];

	return controlRoutes;
}

module.exports = { createControlRoutes };

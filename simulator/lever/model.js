// @ts-check
'use strict';
/**
 * Lever (Data API v1) simulator: the helpers its API and control routes share (lookups, rendering,
 * state changes, outgoing webhooks).
 */
const crypto = require('node:crypto');
const { HttpError, queryOne, randomHex } = require('../shared/core');
const { name, SEED, ORIGINS } = require('./seed');
const { signDelivery } = require('./auth');

/** @typedef {import('../shared/core').ServiceContext} ServiceContext */
/** @typedef {import('../shared/core').SandboxRequest} SandboxRequest */
/** @typedef {import('../shared/core').DeliveryResult} DeliveryResult */
/** @typedef {import('./seed').Application} Application */
/** @typedef {import('./seed').Opportunity} Opportunity */
/** @typedef {import('./seed').Webhook} Webhook */

/**
 * @param {ServiceContext} ctx
 * @param {import('./seed').Store} store  the live state (replaced by reset)
 */
function createModel(ctx, store) {
	/** @param {string} id */
	function opportunity(id) {
		const opp = store.state.opportunities.get(id);
		if (!opp) throw new HttpError(404, `Opportunity ${id} not found`);
		return opp;
	}

	/** @param {string} id */
	function stageById(id) {
		return store.state.stages.find((s) => s.id === id);
	}

	/** @param {string} path */
	function appUrl(path) {
		return `${ctx.serverUrl()}/lever/app${path}`;
	}

	/** @param {Opportunity} opp @param {Application} app */
	function renderApplication(opp, app) {
		const posting = store.state.postings.find((p) => p.id === app.posting);
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
		const owner = store.state.users.find((u) => u.id === opp.owner);
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

	/** @param {unknown} tags @returns {string[]} */
	function tagList(tags) {
		if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) throw new HttpError(400, 'tags must be an array of strings');
		return tags;
	}

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
		const hooks = [...store.state.webhooks.values()].filter((h) =>
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
			opp.stageChanges.push({ toStageId: stageId, toStageIndex: store.state.stages.indexOf(stage), updatedAt: now, userId });
			opp.updatedAt = now;
			opp.lastAdvancedAt = now;
			sent.push(fire('candidateStageChange', { ...eventIds(opp), fromStageId, toStageId: stageId }, { opportunity: opp }));
		}
		if (hired || (fromStageId !== stageId && stageId === SEED.stages.hiredReady)) {
			sent.push(fire('candidateHired', eventIds(opp), { opportunity: opp }));
		}
		return sent;
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
		const posting = fields.postingId === null ? undefined : store.state.postings.find((p) => p.id === fields.postingId);
		if (fields.postingId !== null && !posting) throw new HttpError(400, `unknown posting ${fields.postingId}`);
		const stageId = fields.stageId ?? SEED.stages.applicantNew;
		const stage = stageById(stageId);
		if (!stage) throw new HttpError(400, `unknown stage ${stageId}`);
		const origin = fields.origin ?? 'applied';
		if (!ORIGINS.includes(origin)) throw new HttpError(400, `origin must be one of ${ORIGINS.join(', ')}`);
		const id = fields.id ?? crypto.randomUUID();
		if (store.state.opportunities.has(id)) throw new HttpError(409, `opportunity ${id} exists`);
		const now = fields.createdAt ?? Date.now();
		// A posting without an owner (its owner left): the opportunity falls to the recruiter.
		const owner = fields.owner ?? posting?.owner ?? SEED.users.recruiter;
		if (!store.state.users.some((u) => u.id === owner)) throw new HttpError(400, `unknown owner ${owner}`);
		const lowerEmails = fields.emails.map((e) => e.toLowerCase());
		const sameContact = [...store.state.opportunities.values()].find((o) => o.emails.some((e) => lowerEmails.includes(e.toLowerCase())));
		/** @type {Opportunity} */
		const opp = {
			id, contactId: sameContact ? sameContact.contactId : crypto.randomUUID(), name: fields.name, headline: fields.headline,
			emails: [...fields.emails], phones: fields.phones, links: [...fields.links], tags: [...new Set(fields.tags)], sources: [...fields.sources],
			origin, owner, followers: [owner], stage: stageId,
			stageChanges: [{ toStageId: stageId, toStageIndex: store.state.stages.indexOf(stage), updatedAt: now, userId: fields.createdBy }],
			applications: [{ id: crypto.randomUUID(), type: posting ? 'posting' : 'user', posting: fields.postingId, createdAt: now }],
			archived: null, createdAt: now, updatedAt: now, lastAdvancedAt: now, lastInteractionAt: now, notes: [],
		};
		for (const tag of opp.tags) store.state.tags.add(tag);
		store.state.opportunities.set(id, opp);
		return opp;
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

	return { opportunity, stageById, appUrl, renderOpportunity, paginate, tagList, fire, eventIds, moveStage, addOpportunity, renderWebhook };
}

/** @typedef {import('./auth').Auth & ReturnType<typeof createModel>} Kit */

module.exports = { createModel };

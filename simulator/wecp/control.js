// @ts-check
'use strict';
/**
 * WeCP simulator: its control routes under /_control/wecp (see ../README.md).
 */
const { HttpError, objectBody } = require('../shared/core');
const { name } = require('./seed');
const { signDelivery } = require('./auth');

/** @typedef {import('../shared/core').ServiceContext} ServiceContext */
/** @typedef {import('../shared/core').Route} Route */
/** @typedef {import('../shared/core').DeliveryResult} DeliveryResult */
/** @typedef {import('./seed').Candidate} Candidate */

/**
 * @param {ServiceContext} ctx
 * @param {import('./seed').Store} store  the live state (replaced by reset)
 * @param {import('./model').Kit} kit  the helpers the routes share
 */
function createControlRoutes(ctx, store, kit) {
	const { test, findInvite, renderReport, reportLink } = kit;

	/** @param {Candidate} c */
	function renderInvite(c) {
		return { ...c, testName: test(c.testId).testName, metadata: { ...c.metadata }, resentAt: [...c.resentAt], questionWiseScore: c.questionWiseScore.map((q) => ({ ...q })) };
	}

	/** The candidate a control call names: { candidateId } or { testId, email }. @param {Record<string, unknown>} body */
	function candidateFromBody(body) {
		if (typeof body.candidateId === 'string') {
			const byId = store.state.candidates.get(body.candidateId);
			if (!byId) throw new HttpError(404, `candidate ${body.candidateId} not found`);
			return byId;
		}
		if (typeof body.testId !== 'string' || typeof body.email !== 'string') throw new HttpError(400, 'give candidateId, or testId and email');
		test(body.testId);
		const invite = findInvite(body.testId, body.email);
		if (!invite) throw new HttpError(404, `${body.email} was not invited to ${body.testId}`);
		return invite;
	}

	/**
	 * Sends a correctly signed delivery to every webhook subscribed to the event (or to one webhook by id).
	 * @param {string} event
	 * @param {Record<string, unknown>} data
	 * @param {{ webhookId?: string, signature?: string }} [options]
	 * @returns {Promise<DeliveryResult[]>}
	 */
	function fire(event, data, options = {}) {
		const hooks = [...store.state.webhooks.values()].filter((h) => (options.webhookId ? h.id === options.webhookId : h.events.includes(event)));
		return Promise.all(hooks.map((hook) => {
			const payload = { event, timestamp: new Date().toISOString(), data };
			const rawBody = JSON.stringify(payload);
			return ctx.deliver({
				service: name, event, webhookId: hook.id, url: hook.url,
				headers: { 'x-wecp-event': event, 'x-wecp-signature': options.signature ?? signDelivery(hook.secret, rawBody) },
				payload, rawBody,
			});
		}));
	}

	/** @param {Candidate} c */
	function eventData(c) {
		return {
			testId: c.testId, testName: test(c.testId).testName, candidateId: c.candidateId, email: c.email, name: c.name,
			score: c.score, maxScore: c.maxScore, percentage: c.percentage, reportLink: reportLink(c), metadata: { ...c.metadata },
		};
	}

	/** @type {Route[]} */
	const controlRoutes = [
		{
			method: 'POST', path: '/start', handler: async (req) => {
				const c = candidateFromBody(objectBody(req.body));
				if (c.testFinished) throw new HttpError(409, `${c.email} already finished ${c.testId}`);
				c.testStartTime = new Date().toISOString();
				c.status = 'started';
				const deliveries = await fire('test.started', eventData(c));
				return { status: 200, body: { candidate: renderReport(c), deliveries } };
			},
		},
		{
			method: 'POST', path: '/complete', handler: async (req) => {
				const body = objectBody(req.body);
				const c = candidateFromBody(body);
				const maxScore = body.maxScore === undefined ? 100 : body.maxScore;
				if (typeof maxScore !== 'number' || !(maxScore > 0)) throw new HttpError(400, 'maxScore must be a positive number');
				const score = body.score;
				if (typeof score !== 'number' || score < 0 || score > maxScore) throw new HttpError(400, 'score must be a number from 0 to maxScore');
				const finished = new Date();
				const started = c.testStartTime ? new Date(c.testStartTime) : new Date(finished.getTime() - 20 * 60_000);
				const questions = test(c.testId).questions;
				let maxLeft = maxScore;
				let scoreLeft = score;
				c.questionWiseScore = questions.map((q, i) => {
					const last = i === questions.length - 1;
					const qMax = last ? maxLeft : Math.round(maxScore * q.share * 100) / 100;
					const qScore = last ? scoreLeft : Math.round(score * q.share * 100) / 100;
					maxLeft = Math.round((maxLeft - qMax) * 100) / 100;
					scoreLeft = Math.round((scoreLeft - qScore) * 100) / 100;
					return { questionId: q.questionId, title: q.title, type: q.type, score: qScore, maxScore: qMax };
				});
				Object.assign(c, {
					status: 'completed', testStartTime: started.toISOString(), finishTime: finished.toISOString(),
					testDuration: Math.round((finished.getTime() - started.getTime()) / 1000), testFinished: true,
					score, maxScore, percentage: Math.round((score / maxScore) * 10000) / 100,
				});
				const deliveries = await fire('test.completed', eventData(c));
				return { status: 200, body: { candidate: renderReport(c), deliveries } };
			},
		},
		{
			method: 'POST', path: '/deliver', handler: async (req) => {
				const body = objectBody(req.body);
				if (typeof body.event !== 'string') throw new HttpError(400, 'event is required');
				const data = body.data === undefined ? {} : body.data;
				if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new HttpError(400, 'data must be an object');
				const webhookId = body.webhookId === undefined ? undefined : String(body.webhookId);
				if (webhookId !== undefined && !store.state.webhooks.has(webhookId)) throw new HttpError(404, `webhook ${webhookId} not found`);
				const deliveries = await fire(body.event, /** @type {Record<string, unknown>} */ (data), {
					webhookId, signature: typeof body.signature === 'string' ? body.signature : undefined,
				});
				return { status: 200, body: { deliveries } };
			},
		},
		{ method: 'GET', path: '/invites', handler: () => ({ status: 200, body: [...store.state.candidates.values()].map(renderInvite) }) },
		{
			method: 'GET', path: '/interviews', handler: () => ({
				status: 200,
				body: [...store.state.interviews.values()].map((i) => ({
					...i, scorecard: i.scorecard.map((q) => ({ ...q })),
					schedules: store.state.schedules.filter((s) => s.interviewId === i.interviewId).map((s) => ({ ...s, metadata: { ...s.metadata } })),
				})),
			}),
		},
		{
			method: 'GET', path: '/talentPools', handler: () => ({
				status: 200,
				body: store.state.talentPools.map((p) => ({
					...p, candidates: store.state.poolEntries.filter((e) => e.poolId === p.poolId).map((e) => ({ ...e, metadata: { ...e.metadata } })),
				})),
			}),
		},
		{ method: 'GET', path: '/webhooks', handler: () => ({ status: 200, body: [...store.state.webhooks.values()].map((h) => ({ ...h, events: [...h.events] })) }) },
	];

	return controlRoutes;
}

module.exports = { createControlRoutes };

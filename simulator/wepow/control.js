// @ts-check
'use strict';
/**
 * Wepow (HAL hypermedia API) simulator: its control routes under /_control/wepow (see ../README.md).
 */
const { HttpError, objectBody } = require('../shared/core');

/** @typedef {import('../shared/core').ServiceContext} ServiceContext */
/** @typedef {import('../shared/core').Route} Route */
/** @typedef {import('./seed').Application} Application */

/**
 * @param {ServiceContext} ctx
 * @param {import('./seed').Store} store  the live state (replaced by reset)
 * @param {import('./model').Kit} kit  the helpers the routes share
 */
function createControlRoutes(ctx, store, kit) {
	const { interview, application, candidateOf, findApplication, candidateInput, assertAccepting, invite, notify, changeStatus } = kit;

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

	/** The application a control call names: { applicationId }, { interviewId, email } or { externalId }. @param {Record<string, unknown>} body */
	function applicationFromBody(body) {
		if (body.applicationId !== undefined) return application(String(body.applicationId));
		if (body.interviewId !== undefined && typeof body.email === 'string') {
			const a = findApplication(interview(String(body.interviewId)), body.email);
			if (!a) throw new HttpError(404, `${body.email} was not invited to interview ${String(body.interviewId)}`);
			return a;
		}
		if (body.externalId !== undefined) {
			const matches = [...store.state.applications.values()].filter((a) => a.external_id === String(body.externalId));
			if (matches.length !== 1) throw new HttpError(matches.length ? 409 : 404, `${matches.length} applications have external_id ${String(body.externalId)}`);
			return matches[0];
		}
		throw new HttpError(400, 'give applicationId, interviewId and email, or externalId');
	}

	/** @param {string} status @returns {import('../shared/core').Handler} */
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
		{ method: 'GET', path: '/applications', handler: () => ({ status: 200, body: [...store.state.applications.values()].map(inspectApplication) }) },
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
				if (notificationId !== undefined && !store.state.notifications.has(notificationId)) throw new HttpError(404, `notification ${String(body.notificationId)} not found`);
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
		{ method: 'GET', path: '/interviews', handler: () => ({ status: 200, body: [...store.state.interviews.values()].map((i) => ({ ...i })) }) },
		{
			method: 'POST', path: '/interviews/:id/status', handler: (req) => {
				const i = interview(req.params.id);
				const status = objectBody(req.body).status;
				if (status !== 'active' && status !== 'closed') throw new HttpError(400, 'status must be active or closed');
				i.status = status;
				return { status: 200, body: { ...i } };
			},
		},
		{ method: 'GET', path: '/candidates', handler: () => ({ status: 200, body: [...store.state.candidates.values()].map((c) => ({ ...c })) }) },
		{ method: 'GET', path: '/notifications', handler: () => ({ status: 200, body: [...store.state.notifications.values()].map((n) => ({ ...n })) }) },
	];

	return controlRoutes;
}

module.exports = { createControlRoutes };

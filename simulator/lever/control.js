// @ts-check
'use strict';
/**
 * Lever (Data API v1) simulator: its control routes under /_control/lever (see ../README.md).
 */
const { HttpError, isObject, objectBody } = require('../shared/core');
const { EMAIL } = require('./seed');

/** @typedef {import('../shared/core').ServiceContext} ServiceContext */
/** @typedef {import('../shared/core').Route} Route */
/** @typedef {import('../shared/core').DeliveryResult} DeliveryResult */
/** @typedef {import('./seed').Opportunity} Opportunity */

/**
 * @param {ServiceContext} ctx
 * @param {import('./seed').Store} store  the live state (replaced by reset)
 * @param {import('./model').Kit} kit  the helpers the routes share
 */
function createControlRoutes(ctx, store, kit) {
	const { opportunity, renderOpportunity, tagList, fire, eventIds, moveStage, addOpportunity, renderWebhook } = kit;

	/** @param {Opportunity} opp */
	function fullOpportunity(opp) {
		return { ...renderOpportunity(opp, new Set(['applications'])), notes: opp.notes.map((n) => ({ ...n })) };
	}

	/** @param {Promise<DeliveryResult[]>[]} sent */
	async function outcomes(sent) {
		return (await Promise.all(sent)).flat();
	}

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
		{ method: 'GET', path: '/opportunities', handler: () => ({ status: 200, body: [...store.state.opportunities.values()].map(fullOpportunity) }) },
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
				if (webhookId !== undefined && !store.state.webhooks.has(webhookId)) throw new HttpError(404, `webhook ${webhookId} not found`);
				const deliveries = await fire(body.event, data, {
					webhookId,
					token: typeof body.token === 'string' ? body.token : undefined,
					triggeredAt: typeof body.triggeredAt === 'number' ? body.triggeredAt : undefined,
					signature: typeof body.signature === 'string' ? body.signature : undefined,
				});
				return { status: 200, body: { deliveries } };
			},
		},
		{ method: 'GET', path: '/webhooks', handler: () => ({ status: 200, body: [...store.state.webhooks.values()].map((h) => renderWebhook(h, true)) }) },
	];

	return controlRoutes;
}

module.exports = { createControlRoutes };

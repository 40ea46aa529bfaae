// @ts-check
'use strict';
/**
 * WeCP simulator: the API routes (mounted under the prefix in seed.js).
 */
const { HttpError, isLoopbackUrl, objectBody, randomHex } = require('../shared/core');
const { SCORECARD_TYPES, INTERVIEW_DURATION, EVENTS, EMAIL } = require('./seed');

/** @typedef {import('../shared/core').ServiceContext} ServiceContext */
/** @typedef {import('../shared/core').Route} Route */
/** @typedef {import('./seed').Candidate} Candidate */
/** @typedef {import('./seed').Interview} Interview */
/** @typedef {import('./seed').InterviewSchedule} InterviewSchedule */
/** @typedef {import('./seed').PoolEntry} PoolEntry */
/** @typedef {import('./seed').ScorecardQuestion} ScorecardQuestion */
/** @typedef {import('./seed').Test} Test */
/** @typedef {import('./seed').Webhook} Webhook */

/**
 * @param {ServiceContext} ctx
 * @param {import('./seed').Store} store  the live state (replaced by reset)
 * @param {import('./model').Kit} kit  the helpers the routes share
 */
function createRoutes(ctx, store, kit) {
	const { test, findInvite, appUrl, candidateDetails, renderReport } = kit;

	/** @param {Test} t */
	function renderTest(t) {
		return { testId: t.testId, testName: t.testName, duration: t.duration, status: t.status, createdAt: t.createdAt, publicLink: appUrl(`/test/${t.testId}`) };
	}

	/** @param {Candidate} c */
	function renderRow(c) {
		return {
			candidateId: c.candidateId, candidateDetails: candidateDetails(c), percentage: c.percentage,
			testFinished: c.testFinished, testStartTime: c.testStartTime, testDuration: c.testDuration,
			// Assumed (docs/api/wecp.md): reminders and previousInvites need when the invite was sent.
			invitedAt: c.invitedAt, finishTime: c.finishTime,
		};
	}

	/** @param {Candidate} c @param {string} status */
	function inviteAnswer(c, status) {
		return { email: c.email, candidateId: c.candidateId, inviteLink: c.inviteLink, status };
	}

	/** @param {unknown} url */
	function assertLoopback(url) {
		if (!isLoopbackUrl(url)) throw new HttpError(400, 'url must be an http(s) URL on a loopback host (127.x, localhost, ::1) in the simulator');
	}

	/** @param {unknown} value @param {string} field @returns {string} */
	function emailField(value, field) {
		if (typeof value !== 'string' || !EMAIL.test(value.trim())) throw new HttpError(400, `${field} must be a valid email`);
		return value.trim();
	}

	/** @param {unknown} value @returns {Record<string, unknown>} */
	function metadataField(value) {
		if (value === undefined || value === null) return {};
		if (typeof value !== 'object' || Array.isArray(value)) throw new HttpError(400, 'metadata must be an object');
		return { .../** @type {Record<string, unknown>} */ (value) };
	}

	/** @param {unknown} list @returns {ScorecardQuestion[]} */
	function scorecardField(list) {
		if (list === undefined) return [];
		if (!Array.isArray(list)) throw new HttpError(400, 'scorecard must be an array');
		return list.map((entry, i) => {
			if (typeof entry !== 'object' || entry === null) throw new HttpError(400, `scorecard[${i}] must be an object`);
			const { question, required, type_of_question: type, option } = /** @type {Record<string, unknown>} */ (entry);
			if (typeof question !== 'string' || question.trim() === '') throw new HttpError(400, `scorecard[${i}].question is required`);
			if (typeof type !== 'string' || !SCORECARD_TYPES.includes(type)) throw new HttpError(400, `scorecard[${i}].type_of_question must be one of ${SCORECARD_TYPES.join(', ')}`);
			/** @type {ScorecardQuestion} */
			const row = { question: question.trim(), required: required !== false, type_of_question: type };
			if (type === 'objective') {
				if (!Array.isArray(option) || option.length < 2 || !option.every((o) => typeof o === 'string' && o.trim() !== '')) {
					throw new HttpError(400, `scorecard[${i}].option must list at least two choices for an objective question`);
				}
				row.option = option.map((o) => String(o).trim());
			}
			return row;
		});
	}

	/** @param {string} poolId */
	function talentPool(poolId) {
		const found = store.state.talentPools.find((p) => p.poolId === poolId);
		if (!found) throw new HttpError(404, `Talent pool ${poolId} not found`);
		return found;
	}

	/** @param {PoolEntry} e @param {string} status */
	function renderPoolEntry(e, status) {
		return { entryId: e.entryId, poolId: e.poolId, name: e.name, email: e.email, metadata: { ...e.metadata }, addedAt: e.addedAt, status };
	}

	/** @type {Route[]} */
	const routes = [
		{ method: 'GET', path: '/ats/wecp/tests', handler: () => ({ status: 200, body: store.state.tests.map(renderTest) }) },
		{
			method: 'GET', path: '/ats/wecp/tests/:testId/candidates', handler: (req) => {
				test(req.params.testId);
				const rows = [...store.state.candidates.values()].filter((c) => c.testId === req.params.testId);
				// The real API answers an empty list this way.
				if (rows.length === 0) return { status: 404, body: 'No candidate found', headers: { 'content-type': 'text/plain; charset=utf-8' } };
				return { status: 200, body: rows.map(renderRow) };
			},
		},
		{
			method: 'GET', path: '/ats/wecp/candidates/:candidateId', handler: (req) => {
				const c = store.state.candidates.get(req.params.candidateId);
				if (!c) throw new HttpError(404, `Candidate ${req.params.candidateId} not found`);
				return { status: 200, body: renderReport(c) };
			},
		},
		{
			method: 'POST', path: '/ats/wecp/tests/:testId/invite', handler: (req) => {
				const t = test(req.params.testId);
				const body = objectBody(req.body);
				const list = body.candidates;
				if (!Array.isArray(list) || list.length === 0) throw new HttpError(400, 'candidates must be a non-empty array');
				list.forEach((c, i) => {
					if (typeof c !== 'object' || c === null) throw new HttpError(400, `candidates[${i}] must be an object`);
					const { email, name: candidateName } = /** @type {Record<string, unknown>} */ (c);
					if (typeof email !== 'string' || !EMAIL.test(email.trim())) throw new HttpError(400, `candidates[${i}].email must be a valid email`);
					if (typeof candidateName !== 'string' || candidateName.trim() === '') throw new HttpError(400, `candidates[${i}].name is required`);
				});
				const metadata = body.metadata === undefined || body.metadata === null ? {} : body.metadata;
				if (typeof metadata !== 'object' || Array.isArray(metadata)) throw new HttpError(400, 'metadata must be an object');
				const expiryDate = typeof body.expiryDate === 'string' ? body.expiryDate : null;
				const sendEmail = body.sendEmail !== false;
				const answers = list.map((entry) => {
					const { email, name: candidateName } = /** @type {{ email: string, name: string }} */ (entry);
					const existing = ctx.duplicateRuleOn() ? findInvite(t.testId, email) : undefined;
					if (existing) return inviteAnswer(existing, 'already_invited');
					const candidateId = randomHex(24);
					/** @type {Candidate} */
					const c = {
						candidateId, testId: t.testId, email: email.trim(), name: candidateName.trim(),
						inviteLink: appUrl(`/invite/${randomHex(32)}`), status: 'invited',
						metadata: { .../** @type {Record<string, unknown>} */ (metadata) }, actingUserEmail: req.headers['wecp-user-email'] ?? null,
						sendEmail, expiryDate, emailsSent: sendEmail ? 1 : 0, invitedAt: new Date().toISOString(), resentAt: [],
						testStartTime: null, finishTime: null, testDuration: null, testFinished: false, score: null, maxScore: null,
						percentage: null, questionWiseScore: [],
					};
					store.state.candidates.set(candidateId, c);
					return inviteAnswer(c, 'invited');
				});
				return { status: 200, body: answers };
			},
		},
		{
			method: 'POST', path: '/ats/wecp/tests/:testId/resend', handler: (req) => {
				const t = test(req.params.testId);
				const emails = objectBody(req.body).emails;
				if (!Array.isArray(emails) || emails.length === 0 || !emails.every((e) => typeof e === 'string')) {
					throw new HttpError(400, 'emails must be a non-empty array of strings');
				}
				// All or nothing: check every email before counting any send.
				const invites = emails.map((email) => {
					const invite = findInvite(t.testId, email);
					if (!invite) throw new HttpError(404, `No invite for ${email} on test ${t.testId}`);
					return invite;
				});
				const now = new Date().toISOString();
				for (const invite of invites) {
					invite.emailsSent += 1;
					invite.resentAt.push(now);
				}
				return { status: 200, body: invites.map((c) => inviteAnswer(c, 'resent')) };
			},
		},
		{
			method: 'GET', path: '/ats/wecp/webhooks', handler: () => ({
				status: 200,
				body: [...store.state.webhooks.values()].map(({ id, url, events, createdAt }) => ({ id, url, events: [...events], createdAt })),
			}),
		},
		{
			method: 'POST', path: '/ats/wecp/webhooks', handler: (req) => {
				const body = objectBody(req.body);
				assertLoopback(body.url);
				const events = body.events;
				if (!Array.isArray(events) || events.length === 0 || !events.every((e) => EVENTS.includes(e))) {
					throw new HttpError(400, `events must be a non-empty array of ${EVENTS.join(', ')}`);
				}
				/** @type {Webhook} */
				const hook = { id: randomHex(24), url: String(body.url), events: [...new Set(/** @type {string[]} */ (events))], secret: randomHex(64), createdAt: new Date().toISOString() };
				store.state.webhooks.set(hook.id, hook);
				return { status: 201, body: { id: hook.id, url: hook.url, events: [...hook.events], secret: hook.secret } };
			},
		},
		{
			method: 'DELETE', path: '/ats/wecp/webhooks/:id', handler: (req) => {
				if (!store.state.webhooks.delete(req.params.id)) throw new HttpError(404, `Webhook ${req.params.id} not found`);
				return { status: 204 };
			},
		},
		{
			method: 'POST', path: '/ats/wecp/createInterview', handler: (req) => {
				const body = objectBody(req.body);
				const interviewName = body.interviewName;
				if (typeof interviewName !== 'string' || interviewName.trim() === '') throw new HttpError(400, 'interviewName is required');
				if (body.recordInterview !== undefined && typeof body.recordInterview !== 'boolean') throw new HttpError(400, 'recordInterview must be a boolean');
				if (body.groupId !== undefined && typeof body.groupId !== 'string') throw new HttpError(400, 'groupId must be a string');
				/** @type {Interview} */
				const interview = {
					interviewId: randomHex(24), interviewName: interviewName.trim(), recordInterview: body.recordInterview !== false,
					scorecard: scorecardField(body.scorecard), groupId: typeof body.groupId === 'string' ? body.groupId : null,
					actingUserEmail: req.headers['wecp-user-email'] ?? null, createdAt: new Date().toISOString(),
				};
				store.state.interviews.set(interview.interviewId, interview);
				const { interviewId, recordInterview, scorecard, groupId, createdAt } = interview;
				return { status: 200, body: { interviewId, interviewName: interview.interviewName, recordInterview, scorecard: scorecard.map((q) => ({ ...q })), groupId, createdAt } };
			},
		},
		{
			method: 'POST', path: '/ats/wecp/scheduleInterviews', handler: (req) => {
				const body = objectBody(req.body);
				if (typeof body.interviewId !== 'string') throw new HttpError(400, 'interviewId is required');
				const interview = store.state.interviews.get(body.interviewId);
				if (!interview) throw new HttpError(404, `Interview ${body.interviewId} not found`);
				const list = body.schedules;
				if (!Array.isArray(list) || list.length === 0) throw new HttpError(400, 'schedules must be a non-empty array');
				const metadata = metadataField(body.metadata);
				const sendEmail = body.sendEmail !== false;
				const now = Date.now();
				// All or nothing: check every schedule before keeping any.
				const checked = list.map((entry, i) => {
					if (typeof entry !== 'object' || entry === null) throw new HttpError(400, `schedules[${i}] must be an object`);
					const row = /** @type {Record<string, unknown>} */ (entry);
					const emailId = emailField(row.emailId, `schedules[${i}].emailId`);
					const interviewer = emailField(row.interviewer, `schedules[${i}].interviewer`);
					const time = typeof row.interviewTime === 'string' ? Date.parse(row.interviewTime) : NaN;
					if (Number.isNaN(time)) throw new HttpError(400, `schedules[${i}].interviewTime must be an ISO 8601 date-time`);
					if (time <= now) throw new HttpError(400, `schedules[${i}].interviewTime must be in the future`);
					const duration = row.interviewDuration;
					if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < INTERVIEW_DURATION.min || duration > INTERVIEW_DURATION.max) {
						throw new HttpError(400, `schedules[${i}].interviewDuration must be a whole number of minutes from ${INTERVIEW_DURATION.min} to ${INTERVIEW_DURATION.max}`);
					}
					return { emailId, interviewer, interviewTime: new Date(time).toISOString(), interviewDuration: duration };
				});
				const created = checked.map((row) => {
					const scheduleId = randomHex(24);
					/** @type {InterviewSchedule} */
					const schedule = {
						scheduleId, interviewId: interview.interviewId, ...row, sendEmail, emailsSent: sendEmail ? 2 : 0,
						candidateLink: appUrl(`/interview/${scheduleId}/candidate`), interviewerLink: appUrl(`/interview/${scheduleId}/interviewer`),
						metadata: { ...metadata }, actingUserEmail: req.headers['wecp-user-email'] ?? null, status: 'scheduled', createdAt: new Date().toISOString(),
					};
					store.state.schedules.push(schedule);
					return schedule;
				});
				return {
					status: 200,
					body: created.map(({ scheduleId, interviewId, emailId, interviewer, interviewTime, interviewDuration, candidateLink, interviewerLink, status }) => ({
						scheduleId, interviewId, emailId, interviewer, interviewTime, interviewDuration, candidateLink, interviewerLink, status,
					})),
				};
			},
		},
		{
			method: 'GET', path: '/ats/wecp/talentPools', handler: () => ({
				status: 200,
				body: store.state.talentPools.map((p) => ({ ...p, candidateCount: store.state.poolEntries.filter((e) => e.poolId === p.poolId).length })),
			}),
		},
		{
			method: 'POST', path: '/ats/wecp/talentPools/:poolId/candidates', handler: (req) => {
				const pool = talentPool(req.params.poolId);
				const body = objectBody(req.body);
				const email = emailField(body.email, 'email');
				if (typeof body.name !== 'string' || body.name.trim() === '') throw new HttpError(400, 'name is required');
				const metadata = metadataField(body.metadata);
				const existing = ctx.duplicateRuleOn()
					? store.state.poolEntries.find((e) => e.poolId === pool.poolId && e.email.toLowerCase() === email.toLowerCase())
					: undefined;
				if (existing) return { status: 200, body: renderPoolEntry(existing, 'already_in_pool') };
				/** @type {PoolEntry} */
				const entry = {
					entryId: randomHex(24), poolId: pool.poolId, name: body.name.trim(), email, metadata,
					actingUserEmail: req.headers['wecp-user-email'] ?? null, addedAt: new Date().toISOString(),
				};
				store.state.poolEntries.push(entry);
				return { status: 200, body: renderPoolEntry(entry, 'added') };
			},
		},
	];

	return routes;
}

module.exports = { createRoutes };

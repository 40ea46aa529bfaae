// @ts-check
'use strict';
/**
 * WeCP simulator: in-memory state, seed data, API routes, control routes, webhook signing.
 * Contract: docs/api/wecp.md (live interviews and talent pools there are ours).
 * Mounted at /wecp; control at /_control/wecp.
 */
const crypto = require('node:crypto');
const { HttpError, isLoopbackUrl, objectBody, randomHex } = require('./core');

/** @typedef {import('./core').ServiceContext} ServiceContext */
/** @typedef {import('./core').Service} Service */
/** @typedef {import('./core').Route} Route */
/** @typedef {import('./core').SandboxRequest} SandboxRequest */
/** @typedef {import('./core').DeliveryResult} DeliveryResult */

const name = 'wecp';
const prefix = '/wecp';

const SECRETS = Object.freeze({
	/** x-api-key header */
	apiKey: 'sim-wecp-api-key',
	/** X-WECP-Partner-Authorization: base64(partnerKey:partnerSecret), with or without 'Basic ' */
	partnerKey: 'sim-wecp-partner-key',
	partnerSecret: 'sim-wecp-partner-secret',
	/** the only values WECP-User-Email may take */
	userEmails: Object.freeze(['recruiter@example.com', 'hiring.manager@example.com']),
});

const SEED = Object.freeze({
	tests: Object.freeze({
		javascriptFundamentals: 'test-js-101',
		pythonDataSkills: 'test-py-201',
		sqlBasics: 'test-sql-301',
	}),
	users: Object.freeze({
		recruiter: 'recruiter@example.com',
		hiringManager: 'hiring.manager@example.com',
	}),
	/** Live interviews (createInterview makes more). */
	interviews: Object.freeze({
		backendOnsite: 'iv-backend-onsite',
	}),
	/** Talent pools (ours: WeCP publishes no talent-pool contract). */
	talentPools: Object.freeze({
		hiredEngineers: 'pool-hired-eng',
		silverMedalists: 'pool-silver',
	}),
});

/** Live interviews (createInterview / scheduleInterviews). */
const SCORECARD_TYPES = Object.freeze(['star', 'objective', 'text']);
const INTERVIEW_DURATION = Object.freeze({ min: 5, max: 480 });

const EVENTS = Object.freeze(['test.completed', 'test.started']);

/** WeCP's own duplicate rules; POST /_control/duplicateRules switches them off to expose duplicates we send. */
const DUPLICATE_RULES = Object.freeze([
	'invite: the same e-mail invited again to the same test answers the existing invite, status "already_invited", no e-mail',
	'talent pool: the same e-mail added again to the same pool answers the existing entry, status "already_in_pool"',
]);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The X-WECP-Signature header value of a delivery: 'sha256=' + hex HMAC-SHA256(secret, raw body).
 * @param {string} secret @param {string} rawBody exactly the bytes sent
 * @returns {string}
 */
function signDelivery(secret, rawBody) {
	return 'sha256=' + crypto.createHmac('sha256', secret).update(rawBody).digest('hex');
}

/** @typedef {{ questionId: string, title: string, type: string, share: number }} Question */
/**
 * @typedef {Object} Test
 * @property {string} testId
 * @property {string} testName
 * @property {number} duration   minutes
 * @property {string} status
 * @property {string} createdAt  ISO
 * @property {Question[]} questions
 */
/** @typedef {{ questionId: string, title: string, type: string, score: number, maxScore: number }} QuestionScore */
/**
 * One invite of one email to one test: WeCP's "candidate".
 * @typedef {Object} Candidate
 * @property {string} candidateId
 * @property {string} testId
 * @property {string} email
 * @property {string} name
 * @property {string} inviteLink
 * @property {'invited' | 'started' | 'completed'} status
 * @property {Record<string, unknown>} metadata
 * @property {string | null} actingUserEmail   the WECP-User-Email header of the invite
 * @property {boolean} sendEmail
 * @property {string | null} expiryDate
 * @property {number} emailsSent
 * @property {string} invitedAt
 * @property {string[]} resentAt
 * @property {string | null} testStartTime
 * @property {string | null} finishTime
 * @property {number | null} testDuration   seconds taken
 * @property {boolean} testFinished
 * @property {number | null} score
 * @property {number | null} maxScore
 * @property {number | null} percentage
 * @property {QuestionScore[]} questionWiseScore
 */
/** @typedef {{ id: string, url: string, events: string[], secret: string, createdAt: string }} Webhook */
/** @typedef {{ question: string, required: boolean, type_of_question: string, option?: string[] }} ScorecardQuestion */
/**
 * @typedef {Object} Interview
 * @property {string} interviewId
 * @property {string} interviewName
 * @property {boolean} recordInterview
 * @property {ScorecardQuestion[]} scorecard
 * @property {string | null} groupId
 * @property {string | null} actingUserEmail
 * @property {string} createdAt
 */
/**
 * @typedef {Object} InterviewSchedule
 * @property {string} scheduleId
 * @property {string} interviewId
 * @property {string} emailId          the candidate
 * @property {string} interviewer
 * @property {string} interviewTime    ISO
 * @property {number} interviewDuration minutes
 * @property {boolean} sendEmail
 * @property {number} emailsSent
 * @property {string} candidateLink
 * @property {string} interviewerLink
 * @property {Record<string, unknown>} metadata
 * @property {string | null} actingUserEmail
 * @property {'scheduled'} status
 * @property {string} createdAt
 */
/** @typedef {{ poolId: string, poolName: string, createdAt: string }} TalentPool */
/**
 * @typedef {Object} PoolEntry
 * @property {string} entryId
 * @property {string} poolId
 * @property {string} name
 * @property {string} email
 * @property {Record<string, unknown>} metadata
 * @property {string | null} actingUserEmail
 * @property {string} addedAt
 */
/**
 * @typedef {Object} WecpState
 * @property {Test[]} tests
 * @property {Map<string, Candidate>} candidates   by candidateId
 * @property {Map<string, Webhook>} webhooks
 * @property {Map<string, Interview>} interviews   by interviewId
 * @property {InterviewSchedule[]} schedules
 * @property {TalentPool[]} talentPools
 * @property {PoolEntry[]} poolEntries
 */

/** @returns {WecpState} */
function seedState() {
	const t = SEED.tests;
	/** @param {string} testId @param {[string, string][]} questions @returns {Question[]} */
	const questions = (testId, questions) => questions.map(([title, type], i) => ({
		questionId: `${testId}-q${i + 1}`, title, type, share: 1 / questions.length,
	}));
	return {
		tests: [
			{
				testId: t.javascriptFundamentals, testName: 'JavaScript Fundamentals', duration: 60, status: 'active', createdAt: '2025-01-06T09:00:00.000Z',
				questions: questions(t.javascriptFundamentals, [['Closures', 'mcq'], ['Promises', 'mcq'], ['Array methods', 'coding'], ['Debounce', 'coding']]),
			},
			{
				testId: t.pythonDataSkills, testName: 'Python Data Skills', duration: 90, status: 'active', createdAt: '2025-01-07T09:00:00.000Z',
				questions: questions(t.pythonDataSkills, [['Comprehensions', 'mcq'], ['pandas groupby', 'coding'], ['Data cleaning', 'coding']]),
			},
			{
				testId: t.sqlBasics, testName: 'SQL Basics', duration: 45, status: 'active', createdAt: '2025-01-08T09:00:00.000Z',
				questions: questions(t.sqlBasics, [['SELECT and WHERE', 'mcq'], ['JOINs', 'sql'], ['GROUP BY', 'sql'], ['Window functions', 'sql']]),
			},
		],
		candidates: new Map(),
		webhooks: new Map(),
		interviews: new Map([[SEED.interviews.backendOnsite, {
			interviewId: SEED.interviews.backendOnsite, interviewName: 'Backend: on-site technical interview', recordInterview: true,
			scorecard: [
				{ question: 'Technical skills and domain knowledge', required: true, type_of_question: 'star' },
				{ question: 'Communication', required: true, type_of_question: 'star' },
				{ question: 'Decision', required: true, type_of_question: 'objective', option: ['Selected', 'Rejected', 'On Hold'] },
				{ question: 'Overall observations', required: false, type_of_question: 'text' },
			],
			groupId: null, actingUserEmail: SEED.users.recruiter, createdAt: '2025-02-05T09:00:00.000Z',
		}]]),
		schedules: [],
		talentPools: [
			{ poolId: SEED.talentPools.hiredEngineers, poolName: 'Hired engineers', createdAt: '2025-02-03T09:00:00.000Z' },
			{ poolId: SEED.talentPools.silverMedalists, poolName: 'Silver medalists', createdAt: '2025-02-04T09:00:00.000Z' },
		],
		poolEntries: [],
	};
}

/** @param {ServiceContext} ctx @returns {Service & { state: WecpState }} */
function createService(ctx) {
	let state = seedState();

	// ---- helpers ------------------------------------------------------------------------------------

	/** @param {number} _status @param {string} message */
	function errorBody(_status, message) {
		return { message };
	}

	/** @param {SandboxRequest} req */
	function authenticate(req) {
		const key = req.headers['x-api-key'];
		if (!key) throw new HttpError(401, 'Missing x-api-key header');
		if (key !== SECRETS.apiKey) throw new HttpError(401, 'Invalid API key');
		const partner = req.headers['x-wecp-partner-authorization'];
		if (partner !== undefined) {
			const encoded = partner.replace(/^Basic\s+/i, '').trim();
			const decoded = Buffer.from(encoded, 'base64').toString('utf8');
			if (decoded !== `${SECRETS.partnerKey}:${SECRETS.partnerSecret}`) throw new HttpError(401, 'Invalid partner authorization');
		}
		const user = req.headers['wecp-user-email'];
		if (user !== undefined && !SECRETS.userEmails.includes(user.trim().toLowerCase())) {
			throw new HttpError(403, `WECP-User-Email ${user} is not a user of this company`);
		}
	}

	/** @param {string} testId */
	function test(testId) {
		const found = state.tests.find((t) => t.testId === testId);
		if (!found) throw new HttpError(404, `Test ${testId} not found`);
		return found;
	}

	/** @param {string} testId @param {string} email */
	function findInvite(testId, email) {
		const wanted = email.trim().toLowerCase();
		return [...state.candidates.values()].find((c) => c.testId === testId && c.email.toLowerCase() === wanted);
	}

	/** @param {string} path */
	function appUrl(path) {
		return `${ctx.serverUrl()}/wecp/app${path}`;
	}

	/** @param {Test} t */
	function renderTest(t) {
		return { testId: t.testId, testName: t.testName, duration: t.duration, status: t.status, createdAt: t.createdAt, publicLink: appUrl(`/test/${t.testId}`) };
	}

	/** @param {Candidate} c */
	function candidateDetails(c) {
		return { Name: c.name, Email: c.email };
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

	/** @param {Candidate} c */
	function renderReport(c) {
		return {
			candidateId: c.candidateId, quizId: c.testId, candidateDetails: candidateDetails(c), score: c.score, maxScore: c.maxScore,
			percentage: c.percentage, questionWiseScore: c.questionWiseScore.map((q) => ({ ...q })), testStartTime: c.testStartTime,
			finishTime: c.finishTime, testDuration: c.testDuration, testFinished: c.testFinished, reportLink: reportLink(c),
			proctoringData: { tabSwitchCount: 0, fullScreenExitCount: 0, webcamFlags: 0 }, metadata: { ...c.metadata },
		};
	}

	/** @param {Candidate} c */
	function reportLink(c) {
		return appUrl(`/report/${c.candidateId}`);
	}

	/** @param {Candidate} c */
	function renderInvite(c) {
		return { ...c, testName: test(c.testId).testName, metadata: { ...c.metadata }, resentAt: [...c.resentAt], questionWiseScore: c.questionWiseScore.map((q) => ({ ...q })) };
	}

	/** @param {Candidate} c @param {string} status */
	function inviteAnswer(c, status) {
		return { email: c.email, candidateId: c.candidateId, inviteLink: c.inviteLink, status };
	}

	/** @param {unknown} url */
	function assertLoopback(url) {
		if (!isLoopbackUrl(url)) throw new HttpError(400, 'url must be an http(s) URL on a loopback host (127.x, localhost, ::1) in the simulator');
	}

	/** The candidate a control call names: { candidateId } or { testId, email }. @param {Record<string, unknown>} body */
	function candidateFromBody(body) {
		if (typeof body.candidateId === 'string') {
			const byId = state.candidates.get(body.candidateId);
			if (!byId) throw new HttpError(404, `candidate ${body.candidateId} not found`);
			return byId;
		}
		if (typeof body.testId !== 'string' || typeof body.email !== 'string') throw new HttpError(400, 'give candidateId, or testId and email');
		test(body.testId);
		const invite = findInvite(body.testId, body.email);
		if (!invite) throw new HttpError(404, `${body.email} was not invited to ${body.testId}`);
		return invite;
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
		const found = state.talentPools.find((p) => p.poolId === poolId);
		if (!found) throw new HttpError(404, `Talent pool ${poolId} not found`);
		return found;
	}

	/** @param {PoolEntry} e @param {string} status */
	function renderPoolEntry(e, status) {
		return { entryId: e.entryId, poolId: e.poolId, name: e.name, email: e.email, metadata: { ...e.metadata }, addedAt: e.addedAt, status };
	}

	// ---- webhooks out -------------------------------------------------------------------------------

	/**
	 * Sends a correctly signed delivery to every webhook subscribed to the event (or to one webhook by id).
	 * @param {string} event
	 * @param {Record<string, unknown>} data
	 * @param {{ webhookId?: string, signature?: string }} [options]
	 * @returns {Promise<DeliveryResult[]>}
	 */
	function fire(event, data, options = {}) {
		const hooks = [...state.webhooks.values()].filter((h) => (options.webhookId ? h.id === options.webhookId : h.events.includes(event)));
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

	// ---- API routes ---------------------------------------------------------------------------------------

	/** @type {Route[]} */
	const routes = [
		{ method: 'GET', path: '/ats/wecp/tests', handler: () => ({ status: 200, body: state.tests.map(renderTest) }) },
		{
			method: 'GET', path: '/ats/wecp/tests/:testId/candidates', handler: (req) => {
				test(req.params.testId);
				const rows = [...state.candidates.values()].filter((c) => c.testId === req.params.testId);
				// The real API answers an empty list this way.
				if (rows.length === 0) return { status: 404, body: 'No candidate found', headers: { 'content-type': 'text/plain; charset=utf-8' } };
				return { status: 200, body: rows.map(renderRow) };
			},
		},
		{
			method: 'GET', path: '/ats/wecp/candidates/:candidateId', handler: (req) => {
				const c = state.candidates.get(req.params.candidateId);
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
					state.candidates.set(candidateId, c);
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
				body: [...state.webhooks.values()].map(({ id, url, events, createdAt }) => ({ id, url, events: [...events], createdAt })),
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
				state.webhooks.set(hook.id, hook);
				return { status: 201, body: { id: hook.id, url: hook.url, events: [...hook.events], secret: hook.secret } };
			},
		},
		{
			method: 'DELETE', path: '/ats/wecp/webhooks/:id', handler: (req) => {
				if (!state.webhooks.delete(req.params.id)) throw new HttpError(404, `Webhook ${req.params.id} not found`);
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
				state.interviews.set(interview.interviewId, interview);
				const { interviewId, recordInterview, scorecard, groupId, createdAt } = interview;
				return { status: 200, body: { interviewId, interviewName: interview.interviewName, recordInterview, scorecard: scorecard.map((q) => ({ ...q })), groupId, createdAt } };
			},
		},
		{
			method: 'POST', path: '/ats/wecp/scheduleInterviews', handler: (req) => {
				const body = objectBody(req.body);
				if (typeof body.interviewId !== 'string') throw new HttpError(400, 'interviewId is required');
				const interview = state.interviews.get(body.interviewId);
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
					state.schedules.push(schedule);
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
				body: state.talentPools.map((p) => ({ ...p, candidateCount: state.poolEntries.filter((e) => e.poolId === p.poolId).length })),
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
					? state.poolEntries.find((e) => e.poolId === pool.poolId && e.email.toLowerCase() === email.toLowerCase())
					: undefined;
				if (existing) return { status: 200, body: renderPoolEntry(existing, 'already_in_pool') };
				/** @type {PoolEntry} */
				const entry = {
					entryId: randomHex(24), poolId: pool.poolId, name: body.name.trim(), email, metadata,
					actingUserEmail: req.headers['wecp-user-email'] ?? null, addedAt: new Date().toISOString(),
				};
				state.poolEntries.push(entry);
				return { status: 200, body: renderPoolEntry(entry, 'added') };
			},
		},
	];

	// ---- control routes (/_control/wecp/...) ----------------------------------------------------------

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
				if (webhookId !== undefined && !state.webhooks.has(webhookId)) throw new HttpError(404, `webhook ${webhookId} not found`);
				const deliveries = await fire(body.event, /** @type {Record<string, unknown>} */ (data), {
					webhookId, signature: typeof body.signature === 'string' ? body.signature : undefined,
				});
				return { status: 200, body: { deliveries } };
			},
		},
		{ method: 'GET', path: '/invites', handler: () => ({ status: 200, body: [...state.candidates.values()].map(renderInvite) }) },
		{
			method: 'GET', path: '/interviews', handler: () => ({
				status: 200,
				body: [...state.interviews.values()].map((i) => ({
					...i, scorecard: i.scorecard.map((q) => ({ ...q })),
					schedules: state.schedules.filter((s) => s.interviewId === i.interviewId).map((s) => ({ ...s, metadata: { ...s.metadata } })),
				})),
			}),
		},
		{
			method: 'GET', path: '/talentPools', handler: () => ({
				status: 200,
				body: state.talentPools.map((p) => ({
					...p, candidates: state.poolEntries.filter((e) => e.poolId === p.poolId).map((e) => ({ ...e, metadata: { ...e.metadata } })),
				})),
			}),
		},
		{ method: 'GET', path: '/webhooks', handler: () => ({ status: 200, body: [...state.webhooks.values()].map((h) => ({ ...h, events: [...h.events] })) }) },
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

module.exports = { name, prefix, SECRETS, SEED, EVENTS, DUPLICATE_RULES, signDelivery, createService };

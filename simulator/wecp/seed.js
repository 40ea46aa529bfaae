// @ts-check
'use strict';
/**
 * WeCP simulator: its name and mount point, constants, the seed data (fixed ids) and the shape and
 * initial value of its in-memory state.
 */
const name = 'wecp';
const prefix = '/wecp';

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

/** @typedef {{ state: WecpState }} Store  the live state, one object per service instance */

module.exports = { name, prefix, SEED, SCORECARD_TYPES, INTERVIEW_DURATION, EVENTS, DUPLICATE_RULES, EMAIL, seedState };

// @ts-check
'use strict';
/**
 * Wepow (HAL hypermedia API) simulator: its name and mount point, constants, the seed data (fixed ids)
 * and the shape and initial value of its in-memory state.
 */
const name = 'wepow';
const prefix = '/wepow';

const SEED = Object.freeze({
	templates: Object.freeze({
		standard: '501',
		engineering: '502',
		customerSupport: '503',
	}),
	interviews: Object.freeze({
		/** "Senior Backend Engineer", external_id 1001 (the iCIMS backend job), active */
		backendEngineer: '7001',
		/** "Product Designer", external_id 1009, closed: accepts no applications */
		productDesignerClosed: '7002',
	}),
	/** the ATS job ids the seeded positions carry */
	atsJobs: Object.freeze({ backendEngineer: '1001', productDesigner: '1009' }),
});

/** Notification targets Wepow supports; deliveries go out for application status changes. */
const EVENTS = Object.freeze(['application_status']);

/** Wepow's own duplicate rule; POST /_control/duplicateRules switches it off to expose duplicates we send. */
const DUPLICATE_RULES = Object.freeze([
	'invite (never twice): the same e-mail invited again to the same interview answers 200 with the existing application (bulk: duplicate: true), nothing sent',
]);
const STATUSES = Object.freeze(['new', 'sent', 'delivered', 'opened', 'started', 'in_progress', 'completed', 'expired']);
const EVALUATIONS = Object.freeze(['approved', 'pending', 'dismissed']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;
const MAX_BULK = 100;
const HAL = { 'content-type': 'application/hal+json; charset=utf-8' };

/** @typedef {{ id: number, name: string, description: string, questions: string[], created_at: string }} Template */
/**
 * @typedef {Object} Interview   Wepow's "position"
 * @property {number} id
 * @property {string} name
 * @property {'active' | 'closed'} status
 * @property {string | null} external_id   the ATS job id
 * @property {number} template_id
 * @property {string | null} expires_at
 * @property {string} created_at
 */
/** @typedef {{ id: number, email: string, first_name: string, last_name: string, external_id: string | null, created_at: string }} Candidate */
/**
 * @typedef {Object} Application   one invitation of one candidate to one interview
 * @property {number} id
 * @property {number} interviewId
 * @property {number} candidateId
 * @property {string} status
 * @property {string} evaluation_status
 * @property {string | null} date_sent
 * @property {string | null} date_completed
 * @property {string} date_updated
 * @property {string | null} external_id   the ATS application id sent with the invitation
 * @property {number} previous_interviews_count
 * @property {number} emailsSent
 * @property {string[]} resentAt
 * @property {Map<string, { issuedAt: string, usedAt: string | null }>} reviewTokens  single-use iframe tokens
 * @property {string} created_at
 */
/** @typedef {{ id: number, callback_url: string, target: string, active: boolean, created_at: string }} Notification */
/**
 * @typedef {Object} WepowState
 * @property {Template[]} templates
 * @property {Map<number, Interview>} interviews
 * @property {Map<number, Candidate>} candidates
 * @property {Map<number, Application>} applications
 * @property {Map<number, Notification>} notifications
 * @property {{ interview: number, candidate: number, application: number, notification: number }} nextIds
 * @property {number} lastMs   keeps timestamps strictly increasing
 */

/** @returns {WepowState} */
function seedState() {
	const t = SEED.templates;
	return {
		templates: [
			{ id: Number(t.standard), name: 'Standard Video Interview', description: 'Three general questions, 2 minutes each', questions: ['Tell us about yourself', 'Why this role?', 'A challenge you solved'], created_at: '2025-06-02T09:00:00.000Z' },
			{ id: Number(t.engineering), name: 'Engineering Video Interview', description: 'Technical walk-through, 3 questions', questions: ['A system you designed', 'A bug you hunted', 'How you review code'], created_at: '2025-06-03T09:00:00.000Z' },
			{ id: Number(t.customerSupport), name: 'Customer Support Video Interview', description: 'Role play, 2 questions', questions: ['Calm an upset customer', 'Explain a refund policy'], created_at: '2025-06-04T09:00:00.000Z' },
		],
		interviews: new Map([
			[Number(SEED.interviews.backendEngineer), {
				id: Number(SEED.interviews.backendEngineer), name: 'Senior Backend Engineer', status: 'active', external_id: SEED.atsJobs.backendEngineer,
				template_id: Number(t.engineering), expires_at: null, created_at: '2026-01-05T09:00:00.000Z',
			}],
			[Number(SEED.interviews.productDesignerClosed), {
				id: Number(SEED.interviews.productDesignerClosed), name: 'Product Designer', status: 'closed', external_id: SEED.atsJobs.productDesigner,
				template_id: Number(t.standard), expires_at: '2026-02-01T00:00:00.000Z', created_at: '2025-11-01T09:00:00.000Z',
			}],
		]),
		candidates: new Map(),
		applications: new Map(),
		notifications: new Map(),
		nextIds: { interview: 7101, candidate: 8001, application: 9001, notification: 601 },
		lastMs: 0,
	};
}

/** @typedef {{ state: WepowState }} Store  the live state, one object per service instance */

module.exports = { name, prefix, SEED, EVENTS, DUPLICATE_RULES, STATUSES, EVALUATIONS, EMAIL, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_BULK, HAL, seedState };

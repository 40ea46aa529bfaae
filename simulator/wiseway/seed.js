// @ts-check
'use strict';
/**
 * WiseWay simulator: its name and mount point, constants, the seed data (fixed ids) and the shape and
 * initial value of its in-memory state.
 */
const name = 'wiseway';
const prefix = '/wiseway';

const SEED = Object.freeze({
	positions: Object.freeze({
		/** active, with invitation messages: invites are e-mailed (and texted when a phone is given) */
		backendEngineer: '6650a1b2c3d4e5f60718293a',
		/** active, no invitation messages: candidates stay "created" and get no e-mail; share interviewLink */
		customerSupport: '6650a1b2c3d4e5f60718293b',
		/** closed: inviting answers 400 */
		summerInternship: '6650a1b2c3d4e5f60718293c',
	}),
});

const EVENTS = Object.freeze([
	'interview.completed',
	'interview.started',
	'candidate.invited',
	'candidate.created',
	'position.created',
	'position.updated',
]);

/** WiseWay's own duplicate rule; POST /_control/duplicateRules switches it off to expose duplicates we send. */
const DUPLICATE_RULES = Object.freeze([
	'invite: the same e-mail invited again to the same position answers 409 "Candidate with this email already exists for this position"',
]);
const POSITION_STATUSES = Object.freeze(['active', 'draft', 'closed']);
const QUESTION_TYPES = Object.freeze(['video', 'text']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9]\d{6,14}$/;
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

/** @typedef {{ id: string, text: string, type: string, order: number }} Question */
/**
 * @typedef {Object} Position
 * @property {string} id
 * @property {string} title
 * @property {string} description
 * @property {string} language
 * @property {string} status            active | draft | closed
 * @property {Question[]} questions
 * @property {boolean} invitationMessages  false: invites send nothing, the link must be shared
 * @property {string} createdAt
 * @property {string} updatedAt
 */
/**
 * @typedef {Object} Candidate
 * @property {string} id
 * @property {string} positionId
 * @property {string} name
 * @property {string} email
 * @property {string | null} phone
 * @property {'created' | 'invited' | 'started' | 'completed'} status
 * @property {string} interviewLink
 * @property {string | null} invitedAt
 * @property {string | null} startedAt
 * @property {string | null} completedAt
 * @property {number | null} rating
 * @property {Record<string, unknown> | null} metadata
 * @property {number} emailsSent
 * @property {number} smsSent
 * @property {string} createdAt
 */
/**
 * @typedef {Object} Webhook
 * @property {string} id
 * @property {string} url
 * @property {string[]} events
 * @property {boolean} active
 * @property {string} secret
 * @property {'api' | 'app'} createdBy
 * @property {string} createdAt
 */
/**
 * @typedef {Object} Settings
 * @property {boolean} returnSecretOnCreate   false: POST /webhooks answers without secret and signs with SECRETS.webhookSecret
 * @property {{ limit: number, windowSeconds: number } | null} rateLimit  requests per window per key, then 429 + Retry-After
 * @property {boolean} duplicateDeliveries    every delivery is sent twice, byte for byte
 */
/**
 * @typedef {Object} WiseWayState
 * @property {Map<string, Position>} positions
 * @property {Map<string, Candidate>} candidates
 * @property {Map<string, Webhook>} webhooks
 * @property {Settings} settings
 * @property {Map<string, { windowStart: number, count: number }>} rate  per API key
 */

/** @returns {WiseWayState} */
function seedState() {
	const t0 = '2025-03-03T09:00:00.000Z';
	/** @param {string} id @param {string} title @param {string} status @param {boolean} messages @param {[string, string][]} questions @returns {Position} */
	const position = (id, title, status, messages, questions) => ({
		id, title, description: `${title}: a one-way video interview.`, language: 'en', status, invitationMessages: messages,
		questions: questions.map(([text, type], n) => ({ id: `${id.slice(0, 20)}q${String(n + 1).padStart(3, '0')}`, text, type, order: n + 1 })),
		createdAt: t0, updatedAt: t0,
	});
	const p = SEED.positions;
	return {
		positions: new Map([
			[p.backendEngineer, position(p.backendEngineer, 'Senior Backend Engineer', 'active', true, [
				['Tell us about a system you designed.', 'video'],
				['Describe an incident you handled.', 'video'],
				['Why this role?', 'text'],
			])],
			[p.customerSupport, position(p.customerSupport, 'Customer Support Specialist', 'active', false, [
				['How do you calm an upset customer?', 'video'],
				['Which languages do you speak?', 'text'],
			])],
			[p.summerInternship, position(p.summerInternship, 'Summer Internship 2025', 'closed', true, [['Introduce yourself.', 'video']])],
		]),
		candidates: new Map(),
		webhooks: new Map(),
		settings: { returnSecretOnCreate: true, rateLimit: null, duplicateDeliveries: false },
		rate: new Map(),
	};
}

/** @typedef {{ state: WiseWayState }} Store  the live state, one object per service instance */

module.exports = { name, prefix, SEED, EVENTS, DUPLICATE_RULES, POSITION_STATUSES, QUESTION_TYPES, EMAIL, E164, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, seedState };

// @ts-check
'use strict';
/**
 * Willo (Integration API v2) simulator: its name and mount point, constants, the seed data (fixed ids)
 * and the shape and initial value of its in-memory state.
 */
const name = 'willo';
const prefix = '/willo/api/integrations/v2';

const SEED = Object.freeze({
	interviews: Object.freeze({
		backendEngineer: '5e1f0c2a9b3d4e6f8a7b1c2d3e4f5a60',
		dataAnalyst: '6f2a1d3b0c4e5f7a9b8c2d3e4f5a6b71',
		supportArchived: '7a3b2e4c1d5f6a8b0c9d3e4f5a6b7c82',
	}),
	templates: Object.freeze({
		screening: '8b4c3f5d2e6a7b9c1d0e4f5a6b7c8d93',
		graduate: '9c5d4a6e3f7b8c0d2e1f5a6b7c8d9ea4',
	}),
	departments: Object.freeze({
		engineering: 'ad6e5b7f4a8c9d1e3f2a6b7c8d9eafb5',
		operations: 'be7f6c8a5b9d0e2f4a3b7c8d9eafb0c6',
	}),
	users: Object.freeze({
		recruiter: 'cf8a7d9b6c0e1f3a5b4c8d9eafb0c1d7',
		hiringManager: 'd09b8eac7d1f2a4b6c5d9eafb0c1d2e8',
	}),
});

const EVENTS = Object.freeze(['new_response', 'stage_change', 'new_comment', 'new_score']);
const STAGES = Object.freeze(['Invited', 'Responded', 'Shortlisted', 'Maybe', 'Rejected', 'Hired']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9]\d{6,14}$/;
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 30;

/** @typedef {{ key: string, text: string, answer_type: string }} Question */
/** @typedef {{ key: string, email: string, full_name: string }} User */
/** @typedef {{ key: string, name: string }} Department */
/**
 * @typedef {Object} Interview
 * @property {string} key
 * @property {string} title
 * @property {string} owner        user key
 * @property {string} department   department key
 * @property {'active' | 'archived'} status
 * @property {string} inviteCode
 * @property {string} created_at   ISO
 * @property {Question[]} questions
 */
/** @typedef {{ key: string, title: string, department: string, questions: Omit<Question, 'key'>[] }} Template */
/**
 * @typedef {Object} Response
 * @property {string} key
 * @property {Question} question
 * @property {string} answer_type
 * @property {string | null} video_url   null on some video answers: read media_url then
 * @property {string | null} media_url
 * @property {string | null} transcript
 * @property {string | null} text
 * @property {string | null} ai_summary
 * @property {number | null} duration_seconds
 * @property {string} created_at
 */
/** @typedef {{ key: string, text: string, user: string, created_at: string }} Comment */
/**
 * @typedef {Object} Participant
 * @property {string} key
 * @property {string} interview    interview key
 * @property {string} name
 * @property {string | null} first_name
 * @property {string | null} last_name
 * @property {string | null} email
 * @property {string | null} phone
 * @property {string | null} external_id
 * @property {Record<string, unknown>} metadata
 * @property {string} stage
 * @property {'invited' | 'completed'} status
 * @property {string} invite_link
 * @property {string} share_link
 * @property {string} created_at
 * @property {string | null} completed_at
 * @property {number[]} scores
 * @property {number} max_score
 * @property {Response[]} responses
 * @property {Comment[]} comments
 * @property {{ email: number, sms: number }} invitationsSent
 * @property {string} createdBy   'api', 'tutorial-alias' or 'public-link'
 */
/**
 * @typedef {Object} Webhook
 * @property {string} key
 * @property {string} url
 * @property {string} event
 * @property {string[]} interviews
 * @property {boolean} follow_all_interviews
 * @property {string[]} departments
 * @property {string[]} users
 * @property {Record<string, unknown>} payload_configuration
 * @property {string} api_version
 * @property {'active' | 'inactive'} status
 * @property {string} created_at
 */
/**
 * @typedef {Object} WilloState
 * @property {User[]} users
 * @property {Department[]} departments
 * @property {Interview[]} interviews
 * @property {Template[]} templates
 * @property {Map<string, Participant>} participants  by key, in creation order
 * @property {Map<string, Webhook>} webhooks
 */

/** @returns {WilloState} */
function seedState() {
	const i = SEED.interviews;
	/** @param {string} interviewKey @param {[string, string][]} list @returns {Question[]} */
	const questions = (interviewKey, list) => list.map(([text, answerType], n) => ({
		key: `${interviewKey.slice(0, 24)}q${String(n + 1).padStart(7, '0')}`, text, answer_type: answerType,
	}));
	return {
		users: [
			{ key: SEED.users.recruiter, email: 'recruiter@example.com', full_name: 'Riley Recruiter' },
			{ key: SEED.users.hiringManager, email: 'hiring.manager@example.com', full_name: 'Harper Hiring-Manager' },
		],
		departments: [
			{ key: SEED.departments.engineering, name: 'Engineering' },
			{ key: SEED.departments.operations, name: 'Operations' },
		],
		interviews: [
			{
				key: i.backendEngineer, title: 'Senior Backend Engineer: Screening', owner: SEED.users.recruiter,
				department: SEED.departments.engineering, status: 'active', inviteCode: 'backend', created_at: '2025-01-06T09:00:00.000Z',
				questions: questions(i.backendEngineer, [
					['Tell us about a system you designed and what you would change today.', 'video'],
					['Describe a production incident you handled.', 'video'],
					['Why do you want this role?', 'text'],
				]),
			},
			{
				key: i.dataAnalyst, title: 'Data Analyst: First Interview', owner: SEED.users.hiringManager,
				department: SEED.departments.operations, status: 'active', inviteCode: 'analyst', created_at: '2025-01-07T09:00:00.000Z',
				questions: questions(i.dataAnalyst, [
					['Walk us through an analysis that changed a decision.', 'video'],
					['How do you explain a chart to a non-specialist?', 'audio'],
					['Which SQL function do you use most, and why?', 'text'],
				]),
			},
			{
				key: i.supportArchived, title: 'Support Specialist (2024)', owner: SEED.users.recruiter,
				department: SEED.departments.operations, status: 'archived', inviteCode: 'support', created_at: '2024-03-01T09:00:00.000Z',
				questions: questions(i.supportArchived, [['Tell us about a difficult customer.', 'video']]),
			},
		],
		templates: [
			{
				key: SEED.templates.screening, title: 'Standard Screening', department: SEED.departments.engineering,
				questions: [
					{ text: 'Introduce yourself in one minute.', answer_type: 'video' },
					{ text: 'What are you looking for in your next role?', answer_type: 'video' },
					{ text: 'When could you start?', answer_type: 'text' },
				],
			},
			{
				key: SEED.templates.graduate, title: 'Graduate Programme', department: SEED.departments.operations,
				questions: [
					{ text: 'Tell us about a project you are proud of.', answer_type: 'video' },
					{ text: 'Describe your ideal team.', answer_type: 'audio' },
				],
			},
		],
		participants: new Map(),
		webhooks: new Map(),
	};
}

/** @typedef {{ state: WilloState }} Store  the live state, one object per service instance */

module.exports = { name, prefix, SEED, EVENTS, STAGES, EMAIL, E164, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, seedState };

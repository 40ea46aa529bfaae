// @ts-check
'use strict';
/**
 * Lever (Data API v1) simulator: its name and mount point, constants, the seed data (fixed ids) and
 * the shape and initial value of its in-memory state.
 */
const name = 'lever';
const prefix = '/lever/v1';

const SEED = Object.freeze({
	stages: Object.freeze({
		leadNew: 'lead-new',
		applicantNew: 'applicant-new',
		phoneScreen: 'a6c2f1e0-5b1d-4c8e-9f3a-2d7e4b6c8a01',
		assessment: 'b7d3a2f1-6c2e-4d9f-8a4b-3e8f5c7d9b02',
		onsiteInterview: 'c8e4b3a2-7d3f-4e0a-9b5c-4f9a6d8e0c03',
		offer: 'offer',
		hiredReady: 'd9f5c4b3-8e4a-4f1b-8c6d-5a0b7e9f1d04',
	}),
	users: Object.freeze({
		recruiter: '1a2b3c4d-0001-4e5f-8a9b-0c1d2e3f4a51',
		hiringManager: '1a2b3c4d-0002-4e5f-8a9b-0c1d2e3f4a52',
		interviewer: '1a2b3c4d-0003-4e5f-8a9b-0c1d2e3f4a53',
	}),
	postings: Object.freeze({
		backendEngineer: 'e1a2b3c4-d5e6-4f70-8a91-b2c3d4e5f601',
		dataAnalyst: 'f2b3c4d5-e6f7-4a81-9b02-c3d4e5f6a702',
		/** no owner (its owner left): acting-as-owner integrations fall back to their own user */
		qaEngineer: 'a3c4d5e6-f7a8-4b92-8c13-d4e5f6a7b803',
	}),
	archiveReasons: Object.freeze({
		hired: '2b3c4d5e-0001-4f6a-9b0c-1d2e3f4a5b61',
		underqualified: '2b3c4d5e-0002-4f6a-9b0c-1d2e3f4a5b62',
		withdrew: '2b3c4d5e-0003-4f6a-9b0c-1d2e3f4a5b63',
	}),
});

const EVENTS = Object.freeze([
	'applicationCreated', 'candidateStageChange', 'candidateArchiveChange', 'candidateHired', 'candidateDeleted',
	'interviewCreated', 'interviewUpdated', 'interviewDeleted', 'contactCreated', 'contactUpdated',
]);
const ORIGINS = Object.freeze(['agency', 'applied', 'internal', 'referred', 'sourced', 'university']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** @typedef {{ id: string, text: string }} Stage */
/** @typedef {{ id: string, name: string, username: string, email: string, accessRole: string, photo: null, createdAt: number, deactivatedAt: number | null, externalDirectoryId: null, linkedContactIds: string[], jobTitle: string, managerId: string | null }} User */
/**
 * @typedef {Object} Posting
 * @property {string} id
 * @property {string} text
 * @property {string} state
 * @property {{ team: string, department: string, location: string, commitment: string, level: string }} categories
 * @property {string[]} tags
 * @property {string} user
 * @property {string | null} owner
 * @property {string} hiringManager
 * @property {number} createdAt
 * @property {number} updatedAt
 */
/** @typedef {{ id: string, text: string, status: 'hired' | 'non-hired', type: string }} ArchiveReason */
/** @typedef {{ toStageId: string, toStageIndex: number, updatedAt: number, userId: string | null }} StageChange */
/**
 * @typedef {Object} Application
 * @property {string} id
 * @property {string} type
 * @property {string | null} posting
 * @property {number} createdAt
 */
/**
 * @typedef {Object} Note
 * @property {string} id
 * @property {string} noteId
 * @property {string} text
 * @property {{ type: string, text: string, value: unknown }[]} fields
 * @property {string | null} user     the perform_as user
 * @property {boolean} secret
 * @property {number | null} score
 * @property {boolean} notifyFollowers
 * @property {number} createdAt
 * @property {number | null} completedAt
 * @property {null} deletedAt
 */
/**
 * @typedef {Object} Opportunity
 * @property {string} id
 * @property {string} contactId
 * @property {string} name
 * @property {string} headline
 * @property {string[]} emails
 * @property {{ type: string, value: string }[]} phones
 * @property {string[]} links
 * @property {string[]} tags
 * @property {string[]} sources
 * @property {string} origin
 * @property {string} owner
 * @property {string[]} followers
 * @property {string} stage
 * @property {StageChange[]} stageChanges
 * @property {Application[]} applications
 * @property {{ archivedAt: number, reason: string } | null} archived
 * @property {number} createdAt
 * @property {number} updatedAt
 * @property {number} lastAdvancedAt
 * @property {number} lastInteractionAt
 * @property {Note[]} notes
 */
/**
 * @typedef {Object} Webhook
 * @property {string} id
 * @property {string} url
 * @property {string} event
 * @property {{ conditions: Record<string, unknown>, signatureToken: string }} configuration
 * @property {number} createdAt
 * @property {number} updatedAt
 */
/**
 * @typedef {Object} LeverState
 * @property {Stage[]} stages           in pipeline order
 * @property {User[]} users
 * @property {Posting[]} postings
 * @property {ArchiveReason[]} archiveReasons
 * @property {Set<string>} tags          every tag the account knows
 * @property {Map<string, Opportunity>} opportunities
 * @property {Map<string, Webhook>} webhooks
 */

/** @returns {LeverState} */
function seedState() {
	const t0 = Date.UTC(2025, 0, 6, 9, 0, 0);
	const s = SEED.stages;
	const u = SEED.users;
	/** @param {string} id @param {string} userName @param {string} email @param {string} accessRole @param {string} jobTitle @returns {User} */
	const user = (id, userName, email, accessRole, jobTitle) => ({
		id, name: userName, username: email.split('@')[0], email, accessRole, photo: null, createdAt: t0,
		deactivatedAt: null, externalDirectoryId: null, linkedContactIds: [], jobTitle, managerId: null,
	});
	return {
		stages: [
			{ id: s.leadNew, text: 'New lead' },
			{ id: s.applicantNew, text: 'New applicant' },
			{ id: s.phoneScreen, text: 'Phone Screen' },
			{ id: s.assessment, text: 'Assessment' },
			{ id: s.onsiteInterview, text: 'On-site Interview' },
			{ id: s.offer, text: 'Offer' },
			{ id: s.hiredReady, text: 'Hired-ready' },
		],
		users: [
			user(u.recruiter, 'Riley Recruiter', 'recruiter@example.com', 'super admin', 'Recruiter'),
			user(u.hiringManager, 'Harper Hiring-Manager', 'hiring.manager@example.com', 'team member', 'Engineering Manager'),
			user(u.interviewer, 'Ines Interviewer', 'interviewer@example.com', 'interviewer', 'Senior Engineer'),
		],
		postings: [
			{
				id: SEED.postings.backendEngineer, text: 'Senior Backend Engineer', state: 'published',
				categories: { team: 'Engineering', department: 'R&D', location: 'Remote', commitment: 'Full-time', level: 'Senior' },
				tags: ['engineering'], user: u.recruiter, owner: u.recruiter, hiringManager: u.hiringManager, createdAt: t0, updatedAt: t0,
			},
			{
				id: SEED.postings.dataAnalyst, text: 'Data Analyst', state: 'internal',
				categories: { team: 'Analytics', department: 'Operations', location: 'Berlin', commitment: 'Full-time', level: 'Mid' },
				tags: ['analytics'], user: u.hiringManager, owner: u.hiringManager, hiringManager: u.hiringManager, createdAt: t0, updatedAt: t0,
			},
			{
				id: SEED.postings.qaEngineer, text: 'QA Engineer', state: 'published',
				categories: { team: 'Engineering', department: 'R&D', location: 'Lisbon', commitment: 'Full-time', level: 'Mid' },
				tags: ['engineering'], user: u.recruiter, owner: null, hiringManager: u.hiringManager, createdAt: t0, updatedAt: t0,
			},
		],
		archiveReasons: [
			{ id: SEED.archiveReasons.hired, text: 'Hired', status: 'hired', type: 'hired' },
			{ id: SEED.archiveReasons.underqualified, text: 'Underqualified', status: 'non-hired', type: 'non-hired' },
			{ id: SEED.archiveReasons.withdrew, text: 'Withdrew', status: 'non-hired', type: 'non-hired' },
		],
		tags: new Set(['referral', 'priority']),
		opportunities: new Map(),
		webhooks: new Map(),
	};
}

/** @typedef {{ state: LeverState }} Store  the live state, one object per service instance */

module.exports = { name, prefix, SEED, EVENTS, ORIGINS, EMAIL, seedState };

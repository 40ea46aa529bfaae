// @ts-check
'use strict';
/**
 * iCIMS simulator: its name and mount point, constants, the seed data (fixed ids) and the shape and
 * initial value of its in-memory state.
 */
const name = 'icims';
const prefix = '/icims';

const CUSTOMER_ID = '4242';

const SEED = Object.freeze({
	customerId: CUSTOMER_ID,
	statuses: Object.freeze({
		newSubmission: 'C2001',
		phoneScreen: 'C2002',
		videoInterview: 'C36951',
		offer: 'C2004',
		hired: 'C2005',
		rejected: 'C2006',
	}),
	assessmentNames: Object.freeze({ wepowVideoInterview: 'D37001001', wecpCodingTest: 'D37001002' }),
	assessmentStatuses: Object.freeze({ sent: 'D37002019003', inProgress: 'D37002019002', complete: 'D37002019001' }),
	jobs: Object.freeze({ backendEngineer: '1001', dataAnalyst: '1002' }),
	people: Object.freeze({ janeDoe: '2001', samLee: '2002', alexKim: '2003' }),
	/** alexAnalyst has an empty required field (source): a status PATCH without it fails */
	workflows: Object.freeze({ janeBackend: '3001', samBackend: '3002', alexAnalyst: '3003' }),
	users: Object.freeze({ recruiter: '1501', hiringManager: '1502' }),
});

const EVENTS = Object.freeze(['WorkFlowStatusChangeEvent']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ICIMS_DATE = /^(\d{4})-(\d{2})-(\d{2}) (0[1-9]|1[0-2]):([0-5]\d) (AM|PM)$/i;
const RESULT_FIELDS = Object.freeze(['assessmentname', 'assessmentstatus', 'assessmentscore', 'assessmentresult', 'assessmentnotes', 'assessmentdate', 'assessmenturl']);
const CUSTOM_FIELD = /^field\d+$/;
const SEARCH_CAP = 1000;
const TOKEN_LIMIT = 500;
const TOKEN_WINDOW_MS = 10 * 60_000;
const DEFAULT_COPIES = 2;

/** @param {number} ms */
function icimsDate(ms) {
	const d = new Date(ms);
	const h = d.getUTCHours();
	const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(h % 12 === 0 ? 12 : h % 12)}:${pad(d.getUTCMinutes())} ${h < 12 ? 'AM' : 'PM'}`;
}

/** iCIMS' "yyyy-mm-dd hh:mm AM" (UTC) or ISO, as epoch ms; NaN otherwise. @param {unknown} value */
function parseDate(value) {
	if (typeof value !== 'string') return NaN;
	const m = ICIMS_DATE.exec(value.trim());
	if (m) {
		const hours = (Number(m[4]) % 12) + (m[6].toUpperCase() === 'PM' ? 12 : 0);
		return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), hours, Number(m[5]));
	}
	return /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN;
}

/** @typedef {{ id: string, value: string }} ListValue */
/** @typedef {{ id: string, firstname: string, lastname: string, email: string, phone: string | null }} Person */
/** @typedef {{ id: string, jobtitle: string, jobid: string, folder: ListValue, location: string, hiringmanager: string, recruiter: string }} Job */
/**
 * @typedef {Object} ResultEntry
 * @property {number} entry
 * @property {Record<string, unknown>} fields
 * @property {number} createdAt
 * @property {number} updatedAt
 */
/**
 * @typedef {Object} Workflow
 * @property {string} id
 * @property {string} personId
 * @property {string} jobId
 * @property {string} status
 * @property {string} source
 * @property {string[]} requiredFields   fields iCIMS insists on when they are empty
 * @property {Record<string, unknown>} fields  custom fields (field12345)
 * @property {ResultEntry[]} assessmentresults
 * @property {{ from: string, to: string, userId: string | null, at: number }[]} history
 * @property {number} createdAt
 * @property {number} updatedAt
 */
/**
 * What iCIMS staff configure on the Event Notifications page.
 * @typedef {{ id: string, url: string, username: string, password: string, encoding: 'gzip' | 'gzip-raw' | 'none', copies: number, createdAt: number }} Subscription
 */
/**
 * @typedef {Object} IcimsState
 * @property {ListValue[]} statuses
 * @property {ListValue[]} assessmentNames
 * @property {ListValue[]} assessmentStatuses
 * @property {{ id: string, name: string }[]} users
 * @property {Map<string, Person>} people
 * @property {Map<string, Job>} jobs
 * @property {Map<string, Workflow>} workflows
 * @property {Map<string, Subscription>} subscriptions
 * @property {{ limit: number, used: number }} quota
 * @property {Map<string, number>} tokens          access token → expiry (epoch ms)
 * @property {number[]} tokenRequests              times of token requests
 * @property {number} stalenessSeconds             search cache age (0: off)
 * @property {Map<string, { at: number, ids: string[] }>} searchCache
 * @property {{ person: number, workflow: number, entry: number }} next
 */

/** @returns {IcimsState} */
function seedState() {
	const t0 = Date.UTC(2026, 0, 5, 9, 0, 0);
	const s = SEED.statuses;
	/** @type {[string, string, string, string, string | null][]} */
	const people = [
		[SEED.people.janeDoe, 'Jane', 'Doe', 'jane.doe@example.org', '+14155550101'],
		[SEED.people.samLee, 'Sam', 'Lee', 'sam.lee@example.org', '+14155550102'],
		[SEED.people.alexKim, 'Alex', 'Kim', 'alex.kim@example.org', null],
		// iCIMS users (a job's recruiter and hiring manager) are person profiles too: /people/<user id>.
		[SEED.users.recruiter, 'Riley', 'Recruiter', 'riley.recruiter@example.org', null],
		[SEED.users.hiringManager, 'Harper', 'Hiring-Manager', 'harper.manager@example.org', null],
	];
	/** @param {string} id @param {string} personId @param {string} jobId @param {string} status @param {string} source @param {string[]} requiredFields @returns {Workflow} */
	const workflow = (id, personId, jobId, status, source, requiredFields) => ({
		id, personId, jobId, status, source, requiredFields, fields: {}, assessmentresults: [], history: [], createdAt: t0, updatedAt: t0,
	});
	return {
		statuses: [
			{ id: s.newSubmission, value: 'New Submission' },
			{ id: s.phoneScreen, value: 'Phone Screen' },
			{ id: s.videoInterview, value: 'Video Interview' },
			{ id: s.offer, value: 'Offer' },
			{ id: s.hired, value: 'Hired' },
			{ id: s.rejected, value: 'Rejected' },
		],
		assessmentNames: [
			{ id: SEED.assessmentNames.wepowVideoInterview, value: 'Wepow Video Interview' },
			{ id: SEED.assessmentNames.wecpCodingTest, value: 'WeCP Coding Test' },
		],
		assessmentStatuses: [
			{ id: SEED.assessmentStatuses.sent, value: 'Sent' },
			{ id: SEED.assessmentStatuses.inProgress, value: 'In Progress' },
			{ id: SEED.assessmentStatuses.complete, value: 'Complete' },
		],
		users: [
			{ id: SEED.users.recruiter, name: 'Riley Recruiter' },
			{ id: SEED.users.hiringManager, name: 'Harper Hiring-Manager' },
		],
		people: new Map(people.map(([id, firstname, lastname, email, phone]) => [id, { id, firstname, lastname, email, phone }])),
		jobs: new Map([
			[SEED.jobs.backendEngineer, {
				id: SEED.jobs.backendEngineer, jobtitle: 'Senior Backend Engineer', jobid: '2026-1001', folder: { id: 'D31001', value: 'Approved' },
				location: 'Remote', hiringmanager: SEED.users.hiringManager, recruiter: SEED.users.recruiter,
			}],
			[SEED.jobs.dataAnalyst, {
				id: SEED.jobs.dataAnalyst, jobtitle: 'Data Analyst', jobid: '2026-1002', folder: { id: 'D31001', value: 'Approved' },
				location: 'Berlin', hiringmanager: SEED.users.hiringManager, recruiter: SEED.users.recruiter,
			}],
		]),
		workflows: new Map([
			[SEED.workflows.janeBackend, workflow(SEED.workflows.janeBackend, SEED.people.janeDoe, SEED.jobs.backendEngineer, s.phoneScreen, 'Company Website', [])],
			[SEED.workflows.samBackend, workflow(SEED.workflows.samBackend, SEED.people.samLee, SEED.jobs.backendEngineer, s.newSubmission, 'Referral', [])],
			[SEED.workflows.alexAnalyst, workflow(SEED.workflows.alexAnalyst, SEED.people.alexKim, SEED.jobs.dataAnalyst, s.newSubmission, '', ['source'])],
		]),
		subscriptions: new Map(),
		quota: { limit: 10_000, used: 0 },
		tokens: new Map(),
		tokenRequests: [],
		stalenessSeconds: 0,
		searchCache: new Map(),
		next: { person: 2100, workflow: 3100, entry: 5001 },
	};
}

/** @typedef {{ state: IcimsState }} Store  the live state, one object per service instance */

module.exports = { name, prefix, CUSTOMER_ID, SEED, EVENTS, EMAIL, ICIMS_DATE, RESULT_FIELDS, CUSTOM_FIELD, SEARCH_CAP, TOKEN_LIMIT, TOKEN_WINDOW_MS, DEFAULT_COPIES, icimsDate, parseDate, seedState };

/**
 * Lever Trigger: the assessment chosen by posting (one table, at most one stage per posting, no
 * retroactive invites, a default for other postings) and the posting owner as acting user.
 */
import { createHmac, randomBytes } from 'crypto';
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { LeverApi } from '../../../credentials/LeverApi.credentials';
import { LeverTrigger } from '../../../nodes/Lever/LeverTrigger.node';
import { clearCache } from '../../../nodes/shared/cache';
import { createDedupStore, runDelivery, runWebhookMethod } from '../../helpers/harness';

const BASE = 'https://lever.test';
const credentials = { leverApi: { apiKey: 'lever-key', environment: 'custom', baseUrl: `${BASE}/v1` } };
const credentialTypes = [new LeverApi()];
const SIGNATURE_TOKEN = 'a'.repeat(48);
const WEBHOOK_URL = 'http://127.0.0.1:5678/webhook/abc/webhook';
const ASSESSMENT = 'stage-assessment';
const PHONE = 'stage-phone';
const DAY = 24 * 60 * 60_000;

const TABLE = {
	rows: [
		{ postingId: 'posting-backend', stageId: ASSESSMENT, assessmentId: 'test-js-101' },
		{ postingId: 'posting-analyst', stageId: PHONE, assessmentId: 'test-py-201' },
	],
};
const BY_POSTING = {
	events: ['candidateStageChange'],
	assessmentSelection: 'byPosting',
	assessmentsByPosting: TABLE,
	defaultAssessmentId: 'test-sql-301',
	defaultStageId: ASSESSMENT,
	options: { resolveCandidate: false },
};

function signedDelivery(toStageId: string, opportunityId = 'opp-1'): IDataObject {
	const token = randomBytes(24).toString('hex');
	const triggeredAt = Date.now();
	const signature = createHmac('sha256', SIGNATURE_TOKEN).update(token + String(triggeredAt)).digest('hex');
	return {
		event: 'candidateStageChange',
		token,
		triggeredAt,
		signature,
		data: { opportunityId, candidateId: opportunityId, contactId: 'contact-1', fromStageId: 'applicant-new', toStageId },
	};
}

function registered(extra: IDataObject = {}): IDataObject {
	return { registrations: [{ id: 'wh-1', event: 'candidateStageChange', secret: SIGNATURE_TOKEN, url: WEBHOOK_URL }], ...extra };
}

/** A delivery end to end at the trigger: webhook() (n8n's answer), then the execution's first step (items). */
function deliver(body: IDataObject, parameters: IDataObject, staticData: IDataObject = registered()) {
	return runDelivery(new LeverTrigger(), {
		parameters,
		credentials,
		credentialTypes,
		staticData,
		dedupStore: createDedupStore(),
		request: { body, rawBody: Buffer.from(JSON.stringify(body)), headers: { 'content-type': 'application/json' } },
	});
}

/** The opportunity as Lever holds it after the move (stage included, as Lever expands it). */
function opportunity(postingId: string | null, appliedAt: number, application: IDataObject = {}, stageId = ASSESSMENT) {
	return nock(BASE)
		.get('/v1/opportunities/opp-1')
		.query({ expand: ['applications', 'stage'] })
		.reply(200, {
			data: {
				id: 'opp-1',
				name: 'Jane Doe',
				contact: 'contact-1',
				emails: ['jane@example.com'],
				createdAt: appliedAt,
				stage: { id: stageId, text: stageId },
				applications: postingId === null ? [] : [{ id: 'app-1', posting: postingId, createdAt: appliedAt, ...application }],
			},
		});
}

/** What activation leaves in static data: the registrations and when each row took effect. */
async function activated(parameters: IDataObject): Promise<IDataObject> {
	nock(BASE).post('/v1/webhooks').reply(201, { data: { id: 'wh-1', event: 'candidateStageChange', configuration: { signatureToken: SIGNATURE_TOKEN } } });
	const staticData: IDataObject = {};
	await runWebhookMethod(new LeverTrigger(), 'create', { parameters, credentials, credentialTypes, staticData, webhookUrl: WEBHOOK_URL });
	return staticData;
}

beforeAll(() => nock.disableNetConnect());
// Posting owners and stage names are kept in process memory: each test starts without them.
beforeEach(() => clearCache());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Lever Trigger: assessment per posting', () => {
	it('records when each row took effect on activation, besides registering the webhook', async () => {
		const before = Date.now();
		const staticData = await activated(BY_POSTING);
		const since = staticData.assessmentRowsSince as Record<string, number>;
		expect(Object.keys(since).sort()).toEqual([
			`posting-analyst|${PHONE}|test-py-201`,
			`posting-backend|${ASSESSMENT}|test-js-101`,
		]);
		for (const time of Object.values(since)) expect(time).toBeGreaterThanOrEqual(before);
		expect(staticData.registrations).toEqual([{ id: 'wh-1', event: 'candidateStageChange', secret: SIGNATURE_TOKEN, url: WEBHOOK_URL }]);
		expect(staticData.webhookUrl).toBeUndefined();
	});

	it('keeps the recorded times when n8n restarts and only checks the webhooks', async () => {
		const staticData = registered({ assessmentRowsSince: { [`posting-backend|${ASSESSMENT}|test-js-101`]: 1234 } });
		nock(BASE).get('/v1/webhooks').query(true).reply(200, { data: [{ id: 'wh-1', url: WEBHOOK_URL, event: 'candidateStageChange' }], hasNext: false });
		const exists = await runWebhookMethod(new LeverTrigger(), 'checkExists', { parameters: BY_POSTING, credentials, credentialTypes, staticData, webhookUrl: WEBHOOK_URL });
		expect(exists).toBe(true);
		expect((staticData.assessmentRowsSince as Record<string, number>)[`posting-backend|${ASSESSMENT}|test-js-101`]).toBe(1234);
		expect(Object.keys(staticData.assessmentRowsSince as IDataObject)).toHaveLength(2);
	});

	it('refuses to activate, naming the posting, when a posting is mapped to two stages, and registers nothing', async () => {
		const parameters = {
			...BY_POSTING,
			assessmentsByPosting: { rows: [...TABLE.rows, { postingId: 'posting-backend', stageId: PHONE, assessmentId: 'test-sql-301' }] },
		};
		nock(BASE)
			.get('/v1/postings')
			.query(true)
			.reply(200, { data: [{ id: 'posting-backend', text: 'Senior Backend Engineer' }], hasNext: false })
			.get('/v1/stages')
			.query(true)
			.reply(200, { data: [{ id: ASSESSMENT, text: 'Assessment' }, { id: PHONE, text: 'Phone Screen' }], hasNext: false });
		const staticData: IDataObject = {};
		await expect(
			runWebhookMethod(new LeverTrigger(), 'create', { parameters, credentials, credentialTypes, staticData, webhookUrl: WEBHOOK_URL }),
		).rejects.toThrow(
			`The posting "Senior Backend Engineer" (posting-backend) is mapped twice in "Assessment per Posting" (rows 1 and 3, stages "Assessment" (${ASSESSMENT}) and "Phone Screen" (${PHONE})): give each posting one row`,
		);
		expect(staticData).toEqual({});
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('still names the posting by its ID when Lever cannot list the names', async () => {
		const parameters = { ...BY_POSTING, assessmentsByPosting: { rows: [TABLE.rows[0], { ...TABLE.rows[0], stageId: PHONE }] } };
		nock(BASE).get('/v1/postings').query(true).reply(403, { code: 'Forbidden', message: 'no postings permission' });
		nock(BASE).get('/v1/stages').query(true).reply(200, { data: [], hasNext: false });
		const checking = runWebhookMethod(new LeverTrigger(), 'checkExists', { parameters, credentials, credentialTypes, staticData: registered(), webhookUrl: WEBHOOK_URL });
		await expect(checking).rejects.toThrow('The posting posting-backend is mapped twice in "Assessment per Posting" (rows 1 and 2');
	});

	it('also refuses a delivery while the table maps a posting twice (e.g. on the test URL)', async () => {
		const parameters = {
			...BY_POSTING,
			assessmentsByPosting: { rows: [TABLE.rows[0], { ...TABLE.rows[0], stageId: PHONE }] },
		};
		await expect(deliver(signedDelivery(ASSESSMENT), parameters)).rejects.toThrow('The posting posting-backend is mapped twice');
	});

	it("emits the posting's assessment for a move into the posting's stage", async () => {
		const staticData = await activated(BY_POSTING);
		opportunity('posting-backend', Date.now());
		const { items } = await deliver(signedDelivery(ASSESSMENT), BY_POSTING, staticData);
		expect(items[0].json).toMatchObject({ applicationId: 'opp-1', jobId: 'posting-backend', assessmentId: 'test-js-101', assessmentMatchedBy: 'posting' });
	});

	it('uses each posting its own stage: Phone Screen for the analyst posting, not Assessment', async () => {
		const staticData = await activated(BY_POSTING);
		opportunity('posting-analyst', Date.now(), {}, PHONE);
		const phone = await deliver(signedDelivery(PHONE), BY_POSTING, staticData);
		expect(phone.items[0].json).toMatchObject({ jobId: 'posting-analyst', assessmentId: 'test-py-201' });
		opportunity('posting-analyst', Date.now());
		const assessment = await deliver(signedDelivery(ASSESSMENT), BY_POSTING, staticData);
		expect(assessment.items).toEqual([]);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('gives another posting the default test at the default stage, whenever its candidate applied', async () => {
		const staticData = await activated(BY_POSTING);
		opportunity('posting-qa', Date.now() - 30 * DAY);
		const { items } = await deliver(signedDelivery(ASSESSMENT), BY_POSTING, staticData);
		expect(items[0].json).toMatchObject({ jobId: 'posting-qa', assessmentId: 'test-sql-301', assessmentMatchedBy: 'default' });
	});

	it('skips other postings when there is no default', async () => {
		const parameters = { ...BY_POSTING, defaultAssessmentId: '' };
		const staticData = await activated(parameters);
		opportunity('posting-qa', Date.now());
		const { items, response } = await deliver(signedDelivery(ASSESSMENT), parameters, staticData);
		expect(items).toEqual([]);
		expect(response.statusCode).toBeUndefined();
	});

	it('does not invite a candidate who applied to the posting before its row took effect', async () => {
		const staticData = await activated(BY_POSTING);
		opportunity('posting-backend', Date.now() - DAY);
		const { items } = await deliver(signedDelivery(ASSESSMENT), BY_POSTING, staticData);
		expect(items).toEqual([]);
	});

	it('answers a move into a stage no row uses without any lookup', async () => {
		const { result, items } = await deliver(signedDelivery('stage-offer'), BY_POSTING, await activated(BY_POSTING));
		expect(result).toEqual({});
		expect(items).toEqual([]);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('refuses to activate with a default assessment but no default stage', async () => {
		const parameters = { ...BY_POSTING, defaultStageId: '' };
		nock(BASE).get('/v1/postings').query(true).reply(200, { data: [], hasNext: false }).get('/v1/stages').query(true).reply(200, { data: [], hasNext: false });
		await expect(
			runWebhookMethod(new LeverTrigger(), 'create', { parameters, credentials, credentialTypes, staticData: {}, webhookUrl: WEBHOOK_URL }),
		).rejects.toThrow('"Default Assessment ID" needs a "Default Stage"');
	});

	it('ignores the table unless the assessment is chosen by posting, and adds nothing to the output', async () => {
		const parameters = { ...BY_POSTING, assessmentSelection: 'none', toStageIds: [ASSESSMENT] };
		const staticData = await activated(parameters);
		expect(staticData.assessmentRowsSince).toBeUndefined();
		opportunity('posting-analyst', Date.now() - DAY);
		const { items } = await deliver(signedDelivery(ASSESSMENT), parameters, staticData);
		const item = items[0].json;
		expect(item).toMatchObject({ applicationId: 'opp-1', toStage: { id: ASSESSMENT } });
		expect(item).not.toHaveProperty('assessmentId');
		expect(item).not.toHaveProperty('postingOwner');
	});
});

describe('Lever Trigger: posting owner', () => {
	const OWNER = { events: ['candidateStageChange'], toStageIds: [ASSESSMENT], options: { resolveCandidate: false, resolvePostingOwner: true } };

	it("looks up the owner named on the application and outputs their e-mail", async () => {
		opportunity('posting-analyst', Date.now(), { postingOwner: 'user-harper' });
		const user = nock(BASE).get('/v1/users/user-harper').reply(200, { data: { id: 'user-harper', name: 'Harper', email: 'hiring.manager@example.com' } });
		const { items } = await deliver(signedDelivery(ASSESSMENT), OWNER);
		expect(items[0].json.postingOwner).toEqual({ id: 'user-harper', name: 'Harper', email: 'hiring.manager@example.com' });
		expect(user.isDone()).toBe(true);
	});

	it("reads the owner from the posting when the application does not name one", async () => {
		opportunity('posting-analyst', Date.now());
		const scope = nock(BASE)
			.get('/v1/postings/posting-analyst')
			.reply(200, { data: { id: 'posting-analyst', owner: 'user-harper' } })
			.get('/v1/users/user-harper')
			.reply(200, { data: { id: 'user-harper', name: 'Harper', email: 'hiring.manager@example.com' } });
		const { items } = await deliver(signedDelivery(ASSESSMENT), OWNER);
		expect(items[0].json.postingOwner).toMatchObject({ email: 'hiring.manager@example.com' });
		expect(scope.isDone()).toBe(true);
	});

	it('looks a posting owner up once for a burst of deliveries: posting and user are kept for a while', async () => {
		opportunity('posting-analyst', Date.now());
		opportunity('posting-analyst', Date.now());
		const scope = nock(BASE)
			.get('/v1/postings/posting-analyst')
			.once()
			.reply(200, { data: { id: 'posting-analyst', owner: 'user-harper' } })
			.get('/v1/users/user-harper')
			.once()
			.reply(200, { data: { id: 'user-harper', name: 'Harper', email: 'hiring.manager@example.com' } });
		const first = await deliver(signedDelivery(ASSESSMENT), OWNER);
		const second = await deliver(signedDelivery(ASSESSMENT), OWNER);
		expect(first.items[0].json.postingOwner).toEqual(second.items[0].json.postingOwner);
		expect(second.items[0].json.postingOwner).toMatchObject({ email: 'hiring.manager@example.com' });
		expect(scope.isDone()).toBe(true);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('takes an expanded owner object as it is, without a user lookup', async () => {
		opportunity('posting-analyst', Date.now());
		nock(BASE).get('/v1/postings/posting-analyst').reply(200, { data: { owner: { id: 'u-2', name: 'Riley', email: 'recruiter@example.com' } } });
		const { items } = await deliver(signedDelivery(ASSESSMENT), OWNER);
		expect(items[0].json.postingOwner).toEqual({ id: 'u-2', name: 'Riley', email: 'recruiter@example.com' });
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('outputs postingOwner null when the posting has no owner, or the candidate no posting', async () => {
		opportunity('posting-qa', Date.now());
		nock(BASE).get('/v1/postings/posting-qa').reply(200, { data: { id: 'posting-qa', owner: null } });
		const noOwner = await deliver(signedDelivery(ASSESSMENT), OWNER);
		expect(noOwner.items[0].json.postingOwner).toBeNull();
		opportunity(null, Date.now());
		const noPosting = await deliver(signedDelivery(ASSESSMENT), OWNER);
		expect(noPosting.items[0].json.postingOwner).toBeNull();
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('outputs a null e-mail for an owner without one', async () => {
		opportunity('posting-analyst', Date.now(), { postingOwner: 'user-x' });
		nock(BASE).get('/v1/users/user-x').reply(200, { data: { id: 'user-x', name: 'No Mail', email: '' } });
		const { items } = await deliver(signedDelivery(ASSESSMENT), OWNER);
		expect(items[0].json.postingOwner).toEqual({ id: 'user-x', name: 'No Mail', email: null });
	});
});

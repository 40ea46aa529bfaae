import nock from 'nock';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import { WilloApi } from '../../../credentials/WilloApi.credentials';
import { clearCache } from '../../../nodes/shared/cache';
import { Willo } from '../../../nodes/Willo/Willo.node';
import { DEFAULT_RETRY_POLICY } from '../../../nodes/shared/http';
import { createDedupStore, runNode } from '../../helpers/harness';

// A lost answer costs an attempt: this many, each looked up in vain, and the invite fails unsure.
const LOST_ANSWERS = DEFAULT_RETRY_POLICY.maxAttempts;

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));
const sleep = n8nWorkflow.sleep as jest.MockedFunction<typeof n8nWorkflow.sleep>;

const HOST = 'https://willo.test';
const PATH = '/api/integrations/v2';
const API_KEY = 'willo-secret-key-0123456789';
const credentials = { willoApi: { apiKey: API_KEY, bearerPrefix: false, baseUrl: `${HOST}${PATH}/` } };
const credentialTypes = [new WilloApi()];
const INTERVIEW = '5e1f0c2a9b3d4e6f8a7b1c2d3e4f5a60';

const inviteParameters = {
	resource: 'participant',
	operation: 'invite',
	interviewId: INTERVIEW,
	name: '={{ $json.name }}',
	email: '={{ $json.email }}',
	phone: '={{ $json.phone }}',
	atsCandidateId: '={{ $json.candidateId }}',
	atsApplicationId: '={{ $json.applicationId }}',
};
const candidate = { name: 'Jane Doe', email: 'jane@example.com', phone: '+1 415 555 0100', candidateId: 'contact-1', applicationId: 'opp-1' };
const inviteBody = {
	interview: INTERVIEW,
	name: 'Jane Doe',
	email: 'jane@example.com',
	phone: '+14155550100',
	external_id: 'opp-1',
	metadata: { ats_candidate_id: 'contact-1', ats_application_id: 'opp-1' },
};
const emptyPage = { count: 0, next: null, previous: null, results: [] };

function willo(options: { reqheaders?: Record<string, string>; badheaders?: string[] } = {}) {
	return nock(HOST, { reqheaders: { authorization: API_KEY, ...options.reqheaders }, badheaders: options.badheaders });
}

function run(parameters: Record<string, unknown>, options: Record<string, unknown> = {}) {
	return runNode(new Willo(), { parameters, credentials, credentialTypes, input: [{ json: candidate }], ...options });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	sleep.mockClear();
	clearCache();
});
afterAll(() => nock.enableNetConnect());

describe('Willo node: invite', () => {
	it('looks for an existing participant, then invites with the bare key, the E.164 phone and the ATS ids', async () => {
		const scope = willo()
			.get(`${PATH}/participants/`)
			.query({ interview: INTERVIEW, page: '1', page_size: '30' })
			.reply(200, { count: 1, next: null, previous: null, results: [{ key: 'p-0', email: 'someone@example.com', external_id: 'opp-0' }] })
			.post(`${PATH}/participants/`, inviteBody)
			.reply(201, { key: 'p-1', ...inviteBody, invite_link: 'https://willo.test/i/1' });
		const { items, error } = await run(inviteParameters, { dedupStore: createDedupStore() });
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ key: 'p-1', invite_link: 'https://willo.test/i/1', alreadyInvited: false, sent: true, interviewId: INTERVIEW });
		expect(scope.isDone()).toBe(true);
	});

	it('sends "Bearer <key>" when the credential asks for it', async () => {
		const scope = nock(HOST, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
			.post(`${PATH}/participants/`)
			.reply(201, { key: 'p-1' });
		const { error } = await runNode(new Willo(), {
			parameters: { ...inviteParameters, options: { checkExisting: false } },
			credentials: { willoApi: { ...credentials.willoApi, bearerPrefix: true } },
			credentialTypes,
			input: [{ json: candidate }],
			dedupStore: createDedupStore(),
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('invites once per application and interview: a second run sends nothing', async () => {
		const dedupStore = createDedupStore();
		const scope = willo().post(`${PATH}/participants/`).once().reply(201, { key: 'p-1' });
		const parameters = { ...inviteParameters, options: { checkExisting: false } };
		await run(parameters, { dedupStore });
		expect(scope.isDone()).toBe(true);
		// No interceptor is left: any request would fail the run.
		const { items, error } = await run(parameters, { dedupStore });
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ alreadyInvited: true, sent: false, status: 'already_invited', external_id: 'opp-1' });
	});

	it.each([
		['the same ATS application ID', { key: 'p-9', email: 'other@example.com', external_id: 'opp-1' }],
		['the same e-mail, in another case', { key: 'p-9', email: 'JANE@example.com', external_id: null }],
	])('returns the participant already there with %s instead of inviting again', async (_name, existing) => {
		const scope = willo()
			.get(`${PATH}/participants/`)
			.query(true)
			.reply(200, { count: 1, next: null, previous: null, results: [existing] });
		const { items, error } = await run(inviteParameters, { dedupStore: createDedupStore() });
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ key: 'p-9', alreadyInvited: true, sent: false });
		expect(scope.isDone()).toBe(true);
	});

	it("lets a later run retry an invite that failed, showing Willo's field message", async () => {
		const dedupStore = createDedupStore();
		willo().get(`${PATH}/participants/`).query(true).reply(200, emptyPage).post(`${PATH}/participants/`).reply(400, { email: ['Enter a valid email address.'] });
		const first = await run(inviteParameters, { dedupStore });
		expect(first.error).toBeInstanceOf(NodeApiError);
		expect(first.error!.message).toBe('Willo answered HTTP 400: email: Enter a valid email address.');
		const scope = willo().get(`${PATH}/participants/`).query(true).reply(200, emptyPage).post(`${PATH}/participants/`).reply(201, { key: 'p-2' });
		const second = await run(inviteParameters, { dedupStore });
		expect(second.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('rejects a phone that is not E.164, showing the expected form, before any request', async () => {
		const { error } = await run(inviteParameters, { input: [{ json: { ...candidate, phone: '(415) 555-0100' } }], dedupStore: createDedupStore() });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('The field "Phone" is not an E.164 phone number');
		expect(error!.description).toContain('+14155550100');
		expect(error!.description).toContain('(415) 555-0100');
	});

	it('can leave an invalid phone out and invite by e-mail, saying why', async () => {
		const scope = willo()
			.post(`${PATH}/participants/`, (body) => body.phone === undefined && body.email === 'jane@example.com')
			.reply(201, { key: 'p-3' });
		const { items, error } = await run(
			{ ...inviteParameters, options: { checkExisting: false, invalidPhone: 'omit' } },
			{ input: [{ json: { ...candidate, phone: '415 555 0100' } }], dedupStore: createDedupStore() },
		);
		expect(error).toBeUndefined();
		expect(items[0][0].json.phoneLeftOut).toContain('415 555 0100');
		expect(scope.isDone()).toBe(true);
	});

	it.each([
		['no name', { name: '' }, 'The field "Name" is required'],
		['a malformed e-mail', { email: 'jane at example' }, 'The field "Email" is not a valid e-mail address'],
		['neither e-mail nor phone', { email: '', phone: '' }, 'The fields "Email" and "Phone" are both empty'],
	])('rejects %s, naming the field, with nothing sent', async (_name, change, message) => {
		const { error } = await run(inviteParameters, { input: [{ json: { ...candidate, ...change } }], dedupStore: createDedupStore() });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe(message);
	});

	it('rejects an interview ID that could leave the path', async () => {
		const { error } = await run({ ...inviteParameters, interviewId: '../webhooks' }, { dedupStore: createDedupStore() });
		expect(error!.message).toBe('The field "Interview" is not a Willo ID');
	});

	it('goes on with the next item under Continue On Fail', async () => {
		const scope = willo().post(`${PATH}/participants/`).reply(201, { key: 'p-4' });
		const { items, error } = await run(
			{ ...inviteParameters, options: { checkExisting: false } },
			{
				input: [{ json: { ...candidate, phone: '555-0100', applicationId: 'opp-bad' } }, { json: candidate }],
				continueOnFail: true,
				dedupStore: createDedupStore(),
			},
		);
		expect(error).toBeUndefined();
		expect(items[0][0].json.error).toBe('The field "Phone" is not an E.164 phone number');
		expect(items[0][0].pairedItem).toEqual({ item: 0 });
		expect(items[0][1].json).toMatchObject({ key: 'p-4', sent: true });
		expect(items[0][1].pairedItem).toEqual({ item: 1 });
		expect(scope.isDone()).toBe(true);
	});

	it('never puts the key into an error', async () => {
		willo().post(`${PATH}/participants/`).times(LOST_ANSWERS).reply(500, { detail: 'boom' }).get(`${PATH}/participants/`).query(true).times(LOST_ANSWERS - 1).reply(200, { count: 0, next: null, results: [] });
		const { error } = await run({ ...inviteParameters, options: { checkExisting: false } }, { dedupStore: createDedupStore() });
		expect(error!.message).toBe('Willo answered HTTP 500: boom');
		expect(JSON.stringify({ message: error!.message, description: error!.description, error })).not.toContain(API_KEY);
	});

	it('looks a lost invite up instead of sending it blind, and sends again only while Willo does not have it', async () => {
		const dedupStore = createDedupStore();
		// Stored, then the answer lost: the look-up finds it and nothing is sent again.
		const scope = willo()
			.post(`${PATH}/participants/`)
			.once()
			.reply(502, { detail: 'bad gateway' })
			.get(`${PATH}/participants/`)
			.query(true)
			.reply(200, { count: 1, next: null, results: [{ key: 'p-1', email: 'jane@example.com', external_id: 'opp-1' }] });
		const { items, error } = await run({ ...inviteParameters, options: { checkExisting: false } }, { dedupStore });
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ key: 'p-1', sent: true });
		expect(scope.isDone()).toBe(true);
		// A lost answer on every attempt, never found: the error says so, and the claim stays for the next run to ask first.
		const lost = createDedupStore();
		willo().post(`${PATH}/participants/`).times(LOST_ANSWERS).reply(500, { detail: 'boom' }).get(`${PATH}/participants/`).query(true).times(LOST_ANSWERS - 1).reply(200, { count: 0, next: null, results: [] });
		const failed = await run({ ...inviteParameters, options: { checkExisting: false } }, { dedupStore: lost });
		expect(failed.error?.description).toContain('not sent again blind');
		const asked = willo().get(`${PATH}/participants/`).query(true).reply(200, { count: 1, next: null, results: [{ key: 'p-9', email: 'jane@example.com', external_id: 'opp-1' }] });
		const next = await run({ ...inviteParameters, options: { checkExisting: false } }, { dedupStore: lost });
		expect(next.items[0][0].json).toMatchObject({ key: 'p-9', alreadyInvited: true, sent: false });
		expect(asked.isDone()).toBe(true);
	});

	it('reads the participants again after a lost answer: a participant Willo stored is invited once, never twice', async () => {
		// Check Existing Participants (on by default) lists before the POST; that list cannot show what the POST stored.
		let posts = 0;
		const scope = willo()
			.get(`${PATH}/participants/`)
			.query(true)
			.reply(200, emptyPage)
			.post(`${PATH}/participants/`)
			.reply(() => {
				posts++;
				return [500, { detail: 'boom' }];
			})
			.get(`${PATH}/participants/`)
			.query(true)
			.reply(200, { count: 1, next: null, results: [{ key: 'p-1', email: 'jane@example.com', external_id: 'opp-1' }] });
		const second = willo()
			.post(`${PATH}/participants/`)
			.reply(() => {
				posts++;
				return [201, { key: 'p-2' }];
			});
		const { items, error } = await run(inviteParameters, { dedupStore: createDedupStore() });
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ key: 'p-1', sent: true, previousInvites: [] });
		expect(posts).toBe(1);
		expect(scope.isDone()).toBe(true);
		expect(second.isDone()).toBe(false);
	});

	it('resends explicitly, and a later invite for the same application sends nothing', async () => {
		const dedupStore = createDedupStore();
		const scope = willo().post(`${PATH}/participants/`, inviteBody).reply(201, { key: 'p-5' });
		const { items } = await run({ ...inviteParameters, operation: 'resend' }, { dedupStore });
		expect(items[0][0].json).toMatchObject({ key: 'p-5', resent: true, sent: true });
		expect(scope.isDone()).toBe(true);
		const { items: again } = await run(inviteParameters, { dedupStore });
		expect(again[0][0].json).toMatchObject({ alreadyInvited: true, sent: false });
	});
});

describe('Willo node: participants and interviews', () => {
	it("pages through an interview's participants by the page number in next, never its host", async () => {
		const scope = willo()
			.get(`${PATH}/participants/`)
			.query({ interview: INTERVIEW, page: '1', page_size: '30' })
			.reply(200, { count: 32, next: `https://elsewhere.test${PATH}/participants/?interview=${INTERVIEW}&page=2&page_size=30`, results: Array.from({ length: 30 }, (_, n) => ({ key: `p${n}` })) })
			.get(`${PATH}/participants/`)
			.query({ interview: INTERVIEW, page: '2', page_size: '30' })
			.reply(200, { count: 32, next: null, results: [{ key: 'p30' }, { key: 'p31' }] });
		const { items } = await run({ resource: 'participant', operation: 'getMany', simple: false, interviewId: INTERVIEW, returnAll: true });
		expect(items[0]).toHaveLength(32);
		expect(items[0][31].json.key).toBe('p31');
		expect(scope.isDone()).toBe(true);
	});

	it('keeps one page size across pages under a Limit, so page numbers stay true', async () => {
		const scope = willo()
			.get(`${PATH}/participants/`)
			.query({ interview: INTERVIEW, page: '1', page_size: '30' })
			.reply(200, { next: `${HOST}${PATH}/participants/?page=2`, results: Array.from({ length: 30 }, (_, n) => ({ key: `p${n}` })) })
			.get(`${PATH}/participants/`)
			.query({ interview: INTERVIEW, page: '2', page_size: '30' })
			.reply(200, { next: `${HOST}${PATH}/participants/?page=3`, results: Array.from({ length: 30 }, (_, n) => ({ key: `p${30 + n}` })) });
		const { items } = await run({ resource: 'participant', operation: 'getMany', simple: false, interviewId: INTERVIEW, returnAll: false, limit: 35 });
		expect(items[0].map((item) => item.json.key)).toEqual(Array.from({ length: 35 }, (_, n) => `p${n}`));
		expect(scope.isDone()).toBe(true);
	});

	it('asks for a small first page under a small Limit', async () => {
		const scope = willo().get(`${PATH}/participants/`).query({ interview: INTERVIEW, page: '1', page_size: '2' }).reply(200, { next: 'x?page=2', results: [{ key: 'a' }, { key: 'b' }] });
		const { items } = await run({ resource: 'participant', operation: 'getMany', simple: false, interviewId: INTERVIEW, limit: 2 });
		expect(items[0]).toHaveLength(2);
		expect(scope.isDone()).toBe(true);
	});

	it('gets a participant as the normalised result with questions, media links and transcripts', async () => {
		const scope = willo().get(`${PATH}/participants/p-1/`).reply(200, {
			key: 'p-1',
			interview: INTERVIEW,
			name: 'Jane Doe',
			email: 'jane@example.com',
			stage: 'Responded',
			completed_at: '2026-11-23T10:00:00Z',
			share_link: 'https://willo.test/share/p-1',
			metadata: { ats_candidate_id: 'contact-1', ats_application_id: 'opp-1' },
			responses: [
				{ question: { text: 'Design?', answer_type: 'video' }, answer_type: 'video', video_url: 'https://m/1.mp4', media_url: 'https://m/1.mp4', transcript: 'I designed…' },
				{ question: { text: 'Incident?', answer_type: 'video' }, answer_type: 'video', video_url: null, media_url: 'https://m/2.mp4', transcript: 'Once…' },
				{ question: { text: 'Explain?', answer_type: 'audio' }, answer_type: 'audio', media_url: 'https://m/3.m4a', transcript: 'A chart…' },
				{ question: { text: 'Why?', answer_type: 'text' }, answer_type: 'text', text: 'Because.' },
			],
		});
		// Willo's participant names only the interview's key: its title comes from the interview.
		const titleScope = willo().get(`${PATH}/interviews/${INTERVIEW}/`).reply(200, { key: INTERVIEW, title: 'Backend Screening' });
		const { items } = await run({ resource: 'participant', operation: 'get', simple: false, participantKey: 'p-1' });
		const result = items[0][0].json;
		expect(result).toMatchObject({
			vendor: 'willo',
			status: 'completed',
			candidate: { email: 'jane@example.com', name: 'Jane Doe' },
			ats: { candidateId: 'contact-1', applicationId: 'opp-1' },
			assessment: { id: INTERVIEW, name: 'Backend Screening' },
			reportUrl: 'https://willo.test/share/p-1',
			completedAt: '2026-11-23T10:00:00.000Z',
			willoParticipantKey: 'p-1',
			stage: 'Responded',
		});
		expect(result.responses).toEqual([
			expect.objectContaining({ question: 'Design?', answerType: 'video', videoUrl: 'https://m/1.mp4', audioUrl: null, transcript: 'I designed…' }),
			expect.objectContaining({ question: 'Incident?', videoUrl: 'https://m/2.mp4', transcript: 'Once…' }),
			expect.objectContaining({ question: 'Explain?', answerType: 'audio', videoUrl: null, audioUrl: 'https://m/3.m4a' }),
			expect.objectContaining({ question: 'Why?', answerType: 'text', videoUrl: null, text: 'Because.', transcript: null }),
		]);
		expect(scope.isDone()).toBe(true);
		expect(titleScope.isDone()).toBe(true);
	});

	it('lists interviews with the chosen filters', async () => {
		const scope = willo()
			.get(`${PATH}/interviews/`)
			.query({ search: 'engineer', ordering: '-created_at', page: '1', page_size: '30' })
			.reply(200, { next: null, results: [{ key: 'i-1' }] });
		const { items } = await run({ resource: 'interview', operation: 'getMany', simple: false, returnAll: true, filters: { search: 'engineer', ordering: '-created_at', owner: '' } });
		expect(items[0].map((item) => item.json.key)).toEqual(['i-1']);
		expect(scope.isDone()).toBe(true);
	});

	it('gets an interview', async () => {
		const scope = willo().get(`${PATH}/interviews/${INTERVIEW}/`).reply(200, { key: INTERVIEW, title: 'Backend' });
		const { items } = await run({ resource: 'interview', operation: 'get', simple: false, interviewId: INTERVIEW });
		expect(items[0][0].json).toEqual({ key: INTERVIEW, title: 'Backend' });
		expect(scope.isDone()).toBe(true);
	});

	it('creates an interview from a template', async () => {
		const scope = willo()
			.post(`${PATH}/interview-templates/tpl-1/interviews/`, { title: 'Platform Engineer', department: 'dep-1' })
			.reply(201, { key: 'i-9', title: 'Platform Engineer' });
		const { items } = await run({ resource: 'interview', operation: 'create', templateId: 'tpl-1', title: 'Platform Engineer', department: 'dep-1' });
		expect(items[0][0].json).toEqual({ key: 'i-9', title: 'Platform Engineer' });
		expect(scope.isDone()).toBe(true);
	});

	it('retries a 429 with Retry-After, then succeeds', async () => {
		willo()
			.get(`${PATH}/interviews/${INTERVIEW}/`).reply(429, { detail: 'Request was throttled.' }, { 'Retry-After': '2' })
			.get(`${PATH}/interviews/${INTERVIEW}/`).reply(200, { key: INTERVIEW });
		const { items } = await run({ resource: 'interview', operation: 'get', simple: false, interviewId: INTERVIEW });
		expect(items[0][0].json.key).toBe(INTERVIEW);
		expect(sleep).toHaveBeenCalledWith(2000);
	});
});

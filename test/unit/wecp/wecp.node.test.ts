import nock from 'nock';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import { WecpApi } from '../../../credentials/WecpApi.credentials';
import { Wecp } from '../../../nodes/Wecp/Wecp.node';
import { DEFAULT_RETRY_POLICY } from '../../../nodes/shared/http';
import { createDedupStore, runNode } from '../../helpers/harness';

// A lost answer costs an attempt: this many, each looked up in vain, and the invite fails unsure.
const LOST_ANSWERS = DEFAULT_RETRY_POLICY.maxAttempts;

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));
const sleep = n8nWorkflow.sleep as jest.MockedFunction<typeof n8nWorkflow.sleep>;

const BASE = 'https://wecp.test';
const secrets = { apiKey: 'wecp-api-key-xyz', partnerKey: 'partner-key', partnerSecret: 'partner-secret-abc' };
const credentials = { wecpApi: { ...secrets, userEmail: 'recruiter@example.com', baseUrl: BASE } };
const credentialTypes = [new WecpApi()];
const partnerHeader = Buffer.from('partner-key:partner-secret-abc').toString('base64');

const inviteParameters = {
	resource: 'candidate',
	operation: 'invite',
	testId: 'test-js-101',
	name: '={{ $json.name }}',
	email: '={{ $json.email }}',
	atsCandidateId: '={{ $json.candidateId }}',
	atsApplicationId: '={{ $json.applicationId }}',
};
const candidate = { name: 'Jane Doe', email: 'jane@example.com', candidateId: 'contact-1', applicationId: 'opp-1' };

function run(parameters: Record<string, unknown>, options: Record<string, unknown> = {}) {
	return runNode(new Wecp(), { parameters, credentials, credentialTypes, input: [{ json: candidate }], ...options });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	sleep.mockClear();
});
afterAll(() => nock.enableNetConnect());

describe('WeCP node: invite', () => {
	it('sends the API key, partner authorization and acting user, with the ATS ids as metadata', async () => {
		const scope = nock(BASE, {
			reqheaders: {
				'x-api-key': secrets.apiKey,
				'x-wecp-partner-authorization': partnerHeader,
				'wecp-user-email': 'recruiter@example.com',
			},
		})
			.post('/ats/wecp/tests/test-js-101/invite', {
				candidates: [{ name: 'Jane Doe', email: 'jane@example.com' }],
				sendEmail: true,
				metadata: { candidateId: 'contact-1', applicationId: 'opp-1' },
			})
			.reply(200, [{ email: 'jane@example.com', candidateId: 'w-1', inviteLink: 'https://assess.test/i/1', status: 'invited' }]);
		const { items, error } = await run(inviteParameters, { dedupStore: createDedupStore() });
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ candidateId: 'w-1', inviteLink: 'https://assess.test/i/1', alreadyInvited: false, sent: true, testId: 'test-js-101' });
		expect(scope.isDone()).toBe(true);
	});

	it('acts as the user named on the node instead of the credential, and records it in the metadata', async () => {
		const scope = nock(BASE, { reqheaders: { 'wecp-user-email': 'owner@example.com' } })
			.post('/ats/wecp/tests/test-js-101/invite', (body) => body.metadata.user_email === 'owner@example.com')
			.reply(200, [{ email: 'jane@example.com', status: 'invited' }]);
		const { error } = await run({ ...inviteParameters, actingUserEmail: 'owner@example.com' }, { dedupStore: createDedupStore() });
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('sends no partner header without partner credentials', async () => {
		const scope = nock(BASE, { badheaders: ['x-wecp-partner-authorization'] })
			.post('/ats/wecp/tests/test-js-101/invite')
			.reply(200, [{ status: 'invited' }]);
		const { error } = await runNode(new Wecp(), {
			parameters: inviteParameters,
			credentials: { wecpApi: { apiKey: 'k', baseUrl: BASE } },
			credentialTypes,
			input: [{ json: candidate }],
			dedupStore: createDedupStore(),
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('invites once per application and test: a second run sends nothing', async () => {
		const dedupStore = createDedupStore();
		const scope = nock(BASE).post('/ats/wecp/tests/test-js-101/invite').once().reply(200, [{ status: 'invited' }]);
		await run(inviteParameters, { dedupStore });
		expect(scope.isDone()).toBe(true);
		// No interceptor is left: any request would fail the run.
		const { items, error } = await run(inviteParameters, { dedupStore });
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ alreadyInvited: true, sent: false, status: 'already_invited' });
	});

	it('lets a later run retry an invite that failed', async () => {
		const dedupStore = createDedupStore();
		nock(BASE).post('/ats/wecp/tests/test-js-101/invite').reply(400, { message: 'Test is archived' });
		const first = await run(inviteParameters, { dedupStore });
		expect(first.error).toBeInstanceOf(NodeApiError);
		expect(first.error!.message).toBe('WeCP answered HTTP 400: Test is archived');
		const scope = nock(BASE).post('/ats/wecp/tests/test-js-101/invite').reply(200, [{ status: 'invited' }]);
		const second = await run(inviteParameters, { dedupStore });
		expect(second.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it("looks a lost invite up in the test's candidates and does not send it again when WeCP has it", async () => {
		const scope = nock(BASE)
			.post('/ats/wecp/tests/test-js-101/invite')
			.once()
			.reply(500, { message: 'upstream timeout' })
			.get('/ats/wecp/tests/test-js-101/candidates')
			.reply(200, [{ candidateId: 'w-7', candidateDetails: { Email: 'Jane@Example.com' }, testFinished: false }]);
		const { items, error } = await run(inviteParameters, { dedupStore: createDedupStore() });
		expect(error).toBeUndefined();
		// Sent by this run (the answer was lost): it says who it went out as, as any sent invite does.
		expect(items[0][0].json).toMatchObject({ candidateId: 'w-7', status: 'invited', sent: true, actedAs: 'recruiter@example.com', actingUserFallback: false });
		expect(scope.isDone()).toBe(true);
	});

	it('says which user a lost invite went out as when the acting user was not a WeCP user and the fallback sent it', async () => {
		const scope = nock(BASE)
			.post('/ats/wecp/tests/test-js-101/invite')
			.matchHeader('WECP-User-Email', 'owner@example.com')
			.reply(403, { message: 'User not found' })
			.post('/ats/wecp/tests/test-js-101/invite')
			.reply(500, { message: 'upstream timeout' })
			.get('/ats/wecp/tests/test-js-101/candidates')
			.reply(200, [{ candidateId: 'w-8', candidateDetails: { Email: 'jane@example.com' }, testFinished: false }]);
		const parameters = { ...inviteParameters, actingUserEmail: 'owner@example.com', options: { onUnknownActingUser: 'useCredentialUser' } };
		const { items, error } = await run(parameters, { dedupStore: createDedupStore() });
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ candidateId: 'w-8', sent: true, actedAs: 'recruiter@example.com', actingUserFallback: true });
		expect(scope.isDone()).toBe(true);
	});

	it('reads WeCP\'s 404 "No candidate found" as an empty test, and sends again after a lost answer', async () => {
		const scope = nock(BASE)
			.post('/ats/wecp/tests/test-js-101/invite')
			.reply(500, { message: 'upstream timeout' })
			.get('/ats/wecp/tests/test-js-101/candidates')
			.reply(404, 'No candidate found')
			.post('/ats/wecp/tests/test-js-101/invite')
			.reply(200, [{ candidateId: 'w-8', status: 'invited' }]);
		const { items, error } = await run(inviteParameters, { dedupStore: createDedupStore() });
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ candidateId: 'w-8', sent: true });
		expect(scope.isDone()).toBe(true);
	});

	it('with Check Existing Invite on, asks WeCP first and sends nothing when the candidate is there', async () => {
		const scope = nock(BASE).get('/ats/wecp/tests/test-js-101/candidates').reply(200, [{ candidateId: 'w-9', candidateDetails: { Email: 'jane@example.com' } }]);
		const { items, error } = await run({ ...inviteParameters, options: { checkExisting: true } }, { dedupStore: createDedupStore() });
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ candidateId: 'w-9', alreadyInvited: true, sent: false });
		expect(scope.isDone()).toBe(true);
	});

	it('with Check Existing Invite on, reads the test again after a lost answer: an invite WeCP stored is sent once, never twice', async () => {
		// The list read before the POST cannot show what the POST stored: reusing it would send again.
		let posts = 0;
		const scope = nock(BASE)
			.get('/ats/wecp/tests/test-js-101/candidates')
			.reply(404, 'No candidate found')
			.post('/ats/wecp/tests/test-js-101/invite')
			.reply(() => {
				posts++;
				return [500, { message: 'upstream timeout' }];
			})
			.get('/ats/wecp/tests/test-js-101/candidates')
			.reply(200, [{ candidateId: 'w-7', candidateDetails: { Email: 'jane@example.com' }, testFinished: false }]);
		const second = nock(BASE)
			.post('/ats/wecp/tests/test-js-101/invite')
			.reply(() => {
				posts++;
				return [200, [{ candidateId: 'w-8', status: 'invited' }]];
			});
		const { items, error } = await run({ ...inviteParameters, options: { checkExisting: true } }, { dedupStore: createDedupStore() });
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ candidateId: 'w-7', sent: true, previousInvites: [] });
		expect(posts).toBe(1);
		expect(scope.isDone()).toBe(true);
		expect(second.isDone()).toBe(false);
	});

	it("surfaces WeCP's already_invited answer as the existing invite", async () => {
		nock(BASE).post('/ats/wecp/tests/test-js-101/invite').reply(200, [{ status: 'already_invited', inviteLink: 'https://assess.test/i/1' }]);
		const { items } = await run(inviteParameters, { dedupStore: createDedupStore() });
		expect(items[0][0].json).toMatchObject({ alreadyInvited: true, sent: false, inviteLink: 'https://assess.test/i/1' });
	});

	it('rejects a malformed e-mail, naming the field, before any request', async () => {
		const { error } = await runNode(new Wecp(), {
			parameters: inviteParameters,
			credentials,
			credentialTypes,
			input: [{ json: { ...candidate, email: 'jane at example' } }],
			dedupStore: createDedupStore(),
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('The field "Email" is not a valid e-mail address');
		expect(error!.description).toContain('name@example.com');
	});

	it('never puts a secret into an error', async () => {
		// A lost answer on every attempt, each looked up in vain: the error says the outcome is unknown.
		const scope = nock(BASE)
			.post('/ats/wecp/tests/test-js-101/invite')
			.times(LOST_ANSWERS)
			.reply(500, { message: 'boom' })
			.get('/ats/wecp/tests/test-js-101/candidates')
			.times(LOST_ANSWERS - 1)
			.reply(404, 'No candidate found');
		const { error } = await run(inviteParameters, { dedupStore: createDedupStore() });
		expect(error!.message).toBe('WeCP answered HTTP 500: boom');
		expect(error!.description).toContain('not sent again blind');
		expect(scope.isDone()).toBe(true);
		const serialised = JSON.stringify({ message: error!.message, description: error!.description, error });
		for (const secret of [...Object.values(secrets), partnerHeader]) expect(serialised).not.toContain(secret);
	});
});

describe('WeCP node: other operations', () => {
	it('resends explicitly', async () => {
		const scope = nock(BASE).post('/ats/wecp/tests/test-js-101/resend', { emails: ['jane@example.com'] }).reply(200, { resent: 1 });
		const { items } = await run({ resource: 'candidate', operation: 'resend', testId: 'test-js-101', email: 'jane@example.com' });
		expect(items[0][0].json).toMatchObject({ resent: true, email: 'jane@example.com' });
		expect(scope.isDone()).toBe(true);
	});

	it("treats WeCP's 404 'No candidate found' as an empty list", async () => {
		nock(BASE).get('/ats/wecp/tests/test-js-101/candidates').reply(404, 'No candidate found', { 'content-type': 'text/plain' });
		const { items, error } = await run({ resource: 'candidate', operation: 'getMany', simple: false, testId: 'test-js-101', returnAll: true });
		expect(error).toBeUndefined();
		expect(items[0]).toEqual([]);
	});

	it('lists candidates of a test up to Limit, optionally only finished ones', async () => {
		nock(BASE).get('/ats/wecp/tests/test-js-101/candidates').reply(200, [
			{ candidateId: 'a', testFinished: true },
			{ candidateId: 'b', testFinished: false },
			{ candidateId: 'c', testFinished: true },
		]);
		const { items } = await run({ resource: 'candidate', operation: 'getMany', simple: false, testId: 'test-js-101', onlyFinished: true, limit: 1 });
		expect(items[0].map((item) => item.json.candidateId)).toEqual(['a']);
	});

	it('gets a report with percent and pass or fail against the pass mark', async () => {
		nock(BASE).get('/ats/wecp/candidates/w-1').reply(200, {
			candidateId: 'w-1',
			quizId: 'test-js-101',
			candidateDetails: { Name: 'Jane Doe', Email: 'jane@example.com' },
			score: 42,
			maxScore: 60,
			questionWiseScore: [{ question: 'Closures', score: 10, maxScore: 10 }],
			finishTime: '2026-11-23T10:00:00Z',
			testFinished: true,
			reportLink: 'https://assess.test/r/w-1',
			metadata: { candidateId: 'contact-1', applicationId: 'opp-1' },
		});
		const { items } = await run({ resource: 'report', operation: 'get', simple: false, candidateId: 'w-1', passMark: 75 });
		expect(items[0][0].json).toMatchObject({
			vendor: 'wecp',
			status: 'completed',
			score: 42,
			maxScore: 60,
			percent: 70,
			passed: false,
			reportUrl: 'https://assess.test/r/w-1',
			candidate: { email: 'jane@example.com', name: 'Jane Doe' },
			ats: { candidateId: 'contact-1', applicationId: 'opp-1' },
			completedAt: '2026-11-23T10:00:00.000Z',
		});
		expect((items[0][0].json.responses as unknown[])[0]).toMatchObject({ question: 'Closures', score: 10 });
	});

	it('lists tests and trims them to Limit', async () => {
		nock(BASE).get('/ats/wecp/tests').reply(200, [{ testId: 'a' }, { testId: 'b' }, { testId: 'c' }]);
		const { items } = await run({ resource: 'test', operation: 'getMany', simple: false, limit: 2 });
		expect(items[0]).toHaveLength(2);
	});

	it('retries a 429 with Retry-After then succeeds', async () => {
		nock(BASE)
			.get('/ats/wecp/tests').reply(429, { message: 'Too many requests' }, { 'Retry-After': '1' })
			.get('/ats/wecp/tests').reply(200, [{ testId: 'a' }]);
		const { items } = await run({ resource: 'test', operation: 'getMany', simple: false, returnAll: true });
		expect(items[0]).toHaveLength(1);
		expect(sleep).toHaveBeenCalledWith(1000);
	});
});

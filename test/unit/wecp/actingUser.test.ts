/**
 * WeCP acts on behalf of a user per item: the Lever templates pass the posting owner's e-mail,
 * and an empty value (no owner, or no e-mail) falls back to the credential's user.
 */
import nock from 'nock';
import { NodeOperationError } from 'n8n-workflow';
import { WecpApi } from '../../../credentials/WecpApi.credentials';
import { Wecp } from '../../../nodes/Wecp/Wecp.node';
import { createDedupStore, runNode } from '../../helpers/harness';

const BASE = 'https://wecp.test';
const credentials = { wecpApi: { apiKey: 'k', userEmail: 'recruiter@example.com', baseUrl: BASE } };
// Exactly what lever-stage-to-wecp-invite.json and its by-posting variant send.
const TEMPLATE_ACTING_USER = "={{ $json.postingOwner?.email ?? '' }}";
const parameters = {
	resource: 'candidate',
	operation: 'invite',
	testId: 'test-js-101',
	name: '={{ $json.name }}',
	email: '={{ $json.email }}',
	atsApplicationId: '={{ $json.applicationId }}',
	actingUserEmail: TEMPLATE_ACTING_USER,
};

function invite(event: Record<string, unknown>) {
	return runNode(new Wecp(), {
		parameters,
		credentials,
		credentialTypes: [new WecpApi()],
		input: [{ json: { name: 'Jane Doe', email: 'jane@example.com', applicationId: 'opp-1', ...event } }],
		dedupStore: createDedupStore(),
	});
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('WeCP invite: acting user from the Lever posting owner', () => {
	it("sends WECP-User-Email as the posting owner's e-mail", async () => {
		const scope = nock(BASE, { reqheaders: { 'wecp-user-email': 'hiring.manager@example.com' } })
			.post('/ats/wecp/tests/test-js-101/invite', (body) => body.metadata.user_email === 'hiring.manager@example.com')
			.reply(200, [{ email: 'jane@example.com', status: 'invited' }]);
		const { error } = await invite({ postingOwner: { id: 'u2', name: 'Harper', email: 'hiring.manager@example.com' } });
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it.each([
		['the posting has no owner', { postingOwner: null }],
		['the owner has no e-mail', { postingOwner: { id: 'u9', name: 'No Mail', email: null } }],
		['the trigger did not look the owner up', {}],
	])("falls back to the credential's user when %s", async (_case, event) => {
		const scope = nock(BASE, { reqheaders: { 'wecp-user-email': 'recruiter@example.com' } })
			.post('/ats/wecp/tests/test-js-101/invite', (body) => body.metadata.user_email === undefined)
			.reply(200, [{ email: 'jane@example.com', status: 'invited' }]);
		const { error } = await invite(event);
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('refuses an acting user that is not an e-mail, naming the field, and sends nothing', async () => {
		const { error } = await invite({ postingOwner: { email: 'Harper Hiring-Manager' } });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('The field "Acting User Email" is not a valid e-mail address');
		expect(nock.pendingMocks()).toEqual([]);
	});
});

describe('WeCP invite: an acting user WeCP does not know', () => {
	const owner = { postingOwner: { id: 'u3', name: 'Ines', email: 'interviewer@example.com' } };
	const unknownUser = () =>
		nock(BASE, { reqheaders: { 'wecp-user-email': 'interviewer@example.com' } })
			.post('/ats/wecp/tests/test-js-101/invite')
			.reply(403, { message: 'WECP-User-Email interviewer@example.com is not a user of this company' });

	function inviteWith(onUnknownActingUser: string | undefined) {
		return runNode(new Wecp(), {
			parameters: { ...parameters, options: onUnknownActingUser ? { checkExisting: false, onUnknownActingUser } : { checkExisting: false } },
			credentials,
			credentialTypes: [new WecpApi()],
			input: [{ json: { name: 'Jane Doe', email: 'jane@example.com', applicationId: 'opp-1', ...owner } }],
			dedupStore: createDedupStore(),
		});
	}

	it("invites as the credential's user when the option says so, and says so in the output", async () => {
		const refused = unknownUser();
		const asCredential = nock(BASE, { reqheaders: { 'wecp-user-email': 'recruiter@example.com' } })
			.post('/ats/wecp/tests/test-js-101/invite', (body) => body.metadata.user_email === undefined && body.metadata.applicationId === 'opp-1')
			.reply(200, [{ email: 'jane@example.com', candidateId: 'c1', status: 'invited' }]);
		const { items, error } = await inviteWith('useCredentialUser');
		expect(error).toBeUndefined();
		expect(refused.isDone()).toBe(true);
		expect(asCredential.isDone()).toBe(true);
		expect(items[0][0].json).toMatchObject({ sent: true, actedAs: 'recruiter@example.com', actingUserFallback: true, candidateId: 'c1' });
		expect((items[0][0].json.metadata as Record<string, unknown>).user_email).toBeUndefined();
	});

	it("fails with WeCP's 403 by default and sends nothing else", async () => {
		const refused = unknownUser();
		const { error } = await inviteWith(undefined);
		expect(refused.isDone()).toBe(true);
		expect(error?.message).toMatch(/WeCP answered HTTP 403: WECP-User-Email interviewer@example.com is not a user/);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('says it acted as the posting owner when WeCP knows the owner', async () => {
		const scope = nock(BASE, { reqheaders: { 'wecp-user-email': 'hiring.manager@example.com' } })
			.post('/ats/wecp/tests/test-js-101/invite')
			.reply(200, [{ email: 'jane@example.com', status: 'invited' }]);
		const { items, error } = await runNode(new Wecp(), {
			parameters: { ...parameters, options: { checkExisting: false, onUnknownActingUser: 'useCredentialUser' } },
			credentials,
			credentialTypes: [new WecpApi()],
			input: [{ json: { name: 'Jane Doe', email: 'jane@example.com', applicationId: 'opp-1', postingOwner: { email: 'hiring.manager@example.com' } } }],
			dedupStore: createDedupStore(),
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(items[0][0].json).toMatchObject({ actedAs: 'hiring.manager@example.com', actingUserFallback: false });
	});
});

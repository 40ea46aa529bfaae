/**
 * previousInvites against the simulators, over real HTTP on loopback: each vendor's invite lists
 * the candidate's earlier invites by e-mail, from the look-up the existing-invite check makes
 * anyway (no second request), or when asked for; WeCP also across every test.
 */
import type { IDataObject } from 'n8n-workflow';
import { WecpApi } from '../../../credentials/WecpApi.credentials';
import { WepowApi } from '../../../credentials/WepowApi.credentials';
import { WilloApi } from '../../../credentials/WilloApi.credentials';
import { WiseWayApi } from '../../../credentials/WiseWayApi.credentials';
import { Wecp } from '../../../nodes/Wecp/Wecp.node';
import { Wepow } from '../../../nodes/Wepow/Wepow.node';
import { Willo } from '../../../nodes/Willo/Willo.node';
import { WiseWay } from '../../../nodes/WiseWay/WiseWay.node';
import { createSandbox } from '../../../simulator/shared/core';
import * as wecp from '../../../simulator/wecp';
import * as wepow from '../../../simulator/wepow';
import * as willo from '../../../simulator/willo';
import * as wiseway from '../../../simulator/wiseway';
import { createDedupStore, runNode } from '../../helpers/harness';

type Json = Record<string, any>;

jest.setTimeout(30_000);

let sandbox: ReturnType<typeof createSandbox>;
let url: string;

const TESTS = wecp.SEED.tests;

beforeAll(async () => {
	sandbox = createSandbox([wecp, willo, wiseway, wepow]);
	url = (await sandbox.listen(0, '127.0.0.1')).url;
});
beforeEach(() => sandbox.reset());
afterAll(async () => await sandbox.close());

/** The requests the simulator received for one service and method whose path matches. */
function requests(service: string, method: string, path: RegExp): Json[] {
	return (sandbox.state.requests as Json[]).filter((request) => request.service === service && request.method === method && path.test(request.path));
}

async function wecpInvite(testId: string, applicationId: string, options: IDataObject = {}) {
	const credentials = { wecpApi: { apiKey: wecp.SECRETS.apiKey, userEmail: 'recruiter@example.com', baseUrl: url + wecp.prefix } };
	const { items, error } = await runNode(new Wecp(), {
		parameters: { resource: 'candidate', operation: 'invite', testId, name: 'Jane Doe', email: 'Jane@Example.com', atsApplicationId: applicationId, options },
		credentials,
		credentialTypes: [new WecpApi()],
		input: [{ json: {} }],
		dedupStore: createDedupStore(),
	});
	expect(error).toBeUndefined();
	return items[0][0].json as Json;
}

describe('WeCP invite: previousInvites', () => {
	it("comes with the existing-invite check at no cost: the chosen test's earlier invite of the e-mail", async () => {
		// Check Existing Invite is off by default: turned on here, as a workflow that wants it does.
		const first = await wecpInvite(TESTS.javascriptFundamentals, 'opp-1', { checkExisting: true });
		expect(first.previousInvites).toEqual([]);
		const listsBefore = requests('wecp', 'GET', /\/candidates$/).length;
		const second = await wecpInvite(TESTS.javascriptFundamentals, 'opp-2', { checkExisting: true });
		expect(second.alreadyInvited).toBe(true);
		expect(second.previousInvites).toEqual([
			expect.objectContaining({ assessmentId: TESTS.javascriptFundamentals, status: 'invited', inviteId: first.candidateId, completedAt: null }),
		]);
		expect(Date.parse(second.previousInvites[0].invitedAt)).not.toBeNaN();
		// One list of the test for both the check and previousInvites.
		expect(requests('wecp', 'GET', /\/candidates$/).length - listsBefore).toBe(1);
	});

	it('lists every test with Previous Invites in All Tests, names them, and tells a completed test apart', async () => {
		await wecpInvite(TESTS.javascriptFundamentals, 'opp-1');
		await wecpInvite(TESTS.sqlBasics, 'opp-1');
		const res = await fetch(`${url}/_control/wecp/complete`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ testId: TESTS.sqlBasics, email: 'jane@example.com', score: 80 }),
		});
		expect(res.status).toBe(200);
		const third = await wecpInvite(TESTS.pythonDataSkills, 'opp-1', { includePreviousInvites: true, previousInvitesInAllTests: true });
		expect(third.sent).toBe(true);
		const byTest = Object.fromEntries((third.previousInvites as Json[]).map((invite) => [invite.assessmentId, invite]));
		expect(Object.keys(byTest).sort()).toEqual([TESTS.javascriptFundamentals, TESTS.sqlBasics].sort());
		expect(byTest[TESTS.javascriptFundamentals]).toMatchObject({ assessmentName: 'JavaScript Fundamentals', status: 'invited' });
		expect(byTest[TESTS.sqlBasics]).toMatchObject({ assessmentName: 'SQL Basics', status: 'completed' });
		expect(Date.parse(byTest[TESTS.sqlBasics].completedAt)).not.toBeNaN();
	});

	it('is absent when neither asked for nor looked up, as with the default options', async () => {
		const invite = await wecpInvite(TESTS.javascriptFundamentals, 'opp-1', { checkExisting: false });
		expect(invite.sent).toBe(true);
		expect(invite).not.toHaveProperty('previousInvites');
		// Check Existing Invite is off by default: no list of the test, so no previousInvites either.
		const listsBefore = requests('wecp', 'GET', /\/candidates$/).length;
		const byDefault = await wecpInvite(TESTS.sqlBasics, 'opp-1');
		expect(byDefault.sent).toBe(true);
		expect(byDefault).not.toHaveProperty('previousInvites');
		expect(requests('wecp', 'GET', /\/candidates$/).length - listsBefore).toBe(0);
	});

	it('leaves out the invite this run just sent when it looks up after sending', async () => {
		const invite = await wecpInvite(TESTS.javascriptFundamentals, 'opp-1', { checkExisting: false, includePreviousInvites: true });
		expect(invite.sent).toBe(true);
		expect(invite.previousInvites).toEqual([]);
	});
});

describe('Willo, WiseWay and Wepow invites: previousInvites', () => {
	it("Willo: the interview's earlier participant with the e-mail (a Resend is one of its own)", async () => {
		const credentials = { willoApi: { apiKey: willo.SECRETS.apiKey, baseUrl: url + willo.prefix } };
		const invite = async (applicationId: string) => {
			const { items, error } = await runNode(new Willo(), {
				parameters: { resource: 'participant', operation: 'invite', interviewId: willo.SEED.interviews.backendEngineer, name: 'Jane Doe', email: 'jane@example.com', atsApplicationId: applicationId },
				credentials,
				credentialTypes: [new WilloApi()],
				input: [{ json: {} }],
				dedupStore: createDedupStore(),
			});
			expect(error).toBeUndefined();
			return items[0][0].json as Json;
		};
		const first = await invite('opp-1');
		expect(first.previousInvites).toEqual([]);
		const second = await invite('opp-2');
		expect(second.previousInvites).toEqual([
			expect.objectContaining({ assessmentId: willo.SEED.interviews.backendEngineer, status: 'invited', inviteId: first.key }),
		]);
	});

	const LOOKUPS: Array<[string, IDataObject]> = [
		['from the existing-invite check', { checkExisting: true }],
		['asked for with Include Previous Invites, the check off (listed after the invite)', { includePreviousInvites: true }],
	];

	it.each(LOOKUPS)("WiseWay: the position's candidate with the e-mail, %s", async (_how, options) => {
		const credentials = { wiseWayApi: { apiKey: wiseway.SECRETS.apiKey, baseUrl: url + wiseway.prefix } };
		const invite = async (applicationId: string) => {
			const { items, error } = await runNode(new WiseWay(), {
				// Both are off by default: each case turns on the look-up previousInvites comes from.
				parameters: {
					resource: 'candidate',
					operation: 'invite',
					positionId: wiseway.SEED.positions.backendEngineer,
					name: 'Jane Doe',
					email: 'jane@example.com',
					atsApplicationId: applicationId,
					options,
				},
				credentials,
				credentialTypes: [new WiseWayApi()],
				input: [{ json: {} }],
				dedupStore: createDedupStore(),
			});
			expect(error).toBeUndefined();
			return items[0][0].json as Json;
		};
		const first = await invite('3001');
		expect(first.previousInvites).toEqual([]);
		const second = await invite('3002');
		expect(second.alreadyInvited).toBe(true);
		expect(second.previousInvites).toEqual([expect.objectContaining({ assessmentId: wiseway.SEED.positions.backendEngineer, inviteId: String(first.id) })]);
	});

	it.each(LOOKUPS)("Wepow: the position's application for the e-mail, in Wepow's status words, %s", async (_how, options) => {
		const credentials = { wepowApi: { subdomain: wepow.SECRETS.subdomain, email: wepow.SECRETS.email, apiKey: wepow.SECRETS.apiKey, baseUrl: url + wepow.prefix } };
		const send = async (applicationId: string) => {
			const { items, error } = await runNode(new Wepow(), {
				// Both are off by default: each case turns on the look-up previousInvites comes from.
				parameters: {
					resource: 'invitation',
					operation: 'send',
					positionId: wepow.SEED.interviews.backendEngineer,
					email: 'jane.doe@example.org',
					firstName: 'Jane',
					lastName: 'Doe',
					atsApplicationId: applicationId,
					options,
				},
				credentials,
				credentialTypes: [new WepowApi()],
				input: [{ json: {} }],
				dedupStore: createDedupStore(),
			});
			expect(error).toBeUndefined();
			return items[0][0].json as Json;
		};
		const first = await send('3001');
		expect(first.previousInvites).toEqual([]);
		const second = await send('3002');
		expect(second.previousInvites).toHaveLength(1);
		expect(second.previousInvites[0]).toMatchObject({ assessmentId: wepow.SEED.interviews.backendEngineer, inviteId: first.applicationId, status: 'sent' });
		expect(Date.parse(second.previousInvites[0].invitedAt)).not.toBeNaN();
	});
});

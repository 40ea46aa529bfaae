/**
 * WeCP live interviews and talent pools against the WeCP simulator, over real HTTP on loopback:
 * the node creates an interview, schedules it, fills the Talent Pool dropdown and adds a candidate;
 * the simulator enforces the contract we adopted (simulator/README.md).
 */
import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import { WecpApi } from '../../../credentials/WecpApi.credentials';
import { Wecp } from '../../../nodes/Wecp/Wecp.node';
import { getTalentPools } from '../../../nodes/Wecp/methods/loadOptions';
import { createSandbox } from '../../../simulator/shared/core';
import * as wecp from '../../../simulator/wecp';
import { createDedupStore, runNode } from '../../helpers/harness';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));
const sleep = n8nWorkflow.sleep as jest.MockedFunction<typeof n8nWorkflow.sleep>;

const credentialTypes = [new WecpApi()];
let sandbox: ReturnType<typeof createSandbox>;
let url: string;
let credentials: { wecpApi: Record<string, string> };

async function control<T>(method: string, path: string): Promise<T> {
	const res = await fetch(`${url}/_control${path}`, { method });
	if (!res.ok) throw new Error(`${method} /_control${path} → ${res.status} ${await res.text()}`);
	return (await res.json()) as T;
}

async function api(path: string, body: unknown): Promise<{ status: number; body: any }> {
	const res = await fetch(`${url}${wecp.prefix}${path}`, {
		method: 'POST',
		headers: { 'x-api-key': wecp.SECRETS.apiKey, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return { status: res.status, body: await res.json() };
}

function run(parameters: Record<string, unknown>, input: IDataObject = {}) {
	return runNode(new Wecp(), { parameters, credentials, credentialTypes, input: [{ json: input }], dedupStore: createDedupStore() });
}

const inOneDay = () => new Date(Date.now() + 24 * 3600_000).toISOString();

beforeAll(async () => {
	sandbox = createSandbox([wecp]);
	url = (await sandbox.listen(0, '127.0.0.1')).url;
	credentials = {
		wecpApi: {
			apiKey: wecp.SECRETS.apiKey,
			partnerKey: wecp.SECRETS.partnerKey,
			partnerSecret: wecp.SECRETS.partnerSecret,
			userEmail: wecp.SEED.users.recruiter,
			baseUrl: url + wecp.prefix,
		},
	};
});
beforeEach(() => {
	sandbox.reset();
	sleep.mockClear();
});
afterAll(async () => {
	await sandbox.close();
});

describe('WeCP live interviews against the simulator', () => {
	it('creates an interview, then schedules the candidate with an interviewer, with the ATS ids as metadata', async () => {
		const created = await run({
			resource: 'interview',
			operation: 'create',
			interviewName: 'Backend: technical interview',
			scorecard: { questions: [{ question: 'Technical skills', type: 'star' }, { question: 'Decision', type: 'objective', choices: 'Selected, Rejected' }] },
		});
		expect(created.error).toBeUndefined();
		const interviewId = created.items[0][0].json.interviewId as string;
		expect(interviewId).toMatch(/^[0-9a-f]{24}$/);

		const startTime = inOneDay();
		const scheduled = await run(
			{
				resource: 'interview',
				operation: 'schedule',
				interviewId,
				candidateEmail: '={{ $json.email }}',
				interviewerEmail: 'interviewer@example.com',
				startTime: '={{ $json.startTime }}',
				durationMinutes: 45,
				atsCandidateId: '={{ $json.candidateId }}',
				atsApplicationId: '={{ $json.applicationId }}',
				actingUserEmail: wecp.SEED.users.hiringManager,
			},
			{ email: 'jane@example.com', startTime, candidateId: 'contact-1', applicationId: 'opp-1' },
		);
		expect(scheduled.error).toBeUndefined();
		expect(scheduled.items[0][0].json).toMatchObject({ interviewId, status: 'scheduled', alreadyScheduled: false });
		expect(scheduled.items[0][0].json.candidateLink).toMatch(/\/wecp\/app\/interview\/[0-9a-f]{24}\/candidate$/);

		const interviews = await control<Array<Record<string, any>>>('GET', '/wecp/interviews');
		expect(interviews.map((entry) => entry.interviewId)).toEqual([wecp.SEED.interviews.backendOnsite, interviewId]);
		const interview = interviews[1];
		expect(interview).toMatchObject({
			interviewId,
			interviewName: 'Backend: technical interview',
			recordInterview: true,
			actingUserEmail: wecp.SEED.users.recruiter,
			scorecard: [
				{ question: 'Technical skills', type_of_question: 'star', required: true },
				{ question: 'Decision', type_of_question: 'objective', option: ['Selected', 'Rejected'] },
			],
		});
		expect(interview.schedules).toHaveLength(1);
		expect(interview.schedules[0]).toMatchObject({
			emailId: 'jane@example.com',
			interviewer: 'interviewer@example.com',
			interviewTime: startTime,
			interviewDuration: 45,
			sendEmail: true,
			emailsSent: 2,
			actingUserEmail: wecp.SEED.users.hiringManager,
			metadata: { candidateId: 'contact-1', applicationId: 'opp-1', user_email: wecp.SEED.users.hiringManager },
		});
	});

	it('answers 404 for an unknown interview, which the node shows with WeCP\'s message', async () => {
		const { error } = await run({
			resource: 'interview',
			operation: 'schedule',
			interviewId: 'nope',
			candidateEmail: 'jane@example.com',
			interviewerEmail: 'interviewer@example.com',
			startTime: inOneDay(),
		});
		expect(error!.message).toBe('WeCP answered HTTP 404: Interview nope not found');
	});

	it('refuses, all or nothing, a past time, a bad duration or e-mail, and a choice question without choices', async () => {
		const { body: interview } = await api('/ats/wecp/createInterview', { interviewName: 'Screen' });
		const good = { emailId: 'a@example.com', interviewer: 'b@example.com', interviewTime: inOneDay(), interviewDuration: 30 };
		const cases: Array<[Record<string, unknown>, RegExp]> = [
			[{ interviewTime: '2020-01-01T00:00:00Z' }, /must be in the future/],
			[{ interviewTime: 'tomorrow' }, /ISO 8601/],
			[{ interviewDuration: 600 }, /from 5 to 480/],
			[{ interviewer: 'nobody' }, /interviewer must be a valid email/],
		];
		for (const [override, message] of cases) {
			const answer = await api('/ats/wecp/scheduleInterviews', { interviewId: interview.interviewId, schedules: [good, { ...good, ...override }] });
			expect(answer.status).toBe(400);
			expect(answer.body.message).toMatch(message);
		}
		const stored = (await control<Array<Record<string, any>>>('GET', '/wecp/interviews')).find((entry) => entry.interviewId === interview.interviewId)!;
		expect(stored.schedules).toEqual([]);
		const bad = await api('/ats/wecp/createInterview', { interviewName: 'X', scorecard: [{ question: 'Decision', type_of_question: 'objective', option: ['Yes'] }] });
		expect(bad.status).toBe(400);
	});
});

describe('WeCP talent pools against the simulator', () => {
	const context = () => ({
		getNode: () => ({ name: 'WeCP' }),
		getCredentials: async () => credentials.wecpApi,
		helpers: {
			async httpRequestWithAuthentication(_type: string, options: { url: string }) {
				const res = await fetch(options.url, { headers: { 'x-api-key': wecp.SECRETS.apiKey } });
				return { statusCode: res.status, headers: {}, body: await res.json() };
			},
		},
	});

	it('fills the Talent Pool dropdown, sorted by name', async () => {
		const options = await getTalentPools.call(context() as unknown as ILoadOptionsFunctions);
		expect(options).toEqual([
			{ name: 'Hired engineers', value: wecp.SEED.talentPools.hiredEngineers },
			{ name: 'Silver medalists', value: wecp.SEED.talentPools.silverMedalists },
		]);
	});

	it('adds a candidate once: the same e-mail again is reported as already in the pool', async () => {
		const parameters = {
			resource: 'talentPool',
			operation: 'addCandidate',
			poolId: wecp.SEED.talentPools.hiredEngineers,
			name: 'Jane Doe',
			email: 'jane@example.com',
			atsCandidateId: 'contact-1',
			atsApplicationId: 'opp-1',
		};
		const first = await run(parameters);
		expect(first.items[0][0].json).toMatchObject({ status: 'added', alreadyInPool: false });
		const second = await run({ ...parameters, email: 'JANE@example.com' });
		expect(second.items[0][0].json).toMatchObject({ status: 'already_in_pool', alreadyInPool: true, entryId: first.items[0][0].json.entryId });
		const pools = await control<Array<Record<string, any>>>('GET', '/wecp/talentPools');
		const hired = pools.find((pool) => pool.poolId === wecp.SEED.talentPools.hiredEngineers)!;
		expect(hired.candidates).toHaveLength(1);
		expect(hired.candidates[0]).toMatchObject({ name: 'Jane Doe', email: 'jane@example.com' });
		expect(hired.candidates[0].metadata).toEqual({ candidateId: 'contact-1', applicationId: 'opp-1' });
	});

	it('answers 404 for an unknown pool', async () => {
		const { error } = await run({ resource: 'talentPool', operation: 'addCandidate', poolId: 'pool-nope', name: 'A', email: 'a@example.com' });
		expect(error!.message).toBe('WeCP answered HTTP 404: Talent pool pool-nope not found');
	});
});

/**
 * WeCP live interviews and talent pools: the request each operation sends (nock), the answers it
 * outputs, and the bad input it refuses before any request.
 */
import nock from 'nock';
import { NodeOperationError } from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import { WecpApi } from '../../../credentials/WecpApi.credentials';
import { Wecp } from '../../../nodes/Wecp/Wecp.node';
import { parseIsoDateTime } from '../../../nodes/shared/validation';
import { createDedupStore, runNode } from '../../helpers/harness';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));
const sleep = n8nWorkflow.sleep as jest.MockedFunction<typeof n8nWorkflow.sleep>;

const BASE = 'https://wecp.test';
const secrets = { apiKey: 'wecp-api-key-xyz', partnerKey: 'partner-key', partnerSecret: 'partner-secret-abc' };
const credentials = { wecpApi: { ...secrets, userEmail: 'recruiter@example.com', baseUrl: BASE } };
const credentialTypes = [new WecpApi()];
const partnerHeader = Buffer.from('partner-key:partner-secret-abc').toString('base64');
const FUTURE = '2099-05-04T09:30:00.000Z';

function run(parameters: Record<string, unknown>, options: Record<string, unknown> = {}) {
	return runNode(new Wecp(), { parameters, credentials, credentialTypes, input: [{ json: {} }], ...options });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	sleep.mockClear();
});
afterAll(() => nock.enableNetConnect());

describe('WeCP node: Interview → Create', () => {
	const parameters = {
		resource: 'interview',
		operation: 'create',
		interviewName: 'Backend: technical interview',
		recordInterview: false,
		scorecard: {
			questions: [
				{ question: 'Technical skills', type: 'star', required: true },
				{ question: 'Decision', type: 'objective', required: false, choices: 'Selected, Rejected , On Hold,' },
				{ question: 'Overall observations', type: 'text', required: false },
			],
		},
	};

	it('sends the name, recording switch and scorecard in WeCP\'s field names, with the partner headers', async () => {
		const scope = nock(BASE, {
			reqheaders: { 'x-api-key': secrets.apiKey, 'x-wecp-partner-authorization': partnerHeader, 'wecp-user-email': 'recruiter@example.com' },
		})
			.post('/ats/wecp/createInterview', {
				interviewName: 'Backend: technical interview',
				recordInterview: false,
				scorecard: [
					{ question: 'Technical skills', required: true, type_of_question: 'star' },
					{ question: 'Decision', required: false, type_of_question: 'objective', option: ['Selected', 'Rejected', 'On Hold'] },
					{ question: 'Overall observations', required: false, type_of_question: 'text' },
				],
			})
			.reply(200, { interviewId: 'iv-1', interviewName: 'Backend: technical interview' });
		const { items, error } = await run(parameters);
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ interviewId: 'iv-1', recordInterview: false });
		expect(scope.isDone()).toBe(true);
	});

	it('sends the group and acting user when given, and finds the id under "id" too', async () => {
		const scope = nock(BASE, { reqheaders: { 'wecp-user-email': 'owner@example.com' } })
			.post('/ats/wecp/createInterview', (body) => body.groupId === 'grp-7' && body.recordInterview === true && body.scorecard.length === 0)
			.reply(200, { id: 'iv-2' });
		const { items, error } = await run({
			resource: 'interview',
			operation: 'create',
			interviewName: 'Screen',
			actingUserEmail: 'owner@example.com',
			options: { groupId: 'grp-7' },
		});
		expect(error).toBeUndefined();
		expect(items[0][0].json.interviewId).toBe('iv-2');
		expect(scope.isDone()).toBe(true);
	});

	it('refuses a choice question with fewer than two choices, naming it, before any request', async () => {
		const { error } = await run({ ...parameters, scorecard: { questions: [{ question: 'Decision', type: 'objective', choices: 'Selected' }] } });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('The field "Scorecard Questions → Question 1 → Choices" needs at least two choices');
	});

	it('refuses an empty question', async () => {
		const { error } = await run({ ...parameters, scorecard: { questions: [{ question: '  ', type: 'star' }] } });
		expect(error!.message).toBe('The field "Scorecard Questions → Question 1" is empty');
	});

	it('surfaces WeCP\'s own error message', async () => {
		nock(BASE).post('/ats/wecp/createInterview').reply(400, { message: 'interviewName already exists' });
		const { error } = await run(parameters);
		expect(error!.message).toBe('WeCP answered HTTP 400: interviewName already exists');
	});
});

describe('WeCP node: Interview → Schedule', () => {
	const parameters = {
		resource: 'interview',
		operation: 'schedule',
		interviewId: 'iv-1',
		candidateEmail: '={{ $json.email }}',
		interviewerEmail: 'interviewer@example.com',
		startTime: '2099-05-04T11:30:00+02:00',
		durationMinutes: 45,
		atsCandidateId: '={{ $json.candidateId }}',
		atsApplicationId: '={{ $json.applicationId }}',
	};
	const candidate = { email: 'jane@example.com', candidateId: 'contact-1', applicationId: 'opp-1' };
	const schedule = (extra: Record<string, unknown> = {}, options: Record<string, unknown> = {}) =>
		run({ ...parameters, ...extra }, { input: [{ json: candidate }], dedupStore: createDedupStore(), ...options });

	it('sends one schedule in WeCP\'s field names, the time in UTC, and the ATS ids as metadata', async () => {
		const scope = nock(BASE, { reqheaders: { 'x-api-key': secrets.apiKey, 'wecp-user-email': 'recruiter@example.com' } })
			.post('/ats/wecp/scheduleInterviews', {
				interviewId: 'iv-1',
				sendEmail: true,
				schedules: [{ emailId: 'jane@example.com', interviewer: 'interviewer@example.com', interviewTime: FUTURE, interviewDuration: 45 }],
				metadata: { candidateId: 'contact-1', applicationId: 'opp-1' },
			})
			.reply(200, [{ scheduleId: 's-1', candidateLink: 'https://assess.test/iv/s-1', status: 'scheduled' }]);
		const { items, error } = await schedule();
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({
			scheduleId: 's-1',
			candidateLink: 'https://assess.test/iv/s-1',
			alreadyScheduled: false,
			sent: true,
			interviewTime: FUTURE,
			interviewDuration: 45,
		});
		expect(scope.isDone()).toBe(true);
	});

	it('schedules once per application, interview and time: a re-run sends nothing', async () => {
		const dedupStore = createDedupStore();
		const scope = nock(BASE).post('/ats/wecp/scheduleInterviews').once().reply(200, [{ scheduleId: 's-1' }]);
		await schedule({}, { dedupStore });
		expect(scope.isDone()).toBe(true);
		const again = await schedule({}, { dedupStore });
		expect(again.error).toBeUndefined();
		expect(again.items[0][0].json).toMatchObject({ alreadyScheduled: true, sent: false, status: 'already_scheduled' });
		// Another time is another interview.
		const moved = nock(BASE).post('/ats/wecp/scheduleInterviews', (body) => body.schedules[0].interviewTime === '2099-05-05T09:30:00.000Z').reply(200, [{}]);
		await schedule({ startTime: '2099-05-05T09:30:00Z' }, { dedupStore });
		expect(moved.isDone()).toBe(true);
	});

	it('lets a later run retry a schedule that failed', async () => {
		const dedupStore = createDedupStore();
		nock(BASE).post('/ats/wecp/scheduleInterviews').reply(404, { message: 'Interview iv-1 not found' });
		const first = await schedule({}, { dedupStore });
		expect(first.error!.message).toBe('WeCP answered HTTP 404: Interview iv-1 not found');
		const scope = nock(BASE).post('/ats/wecp/scheduleInterviews').reply(200, [{}]);
		expect((await schedule({}, { dedupStore })).error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it("reads a time without an offset (what n8n's date picker gives) in the workflow's time zone", async () => {
		// No time zone is set on the test workflow: n8n's default, America/New_York, applies.
		const scope = nock(BASE)
			.post('/ats/wecp/scheduleInterviews', (body) => body.schedules[0].interviewTime === '2099-05-04T13:30:00.000Z')
			.reply(200, [{}]);
		const { error } = await schedule({ startTime: '2099-05-04T09:30:00' });
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('passes Send Email off through', async () => {
		const scope = nock(BASE).post('/ats/wecp/scheduleInterviews', (body) => body.sendEmail === false).reply(200, [{}]);
		const { items } = await schedule({ sendEmail: false });
		expect(items[0][0].json.sent).toBe(false);
		expect(scope.isDone()).toBe(true);
	});

	it.each([
		[{ candidateEmail: 'jane at example' }, 'The field "Candidate Email" is not a valid e-mail address'],
		[{ interviewerEmail: '={{ $json.nobody }}' }, 'The field "Interviewer Email" is required'],
		[{ interviewerEmail: 'boss@' }, 'The field "Interviewer Email" is not a valid e-mail address'],
		[{ startTime: 'next Tuesday' }, 'The field "Start Time" is not an ISO 8601 date and time'],
		[{ startTime: '2099-02-30T09:00:00Z' }, 'The field "Start Time" is not an ISO 8601 date and time'],
		[{ startTime: '2020-01-01T09:00:00Z' }, 'The field "Start Time" is not in the future'],
		[{ durationMinutes: 4 }, 'The field "Duration (Minutes)" is out of range'],
		[{ durationMinutes: 481 }, 'The field "Duration (Minutes)" is out of range'],
		[{ durationMinutes: 30.5 }, 'The field "Duration (Minutes)" is out of range'],
		[{ interviewId: 'iv 1/../x' }, 'The field "Interview ID" is not a WeCP ID'],
	])('refuses %j before any request', async (extra, message) => {
		// nock has no interceptor: a request would fail the run with another error.
		const { error } = await schedule(extra);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe(message);
		expect(error!.description).toBeTruthy();
	});

	it('says which form it expects for a bad time and range', async () => {
		const time = await schedule({ startTime: 'soon' });
		expect(time.error!.description).toContain('2026-01-31T09:00:00Z');
		const duration = await schedule({ durationMinutes: 1000 });
		expect(duration.error!.description).toBe('Expected a whole number from 5 to 480; got "1000".');
	});

	it('continues on fail with the error on the item and nothing sent', async () => {
		const { items } = await schedule({ startTime: '2020-01-01T09:00:00Z' }, { continueOnFail: true });
		expect(items[0][0].json).toMatchObject({ error: 'The field "Start Time" is not in the future' });
	});
});

describe('WeCP node: Talent Pool → Add Candidate', () => {
	const parameters = {
		resource: 'talentPool',
		operation: 'addCandidate',
		poolId: 'pool-hired-eng',
		name: 'Jane Doe',
		email: 'jane@example.com',
		atsCandidateId: 'contact-1',
		atsApplicationId: 'opp-1',
		options: { phone: '+14155550100', source: 'Lever: hired' },
	};

	it('posts name, e-mail and the ATS ids as metadata to the pool', async () => {
		const scope = nock(BASE, { reqheaders: { 'x-api-key': secrets.apiKey, 'x-wecp-partner-authorization': partnerHeader } })
			.post('/ats/wecp/talentPools/pool-hired-eng/candidates', {
				name: 'Jane Doe',
				email: 'jane@example.com',
				metadata: { candidateId: 'contact-1', applicationId: 'opp-1', phone: '+14155550100', source: 'Lever: hired' },
			})
			.reply(200, { entryId: 'e-1', status: 'added' });
		const { items, error } = await run(parameters);
		expect(error).toBeUndefined();
		expect(items[0][0].json).toMatchObject({ entryId: 'e-1', status: 'added', alreadyInPool: false, poolId: 'pool-hired-eng' });
		expect(scope.isDone()).toBe(true);
	});

	it('reports a candidate already in the pool as such', async () => {
		nock(BASE).post('/ats/wecp/talentPools/pool-hired-eng/candidates').reply(200, { entryId: 'e-1', status: 'already_in_pool' });
		const { items } = await run(parameters);
		expect(items[0][0].json.alreadyInPool).toBe(true);
	});

	it('refuses a bad e-mail and a pool id that is not a WeCP id', async () => {
		expect((await run({ ...parameters, email: 'nope' })).error!.message).toBe('The field "Email" is not a valid e-mail address');
		expect((await run({ ...parameters, poolId: '../tests' })).error!.message).toBe('The field "Talent Pool" is not a WeCP ID');
	});

	it('never puts a secret into an error', async () => {
		nock(BASE).post('/ats/wecp/talentPools/pool-hired-eng/candidates').times(20).reply(503, { message: 'down' });
		const { error } = await run(parameters);
		expect(error!.message).toMatch(/^WeCP answered HTTP 503 after \d+ attempts: down$/);
		const serialised = JSON.stringify({ message: error!.message, description: error!.description, error });
		for (const secret of [...Object.values(secrets), partnerHeader]) expect(serialised).not.toContain(secret);
	});
});

describe('parseIsoDateTime', () => {
	it.each([
		['2099-05-04T09:30:00Z', '2099-05-04T09:30:00.000Z'],
		['2099-05-04T09:30Z', '2099-05-04T09:30:00.000Z'],
		['2099-05-04T09:30:00', '2099-05-04T09:30:00.000Z'],
		['2099-05-04 09:30:00.250+05:30', '2099-05-04T04:00:00.250Z'],
		['2099-05-04T09:30:00-0700', '2099-05-04T16:30:00.000Z'],
	])('reads %s as %s', (text, iso) => {
		expect(parseIsoDateTime(text)?.toISOString()).toBe(iso);
	});

	it.each([
		['2099-05-04T09:30:00', 'America/New_York', '2099-05-04T13:30:00.000Z'],
		['2099-01-04T09:30:00', 'America/New_York', '2099-01-04T14:30:00.000Z'],
		['2099-05-04T09:30', 'Asia/Kolkata', '2099-05-04T04:00:00.000Z'],
		['2099-05-04T09:30:00Z', 'Asia/Kolkata', '2099-05-04T09:30:00.000Z'],
		['2099-05-04T09:30:00', 'Not/AZone', '2099-05-04T09:30:00.000Z'],
	])('reads %s in %s as %s (no offset: wall-clock time there)', (text, zone, iso) => {
		expect(parseIsoDateTime(text, zone)?.toISOString()).toBe(iso);
	});

	it.each(['2099-05-04', '2099-02-29T09:00:00Z', '2099-05-04T24:00:00Z', '2099-05-04T09:60Z', '04/05/2099 09:30', ''])('refuses %j', (text) => {
		expect(parseIsoDateTime(text)).toBeUndefined();
	});
});

import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { WilloApi } from '../../../credentials/WilloApi.credentials';
import { clearCache } from '../../../nodes/shared/cache';
import { WilloTrigger } from '../../../nodes/Willo/WilloTrigger.node';
import { createDedupStore, runDelivery, runWebhook, runWebhookMethod } from '../../helpers/harness';

const HOST = 'https://willo.test';
const PATH = '/api/integrations/v2';
const API_KEY = 'willo-key-abc';
const credentials = { willoApi: { apiKey: API_KEY, baseUrl: `${HOST}${PATH}` } };
const credentialTypes = [new WilloApi()];
const URL = 'http://127.0.0.1:5678/webhook/abc/webhook';
const TOKEN = 'f'.repeat(64);
const INTERVIEW = '5e1f0c2a9b3d4e6f8a7b1c2d3e4f5a60';

function registered(event = 'new_response', token = TOKEN): IDataObject {
	return { registrations: [{ id: 'wh-1', event, secret: token }], webhookUrl: URL };
}

function registeredUrl(token = TOKEN, event = 'new_response'): string {
	return `${URL}?token=${token}&event=${event}`;
}

function responseDelivery(overrides: IDataObject = {}): IDataObject {
	return {
		participant: { key: 'p-1', name: 'Jane Doe', email: 'jane@example.com', stage: 'Responded', interview: INTERVIEW },
		created_at: new Date().toISOString(),
		...overrides,
	};
}

/** Willo's answer for the interview, whose title the trigger looks up. */
function interviewReply() {
	return nock(HOST).get(`${PATH}/interviews/${INTERVIEW}/`).reply(200, { key: INTERVIEW, title: 'Backend Screening' });
}

const fullParticipant = {
	key: 'p-1',
	interview: INTERVIEW,
	name: 'Jane Doe',
	email: 'jane@example.com',
	phone: '+14155550100',
	stage: 'Responded',
	completed_at: '2026-11-23T10:00:00Z',
	share_link: 'https://willo.test/share/p-1',
	metadata: { ats_candidate_id: 'contact-1', ats_application_id: 'opp-1' },
	responses: [
		{ question: { text: 'Design?', answer_type: 'video' }, answer_type: 'video', video_url: null, media_url: 'https://m/1.mp4', transcript: 'I designed…' },
		{ question: { text: 'Why?', answer_type: 'text' }, answer_type: 'text', text: 'Because.' },
	],
};

function deliver(
	body: IDataObject,
	options: { query?: IDataObject; parameters?: IDataObject; staticData?: IDataObject; rawBody?: Buffer } = {},
) {
	return runWebhook(new WilloTrigger(), {
		parameters: { events: ['new_response'], interviewIds: [], options: {}, ...options.parameters },
		credentials,
		credentialTypes,
		staticData: options.staticData ?? registered(),
		request: {
			body,
			rawBody: options.rawBody ?? Buffer.from(JSON.stringify(body)),
			headers: { 'content-type': 'application/json' },
			query: options.query ?? { token: TOKEN, event: 'new_response' },
		},
	});
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	clearCache();
});
afterAll(() => nock.enableNetConnect());

describe('Willo Trigger: registration', () => {
	it('registers one webhook per event, each URL carrying its own random token and event', async () => {
		const bodies: IDataObject[] = [];
		const scope = nock(HOST, { reqheaders: { authorization: API_KEY } })
			.post(`${PATH}/webhooks/`, (body) => bodies.push(body) > 0)
			.reply(201, { key: 'wh-1' })
			.post(`${PATH}/webhooks/`, (body) => bodies.push(body) > 0)
			.reply(201, { key: 'wh-2' });
		const staticData: IDataObject = {};
		await runWebhookMethod(new WilloTrigger(), 'create', {
			parameters: { events: ['new_response', 'stage_change'], interviewIds: [] },
			credentials,
			credentialTypes,
			staticData,
			webhookUrl: URL,
		});
		expect(scope.isDone()).toBe(true);
		const registrations = staticData.registrations as Array<{ id: string; event: string; secret: string }>;
		expect(registrations.map((r) => [r.id, r.event])).toEqual([['wh-1', 'new_response'], ['wh-2', 'stage_change']]);
		expect(registrations[0].secret).toMatch(/^[0-9a-f]{64}$/);
		expect(registrations[0].secret).not.toBe(registrations[1].secret);
		expect(bodies[0]).toEqual({
			url: `${URL}?token=${registrations[0].secret}&event=new_response`,
			event: 'new_response',
			interviews: [],
			follow_all_interviews: true,
			departments: [],
			users: [],
			api_version: 'v1',
			status: 'active',
		});
		expect(bodies[1].url).toBe(`${URL}?token=${registrations[1].secret}&event=stage_change`);
	});

	it('follows only the chosen interviews', async () => {
		const scope = nock(HOST)
			.post(`${PATH}/webhooks/`, (body) => body.follow_all_interviews === false && body.interviews.join() === `${INTERVIEW},zz`)
			.reply(201, { key: 'wh-3' });
		const staticData: IDataObject = {};
		await runWebhookMethod(new WilloTrigger(), 'create', { parameters: { events: ['new_score'], interviewIds: ['zz', INTERVIEW] }, credentials, credentialTypes, staticData, webhookUrl: URL });
		expect(scope.isDone()).toBe(true);
		expect((staticData.registrations as IDataObject[])[0].event).toBe(`new_score:${INTERVIEW},zz`);
	});

	it('deletes what it made when a later registration fails', async () => {
		const scope = nock(HOST)
			.post(`${PATH}/webhooks/`).reply(201, { key: 'wh-1' })
			.post(`${PATH}/webhooks/`).reply(400, { event: ['"x" is not a valid choice.'] })
			.delete(`${PATH}/webhooks/wh-1/`).reply(204);
		const staticData: IDataObject = {};
		await expect(
			runWebhookMethod(new WilloTrigger(), 'create', { parameters: { events: ['new_response', 'stage_change'] }, credentials, credentialTypes, staticData, webhookUrl: URL }),
		).rejects.toThrow('Willo answered HTTP 400: event: "x" is not a valid choice.');
		expect(scope.isDone()).toBe(true);
	});

	it('finds its webhook while Willo still calls the URL with its token, and not once the token differs', async () => {
		const parameters = { events: ['new_response'], interviewIds: [] };
		nock(HOST)
			.get(`${PATH}/webhooks/`)
			.query({ page: '1', page_size: '30' })
			.reply(200, { next: null, results: [{ key: 'wh-1', url: registeredUrl(), event: 'new_response', follow_all_interviews: true, status: 'active' }] });
		expect(await runWebhookMethod(new WilloTrigger(), 'checkExists', { parameters, credentials, credentialTypes, staticData: registered(), webhookUrl: URL })).toBe(true);

		nock(HOST)
			.get(`${PATH}/webhooks/`)
			.query(true)
			.reply(200, { next: null, results: [{ key: 'wh-1', url: registeredUrl('0'.repeat(64)), event: 'new_response', follow_all_interviews: true, status: 'active' }] });
		expect(await runWebhookMethod(new WilloTrigger(), 'checkExists', { parameters, credentials, credentialTypes, staticData: registered(), webhookUrl: URL })).toBe(false);
	});

	it('deletes its webhooks on deactivation, a webhook already gone included', async () => {
		const scope = nock(HOST).delete(`${PATH}/webhooks/wh-1/`).reply(404, { detail: 'Not found.' });
		const staticData = registered();
		await runWebhookMethod(new WilloTrigger(), 'delete', { parameters: {}, credentials, credentialTypes, staticData });
		expect(staticData.registrations).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});
});

describe('Willo Trigger: deliveries', () => {
	it('fetches the participant and emits the normalised result with responses, transcripts and ATS ids', async () => {
		const scope = nock(HOST, { reqheaders: { authorization: API_KEY } })
			.get(`${PATH}/participants/p-1/`)
			.reply(200, fullParticipant)
			.get(`${PATH}/interviews/${INTERVIEW}/`)
			.reply(200, { key: INTERVIEW, title: 'Backend Screening' });
		const { result } = await deliver(responseDelivery());
		expect(scope.isDone()).toBe(true);
		expect(result.workflowData![0][0].json).toMatchObject({
			vendor: 'willo',
			event: 'new_response',
			status: 'completed',
			candidate: { email: 'jane@example.com', name: 'Jane Doe' },
			ats: { candidateId: 'contact-1', applicationId: 'opp-1' },
			assessment: { id: INTERVIEW, name: 'Backend Screening' },
			reportUrl: 'https://willo.test/share/p-1',
			completedAt: '2026-11-23T10:00:00.000Z',
			willoParticipantKey: 'p-1',
			phone: '+14155550100',
			stage: 'Responded',
			responses: [
				expect.objectContaining({ question: 'Design?', videoUrl: 'https://m/1.mp4', transcript: 'I designed…' }),
				expect.objectContaining({ question: 'Why?', text: 'Because.', videoUrl: null }),
			],
		});
	});

	it("names the assessment by the interview's title, asked once for many deliveries", async () => {
		const title = interviewReply();
		nock(HOST).get(`${PATH}/participants/p-1/`).times(3).reply(200, fullParticipant);
		const names: unknown[] = [];
		for (let n = 0; n < 3; n++) {
			// A new body each time, so none is a repeat.
			const { result } = await deliver(responseDelivery({ created_at: new Date(Date.now() - n * 1000).toISOString() }));
			names.push((result.workflowData![0][0].json.assessment as IDataObject).name);
		}
		expect(names).toEqual(['Backend Screening', 'Backend Screening', 'Backend Screening']);
		expect(title.isDone()).toBe(true);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('keeps the interview key with no name when Willo no longer has the interview', async () => {
		nock(HOST).get(`${PATH}/participants/p-1/`).reply(200, fullParticipant).get(`${PATH}/interviews/${INTERVIEW}/`).reply(404, { detail: 'Not found.' });
		const { result } = await deliver(responseDelivery());
		expect(result.workflowData![0][0].json.assessment).toEqual({ id: INTERVIEW, name: null });
	});

	it('uses a title the participant already carries without asking', async () => {
		nock(HOST).get(`${PATH}/participants/p-1/`).reply(200, { ...fullParticipant, interview: { key: INTERVIEW, title: 'Given title' } });
		const { result } = await deliver(responseDelivery());
		expect(result.workflowData![0][0].json.assessment).toEqual({ id: INTERVIEW, name: 'Given title' });
	});

	it('without fetching, emits what the delivery says, as completed', async () => {
		const { result } = await deliver(responseDelivery(), { parameters: { options: { fetchParticipant: false } } });
		expect(result.workflowData![0][0].json).toMatchObject({ status: 'completed', candidate: { email: 'jane@example.com' }, responses: [] });
	});

	it.each([
		['no token', { event: 'new_response' }],
		['a wrong token', { token: '0'.repeat(64), event: 'new_response' }],
		['a token of another length', { token: 'short', event: 'new_response' }],
		['the event in the URL changed', { token: TOKEN, event: 'stage_change' }],
	])('answers 401 and starts nothing for %s', async (_name, query) => {
		const { result, response } = await deliver(responseDelivery(), { query });
		expect(response.statusCode).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});

	it('answers 401 when nothing was registered', async () => {
		const { response } = await deliver(responseDelivery(), { staticData: {} });
		expect(response.statusCode).toBe(401);
	});

	it.each([
		['a stale created_at', { created_at: new Date(Date.now() - 3600_000).toISOString() }],
		['no created_at', { created_at: undefined }],
	])('answers 401 to %s', async (_name, change) => {
		const { result, response } = await deliver(responseDelivery(change));
		expect(response.statusCode).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});

	it('runs the workflow once for a delivery received twice: the second stops at the trigger', async () => {
		nock(HOST).get(`${PATH}/participants/p-1/`).twice().reply(200, fullParticipant);
		interviewReply();
		const staticData = registered();
		const dedupStore = createDedupStore();
		const body = responseDelivery();
		const run = () =>
			runDelivery(new WilloTrigger(), {
				parameters: { events: ['new_response'], interviewIds: [], options: {} },
				credentials,
				credentialTypes,
				staticData,
				dedupStore,
				request: { body, query: { token: TOKEN, event: 'new_response' } },
			});
		const first = await run();
		expect(first.items).toHaveLength(1);
		expect(first.items[0].json.deliveryId).toMatch(/^[0-9a-f]{32}$/);
		const again = await run();
		expect(again.items).toEqual([]);
	});

	it('answers 401 to a repeat of a delivery it answered without an execution', async () => {
		const staticData = registered();
		const body = responseDelivery();
		const parameters = { events: ['new_response'], interviewIds: ['other-interview'] };
		expect((await deliver(body, { staticData, parameters })).result).toEqual({});
		const again = await deliver(body, { staticData, parameters });
		expect(again.response.statusCode).toBe(401);
		expect(again.response.body).toEqual({ message: 'This delivery was received before' });
	});

	it('answers 400 to a body that is not a JSON object', async () => {
		const { response } = await deliver([] as unknown as IDataObject);
		expect(response.statusCode).toBe(400);
	});

	it('acknowledges an event no longer chosen, another interview, and a delivery without a participant', async () => {
		expect((await deliver(responseDelivery(), { parameters: { events: ['new_score'] } })).result).toEqual({});
		expect((await deliver(responseDelivery(), { parameters: { interviewIds: ['other-interview'] } })).result).toEqual({});
		expect((await deliver({ created_at: new Date().toISOString() })).result).toEqual({});
	});

	it('starts a stage change only into the chosen stages', async () => {
		const staticData = () => registered('stage_change');
		const query = { token: TOKEN, event: 'stage_change' };
		const parameters = { events: ['stage_change'], toStages: 'Shortlisted, Hired', options: { fetchParticipant: false } };
		const moved = (stage: string) => responseDelivery({ event: 'stage_change', stage, previous_stage: 'Responded' });
		expect((await deliver(moved('Rejected'), { query, parameters, staticData: staticData() })).result).toEqual({});
		const { result } = await deliver(moved('shortlisted'), { query, parameters, staticData: staticData() });
		expect(result.workflowData![0][0].json).toMatchObject({ event: 'stage_change', stage: 'shortlisted', previousStage: 'Responded' });
	});

	it("carries a new score's value", async () => {
		nock(HOST).get(`${PATH}/participants/p-1/`).reply(200, { ...fullParticipant, score: 3, max_score: 5 });
		interviewReply();
		const { result } = await deliver(responseDelivery({ event: 'new_score', score: 4, max_score: 5 }), {
			query: { token: TOKEN, event: 'new_score' },
			parameters: { events: ['new_score'] },
			staticData: registered('new_score'),
		});
		expect(result.workflowData![0][0].json).toMatchObject({ event: 'new_score', score: 4, maxScore: 5, percent: 80 });
	});
});

/**
 * The Willo nodes against the Willo simulator, over real HTTP on loopback: invite with the ATS ids,
 * registration of a tokenised webhook, a completed interview delivered to it and turned into the
 * normalised result, paging, throttling, and deletion on deactivation.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import { LeverApi } from '../../../credentials/LeverApi.credentials';
import { WilloApi } from '../../../credentials/WilloApi.credentials';
import { Lever } from '../../../nodes/Lever/Lever.node';
import { Willo } from '../../../nodes/Willo/Willo.node';
import { WilloTrigger } from '../../../nodes/Willo/WilloTrigger.node';
import { createSandbox } from '../../../simulator/shared/core';
import * as willo from '../../../simulator/willo';
import { createDedupStore, runNode, runWebhook, runWebhookMethod } from '../../helpers/harness';
import { startReceiver, type Receiver } from '../helpers/receiver';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));
const sleep = n8nWorkflow.sleep as jest.MockedFunction<typeof n8nWorkflow.sleep>;

interface Received { url: string; body: IDataObject }

const INTERVIEW = willo.SEED.interviews.backendEngineer;
const credentialTypes = [new WilloApi()];
let sandbox: ReturnType<typeof createSandbox>;
let url: string;
let credentials: { willoApi: { apiKey: string; baseUrl: string } };
let receiver: Receiver<Received>;
let receiverUrl: string;
const received: Received[] = [];

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
	const res = await fetch(`${url}/_control${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
	if (!res.ok) throw new Error(`${method} /_control${path} → ${res.status} ${await res.text()}`);
	return (await res.json()) as T;
}

function invite(candidate: IDataObject, dedupStore = createDedupStore()) {
	return runNode(new Willo(), {
		parameters: {
			resource: 'participant',
			operation: 'invite',
			interviewId: INTERVIEW,
			name: '={{ $json.name }}',
			email: '={{ $json.email }}',
			phone: '={{ $json.phone }}',
			atsCandidateId: '={{ $json.candidateId }}',
			atsApplicationId: '={{ $json.applicationId }}',
		},
		credentials,
		credentialTypes,
		input: [{ json: candidate }],
		dedupStore,
	});
}

beforeAll(async () => {
	sandbox = createSandbox([willo]);
	url = (await sandbox.listen(0, '127.0.0.1')).url;
	credentials = { willoApi: { apiKey: willo.SECRETS.apiKey, baseUrl: url + willo.prefix } };
	receiver = await startReceiver<Received>({
		received,
		record: ({ url, raw }) => ({ url, body: JSON.parse(raw.toString('utf8')) as IDataObject }),
	});
	receiverUrl = receiver.url;
});
beforeEach(() => {
	sandbox.reset();
	received.length = 0;
	sleep.mockClear();
});
afterAll(async () => {
	await receiver.close();
	await sandbox.close();
});

describe('Willo nodes against the simulator', () => {
	it('invites, registers, receives the answers with transcripts and ATS ids, and cleans up', async () => {
		const candidate = { name: 'Jane Doe', email: 'jane@example.org', phone: '+44 7700 900123', candidateId: 'contact-1', applicationId: 'opp-1' };
		const invited = await invite(candidate);
		expect(invited.error).toBeUndefined();
		const participantKey = invited.items[0][0].json.key as string;
		expect(invited.items[0][0].json).toMatchObject({ sent: true, phone: '+447700900123', external_id: 'opp-1' });

		// Another workflow (another dedup store) finds the participant instead of inviting again.
		const again = await invite({ ...candidate, email: 'JANE@example.org' });
		expect(again.items[0][0].json).toMatchObject({ key: participantKey, alreadyInvited: true, sent: false });
		expect(await control<unknown[]>('GET', '/willo/participants')).toHaveLength(1);

		const staticData: IDataObject = {};
		const trigger = { parameters: { events: ['new_response'], interviewIds: [INTERVIEW] }, credentials, credentialTypes, staticData, webhookUrl: receiverUrl };
		await runWebhookMethod(new WilloTrigger(), 'create', trigger);
		expect(await runWebhookMethod(new WilloTrigger(), 'checkExists', trigger)).toBe(true);

		const done = await control<{ deliveries: Array<{ status: number }> }>('POST', '/willo/complete', { participantKey });
		expect(done.deliveries.map((d) => d.status)).toEqual([200]);
		const delivery = received[0];
		const query = Object.fromEntries(new URL(delivery.url, 'http://x').searchParams);
		const { result, response } = await runWebhook(new WilloTrigger(), {
			parameters: trigger.parameters,
			credentials,
			credentialTypes,
			staticData,
			request: { body: delivery.body, query },
		});
		expect(response.statusCode).toBeUndefined();
		const output = result.workflowData![0][0].json;
		expect(output).toMatchObject({
			vendor: 'willo',
			event: 'new_response',
			status: 'completed',
			candidate: { email: 'jane@example.org', name: 'Jane Doe' },
			ats: { candidateId: 'contact-1', applicationId: 'opp-1' },
			assessment: { id: INTERVIEW, name: 'Senior Backend Engineer: Screening' },
			willoParticipantKey: participantKey,
		});

		// The shipped template's Lever note, from this very output: it opens with the interview's title.
		const template = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'workflows-templates', 'willo-result-to-lever-note.json'), 'utf8')) as {
			nodes: Array<{ name: string; parameters: IDataObject }>;
		};
		const noteNode = template.nodes.find((node) => node.name === 'Note on Lever')!;
		const notes: IDataObject[] = [];
		const lever = nock('https://lever.test')
			.post('/v1/opportunities/opp-1/notes', (body: IDataObject) => notes.push(body) > 0)
			.query(true)
			.reply(201, { data: { id: 'note-1' } });
		const noted = await runNode(new Lever(), {
			parameters: noteNode.parameters,
			credentials: { leverApi: { apiKey: 'k', environment: 'custom', baseUrl: 'https://lever.test/v1' } },
			credentialTypes: [new LeverApi()],
			input: [{ json: output }],
		});
		expect(noted.error).toBeUndefined();
		expect(lever.isDone()).toBe(true);
		expect(String(notes[0].value).split('\n')[0]).toBe('Willo video interview answered: Senior Backend Engineer: Screening');

		const responses = output.responses as IDataObject[];
		expect(responses).toHaveLength(3);
		// Both video answers have a link, the second only through media_url.
		expect(responses.map((r) => r.videoUrl === null)).toEqual([false, false, true]);
		expect(responses[0].transcript).toContain('Jane Doe');
		expect(responses[2].text).toContain('written answer');

		const forged = await runWebhook(new WilloTrigger(), {
			parameters: trigger.parameters,
			credentials,
			credentialTypes,
			staticData,
			request: { body: { ...delivery.body, created_at: new Date().toISOString() }, query: { ...query, token: 'f'.repeat(64) } },
		});
		expect(forged.response.statusCode).toBe(401);

		await runWebhookMethod(new WilloTrigger(), 'delete', trigger);
		expect(await control<unknown[]>('GET', '/willo/webhooks')).toEqual([]);
	});

	it("pages through an interview's participants and waits out a 429", async () => {
		for (let n = 0; n < 32; n++) {
			expect((await invite({ name: `Candidate ${n}`, email: `c${n}@example.org`, applicationId: `opp-${n}` })).error).toBeUndefined();
		}
		await control('POST', '/faults', { service: 'willo', nextRequests: 1, kind: '429-retry-after', retryAfterSeconds: 2 });
		const { items, error } = await runNode(new Willo(), {
			parameters: { resource: 'participant', operation: 'getMany', simple: false, interviewId: INTERVIEW, returnAll: true },
			credentials,
			credentialTypes,
		});
		expect(error).toBeUndefined();
		expect(items[0].map((item) => item.json.name)).toEqual(Array.from({ length: 32 }, (_, n) => `Candidate ${n}`));
		expect(sleep).toHaveBeenCalledWith(2000);
		// 32 invites, each listing the interview's participants first: give a busy machine time.
	}, 60_000);

	it('answers a bad phone with the expected form and sends nothing', async () => {
		const { error } = await invite({ name: 'Pat Phone', email: 'pat@example.org', phone: '07700 900123' });
		expect(error!.description).toContain('+14155550100');
		expect(await control<unknown[]>('GET', '/willo/participants')).toEqual([]);
	});
});

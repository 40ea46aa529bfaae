/** What the Lever Trigger's unit tests share: signed deliveries, the registration, Lever's answers. */
import { createHmac, randomBytes } from 'crypto';
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { LeverApi } from '../../../credentials/LeverApi.credentials';
import { LeverTrigger } from '../../../nodes/Lever/LeverTrigger.node';
import { createDedupStore, runDelivery } from '../../helpers/harness';

export const BASE = 'https://lever.test';
export const credentials = { leverApi: { apiKey: 'lever-key', environment: 'custom', baseUrl: `${BASE}/v1` } };
export const credentialTypes = [new LeverApi()];
export const SIGNATURE_TOKEN = 'a'.repeat(48);
export const ASSESSMENT = 'b7d3a2f1-6c2e-4d9f-8a4b-3e8f5c7d9b02';

export function signedDelivery(overrides: IDataObject = {}, secret = SIGNATURE_TOKEN): IDataObject {
	const token = randomBytes(24).toString('hex');
	const triggeredAt = (overrides.triggeredAt as number | undefined) ?? Date.now();
	const signature = createHmac('sha256', secret).update(token + String(triggeredAt)).digest('hex');
	return {
		id: 'delivery-1',
		event: 'candidateStageChange',
		token,
		triggeredAt,
		signature,
		data: { opportunityId: 'opp-1', candidateId: 'opp-1', contactId: 'contact-1', fromStageId: 'applicant-new', toStageId: ASSESSMENT },
		...overrides,
	};
}

export function registeredStaticData(): IDataObject {
	return {
		registrations: [{ id: 'wh-1', event: 'candidateStageChange', secret: SIGNATURE_TOKEN, url: 'http://127.0.0.1:5678/webhook/abc/webhook' }],
	};
}

export function request(body: IDataObject, headers: Record<string, string> = {}) {
	return { body, rawBody: Buffer.from(JSON.stringify(body)), headers: { 'content-type': 'application/json', 'user-agent': 'Lever-Webhooks', ...headers } };
}

/** A delivery end to end at the trigger: webhook() (n8n's answer), then the execution's first step (items). */
export function deliver(body: IDataObject, parameters: IDataObject = {}, staticData = registeredStaticData(), headers: Record<string, string> = {}) {
	return runDelivery(new LeverTrigger(), {
		parameters: { events: ['candidateStageChange'], toStageIds: [ASSESSMENT], ...parameters },
		credentials,
		credentialTypes,
		staticData,
		dedupStore: createDedupStore(),
		request: request(body, headers),
	});
}

export function mockResolve() {
	return nock(BASE)
		.get('/v1/opportunities/opp-1')
		.query({ expand: ['applications', 'stage'] })
		.reply(200, {
			data: {
				id: 'opp-1',
				name: 'Jane Doe',
				contact: 'contact-1',
				emails: ['jane@example.com'],
				phones: [{ type: 'mobile', value: '+14155550100' }],
				applications: [{ id: 'app-1', posting: 'posting-1' }],
				stage: { id: ASSESSMENT, text: 'Assessment' },
			},
		})
		.get('/v1/stages')
		.query(true)
		.reply(200, { data: [{ id: 'applicant-new', text: 'New applicant' }, { id: ASSESSMENT, text: 'Assessment' }], hasNext: false });
}

/**
 * Simplify, on every vendor: on (the default) a read returns the few fields a flow or an AI agent
 * needs; off, the full answer. The service is stubbed with nock; one read per vendor node.
 */
import nock from 'nock';
import type { IDataObject, INodeType } from 'n8n-workflow';
import { IcimsApi } from '../../../credentials/IcimsApi.credentials';
import { LeverApi } from '../../../credentials/LeverApi.credentials';
import { WecpApi } from '../../../credentials/WecpApi.credentials';
import { WepowApi } from '../../../credentials/WepowApi.credentials';
import { WilloApi } from '../../../credentials/WilloApi.credentials';
import { WiseWayApi } from '../../../credentials/WiseWayApi.credentials';
import { Icims } from '../../../nodes/Icims/Icims.node';
import { Lever } from '../../../nodes/Lever/Lever.node';
import { Wecp } from '../../../nodes/Wecp/Wecp.node';
import { Wepow } from '../../../nodes/Wepow/Wepow.node';
import { Willo } from '../../../nodes/Willo/Willo.node';
import { WiseWay } from '../../../nodes/WiseWay/WiseWay.node';
import { simplified } from '../../../nodes/shared/simplify';
import { locatorValue } from '../../../nodes/shared/locator';
import { createDedupStore, runNode } from '../../helpers/harness';

interface Case {
	vendor: string;
	node: INodeType;
	host: string;
	credentials: IDataObject;
	credentialTypes: unknown[];
	parameters: IDataObject;
	/** The service's answer to any GET. */
	answer: (path: string) => unknown;
	simple: IDataObject;
	/** A field of the full answer Simplify leaves out. */
	rawOnly: string;
}

const CASES: Case[] = [
	{
		vendor: 'Lever',
		node: new Lever(),
		host: 'https://lever.test',
		credentials: { leverApi: { apiKey: 'k', environment: 'custom', baseUrl: 'https://lever.test/v1' } },
		credentialTypes: [new LeverApi()],
		parameters: { resource: 'posting', operation: 'get', postingId: locatorValue('post-1') },
		answer: () => ({ data: { id: 'post-1', text: 'Backend Engineer', state: 'published', categories: { team: 'Platform', location: 'Remote' }, owner: 'u1', content: { description: 'long text' }, urls: { show: 'https://jobs.lever.co/acme/post-1' } } }),
		simple: { id: 'post-1', title: 'Backend Engineer', state: 'published', team: 'Platform', location: 'Remote', link: 'https://jobs.lever.co/acme/post-1' },
		rawOnly: 'content',
	},
	{
		vendor: 'WeCP',
		node: new Wecp(),
		host: 'https://wecp.test',
		credentials: { wecpApi: { apiKey: 'k', userEmail: 'recruiter@example.com', baseUrl: 'https://wecp.test' } },
		credentialTypes: [new WecpApi()],
		parameters: { resource: 'test', operation: 'getMany', returnAll: true },
		answer: () => [{ testId: 'test-js-101', testName: 'JavaScript', status: 'active', duration: 60, createdAt: '2026-01-01T00:00:00Z', publicLink: 'https://app.wecp.test/test/test-js-101' }],
		simple: { id: 'test-js-101', name: 'JavaScript', status: 'active', createdAt: '2026-01-01T00:00:00Z', link: 'https://app.wecp.test/test/test-js-101' },
		rawOnly: 'duration',
	},
	{
		vendor: 'Willo',
		node: new Willo(),
		host: 'https://willo.test',
		credentials: { willoApi: { apiKey: 'k', bearerPrefix: false, baseUrl: 'https://willo.test/api/integrations/v2/' } },
		credentialTypes: [new WilloApi()],
		parameters: { resource: 'interview', operation: 'get', interviewId: locatorValue('5e1f0c2a9b3d4e6f8a7b1c2d3e4f5a60') },
		answer: () => ({ key: '5e1f0c2a9b3d4e6f8a7b1c2d3e4f5a60', title: 'Backend', status: 'active', created_at: '2026-01-01T00:00:00Z', invite_link: 'https://willo.test/i/abc', questions: [{ text: 'Why?' }] }),
		simple: { id: '5e1f0c2a9b3d4e6f8a7b1c2d3e4f5a60', title: 'Backend', status: 'active', createdAt: '2026-01-01T00:00:00Z', link: 'https://willo.test/i/abc' },
		rawOnly: 'questions',
	},
	{
		vendor: 'iCIMS',
		node: new Icims(),
		host: 'https://icims.test',
		credentials: { icimsApi: { customerId: '4242', authentication: 'basic', username: 'u', password: 'p', environment: 'custom', baseUrl: 'https://icims.test' } },
		credentialTypes: [new IcimsApi()],
		parameters: { resource: 'person', operation: 'get', personId: locatorValue('2001') },
		answer: () => ({ firstname: 'Jane', lastname: 'Doe', email: 'jane@example.com', phones: [{ phonenumber: '+14155550100' }], addresses: [{ city: 'Austin' }] }),
		simple: { firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com', phone: '+14155550100' },
		rawOnly: 'addresses',
	},
	{
		vendor: 'WiseWay',
		node: new WiseWay(),
		host: 'https://wiseway.test',
		credentials: { wiseWayApi: { apiKey: 'k', baseUrl: 'https://wiseway.test/', webhookSecret: '' } },
		credentialTypes: [new WiseWayApi()],
		parameters: { resource: 'position', operation: 'get', positionId: locatorValue('6650a1b2c3d4e5f60718293a') },
		answer: () => ({ id: '6650a1b2c3d4e5f60718293a', title: 'Backend', status: 'active', createdAt: '2026-01-01T00:00:00Z', questions: [{ text: 'Why?' }] }),
		simple: { id: '6650a1b2c3d4e5f60718293a', title: 'Backend', status: 'active', createdAt: '2026-01-01T00:00:00Z' },
		rawOnly: 'questions',
	},
	{
		vendor: 'Wepow',
		node: new Wepow(),
		host: 'https://wepow.test',
		credentials: { wepowApi: { subdomain: 'acme', email: 'recruiter@example.com', apiKey: 'k', baseUrl: 'https://wepow.test' } },
		credentialTypes: [new WepowApi()],
		parameters: { resource: 'interviewTemplate', operation: 'getMany', returnAll: true },
		answer: (path) => (path.includes('interview_templates') ? { _embedded: { 'wepow:interview_template': [{ id: 501, name: 'Standard', questions_count: 5 }] } } : { _links: {} }),
		simple: { id: 501, name: 'Standard' },
		rawOnly: 'questions_count',
	},
];

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

async function read(testCase: Case, simple?: boolean, typeVersion?: number): Promise<IDataObject> {
	nock(testCase.host).persist().get(/.*/).query(true).reply(200, (path) => testCase.answer(path) as nock.Body);
	const { items, error } = await runNode(testCase.node, {
		typeVersion,
		credentials: testCase.credentials as never,
		credentialTypes: testCase.credentialTypes as never,
		parameters: simple === undefined ? testCase.parameters : { ...testCase.parameters, simple },
		dedupStore: createDedupStore(),
	});
	expect(error).toBeUndefined();
	return items[0][0].json;
}

describe.each(CASES.map((testCase) => [testCase.vendor, testCase] as const))('Simplify on %s', (_vendor, testCase) => {
	const simplifyAt = (version: number) =>
		testCase.node.description.properties.find(
			(property) =>
				property.name === 'simple' &&
				property.displayOptions?.show?.operation?.includes(String(testCase.parameters.operation)) &&
				property.displayOptions?.show?.resource?.includes(String(testCase.parameters.resource)) &&
				property.displayOptions?.show?.['@version']?.includes(version),
		);

	it('is offered, on by default for a node added now (version 1.1), off for one saved at version 1', () => {
		expect(testCase.node.description.version).toEqual([1, 1.1]);
		expect(simplifyAt(1.1)).toMatchObject({ displayName: 'Simplify', type: 'boolean', default: true });
		expect(simplifyAt(1)).toMatchObject({ displayName: 'Simplify', type: 'boolean', default: false });
	});

	it('keeps the full answer of a node saved at version 1, where Simplify did not exist', async () => {
		const json = await read(testCase, undefined, 1);
		expect(json).toHaveProperty(testCase.rawOnly);
	});

	it('returns the few fields when on (the default)', async () => {
		const json = await read(testCase);
		expect(json).toMatchObject(testCase.simple);
		expect(json).not.toHaveProperty(testCase.rawOnly);
	});

	it('returns the full answer when off', async () => {
		const json = await read(testCase, false);
		expect(json).toHaveProperty(testCase.rawOnly);
	});
});

describe('simplified', () => {
	it('takes the first path present and gives null for a field the service did not send', () => {
		expect(simplified({ stage: { text: 'Phone screen' }, emails: ['a@example.com'] }, { stage: ['stage.text', 'stage'], email: ['emails.0'], phone: ['phones.0.value'] })).toEqual({
			stage: 'Phone screen',
			email: 'a@example.com',
			phone: null,
		});
	});
});

it('every get and get many of every action node offers Simplify', () => {
	const missing: string[] = [];
	for (const node of CASES.map((testCase) => testCase.node)) {
		const properties = node.description.properties;
		for (const selector of properties.filter((property) => property.name === 'operation')) {
			const resource = String(selector.displayOptions?.show?.resource?.[0]);
			for (const { value } of (selector.options ?? []) as Array<{ value: string }>) {
				if (!['get', 'getMany'].includes(value)) continue;
				const has = properties.some((property) => property.name === 'simple' && property.displayOptions?.show?.resource?.includes(resource) && property.displayOptions?.show?.operation?.includes(value));
				if (!has) missing.push(`${node.description.name} ${resource} ${value}`);
			}
		}
	}
	expect(missing).toEqual([]);
});

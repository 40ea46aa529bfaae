/**
 * Bad input, for every operation of every action node: each parameter that takes user data is fed
 * wrong values (empty when required, 1 MB, control characters, a path in an id, a malformed
 * e-mail, phone, URL or date) while every other field holds a good value. Each must fail with a
 * NodeOperationError that names the field and the expected form, before any request is made
 * (nock refuses every connection). The cases are generated from the node descriptions, so a new
 * parameter is covered when it is added.
 */
import nock from 'nock';
import type { ICredentialDataDecryptedObject, INodeProperties, INodeType } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
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
import { createDedupStore, runNode } from '../../helpers/harness';

// A request that slipped through fails at once (nock refuses it) instead of backing off.
jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));

interface NodeUnderTest {
	node: INodeType;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes: unknown[];
	/** A good value for every user-data parameter, by name. */
	good: Record<string, string>;
}

const EMAIL = 'jane@example.com';
const NODES: NodeUnderTest[] = [
	{
		node: new Lever(),
		credentials: { leverApi: { apiKey: 'k', environment: 'custom', baseUrl: 'https://lever.test/v1' } },
		credentialTypes: [new LeverApi()],
		good: {
			opportunityId: '250d8f03-738a-4bba-a671-8a3d73477145',
			text: 'A note',
			tags: 'Assessment sent',
			stageId: 'b7d3a2f1-6c2e-4d9f-8a4b-3e8f5c7d9b02',
			performAs: '1a2b3c4d-0001-4e5f-8a9b-0c1d2e3f4a51',
			name: 'Jane Doe',
			email: EMAIL,
			postingId: 'e1a2b3c4-d5e6-4f70-8a91-b2c3d4e5f601',
			userId: '1a2b3c4d-0001-4e5f-8a9b-0c1d2e3f4a51',
		},
	},
	{
		node: new Wecp(),
		credentials: { wecpApi: { apiKey: 'k', userEmail: 'recruiter@example.com', baseUrl: 'https://wecp.test' } },
		credentialTypes: [new WecpApi()],
		good: {
			testId: 'test-js-101',
			name: 'Jane Doe',
			email: EMAIL,
			atsCandidateId: 'contact-1',
			atsApplicationId: 'opp-1',
			actingUserEmail: 'owner@example.com',
			candidateId: 'cand-1',
			interviewName: 'Backend on-site',
			interviewId: 'iv-backend-onsite',
			candidateEmail: EMAIL,
			interviewerEmail: 'interviewer@example.com',
			startTime: '2030-01-15T10:00:00Z',
			poolId: 'pool-engineering',
		},
	},
	{
		node: new Willo(),
		credentials: { willoApi: { apiKey: 'k', bearerPrefix: false, baseUrl: 'https://willo.test/api/integrations/v2/' } },
		credentialTypes: [new WilloApi()],
		good: {
			interviewId: '5e1f0c2a9b3d4e6f8a7b1c2d3e4f5a60',
			name: 'Jane Doe',
			email: EMAIL,
			phone: '+14155550100',
			atsCandidateId: 'contact-1',
			atsApplicationId: 'opp-1',
			participantKey: 'f1e2f95a936a4c1a4173f57535165795',
			templateId: '8b4c3f5d2e6a7b9c1d0e4f5a6b7c8d93',
			title: 'Backend Engineer',
			department: 'ad6e5b7f4a8c9d1e3f2a6b7c8d9eafb5',
		},
	},
	{
		node: new Icims(),
		credentials: { icimsApi: { customerId: '4242', authentication: 'basic', username: 'u', password: 'p', environment: 'custom', baseUrl: 'https://icims.test' } },
		credentialTypes: [new IcimsApi()],
		good: {
			workflowId: '3001',
			statusId: 'C36951',
			personId: '2001',
			jobId: '1001',
			assessmentNameId: 'D37001001',
			assessmentStatusId: 'D37002019001',
			interviewStatus: 'D37002019001',
			interviewUrl: 'https://example.com/review',
			interviewDateTime: '2026-11-23T10:00:00Z',
		},
	},
	{
		node: new WiseWay(),
		credentials: { wiseWayApi: { apiKey: 'k', baseUrl: 'https://wiseway.test/', webhookSecret: '' } },
		credentialTypes: [new WiseWayApi()],
		good: {
			positionId: '6650a1b2c3d4e5f60718293a',
			name: 'Jane Doe',
			email: EMAIL,
			phone: '+14155550100',
			atsCandidateId: 'contact-1',
			atsApplicationId: 'opp-1',
			candidateId: '6650a1b2c3d4e5f607182900',
			title: 'Backend Engineer',
			url: 'https://example.com/hook',
			webhookId: '6650a1b2c3d4e5f607182901',
		},
	},
	{
		node: new Wepow(),
		credentials: { wepowApi: { subdomain: 'acme', email: 'recruiter@example.com', apiKey: 'k', baseUrl: 'https://wepow.test' } },
		credentialTypes: [new WepowApi()],
		good: { positionId: '7001', email: EMAIL, firstName: 'Jane', lastName: 'Doe', atsApplicationId: '3001', applicationId: '9001', atsJobId: '1001', templateId: '501', name: 'Backend Engineer' },
	},
];

const HUGE = 'x'.repeat(1024 * 1024);
const CONTROL = 'Jane\u0000\u0007Doe';

/** The wrong values a parameter of this name is fed, with a label for the report. */
function wrongValuesFor(property: INodeProperties): Array<[string, string]> {
	const values: Array<[string, string]> = [
		['1 MB', HUGE],
		['control characters', CONTROL],
	];
	if (property.required) values.push(['empty', '']);
	const name = property.name;
	if (/email/i.test(name)) values.push(['malformed e-mail', 'not-an-email'], ['HTML e-mail', '<img src=x onerror=alert(1)>@example.com']);
	if (/phone/i.test(name)) values.push(['phone not E.164', '(415) 555-0100']);
	// ATS ids are opaque values the node only stores (as metadata): any text may be one.
	if (/(Id|Key)$/.test(name) && !/^ats/.test(name)) values.push(['path in an id', '../../users']);
	if (/url$/i.test(name)) values.push(['script URL', 'javascript:alert(1)']);
	if (/DateTime$|Time$/.test(name) || property.type === 'dateTime') values.push(['not a date', 'next tuesday']);
	return values;
}

/** The resource/operation pairs of a node and the user-data parameters each shows. */
function operationsOf(node: INodeType): Array<{ resource: string; operation: string; fields: INodeProperties[] }> {
	const properties = node.description.properties;
	const result: Array<{ resource: string; operation: string; fields: INodeProperties[] }> = [];
	for (const operations of properties.filter((property) => property.name === 'operation')) {
		const resource = operations.displayOptions?.show?.resource?.[0] as string;
		for (const option of (operations.options ?? []) as Array<{ value: string }>) {
			const shown = (property: INodeProperties) => {
				const show = property.displayOptions?.show ?? {};
				return (show.resource ?? [resource]).includes(resource) && (show.operation ?? [option.value]).includes(option.value);
			};
			const fields = properties.filter(
				(property) =>
					!['resource', 'operation'].includes(property.name) &&
					shown(property) &&
					(property.type === 'string' ||
						property.type === 'dateTime' ||
						property.type === 'resourceLocator' ||
						(property.type === 'options' && property.typeOptions?.loadOptionsMethod !== undefined)),
			);
			result.push({ resource, operation: option.value, fields });
		}
	}
	return result;
}

jest.setTimeout(120_000);

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());

describe('bad input, generated from every node description', () => {
	for (const subject of NODES) {
		const nodeName = subject.node.description.displayName;
		for (const { resource, operation, fields } of operationsOf(subject.node)) {
			if (fields.length === 0) continue;
			it(`${nodeName} ${resource}: ${operation}`, async () => {
				const problems: string[] = [];
				let cases = 0;
				for (const field of fields) {
					for (const [label, value] of wrongValuesFor(field)) {
						cases += 1;
						// Every value arrives through an expression from the input item, as in a workflow.
						const parameters: Record<string, unknown> = { resource, operation };
						// A field shown by another option (e.g. a typed status ID) gets that option.
						for (const [key, shownFor] of Object.entries(field.displayOptions?.show ?? {})) {
							if (!['resource', 'operation'].includes(key)) parameters[key] = (shownFor as unknown[])[0];
						}
						const input: Record<string, string> = {};
						for (const other of fields) {
							const good = subject.good[other.name];
							if (other.name === field.name) {
								input[other.name] = value;
							} else if (good !== undefined) {
								input[other.name] = good;
							} else {
								continue;
							}
							const expression = `={{ $json.${other.name} }}`;
							// A picker holds an expression in its ID mode, as n8n saves it.
							parameters[other.name] = other.type === 'resourceLocator' ? { __rl: true, mode: 'id', value: expression } : expression;
						}
						const { error } = await runNode(subject.node, {
							parameters,
							credentials: subject.credentials,
							credentialTypes: subject.credentialTypes as never,
							input: [{ json: input }],
							dedupStore: createDedupStore(),
						});
						const where = `${field.name} (${label})`;
						if (!(error instanceof NodeOperationError)) {
							problems.push(`${where}: ${error ? `${error.constructor.name}: ${error.message.slice(0, 100)}` : 'accepted'}`);
						} else if (!error.message.includes(`"${field.displayName.replace(/ Name or ID$/, '')}`)) {
							problems.push(`${where}: the error does not name "${field.displayName}": ${error.message.slice(0, 100)}`);
						} else if (!/expected|required/i.test(`${error.message} ${error.description ?? ''}`)) {
							problems.push(`${where}: no expected form in "${error.description}"`);
						} else if (error.message.includes(HUGE.slice(0, 1000)) || String(error.description).length > 2000) {
							problems.push(`${where}: the error repeats the whole value`);
						}
					}
				}
				expect(cases).toBeGreaterThan(0);
				expect(problems).toEqual([]);
			});
		}
	}
});

/**
 * Every credential's "Test" button, run as n8n runs it (n8n-core's RoutingNode, see
 * test/helpers/credential-test.ts) against the simulator: the right secret passes, a wrong one fails.
 */
import type { ICredentialDataDecryptedObject, ICredentialType } from 'n8n-workflow';

import { IcimsApi } from '../../../credentials/IcimsApi.credentials';
import { LeverApi } from '../../../credentials/LeverApi.credentials';
import { WecpApi } from '../../../credentials/WecpApi.credentials';
import { WepowApi } from '../../../credentials/WepowApi.credentials';
import { WilloApi } from '../../../credentials/WilloApi.credentials';
import { WiseWayApi } from '../../../credentials/WiseWayApi.credentials';
import { testCredential } from '../../helpers/credential-test';
import { SANDBOX_SECRETS, startSandbox } from '../../../simulator';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

interface Case {
	type: ICredentialType;
	/** the credential as a user fills it in for the simulator */
	right: (sandbox: Sandbox) => ICredentialDataDecryptedObject;
	/** the field a user gets wrong */
	secret: string;
	/** the simulator's service name, to find the request the test made */
	service: string;
}

const S = SANDBOX_SECRETS;
const base = (sandbox: Sandbox, service: string) => sandbox.services[service].baseUrl;

const cases: Array<[string, Case]> = [
	['Lever', { type: new LeverApi(), service: 'lever', secret: 'apiKey', right: (s) => ({ apiKey: S.lever.apiKey, environment: 'custom', baseUrl: base(s, 'lever') }) }],
	['WeCP', { type: new WecpApi(), service: 'wecp', secret: 'apiKey', right: (s) => ({ apiKey: S.wecp.apiKey, baseUrl: base(s, 'wecp') }) }],
	['Willo', { type: new WilloApi(), service: 'willo', secret: 'apiKey', right: (s) => ({ apiKey: S.willo.apiKey, baseUrl: base(s, 'willo') }) }],
	[
		'iCIMS (Basic)',
		{
			type: new IcimsApi(),
			service: 'icims',
			secret: 'password',
			right: (s) => ({
				customerId: S.icims.customerId,
				authentication: 'basic',
				username: S.icims.username,
				password: S.icims.password,
				environment: 'custom',
				baseUrl: base(s, 'icims'),
			}),
		},
	],
	[
		'iCIMS (OAuth client credentials)',
		{
			type: new IcimsApi(),
			service: 'icims',
			secret: 'clientSecret',
			right: (s) => ({
				customerId: S.icims.customerId,
				authentication: 'oauth2ClientCredentials',
				clientId: S.icims.clientId,
				clientSecret: S.icims.clientSecret,
				environment: 'custom',
				baseUrl: base(s, 'icims'),
				tokenUrl: `${base(s, 'icims')}/oauth/token`,
			}),
		},
	],
	['WiseWay', { type: new WiseWayApi(), service: 'wiseway', secret: 'apiKey', right: (s) => ({ apiKey: S.wiseway.apiKey, baseUrl: base(s, 'wiseway') }) }],
	[
		'Wepow',
		{
			type: new WepowApi(),
			service: 'wepow',
			secret: 'apiKey',
			right: (s) => ({ subdomain: S.wepow.subdomain, email: S.wepow.email, apiKey: S.wepow.apiKey, baseUrl: base(s, 'wepow') }),
		},
	],
];

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

function statusesFrom(service: string): Array<number | null> {
	return sandbox.state.requests.filter((request) => request.service === service).map((request) => request.status);
}

describe('credential Test against the simulator', () => {
	it('covers all six credential types', () => {
		expect(new Set(cases.map(([, c]) => c.type.name))).toEqual(
			new Set(['leverApi', 'wecpApi', 'willoApi', 'icimsApi', 'wiseWayApi', 'wepowApi']),
		);
	});

	it.each(cases)('%s: passes with the right secret, after asking the service', async (_name, c) => {
		const result = await testCredential(c.type, c.right(sandbox));
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(statusesFrom(c.service)).toContain(200);
	});

	it.each(cases)('%s: fails with a wrong secret', async (_name, c) => {
		const wrong = { ...c.right(sandbox), [c.secret]: 'not-the-secret' };
		const result = await testCredential(c.type, wrong);
		expect(result.status).toBe('Error');
		expect(result.message).not.toContain('not-the-secret');
		// Refused by the service for the secret, not failed on the way there.
		expect(statusesFrom(c.service)).toContain(401);
	});

	it.each(cases)('%s: fails with the secret left empty', async (_name, c) => {
		const result = await testCredential(c.type, { ...c.right(sandbox), [c.secret]: '' });
		expect(result.status).toBe('Error');
	});
});

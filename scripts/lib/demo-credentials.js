// @ts-check
'use strict';
/**
 * The credentials `npm start` and the end-to-end suites create, one per service, pointing at the
 * simulator. Fixed ids: the templates reference them.
 */

/**
 * @typedef {Object} CredentialSpec
 * @property {string} service  the simulator's service name (key of sandbox.services / SANDBOX_SECRETS)
 * @property {string} id       fixed: templates reference it
 * @property {string} name
 * @property {string} type     the credential type name
 * @property {(service: { baseUrl: string, secrets: Record<string, any> }) => Record<string, unknown>} data
 * @property {boolean} [builtIn]  a credential type of n8n itself (e.g. bambooHrApi), not of this package
 */

/**
 * One entry per service: adding a service (iCIMS, WiseWay, ...) is one more entry.
 * @type {CredentialSpec[]}
 */
const DEMO_CREDENTIALS = [
	{
		service: 'lever',
		id: 'AtsLeverApiCred1',
		name: 'Lever account',
		type: 'leverApi',
		data: ({ baseUrl, secrets }) => ({ environment: 'custom', baseUrl, apiKey: secrets.apiKey }),
	},
	{
		service: 'wecp',
		id: 'AtsWecpApiCred01',
		name: 'WeCP account',
		type: 'wecpApi',
		data: ({ baseUrl, secrets }) => ({
			baseUrl,
			apiKey: secrets.apiKey,
			partnerKey: secrets.partnerKey,
			partnerSecret: secrets.partnerSecret,
			userEmail: secrets.userEmail ?? secrets.userEmails?.[0] ?? 'recruiter@example.com',
		}),
	},
	{
		service: 'willo',
		id: 'AtsWilloApiCred1',
		name: 'Willo account',
		type: 'willoApi',
		data: ({ baseUrl, secrets }) => ({ baseUrl, apiKey: secrets.apiKey, bearerPrefix: false }),
	},
	{
		service: 'icims',
		id: 'AtsIcimsApiCred1',
		name: 'iCIMS account',
		type: 'icimsApi',
		data: ({ baseUrl, secrets }) => ({
			customerId: secrets.customerId,
			authentication: 'basic',
			username: secrets.username,
			password: secrets.password,
			environment: 'custom',
			baseUrl,
			tokenUrl: `${baseUrl}/oauth/token`,
			webhookUsername: secrets.webhookUsername,
			webhookPassword: secrets.webhookPassword,
		}),
	},
	{
		service: 'wiseway',
		id: 'AtsWiseWayApiCrd',
		name: 'WiseWay account',
		type: 'wiseWayApi',
		data: ({ baseUrl, secrets }) => ({ baseUrl, apiKey: secrets.apiKey, webhookSecret: secrets.webhookSecret }),
	},
	{
		service: 'wepow',
		id: 'AtsWepowApiCred1',
		name: 'Wepow account',
		type: 'wepowApi',
		data: ({ baseUrl, secrets }) => ({ subdomain: secrets.subdomain, email: secrets.email, apiKey: secrets.apiKey, baseUrl }),
	},
];

module.exports = { DEMO_CREDENTIALS };

import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

const TOKEN_URLS: Record<string, string> = {
	production: 'https://login.icims.com/oauth/token',
	eu: 'https://login.icims.eu/oauth/token',
};

// The audience iCIMS issues API tokens for, whatever the region.
const AUDIENCE = 'https://api.icims.com/v1/';

function tokenUrlOf(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'production');
	if (environment === 'custom' && credentials.tokenUrl) return String(credentials.tokenUrl);
	return TOKEN_URLS[environment] ?? TOKEN_URLS.production;
}

function statusOf(error: unknown): number | undefined {
	const record = error as { response?: { status?: unknown }; httpCode?: unknown; statusCode?: unknown };
	const status = record?.response?.status ?? record?.statusCode ?? record?.httpCode;
	return status === undefined ? undefined : Number(status);
}

export class IcimsApi implements ICredentialType {
	name = 'icimsApi';

	displayName = 'iCIMS API';

	icon = { light: 'file:../nodes/Icims/icims.svg', dark: 'file:../nodes/Icims/icims.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-ats-assessments/n8n-nodes-ats-assessments#icims';

	properties: INodeProperties[] = [
		{
			displayName: 'Customer ID',
			name: 'customerId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 1234',
			description:
				'The number iCIMS gives with your API credentials; it is in every API path. A sandbox (staging) site has its own customer ID.',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Basic (API Username and Password)', value: 'basic' },
				{ name: 'OAuth 2.0 Client Credentials', value: 'oauth2ClientCredentials' },
			],
			default: 'basic',
			description: 'iCIMS support issues either kind to an integration user; there is no self-service',
		},
		{
			displayName: 'API Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['basic'] } },
		},
		{
			displayName: 'API Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['basic'] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['oauth2ClientCredentials'] } },
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['oauth2ClientCredentials'] } },
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production (US)', value: 'production' },
				{ name: 'Production (EU)', value: 'eu' },
				{ name: 'Custom Base URL', value: 'custom' },
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.icims.com',
			placeholder: 'https://api.icims.com',
			description: 'The API root without /customers, for a regional host, a proxy or a test server',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: 'https://login.icims.com/oauth/token',
			placeholder: 'https://login.icims.com/oauth/token',
			description: 'Where OAuth tokens are requested (Canada: https://login.icims.ca/oauth/token)',
			displayOptions: { show: { environment: ['custom'], authentication: ['oauth2ClientCredentials'] } },
		},
		{
			displayName: 'Event Receiver Username',
			name: 'webhookUsername',
			type: 'string',
			default: '',
			description:
				'The Basic username iCIMS must send to the iCIMS Trigger. Choose it, and give it to iCIMS with the URL when they set up Event Notifications.',
		},
		{
			displayName: 'Event Receiver Password',
			name: 'webhookPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The Basic password iCIMS must send to the iCIMS Trigger; a long random one',
		},
		{
			// n8n keeps the OAuth token here and asks for a new one when iCIMS answers 401.
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/** Fetches an OAuth token; n8n stores it in the credential, so tokens are not requested per call. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (credentials.authentication !== 'oauth2ClientCredentials') return {};
		let response: { access_token?: unknown };
		try {
			response = (await this.helpers.httpRequest({
				method: 'POST',
				url: tokenUrlOf(credentials),
				body: {
					grant_type: 'client_credentials',
					client_id: credentials.clientId,
					client_secret: credentials.clientSecret,
					audience: AUDIENCE,
				},
				json: true,
			})) as { access_token?: unknown };
		} catch (error) {
			// A fresh error: the original holds the request, and with it the client secret.
			const status = statusOf(error);
			throw new Error(
				`iCIMS refused the OAuth client credentials${status === undefined ? '' : ` (HTTP ${status})`}: check the client ID, the client secret and the token URL`,
			);
		}
		if (typeof response?.access_token !== 'string' || response.access_token === '') {
			throw new Error('iCIMS answered the token request without an access token');
		}
		return { accessToken: response.access_token };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		if (credentials.authentication === 'oauth2ClientCredentials') {
			const headers = { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.accessToken ?? '')}` };
			return { ...requestOptions, headers };
		}
		// Basic is n8n's own: the HTTP client builds the header from auth.
		return {
			...requestOptions,
			auth: { username: String(credentials.username ?? ''), password: String(credentials.password ?? '') },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.environment === "eu" ? "https://api-eu.icims.com" : $credentials.environment === "custom" ? $credentials.baseUrl.replace(/\\/+$/, "") : "https://api.icims.com"}}',
			url: '=/customers/{{$credentials.customerId}}/search/applicantworkflows',
			method: 'GET',
			// A search that matches nothing: one call, proves the customer ID and the credentials.
			qs: { searchJson: '{"filters":[{"name":"applicantworkflow.id","value":["0"],"operator":"="}]}' },
		},
	};
}

import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class LeverApi implements ICredentialType {
	name = 'leverApi';

	displayName = 'Lever API';

	icon = { light: 'file:../nodes/Lever/lever.svg', dark: 'file:../nodes/Lever/lever.dark.svg' } as const;

	documentationUrl = 'https://hire.lever.co/developer/documentation#authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'In Lever: Settings > Integrations and API > API Credentials > Generate New Key. Give it the opportunities, notes, stages, postings, users and webhooks endpoints.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production' },
				{ name: 'Sandbox', value: 'sandbox' },
				{ name: 'Custom Base URL', value: 'custom' },
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.lever.co/v1',
			placeholder: 'https://api.lever.co/v1',
			description: 'The API root including the version, for a proxy or a test server',
			displayOptions: { show: { environment: ['custom'] } },
		},
	];

	// Lever takes the key as the Basic username with an empty password.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: { username: '={{$credentials.apiKey}}', password: '' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.environment === "sandbox" ? "https://api.sandbox.lever.co/v1" : $credentials.environment === "custom" ? $credentials.baseUrl.replace(/\\/+$/, "") : "https://api.lever.co/v1"}}',
			url: '/stages',
			method: 'GET',
		},
	};
}

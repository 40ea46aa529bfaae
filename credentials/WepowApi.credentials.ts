import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class WepowApi implements ICredentialType {
	name = 'wepowApi';

	displayName = 'Wepow API';

	icon = { light: 'file:../nodes/Wepow/wepow.svg', dark: 'file:../nodes/Wepow/wepow.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-ats-assessments/n8n-nodes-ats-assessments#wepow';

	properties: INodeProperties[] = [
		{
			displayName: 'Organization Subdomain',
			name: 'subdomain',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. acme',
			description: 'The first part of your Wepow address: acme for acme.wepowapp.com',
		},
		{
			displayName: 'User Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: 'The e-mail of the Wepow user the API key belongs to',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "The user's API key: ask your Wepow (Harver) account manager to enable API access",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.wepowapp.com',
			description: 'Change only for the Wepow staging host (https://api.wopow.co), a proxy or a test server',
		},
	];

	// Wepow's Basic user is "<subdomain>.<email>"; every answer is HAL, asked for by Accept.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{$credentials.subdomain.trim() + "." + $credentials.email.trim()}}',
				password: '={{$credentials.apiKey}}',
			},
			headers: {
				Accept: 'application/hal+json',
				'Content-Type': 'application/json',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			// The root only lists links and may answer without credentials; the interview list never does.
			url: '/hypermedia/interviews',
			qs: { per_page: 1 },
			method: 'GET',
		},
	};
}

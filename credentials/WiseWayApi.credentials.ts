import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class WiseWayApi implements ICredentialType {
	name = 'wiseWayApi';

	displayName = 'WiseWay API';

	icon = { light: 'file:../nodes/WiseWay/wiseway.svg', dark: 'file:../nodes/WiseWay/wiseway.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-ats-assessments/n8n-nodes-ats-assessments#wiseway';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'In WiseWay, Settings > API Keys (shown once when created). Only the workspace owner can create keys, and only an owner key can manage webhooks.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://app.wiseway.video',
			placeholder: 'https://app.wiseway.video',
			description: 'The host the /api/app/... paths are added to. Change only for a WiseWay test server or proxy.',
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Optional: the signing secret of webhooks made in the WiseWay app, or of webhooks whose creation answer carries no secret. The WiseWay Trigger checks each delivery's x-wiseway-signature with it.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { 'x-api-key': '={{$credentials.apiKey}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/app/positions',
			qs: { page: 1, limit: 1 },
			method: 'GET',
		},
	};
}

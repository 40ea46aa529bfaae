import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class WilloApi implements ICredentialType {
	name = 'willoApi';

	displayName = 'Willo API';

	icon = { light: 'file:../nodes/Willo/willo.svg', dark: 'file:../nodes/Willo/willo.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-ats-assessments/n8n-nodes-ats-assessments#willo';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"Your Willo integration key: in Willo, Settings > Integrations > API. Each key acts with its user's permissions.",
		},
		{
			displayName: 'Send as Bearer Token',
			name: 'bearerPrefix',
			type: 'boolean',
			default: false,
			description:
				'Whether to send the key as "Authorization: Bearer <key>" instead of the bare key. Willo accepts both; turn this on only if a proxy needs it.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.willotalent.com/api/integrations/v2',
			placeholder: 'https://api.willotalent.com/api/integrations/v2',
			description:
				'The API root including /api/integrations/v2. Willo staging: https://api.stage.willotalent.com/api/integrations/v2.',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const key = String(credentials.apiKey ?? '');
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: credentials.bearerPrefix ? `Bearer ${key}` : key },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/interviews/',
			qs: { page_size: 1 },
			method: 'GET',
		},
	};
}

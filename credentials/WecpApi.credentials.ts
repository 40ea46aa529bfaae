import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class WecpApi implements ICredentialType {
	name = 'wecpApi';

	displayName = 'WeCP API';

	icon = { light: 'file:../nodes/Wecp/wecp.svg', dark: 'file:../nodes/Wecp/wecp.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-ats-assessments/n8n-nodes-ats-assessments#wecp';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The company-wide API key: in WeCP, Settings > Integrations > API',
		},
		{
			displayName: 'Partner Key',
			name: 'partnerKey',
			type: 'string',
			default: '',
			description: 'Only for partner integrations: the key WeCP issued to the partner',
		},
		{
			displayName: 'Partner Secret',
			name: 'partnerSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for partner integrations: the secret issued with the partner key',
		},
		{
			displayName: 'Acting User Email',
			name: 'userEmail',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description:
				'The WeCP user actions are done on behalf of (sent as WECP-User-Email). A node can override it per item.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.wecreateproblems.com',
			description: 'Change only for a WeCP test server or proxy',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers: Record<string, unknown> = { ...requestOptions.headers };
		headers['x-api-key'] = credentials.apiKey;
		if (credentials.partnerKey && credentials.partnerSecret) {
			const pair = `${String(credentials.partnerKey)}:${String(credentials.partnerSecret)}`;
			headers['X-WECP-Partner-Authorization'] = Buffer.from(pair, 'utf8').toString('base64');
		}
		// A node may name the acting user per item; the credential's user is the default.
		const actingUserSet = Object.keys(headers).some((name) => name.toLowerCase() === 'wecp-user-email');
		if (!actingUserSet && credentials.userEmail) headers['WECP-User-Email'] = credentials.userEmail;
		return { ...requestOptions, headers: headers as IHttpRequestOptions['headers'] };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/ats/wecp/tests',
			method: 'GET',
		},
	};
}

import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { RequestContext } from '../shared/http';
import type { ServiceCall, ServiceResponse } from '../shared/serviceClient';
import { configuredBaseUrl, serviceClient } from '../shared/serviceClient';

export const WECP_CREDENTIAL = 'wecpApi';

const wecpClient = serviceClient({
	service: 'WeCP',
	credentialType: WECP_CREDENTIAL,
	baseUrl: (credentials) => configuredBaseUrl(credentials, 'https://api.wecreateproblems.com'),
});

/** Paths are below the base URL, e.g. /ats/wecp/tests */
export interface WecpRequest extends ServiceCall {
	/** Sent as WECP-User-Email instead of the credential's acting user. */
	actingUserEmail?: string;
}

export async function wecpRequest<T = unknown>(
	context: RequestContext,
	{ actingUserEmail, ...call }: WecpRequest,
): Promise<ServiceResponse<T>> {
	return await wecpClient<T>(context, actingUserEmail ? { ...call, headers: { 'WECP-User-Email': actingUserEmail } } : call);
}

export function testPath(testId: string, suffix = ''): string {
	return `/ats/wecp/tests/${encodeURIComponent(testId)}${suffix}`;
}

/** The candidates of a test. WeCP answers an empty list with 404 "No candidate found". */
export async function listTestCandidates(
	context: RequestContext,
	testId: string,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const { statusCode, body } = await wecpRequest<unknown>(context, {
		method: 'GET',
		path: testPath(testId, '/candidates'),
		itemIndex,
		acceptStatuses: [404],
	});
	if (statusCode === 404) {
		const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
		if (/no candidate found/i.test(text)) return [];
		throw new NodeApiError(context.getNode(), { httpCode: '404', message: text }, {
			message: `WeCP has no test "${testId}"`,
			httpCode: '404',
			itemIndex,
		});
	}
	return Array.isArray(body) ? (body as IDataObject[]) : [];
}

export async function getCandidateReport(
	context: RequestContext,
	candidateId: string,
	itemIndex?: number,
): Promise<IDataObject> {
	const { body } = await wecpRequest<IDataObject>(context, {
		method: 'GET',
		path: `/ats/wecp/candidates/${encodeURIComponent(candidateId)}`,
		itemIndex,
	});
	return body;
}

/** The id WeCP gave a new live interview. Its answer is not published: take the likely names. */
export function interviewIdOf(answer: IDataObject): string | null {
	for (const key of ['interviewId', 'id', '_id']) {
		const value = answer[key];
		if (typeof value === 'string' && value !== '') return value;
		if (typeof value === 'number') return String(value);
	}
	return null;
}

export function talentPoolPath(poolId: string, suffix = ''): string {
	return `/ats/wecp/talentPools/${encodeURIComponent(poolId)}${suffix}`;
}

import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { RequestContext } from '../shared/http';
import { requestWithRetry } from '../shared/http';

export const WECP_CREDENTIAL = 'wecpApi';

export interface WecpRequest {
	method: IHttpRequestMethods;
	/** Below the base URL, e.g. /ats/wecp/tests */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** Sent as WECP-User-Email instead of the credential's acting user. */
	actingUserEmail?: string;
	acceptStatuses?: number[];
}

export async function wecpRequest<T = unknown>(
	context: RequestContext,
	request: WecpRequest,
): Promise<{ statusCode: number; body: T }> {
	const credentials = await context.getCredentials(WECP_CREDENTIAL);
	const baseUrl = String(credentials.baseUrl || 'https://api.wecreateproblems.com').replace(/\/+$/, '');
	const response = await requestWithRetry<T>(context, {
		service: 'WeCP',
		credentialType: WECP_CREDENTIAL,
		itemIndex: request.itemIndex,
		acceptStatuses: request.acceptStatuses,
		options: {
			method: request.method,
			url: `${baseUrl}${request.path}`,
			qs: request.qs,
			body: request.body,
			headers: request.actingUserEmail ? { 'WECP-User-Email': request.actingUserEmail } : undefined,
		},
	});
	return { statusCode: response.statusCode, body: response.body };
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

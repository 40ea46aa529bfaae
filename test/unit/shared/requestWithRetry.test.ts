/**
 * requestWithRetry against a stand-in for n8n's HTTP helper: which failures are sent again, and
 * which are marked "outcome unknown" so the caller looks the result up instead of resending.
 */
import type { IHttpRequestOptions, INode, IN8nHttpFullResponse } from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import type { RequestContext } from '../../../nodes/shared/http';
import { isOutcomeUnknown, requestWithRetry, WEBHOOK_REQUEST_TIMEOUT_MS } from '../../../nodes/shared/http';

const node: INode = { id: 'n1', name: 'Vendor', type: 'test.vendor', typeVersion: 1, position: [0, 0], parameters: {} };

type Answer = IN8nHttpFullResponse | Error;
const status = (statusCode: number, headers: Record<string, string> = {}): IN8nHttpFullResponse => ({ statusCode, headers, body: { message: `status ${statusCode}` } });
const network = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

let clock = 0;
let waits: number[] = [];

beforeEach(() => {
	clock = 1_000_000;
	waits = [];
	jest.spyOn(Date, 'now').mockImplementation(() => clock);
	// Waits pass on the fake clock only.
	jest.spyOn(n8nWorkflow, 'sleep').mockImplementation(async (ms: number) => {
		waits.push(ms);
		clock += ms;
	});
});
afterEach(() => jest.restoreAllMocks());

/**
 * A context whose HTTP helper gives these answers in turn (the last one again when they run
 * out); each attempt takes `attemptMs` on the fake clock. `webhook` makes it a webhook() context.
 */
function vendor(answers: Answer[], { webhook = false, attemptMs = 0 } = {}) {
	const sent: IHttpRequestOptions[] = [];
	const httpRequestWithAuthentication = jest.fn(async (_credentialType: string, options: IHttpRequestOptions) => {
		sent.push(options);
		clock += attemptMs;
		const answer = answers.length > 1 ? answers.shift()! : answers[0];
		if (answer instanceof Error) throw answer;
		return answer;
	});
	const context = {
		getNode: () => node,
		helpers: { httpRequestWithAuthentication },
		...(webhook ? { getRequestObject: () => ({}) } : {}),
	} as unknown as RequestContext;
	return { context, sent };
}

function send(context: RequestContext, method: 'GET' | 'POST' | 'PUT') {
	return requestWithRetry(context, { service: 'Vendor', credentialType: 'vendorApi', options: { method, url: 'https://vendor.test/invites' } });
}

describe('requestWithRetry: a POST', () => {
	it.each([
		['a 500', status(500)],
		['a 502', status(502)],
		['a reset connection', network('ECONNRESET')],
		['a timed-out answer', network('ETIMEDOUT')],
	])('is not sent again after %s, and the error says the outcome is unknown', async (_name, answer) => {
		const { context, sent } = vendor([answer, status(201)]);
		const error = await send(context, 'POST').then(
			() => undefined,
			(thrown: unknown) => thrown,
		);
		expect(sent).toHaveLength(1);
		expect(isOutcomeUnknown(error)).toBe(true);
		expect((error as Error & { description?: string }).description).toContain('not sent again blind');
	});

	it.each([
		['a 429', status(429)],
		['a 503', status(503)],
		['a refused connection', network('ECONNREFUSED')],
		['an unknown host', network('ENOTFOUND')],
	])('is sent again after %s, which the vendor cannot have acted on', async (_name, answer) => {
		const { context, sent } = vendor([answer, status(201)]);
		const response = await send(context, 'POST');
		expect(response.statusCode).toBe(201);
		expect(sent).toHaveLength(2);
	});

	it('gives a plain error, not an unknown outcome, after refusals to the last attempt', async () => {
		const { context, sent } = vendor([status(503)]);
		const error = await send(context, 'POST').catch((thrown: unknown) => thrown);
		expect(sent).toHaveLength(8);
		expect(isOutcomeUnknown(error)).toBe(false);
		expect((error as Error).message).toBe('Vendor answered HTTP 503 after 8 attempts: status 503');
	});

	it('is not an unknown outcome when the vendor refused it with a 4xx', async () => {
		const { context, sent } = vendor([status(422)]);
		const error = await send(context, 'POST').catch((thrown: unknown) => thrown);
		expect(sent).toHaveLength(1);
		expect(isOutcomeUnknown(error)).toBe(false);
	});
});

describe('requestWithRetry: GET and PUT', () => {
	it.each([
		['GET', 'a 500', status(500)],
		['GET', 'a reset connection', network('ECONNRESET')],
		['PUT', 'a 502', status(502)],
		['PUT', 'a reset connection', network('ECONNRESET')],
	] as const)('a %s is sent again after %s, as before', async (method, _name, answer) => {
		const { context, sent } = vendor([answer, answer, status(200)]);
		const response = await send(context, method);
		expect(response.statusCode).toBe(200);
		expect(sent).toHaveLength(3);
	});

	it('gives up after 8 attempts, and the error is not an unknown outcome', async () => {
		const { context, sent } = vendor([status(500)]);
		const error = await send(context, 'GET').catch((thrown: unknown) => thrown);
		expect(sent).toHaveLength(8);
		expect(isOutcomeUnknown(error)).toBe(false);
	});
});

describe('requestWithRetry: inside webhook()', () => {
	it('gives each attempt a 3 s timeout; outside webhook() there is none', async () => {
		const inside = vendor([status(200)], { webhook: true });
		await send(inside.context, 'GET');
		expect(inside.sent[0].timeout).toBe(WEBHOOK_REQUEST_TIMEOUT_MS);
		const outside = vendor([status(200)]);
		await send(outside.context, 'GET');
		expect(outside.sent[0].timeout).toBeUndefined();
	});

	it('does not wait out a long Retry-After, which an execution does', async () => {
		const inside = vendor([status(429, { 'retry-after': '5' }), status(200)], { webhook: true });
		await expect(send(inside.context, 'GET')).rejects.toThrow('HTTP 429');
		expect(inside.sent).toHaveLength(1);

		const outside = vendor([status(429, { 'retry-after': '5' }), status(200)]);
		expect((await send(outside.context, 'GET')).statusCode).toBe(200);
		expect(waits).toEqual([5000]);
	});

	it('starts no retry that would end past the 8 s deadline', async () => {
		// Each attempt uses its whole 3 s: the third ends at 9 s, so no third retry starts.
		const inside = vendor([status(500)], { webhook: true, attemptMs: 3_000 });
		await expect(send(inside.context, 'GET')).rejects.toThrow('HTTP 500');
		expect(inside.sent).toHaveLength(3);

		const outside = vendor([status(500)], { attemptMs: 3_000 });
		await expect(send(outside.context, 'GET')).rejects.toThrow('HTTP 500');
		expect(outside.sent).toHaveLength(8);
	});
});

describe('requestWithRetry: waiting at a rate limit', () => {
	it('uses up no attempt on a 429 with Retry-After: 20 refusals, then the POST goes through', async () => {
		const refusals = Array.from({ length: 20 }, () => status(429, { 'retry-after': '1' }));
		const { context, sent } = vendor([...refusals, status(201)]);
		const response = await send(context, 'POST');
		expect(response.statusCode).toBe(201);
		expect(sent).toHaveLength(21);
		expect(waits).toEqual(Array(20).fill(1000));
	});

	it('stops waiting once the waits would pass 10 minutes in all, and says how many requests it made', async () => {
		const { context, sent } = vendor([status(429, { 'retry-after': '60' })]);
		const error = await send(context, 'POST').catch((thrown: unknown) => thrown);
		// Ten waits of 60 s fill the 10 minutes; the rest are counted attempts (Retry-After 60 s each).
		expect(waits.slice(0, 10)).toEqual(Array(10).fill(60_000));
		expect(sent).toHaveLength(10 + 8);
		expect((error as Error).message).toBe('Vendor answered HTTP 429 after 18 attempts: status 429');
		expect(isOutcomeUnknown(error)).toBe(false);
	});

	it('still counts a 429 without Retry-After as an attempt', async () => {
		const { context, sent } = vendor([status(429)]);
		await expect(send(context, 'POST')).rejects.toThrow('after 8 attempts');
		expect(sent).toHaveLength(8);
	});

	it('inside webhook() keeps to the 8 s deadline', async () => {
		const { context, sent } = vendor([status(429, { 'retry-after': '1' })], { webhook: true });
		await expect(send(context, 'GET')).rejects.toThrow('HTTP 429');
		expect(sent).toHaveLength(9);
		expect(waits.reduce((sum, wait) => sum + wait, 0)).toBeLessThanOrEqual(8_000);
	});
});

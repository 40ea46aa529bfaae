import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

/** Every n8n context a node can make requests from. */
export type RequestContext =
	| IExecuteFunctions
	| IHookFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IWebhookFunctions;

export interface RetryPolicy {
	/** Total attempts including the first one. */
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** A Retry-After longer than this is not waited for: the error surfaces instead. */
	maxRetryAfterMs: number;
	/** No retry starts when its wait would end later than this after the first attempt. */
	deadlineMs?: number;
	/**
	 * Waits a rate limit asks for (429 with Retry-After) use up no attempt; their sum stays within
	 * this. A burst at a service's rate limit then waits its turn instead of failing.
	 */
	maxRateLimitWaitMs: number;
}

// Eight attempts: at a 20% fault rate one request in 390,000 still fails (five: one in 3,125).
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 8,
	baseDelayMs: 500,
	maxDelayMs: 20_000,
	maxRetryAfterMs: 120_000,
	maxRateLimitWaitMs: 10 * 60_000,
};

// A sender waits for the answer to its webhook delivery (10 to 30 s for the services here):
// requests made while it waits get this budget, so the answer goes out before the sender gives up
// and sends again. Short waits, attempts of at most 3 s, and no retry that would end past 8 s.
export const WEBHOOK_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 8,
	baseDelayMs: 100,
	maxDelayMs: 1_000,
	maxRetryAfterMs: 2_000,
	deadlineMs: 8_000,
	maxRateLimitWaitMs: 8_000,
};
export const WEBHOOK_REQUEST_TIMEOUT_MS = 3_000;

export interface ServiceRequest {
	/** The service's name as users know it, used in error messages. */
	service: string;
	credentialType: string;
	options: IHttpRequestOptions;
	itemIndex?: number;
	retry?: Partial<RetryPolicy>;
	/** Statuses that are answers, not errors (e.g. a 404 that means "empty list"). */
	acceptStatuses?: number[];
	/**
	 * Headers that say, in seconds, when a 429's quota resets, for a service that sends no
	 * Retry-After (e.g. x-ratelimit-reset).
	 */
	quotaResetHeaders?: string[];
	/**
	 * Whether sending the request twice does no more than sending it once. Default: every method
	 * but POST. A request that is not repeatable is sent again only when the service cannot have
	 * acted on it (429, 503, no connection); otherwise the error says the outcome is unknown.
	 */
	repeatable?: boolean;
}

// The request never reached the service: sending it again cannot make a second record.
const NOT_SENT_NETWORK_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND', 'ERR_SOCKET_CONNECTION_TIMEOUT']);
// The connection broke after the request went out: the service may have acted on it.
const LOST_ANSWER_NETWORK_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE']);

export function isRetryableStatus(status: number): boolean {
	return status === 429 || status >= 500;
}

/** 429 and 503 are refusals: the service says it did not take the request. */
export function isRefusal(status: number): boolean {
	return status === 429 || status === 503;
}

/**
 * Whether an error says a request that changes something may or may not have taken effect (a
 * server error or a lost answer). The caller looks the result up before it sends again.
 */
export function isOutcomeUnknown(error: unknown): boolean {
	return error instanceof NodeApiError && (error.context as IDataObject | undefined)?.outcomeUnknown === true;
}

/** Retry-After is either delta-seconds or an HTTP date; returns milliseconds, or undefined. */
export function parseRetryAfter(value: unknown, nowMs: number): number | undefined {
	const header = Array.isArray(value) ? value[0] : value;
	if (typeof header !== 'string' && typeof header !== 'number') return undefined;
	const text = String(header).trim();
	if (text === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - nowMs);
}

/** Exponential backoff with "equal jitter": half fixed, half random, capped. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random = Math.random): number {
	const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(exponential / 2 + random() * (exponential / 2));
}

function headerValue(headers: IDataObject | undefined, name: string): unknown {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	return key === undefined ? undefined : headers[key];
}

/** The service's own words from an error body, whatever shape it uses. */
export function serviceMessage(body: unknown): string | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	if (typeof body === 'string') return body.slice(0, 500);
	if (Buffer.isBuffer(body)) return body.toString('utf8').slice(0, 500);
	if (typeof body === 'object') {
		const record = body as IDataObject;
		for (const key of ['message', 'error_description', 'error', 'errorMessage', 'detail', 'title']) {
			const value = record[key];
			if (typeof value === 'string' && value !== '') return value;
			if (value && typeof value === 'object' && typeof (value as IDataObject).message === 'string') {
				return (value as IDataObject).message as string;
			}
		}
		const errors = record.errors;
		if (Array.isArray(errors) && errors.length > 0) return serviceMessage(errors[0]);
		// Django REST Framework's validation answer: {"phone": ["Enter a valid phone number."]}
		const fieldMessages = Object.entries(record)
			.filter(([, messages]) => Array.isArray(messages) && messages.length > 0 && messages.every((m) => typeof m === 'string'))
			.map(([field, messages]) => `${field}: ${(messages as string[]).join(' ')}`);
		if (fieldMessages.length > 0) return fieldMessages.join('; ').slice(0, 500);
	}
	return undefined;
}

function apiError(
	context: RequestContext,
	request: ServiceRequest,
	status: number | undefined,
	body: unknown,
	attempts: number,
	outcomeUnknown = false,
): NodeApiError {
	const said = serviceMessage(body);
	const statusText = status === undefined ? 'no response' : `HTTP ${status}`;
	const retried = attempts > 1 ? ` after ${attempts} attempts` : '';
	const hint =
		status === 401
			? 'Check the API key in the credential.'
			: status === 403
				? 'The credential is valid but lacks permission for this endpoint.'
				: status === 429
					? 'The service is rate limiting this account; try again later or lower the workflow rate.'
					: undefined;
	// Only the status and the service's body go in: never the request, whose headers hold the secret.
	const errorResponse: JsonObject = { httpCode: status === undefined ? null : String(status) };
	if (said !== undefined) errorResponse.message = said;
	const unknown = outcomeUnknown
		? `${request.service} may have done it before the answer was lost: it was not sent again blind.`
		: undefined;
	const error = new NodeApiError(context.getNode(), errorResponse, {
		message: `${request.service} answered ${statusText}${retried}${said ? `: ${said}` : ''}`,
		description: [hint, unknown, `${request.options.method ?? 'GET'} ${request.options.url}`]
			.filter(Boolean)
			.join(' '),
		httpCode: status === undefined ? undefined : String(status),
		itemIndex: request.itemIndex,
	});
	if (outcomeUnknown) error.context.outcomeUnknown = true;
	return error;
}

function networkErrorCode(error: unknown): string | undefined {
	if (!error || typeof error !== 'object') return undefined;
	const record = error as { code?: unknown; cause?: { code?: unknown } };
	if (typeof record.code === 'string') return record.code;
	if (record.cause && typeof record.cause.code === 'string') return record.cause.code;
	return undefined;
}

function isWebhookContext(context: RequestContext): boolean {
	return 'getRequestObject' in context;
}

/**
 * The one way nodes talk HTTP: the credential's `authenticate` is applied by n8n, 429/5xx and
 * dropped connections are retried with backoff honouring Retry-After, and a final failure is a
 * NodeApiError carrying the service's message (and never a request header). A request that is
 * not repeatable (a POST) is sent again only after a refusal; when the service may have acted on
 * it, the error is marked (isOutcomeUnknown) so the caller looks the result up instead. Inside a
 * webhook() the budget fits the sender's wait (WEBHOOK_RETRY_POLICY).
 */
export async function requestWithRetry<T = unknown>(
	context: RequestContext,
	request: ServiceRequest,
): Promise<IN8nHttpFullResponse & { body: T }> {
	const waiting = isWebhookContext(context);
	const policy: RetryPolicy = { ...(waiting ? WEBHOOK_RETRY_POLICY : DEFAULT_RETRY_POLICY), ...request.retry };
	const repeatable = request.repeatable ?? (request.options.method ?? 'GET').toUpperCase() !== 'POST';
	const started = Date.now();
	const inTime = (waitMs: number) => policy.deadlineMs === undefined || Date.now() - started + waitMs <= policy.deadlineMs;
	let rateLimitWaitedMs = 0;
	let rateLimitWaits = 0;
	for (let attempt = 1; ; attempt++) {
		let response: IN8nHttpFullResponse;
		try {
			response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				request.credentialType,
				{
					json: true,
					...(waiting ? { timeout: WEBHOOK_REQUEST_TIMEOUT_MS } : {}),
					...request.options,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
				},
			)) as IN8nHttpFullResponse;
		} catch (error) {
			const code = networkErrorCode(error);
			const notSent = code !== undefined && NOT_SENT_NETWORK_CODES.has(code);
			const lost = code !== undefined && LOST_ANSWER_NETWORK_CODES.has(code);
			const wait = backoffDelay(attempt, policy);
			if ((notSent || (lost && repeatable)) && attempt < policy.maxAttempts && inTime(wait)) {
				await sleep(wait);
				continue;
			}
			throw apiError(context, request, undefined, code ?? (error as Error).message, attempt, !notSent && !repeatable);
		}

		const status = response.statusCode;
		if ((status >= 200 && status < 300) || request.acceptStatuses?.includes(status)) {
			return response as IN8nHttpFullResponse & { body: T };
		}
		const mayRetry = repeatable ? isRetryableStatus(status) : isRefusal(status);
		// A service without Retry-After may say when its quota resets (quotaResetHeaders, in seconds).
		const quotaReset = status === 429 ? request.quotaResetHeaders?.map((name) => headerValue(response.headers, name)).find((value) => value !== undefined) : undefined;
		const retryAfter = mayRetry ? parseRetryAfter(headerValue(response.headers, 'retry-after') ?? quotaReset, Date.now()) : undefined;
		// The service said when to come back: the request was refused (a POST too), so waiting costs no attempt.
		if (
			status === 429 &&
			retryAfter !== undefined &&
			retryAfter <= policy.maxRetryAfterMs &&
			rateLimitWaitedMs + retryAfter <= policy.maxRateLimitWaitMs &&
			inTime(retryAfter)
		) {
			rateLimitWaitedMs += retryAfter;
			rateLimitWaits += 1;
			attempt -= 1;
			await sleep(retryAfter);
			continue;
		}
		if (mayRetry && attempt < policy.maxAttempts) {
			const wait = retryAfter ?? backoffDelay(attempt, policy);
			if ((retryAfter === undefined || retryAfter <= policy.maxRetryAfterMs) && inTime(wait)) {
				await sleep(wait);
				continue;
			}
		}
		throw apiError(context, request, status, response.body, attempt + rateLimitWaits, !repeatable && status >= 500 && !isRefusal(status));
	}
}

/** requestWithRetry, returning only the parsed body. */
export async function requestBody<T = unknown>(
	context: RequestContext,
	request: ServiceRequest,
): Promise<T> {
	return (await requestWithRetry<T>(context, request)).body;
}

import { createHash, createHmac, randomBytes, timingSafeEqual } from 'crypto';
import type { IDataObject, INodeProperties, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

export function hmacSha256Hex(key: string, message: string | Buffer): string {
	return createHmac('sha256', key).update(message).digest('hex');
}

export function sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

/** A random secret for services that do not sign: it goes into the registered URL. */
export function randomToken(bytes = 24): string {
	return randomBytes(bytes).toString('hex');
}

/** Adds ?<name>=<token> to a webhook URL, for services that call back a URL we choose. */
export function withUrlToken(url: string, token: string, name = 'token'): string {
	return `${url}${url.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(token)}`;
}

/** Whether the delivery's URL carries the expected token (constant-time). */
export function urlTokenMatches(context: IWebhookFunctions, expected: string | undefined, name = 'token'): boolean {
	const received = context.getQueryData() as Record<string, unknown>;
	const value = received[name];
	return typeof expected === 'string' && expected !== '' && typeof value === 'string' && safeEqual(expected, value);
}

/** Constant-time string comparison; unequal lengths are unequal without a shortcut on content. */
export function safeEqual(expected: string, received: string): boolean {
	const a = Buffer.from(expected, 'utf8');
	const b = Buffer.from(received, 'utf8');
	if (a.length !== b.length) {
		timingSafeEqual(a, a);
		return false;
	}
	return timingSafeEqual(a, b);
}

/** True when a received hex signature matches any of the secrets' HMAC over the message. */
export function matchesAnySignature(
	secrets: string[],
	message: string | Buffer,
	received: string | undefined,
): boolean {
	if (!received) return false;
	const normalised = received.trim().toLowerCase();
	let matched = false;
	// Check every secret so the time taken does not say which one matched.
	for (const secret of secrets) {
		if (secret && safeEqual(hmacSha256Hex(secret, message), normalised)) matched = true;
	}
	return matched;
}

export function isWithinTolerance(timestampMs: number, nowMs: number, toleranceMs: number): boolean {
	return Number.isFinite(timestampMs) && Math.abs(nowMs - timestampMs) <= toleranceMs;
}

/** Answers the delivery itself, so n8n starts no execution. */
export function rejectDelivery(
	context: IWebhookFunctions,
	status: 400 | 401 | 403 | 404 | 413 | 415 | 503,
	reason: string,
): IWebhookResponseData {
	const response = context.getResponseObject();
	response.status(status).json({ message: reason });
	return { noWebhookResponse: true };
}

/** Larger than any event a service sends: a body over this is refused before it is read further. */
export const MAX_DELIVERY_BYTES = 1024 * 1024;

/** application/json and every JSON-based type (application/hal+json, application/vnd.x+json, ...). */
export function isJsonContentType(contentType: string): boolean {
	return contentType === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(contentType);
}

/**
 * What is wrong with a delivery no service sends (a content type the trigger does not take, or a
 * body larger than MAX_DELIVERY_BYTES), or undefined. Every JSON type is taken; `otherTypes`
 * adds more (gzip bodies). Checked first, so nothing hashes or parses an oversize body.
 */
export function unexpectedEnvelope(
	context: IWebhookFunctions,
	otherTypes: readonly string[] = [],
): string | undefined {
	const contentType = (headerOf(context, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (!isJsonContentType(contentType) && !otherTypes.includes(contentType)) {
		return `Expected Content-Type application/json${otherTypes.length ? ` or ${otherTypes.join(' or ')}` : ''}`;
	}
	if (rawBody(context).length > MAX_DELIVERY_BYTES) return `The body is larger than ${MAX_DELIVERY_BYTES} bytes`;
	return undefined;
}

/** A 200 that starts nothing: pings, and deliveries the trigger's filters leave out. */
export function acknowledgeOnly(): IWebhookResponseData {
	return {};
}

/** The raw bytes the sender signed; n8n keeps them beside the parsed body. */
export function rawBody(context: IWebhookFunctions): Buffer {
	const request = context.getRequestObject() as unknown as { rawBody?: Buffer; body?: unknown };
	if (Buffer.isBuffer(request.rawBody)) return request.rawBody;
	return Buffer.from(JSON.stringify(request.body ?? {}), 'utf8');
}

export function headerOf(context: IWebhookFunctions, name: string): string | undefined {
	const value = context.getHeaderData()[name.toLowerCase()];
	if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
	return typeof value === 'string' ? value : undefined;
}

function isObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/**
 * A JSON object body, or undefined for anything else (array, string, malformed). n8n parses
 * application/json itself; other JSON types (application/hal+json) arrive unparsed: read the raw body.
 */
export function jsonObjectBody(context: IWebhookFunctions): IDataObject | undefined {
	const body = context.getBodyData() as unknown;
	if (isObject(body) && Object.keys(body).length > 0) return body;
	const raw = rawBody(context);
	if (raw.length === 0) return isObject(body) ? body : undefined;
	try {
		const parsed = JSON.parse(raw.toString('utf8')) as unknown;
		return isObject(parsed) ? parsed : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The "Max Delivery Age" option every trigger offers: deliveries stamped further than this from
 * now are refused as replays. `timestamp` names the field the age is read from.
 */
export function maxDeliveryAgeOption(timestamp: string, defaultMinutes = 10, minMinutes = 1, note = ''): INodeProperties {
	return {
		displayName: 'Max Delivery Age (Minutes)',
		name: 'toleranceMinutes',
		type: 'number',
		typeOptions: { minValue: minMinutes, maxValue: 1440 },
		default: defaultMinutes,
		description: `Deliveries whose ${timestamp} is further than this from now are rejected as replays${note}`,
	};
}

/** The window maxDeliveryAgeOption() configured, in milliseconds. */
export function maxDeliveryAgeMs(options: IDataObject, defaultMinutes = 10): number {
	return Number(options.toleranceMinutes ?? defaultMinutes) * 60_000;
}

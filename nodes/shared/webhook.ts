import { createHash, createHmac, randomBytes, timingSafeEqual } from 'crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

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
	status: 400 | 401 | 403 | 404 | 413 | 415,
	reason: string,
): IWebhookResponseData {
	const response = context.getResponseObject();
	response.status(status).json({ message: reason });
	return { noWebhookResponse: true };
}

/** Larger than any event a service sends: a body over this is refused before it is read further. */
export const MAX_DELIVERY_BYTES = 1024 * 1024;

/**
 * What is wrong with a delivery no service sends (a content type the trigger does not take, or a
 * body larger than MAX_DELIVERY_BYTES), or undefined. Triggers check it first and answer 400, so
 * nothing hashes or parses an oversize body.
 */
export function unexpectedEnvelope(
	context: IWebhookFunctions,
	contentTypes: readonly string[] = ['application/json'],
): string | undefined {
	const contentType = (headerOf(context, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (!contentTypes.includes(contentType)) return `Expected Content-Type ${contentTypes.join(' or ')}`;
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

/** A JSON object body, or undefined for anything else (array, string, malformed). */
export function jsonObjectBody(context: IWebhookFunctions): IDataObject | undefined {
	const body = context.getBodyData() as unknown;
	if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
	return body as IDataObject;
}

/**
 * Remembers delivery nonces for as long as their timestamps stay acceptable, so a captured
 * delivery cannot be replayed inside the tolerance window. Kept in the node's static data
 * (persisted by n8n with the workflow, shared by every worker that loads it).
 */
export function isReplay(
	staticData: IDataObject,
	nonce: string,
	nowMs: number,
	toleranceMs: number,
	maxEntries = 5000,
): boolean {
	const seen = (staticData.seenDeliveries ??= {}) as Record<string, number>;
	for (const [key, expiresAt] of Object.entries(seen)) {
		if (expiresAt < nowMs) delete seen[key];
	}
	if (seen[nonce] !== undefined) return true;
	const keys = Object.keys(seen);
	if (keys.length >= maxEntries) delete seen[keys[0]];
	seen[nonce] = nowMs + 2 * toleranceMs;
	return false;
}

/**
 * The execute() of every webhook trigger. n8n runs a trigger's execute() as the first step of
 * the execution its webhook() started; there, unlike in webhook(), n8n's deduplication store is
 * available, and it persists. n8n 2.40 does not persist static data written by a webhook() call
 * that starts an execution, so this is what stops a repeated or replayed delivery that passed
 * the trigger's own checks from running the workflow twice. Keyed by the delivery's content;
 * manual test runs are left alone.
 */
export async function dropRepeatedDeliveries(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	if (this.getMode() === 'manual') return [items];
	const fresh: INodeExecutionData[] = [];
	for (const [index, item] of items.entries()) {
		const key = `delivery:${sha256Hex(JSON.stringify(item.json.raw ?? item.json))}`;
		const seen = await this.helpers.checkProcessedAndRecord([key], 'node', { mode: 'entries', maxEntries: 10_000 });
		if (seen.new.length > 0) fresh.push({ ...item, pairedItem: { item: index } });
	}
	return [fresh];
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

import type { ICredentialDataDecryptedObject, IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { headerOf, jsonObjectBody, rawBody, safeEqual } from '../shared/webhook';
import { GzipError, gunzip, isGzip } from './gzip';

/**
 * Answers an iCIMS event delivery in iCIMS' own error shape, so no execution starts.
 * TODO(shared): webhook.ts's rejectDelivery always answers { message }; iCIMS documents
 * { error: { userMessage, debugErrorMessage } }.
 */
export function answerIcims(
	context: IWebhookFunctions,
	status: 400 | 401 | 404 | 503,
	userMessage: string,
	debugErrorMessage = userMessage,
): IWebhookResponseData {
	const response = context.getResponseObject();
	if (status === 401) response.setHeader('WWW-Authenticate', 'Basic realm="iCIMS event receiver", charset="UTF-8"');
	response.status(status).json({ error: { userMessage, debugErrorMessage } });
	return { noWebhookResponse: true };
}

/** Whether the delivery carries the Basic credentials the customer gave iCIMS (constant time). */
export function hasReceiverCredentials(context: IWebhookFunctions, credentials: ICredentialDataDecryptedObject): boolean {
	const expectedUser = String(credentials.webhookUsername ?? '');
	const expectedPassword = String(credentials.webhookPassword ?? '');
	const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(headerOf(context, 'authorization') ?? '');
	const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
	const colon = decoded.indexOf(':');
	const user = colon < 0 ? '' : decoded.slice(0, colon);
	const password = colon < 0 ? '' : decoded.slice(colon + 1);
	// Both comparisons always run, so the time taken does not say which part was wrong.
	const userMatches = safeEqual(expectedUser, user);
	const passwordMatches = safeEqual(expectedPassword, password);
	return expectedUser !== '' && expectedPassword !== '' && match !== null && userMatches && passwordMatches;
}

export type EventBody = { body: IDataObject } | { problem: string };

/**
 * The event as a JSON object, whether n8n already inflated and parsed it (Content-Encoding: gzip)
 * or the raw bytes are still gzip or unparsed JSON.
 */
export async function readEventBody(context: IWebhookFunctions): Promise<EventBody> {
	const raw = rawBody(context);
	let text: string | undefined;
	if (isGzip(raw)) {
		try {
			text = (await gunzip(raw)).toString('utf8');
		} catch (error) {
			return { problem: error instanceof GzipError ? error.message : 'The gzip body could not be read' };
		}
	} else {
		const parsed = jsonObjectBody(context);
		if (parsed && Object.keys(parsed).length > 0) return { body: parsed };
		text = raw.toString('utf8');
	}
	try {
		const value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
		if (value !== null && typeof value === 'object' && !Array.isArray(value)) return { body: value as IDataObject };
		return { problem: 'The body is JSON but not an object' };
	} catch {
		return { problem: 'The body is not JSON' };
	}
}

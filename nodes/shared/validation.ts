import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The id inside a picker's value read as part of a collection (By ID and From List keep it as typed). */
export function plainValue(value: unknown): unknown {
	if (value !== null && typeof value === 'object' && '__rl' in value) return (value as { value?: unknown }).value ?? '';
	return value;
}

// Deliberately plain: one @, no spaces or brackets, a dot in the domain.
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** Control characters other than tab, line feed and carriage return. */
export function hasControlCharacters(text: string): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127) return true;
	}
	return false;
}

export const MAX_TEXT_LENGTH = 100_000;

function fail(context: IExecuteFunctions, itemIndex: number, message: string, description?: string): never {
	throw new NodeOperationError(context.getNode(), message, { itemIndex, description });
}

/**
 * A parameter's value as the operation uses it: a picker (resource locator) gives the id its mode
 * holds, a URL reduced to the id by the mode's pattern; any other parameter its plain value.
 */
export function parameterValue(context: IExecuteFunctions, itemIndex: number, parameter: string): unknown {
	const value = context.getNodeParameter(parameter, itemIndex, '', { extractValue: true }) as unknown;
	// A picker n8n did not reduce (one inside a collection read whole) is still a locator object.
	return plainValue(value);
}

function describe(value: unknown): string {
	if (value === undefined || value === null || value === '') return 'it is empty';
	const text = String(value);
	return `got "${text.length > 60 ? `${text.slice(0, 60)}…` : text}"`;
}

/** A string parameter the operation cannot do without. */
export function requiredString(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
	maxLength = MAX_TEXT_LENGTH,
): string {
	const value = parameterValue(context, itemIndex, parameter);
	const text = typeof value === 'number' ? String(value) : value;
	if (typeof text !== 'string' || text.trim() === '') {
		fail(context, itemIndex, `The field "${label}" is required`, `Expected a non-empty value; ${describe(value)}.`);
	}
	return checkedText(context, itemIndex, text.trim(), label, maxLength);
}

/** An optional string parameter; empty means absent. */
export function optionalString(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
	maxLength = MAX_TEXT_LENGTH,
): string | undefined {
	const value = parameterValue(context, itemIndex, parameter);
	if (value === undefined || value === null || value === '') return undefined;
	return checkedText(context, itemIndex, String(value).trim(), label, maxLength);
}

/** What one service's ids look like, and how an error names the form. */
export interface IdFormat {
	/** Completes "The field "X" is not …", e.g. "an ATS ID". */
	noun: string;
	pattern: RegExp;
	maxLength: number;
	/** The error's description: the form expected (given the id, when it should be quoted). */
	expected: string | ((id: string) => string);
}

/** An id the user gave, checked against its service's form before it goes into a URL. */
export function checkedId(context: IExecuteFunctions, itemIndex: number, id: string, label: string, format: IdFormat): string {
	if (!format.pattern.test(id)) {
		fail(context, itemIndex, `The field "${label}" is not ${format.noun}`, typeof format.expected === 'function' ? format.expected(id) : format.expected);
	}
	return id;
}

export type IdParameter = (context: IExecuteFunctions, itemIndex: number, parameter: string, label: string) => string;

/** The reader of a required id parameter in one service's form. */
export function idParameter(format: IdFormat): IdParameter {
	return (context, itemIndex, parameter, label) =>
		checkedId(context, itemIndex, requiredString(context, itemIndex, parameter, label, format.maxLength), label, format);
}

export function checkedText(
	context: IExecuteFunctions,
	itemIndex: number,
	text: string,
	label: string,
	maxLength = MAX_TEXT_LENGTH,
): string {
	if (text.length > maxLength) {
		fail(context, itemIndex, `The field "${label}" is too long`, `Expected at most ${maxLength} characters; got ${text.length}.`);
	}
	if (hasControlCharacters(text)) {
		fail(context, itemIndex, `The field "${label}" contains control characters`, 'Expected printable text (line breaks and tabs are fine).');
	}
	return text;
}

/** A full http: or https: URL. */
export function isHttpUrl(text: string): boolean {
	try {
		const { protocol } = new URL(text);
		return protocol === 'https:' || protocol === 'http:';
	} catch {
		return false;
	}
}

export function isEmail(value: string): boolean {
	return value.length <= 254 && !hasControlCharacters(value) && EMAIL.test(value);
}

export function requiredEmail(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
): string {
	const email = requiredString(context, itemIndex, parameter, label, 254);
	if (!isEmail(email)) {
		fail(context, itemIndex, `The field "${label}" is not a valid e-mail address`, `Expected a form like name@example.com; ${describe(email)}.`);
	}
	return email;
}

export function optionalEmail(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
): string | undefined {
	const email = optionalString(context, itemIndex, parameter, label, 254);
	if (email !== undefined && !isEmail(email)) {
		fail(context, itemIndex, `The field "${label}" is not a valid e-mail address`, `Expected a form like name@example.com; ${describe(email)}.`);
	}
	return email;
}

// E.164: a plus, a country code not starting with 0, at most 15 digits in all.
const E164 = /^\+[1-9]\d{6,14}$/;

export function isE164(value: string): boolean {
	return E164.test(value);
}

/** An optional phone number that must be in E.164 form; spaces, dashes and brackets are tolerated. */
export function optionalE164(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
): string | undefined {
	const phone = optionalString(context, itemIndex, parameter, label, 40);
	if (phone === undefined) return undefined;
	const compact = phone.replace(/[\s().-]/g, '');
	if (!isE164(compact)) {
		fail(context, itemIndex, `The field "${label}" is not an E.164 phone number`, `Expected a plus, the country code and the number, digits only, e.g. +14155550100; ${describe(phone)}.`);
	}
	return compact;
}

// ISO 8601 date and time: date, "T" (or a space), hours and minutes, optional seconds and fraction, optional offset.
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** How far a time zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function zoneOffsetMs(instant: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(instant));
	const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value);
	const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
	return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant an ISO 8601 date-time names, or undefined. One without an offset (what n8n's date
 * picker gives) is wall-clock time in `timeZone`, e.g. the workflow's time zone.
 */
export function parseIsoDateTime(text: string, timeZone = 'UTC'): Date | undefined {
	const match = ISO_DATE_TIME.exec(text.trim());
	if (!match) return undefined;
	const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
	const fraction = match[7] ? Math.round(Number(match[7]) * 1000) : 0;
	const offset = match[8];
	// Date.UTC rolls 30 February over into March: check the calendar and the clock first.
	const wall = Date.UTC(year, month - 1, day, hour, minute, second, fraction);
	const check = new Date(Date.UTC(year, month - 1, day));
	if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
	if (offset !== undefined) {
		if (offset.toUpperCase() === 'Z') return new Date(wall);
		const [, sign, hours, minutes] = /^([+-])(\d{2}):?(\d{2})$/.exec(offset) ?? [];
		const shift = (Number(hours) * 60 + Number(minutes)) * 60_000;
		return new Date(sign === '-' ? wall + shift : wall - shift);
	}
	try {
		// Twice, so that a time next to a daylight-saving change takes the offset in force then.
		const first = wall - zoneOffsetMs(wall, timeZone);
		return new Date(wall - zoneOffsetMs(first, timeZone));
	} catch {
		// An unknown time zone name: read the time as UTC.
		return new Date(wall);
	}
}

/**
 * A required date-time in ISO 8601 that lies in the future; returned as ISO 8601 in UTC. Without
 * an offset it is read in the workflow's time zone.
 */
export function requiredFutureDateTime(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
	now = Date.now(),
): string {
	const value = context.getNodeParameter(parameter, itemIndex, '') as unknown;
	// An expression such as {{ $now.plus(1, 'day') }} may hand over a Luxon DateTime or a Date.
	const text = value instanceof Date ? value.toISOString() : value === undefined || value === null ? '' : String(value);
	if (text.trim() === '') {
		fail(context, itemIndex, `The field "${label}" is required`, 'Expected an ISO 8601 date and time such as 2026-01-31T09:00:00Z.');
	}
	const timeZone = context.getTimezone();
	const instant = parseIsoDateTime(text, timeZone);
	if (!instant) {
		fail(context, itemIndex, `The field "${label}" is not an ISO 8601 date and time`, `Expected a form like 2026-01-31T09:00:00Z or 2026-01-31T09:00:00+05:30 (no offset means the workflow's time zone, ${timeZone}); ${describe(text)}.`);
	}
	if (instant.getTime() <= now) {
		fail(context, itemIndex, `The field "${label}" is not in the future`, `Expected a date and time after ${new Date(now).toISOString()}; got ${instant.toISOString()}.`);
	}
	return instant.toISOString();
}

/** A whole number between min and max, inclusive. */
export function integerInRange(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
	min: number,
	max: number,
): number {
	const value = context.getNodeParameter(parameter, itemIndex, '') as unknown;
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		fail(context, itemIndex, `The field "${label}" is out of range`, `Expected a whole number from ${min} to ${max}; ${describe(value)}.`);
	}
	return number;
}

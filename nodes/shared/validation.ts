import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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
	const value = context.getNodeParameter(parameter, itemIndex, '') as unknown;
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
	const value = context.getNodeParameter(parameter, itemIndex, '') as unknown;
	if (value === undefined || value === null || value === '') return undefined;
	return checkedText(context, itemIndex, String(value).trim(), label, maxLength);
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

import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { claimNextOf, forget } from './dedup';
import { isOutcomeUnknown } from './http';
import { asNodeError } from './router';

/** The Resend field that bounds how often one invite is sent again, across runs. */
export function maxResendsField(per: string): INodeProperties {
	return {
		displayName: 'Most Resends',
		name: 'maxResends',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: `At most this many resends per ${per}, counted in n8n's store across runs (e.g. a reminder workflow's limit); 0 resends every time`,
	};
}

/**
 * Sends a resend as the `number`-th of at most `max` for the key, or answers `limited()` without
 * sending when all are used. A resend that surely failed gives its number back; one whose outcome
 * is unknown keeps it (counted, rather than sent twice).
 */
export async function withResendLimit<T>(
	context: IExecuteFunctions,
	key: string,
	max: number,
	send: (number: number | null) => Promise<T>,
	limited: () => T,
): Promise<T> {
	if (!(max > 0)) return await send(null);
	const number = await claimNextOf(context, `resend:${key}`, max);
	if (number === undefined) return limited();
	try {
		return await send(number);
	} catch (error) {
		if (!isOutcomeUnknown(error)) await forget(context, [`resend:${key}:${number}`], 'workflow');
		throw asNodeError(context, error);
	}
}

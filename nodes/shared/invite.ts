import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OnceSteps } from './dedup';
import { doOnce } from './dedup';
import { asNodeError } from './router';

/**
 * An invite (or any create) done once per key, as every vendor's invite outputs it: the vendor's
 * record, `sent` when this run sent it, `alreadyInvited` when it was there before (an earlier
 * run, another worker or workflow, or the vendor's own answer, as `isVendorRepeat` reads it),
 * and the `answer` fields (what was asked, the idempotency key); `asked` (the request body) stands
 * in for the record when an earlier run sent it.
 */
export async function inviteOnce(
	context: IExecuteFunctions,
	itemIndex: number,
	steps: OnceSteps<IDataObject>,
	answer: IDataObject,
	isVendorRepeat: (record: IDataObject) => boolean = () => false,
	asked: IDataObject = {},
): Promise<IDataObject> {
	const outcome = await doOnce(context, steps).catch((error: unknown) => {
		throw asNodeError(context, error, itemIndex);
	});
	if (!outcome.sent) {
		// Without the vendor's record, what was asked for stands in for it.
		return { ...(outcome.record ?? { status: 'already_invited', ...asked }), alreadyInvited: true, sent: false, ...answer };
	}
	const record = outcome.record ?? {};
	const repeat = isVendorRepeat(record);
	return { ...record, alreadyInvited: repeat, sent: !repeat, ...answer };
}

/**
 * The "Check Existing Invite" option of every invite: ask the vendor for an invite of the same
 * e-mail or ATS id before sending. In one n8n process the claims alone keep an invite single;
 * this is for queue mode (several workers) and for one candidate reaching several workflows. It
 * costs a request (a list) per invite, so it is off by default (one vendor's, on since its first
 * release, stays on there).
 */
export function checkExistingOption(what: string): INodeProperties {
	return {
		displayName: 'Check Existing Invite',
		name: 'checkExisting',
		type: 'boolean',
		default: false,
		description: `Whether to look through ${what} first and return the invite already there for the same e-mail or ATS application instead of inviting again: turn on when several n8n workers (queue mode) or several workflows may invite the same candidate`,
	};
}

/** Whether the item's options turned checkExistingOption on. */
export function checksExisting(context: IExecuteFunctions, itemIndex: number, defaultValue = false): boolean {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return options.checkExisting === undefined ? defaultValue : options.checkExisting === true;
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { OnceSteps } from './dedup';
import { doOnce } from './dedup';
import { asNodeError } from './router';

/**
 * An invite (or any create) done once per key, as every vendor's invite outputs it: the vendor's
 * record, `sent` when this run sent it, `alreadyInvited` when it was there before (an earlier
 * run, another worker or workflow, or the vendor's own answer, as `isVendorRepeat` reads it),
 * and the `answer` fields (what was asked, the idempotency key).
 */
export async function inviteOnce(
	context: IExecuteFunctions,
	itemIndex: number,
	steps: OnceSteps<IDataObject>,
	answer: IDataObject,
	isVendorRepeat: (record: IDataObject) => boolean = () => false,
): Promise<IDataObject> {
	const outcome = await doOnce(context, steps).catch((error: unknown) => {
		throw asNodeError(context, error, itemIndex);
	});
	if (!outcome.sent) {
		return { ...(outcome.record ?? { status: 'already_invited' }), alreadyInvited: true, sent: false, ...answer };
	}
	const record = outcome.record ?? {};
	const repeat = isVendorRepeat(record);
	return { ...record, alreadyInvited: repeat, sent: !repeat, ...answer };
}

import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Do-once keys for actions that must not repeat: invites, interview bookings, created candidates.
 * An invite's key is (vendor, assessment, ATS application): the same candidate application is
 * invited to the same test once, whichever delivery or re-run asks again. Keys live in n8n's
 * deduplication store (its database), so they hold across executions and queue-mode workers.
 * The store is per workflow, so two nodes in one workflow agree.
 */
export function inviteKey(vendor: string, assessmentId: string, applicationId: string): string {
	return `invite:${vendor}:${assessmentId}:${applicationId}`;
}

const STORE_OPTIONS = { mode: 'entries', maxEntries: 100_000 } as const;

/** True if this call claimed the key (nothing done under it before), false if it was claimed before. */
export async function claimOnce(context: IExecuteFunctions, key: string): Promise<boolean> {
	const result = await context.helpers.checkProcessedAndRecord([key], 'workflow', STORE_OPTIONS);
	return result.new.includes(key);
}

/** Gives a claim back when the action failed, so a later run can try again. */
export async function releaseClaim(context: IExecuteFunctions, key: string): Promise<void> {
	await context.helpers.removeProcessed([key], 'workflow', STORE_OPTIONS);
}

import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Invite idempotency. The key is (vendor, assessment, ATS application): the same candidate
 * application is invited to the same test once, whichever delivery or re-run asks again.
 * Keys live in n8n's deduplication store (its database), so they hold across executions and
 * queue-mode workers. The store is per workflow, so two invite nodes in one workflow agree.
 */
export function inviteKey(vendor: string, assessmentId: string, applicationId: string): string {
	return `invite:${vendor}:${assessmentId}:${applicationId}`;
}

const STORE_OPTIONS = { mode: 'entries', maxEntries: 100_000 } as const;

/** True if this call claimed the key (no earlier invite), false if it was claimed before. */
export async function claimInvite(context: IExecuteFunctions, key: string): Promise<boolean> {
	const result = await context.helpers.checkProcessedAndRecord([key], 'workflow', STORE_OPTIONS);
	return result.new.includes(key);
}

/** Gives a claim back when the invite failed, so a later run can try again. */
export async function releaseInvite(context: IExecuteFunctions, key: string): Promise<void> {
	await context.helpers.removeProcessed([key], 'workflow', STORE_OPTIONS);
}

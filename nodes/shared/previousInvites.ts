import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** One earlier invite of the candidate at the vendor, the same shape for every vendor. */
export interface PreviousInvite extends IDataObject {
	assessmentId: string;
	assessmentName: string | null;
	/** invited | started | completed | expired, or the vendor's own word when it has another */
	status: string;
	invitedAt: string | null;
	completedAt: string | null;
	/** The vendor's id of that invite (candidate, participant, application). */
	inviteId: string | null;
}

/** The option every invite operation offers; its vendor says where it looks. */
export function previousInvitesOption(where: string): INodeProperties {
	return {
		displayName: 'Include Previous Invites',
		name: 'includePreviousInvites',
		type: 'boolean',
		default: false,
		description: `Whether to look up the candidate's earlier invites (${where}) by e-mail and output them as previousInvites, so a later node can warn the recruiter or skip. Output anyway, at no cost, when the existing-invite check has listed them.`,
	};
}

/** A look-up made at most once per item, whoever asks first (the existing-invite check or previousInvites). */
export interface Lookup<T> {
	(): Promise<T>;
	/** Whether it has been made (so its answer costs nothing more). */
	readonly made: boolean;
}

export function lookupOnce<T>(load: () => Promise<T>): Lookup<T> {
	let answer: Promise<T> | undefined;
	const lookup = (async () => await (answer ??= load())) as Lookup<T>;
	Object.defineProperty(lookup, 'made', { get: () => answer !== undefined });
	return lookup;
}

/**
 * previousInvites for the output, when `wanted` (asked for, or the look-up was made anyway).
 * `justSent` is the id of an invite this run made before a late look-up: not a previous one.
 */
export async function previousInvitesFor(
	wanted: boolean,
	lookup: Lookup<PreviousInvite[]>,
	justSent?: string | null,
): Promise<PreviousInvite[] | undefined> {
	if (!wanted) return undefined;
	const invites = await lookup();
	return invites.filter((invite) => !justSent || invite.inviteId !== justSent);
}

/** An ISO date from whatever the vendor sends (ISO text or epoch), or null. */
export function isoDate(value: unknown): string | null {
	if (typeof value !== 'string' && typeof value !== 'number') return null;
	const time = typeof value === 'number' ? value : Date.parse(value);
	return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** The same e-mail, whatever its case. */
export function sameEmail(a: unknown, b: string): boolean {
	return typeof a === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();
}

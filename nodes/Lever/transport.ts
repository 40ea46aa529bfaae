import type { IDataObject } from 'n8n-workflow';
import { cached } from '../shared/cache';
import type { RequestContext } from '../shared/http';
import { paginate } from '../shared/pagination';
import type { ServiceCall } from '../shared/serviceClient';
import { configuredBaseUrl, serviceClient } from '../shared/serviceClient';

export const LEVER_CREDENTIAL = 'leverApi';

const PRODUCTION = 'https://api.lever.co/v1';
const ENVIRONMENTS = { sandbox: 'https://api.sandbox.lever.co/v1' };

const leverClient = serviceClient({
	service: 'Lever',
	credentialType: LEVER_CREDENTIAL,
	baseUrl: (credentials) => configuredBaseUrl(credentials, PRODUCTION, ENVIRONMENTS),
	// Lever repeats a parameter for several values: ?stage_id=a&stage_id=b
	options: { arrayFormat: 'repeat' },
});

/** A Lever call, answered with the body only. */
export async function leverRequest<T = IDataObject>(context: RequestContext, call: ServiceCall): Promise<T> {
	return (await leverClient<T>(context, call)).body;
}

interface LeverPage extends IDataObject {
	data: IDataObject[];
	next?: string;
	hasNext?: boolean;
}

/** A Lever list, paged with its opaque `next` token, behind Return All / Limit. */
export async function leverList(
	context: RequestContext,
	path: string,
	qs: IDataObject,
	limits: { returnAll: boolean; limit: number; itemIndex?: number },
): Promise<IDataObject[]> {
	return await paginate<IDataObject, string>(
		async (offset, pageSize) => {
			const page = await leverRequest<LeverPage>(context, {
				method: 'GET',
				path,
				qs: { ...qs, limit: pageSize, ...(offset ? { offset } : {}) },
				itemIndex: limits.itemIndex,
			});
			return { items: page.data ?? [], next: page.hasNext && page.next ? page.next : undefined };
		},
		{ returnAll: limits.returnAll, limit: limits.limit, maxPageSize: 100 },
	);
}

/** The primary e-mail, name and phone of an opportunity, in the shape users expect. */
export function opportunityContact(opportunity: IDataObject): {
	email: string | null;
	name: string | null;
	phone: string | null;
} {
	const emails = (opportunity.emails as string[] | undefined) ?? [];
	const phones = (opportunity.phones as Array<{ value?: string }> | undefined) ?? [];
	return {
		email: emails[0] ?? null,
		name: (opportunity.name as string | undefined) ?? null,
		phone: phones[0]?.value ?? null,
	};
}

/** The posting of an opportunity's (first) application, expanded or not. */
export function opportunityPostingId(opportunity: IDataObject): string | null {
	const applications = (opportunity.applications as unknown[] | undefined) ?? [];
	for (const application of applications) {
		if (application && typeof application === 'object') {
			const posting = (application as IDataObject).posting;
			if (typeof posting === 'string') return posting;
			if (posting && typeof posting === 'object' && typeof (posting as IDataObject).id === 'string') {
				return (posting as IDataObject).id as string;
			}
		}
	}
	return null;
}

/** The opportunity's (expanded) application to a posting, or its first application. */
export function opportunityApplication(opportunity: IDataObject, postingId: string | null): IDataObject | null {
	const applications = ((opportunity.applications as unknown[] | undefined) ?? []).filter(
		(application): application is IDataObject => application !== null && typeof application === 'object',
	);
	const postingOf = (application: IDataObject) => {
		const posting = application.posting;
		return posting && typeof posting === 'object' ? (posting as IDataObject).id : posting;
	};
	return applications.find((application) => postingOf(application) === postingId) ?? applications[0] ?? null;
}

/** When the candidate applied to the posting (epoch ms), from the application or the opportunity. */
export function appliedAt(opportunity: IDataObject, postingId: string | null): number | null {
	const application = opportunityApplication(opportunity, postingId);
	const value = application?.createdAt ?? opportunity.createdAt;
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export interface PostingOwner extends IDataObject {
	id: string;
	name: string | null;
	email: string | null;
}

function ownerFromUser(user: IDataObject): PostingOwner {
	return {
		id: String(user.id),
		name: typeof user.name === 'string' ? user.name : null,
		email: typeof user.email === 'string' && user.email !== '' ? user.email : null,
	};
}

/**
 * The id of the Lever credential the node uses, to key what is cached per credential: another
 * account's key must not read through this one's look-ups.
 */
export function leverCredentialId(context: RequestContext): string {
	return context.getNode().credentials?.[LEVER_CREDENTIAL]?.id ?? '';
}

/** Postings change owner and users their e-mail rarely; a change shows in the output within this time. */
export const POSTING_OWNER_TTL_MS = 5 * 60 * 1000;

/**
 * The owner of the candidate's posting with their e-mail, or null when the posting has no owner.
 * The application names the owner when Lever expanded it (postingOwner); otherwise the posting
 * does (an id, or an object when expanded); a bare id is looked up in the users. Posting owners
 * and users are kept per credential for a while: a burst for one posting pays one look-up.
 */
export async function postingOwner(
	context: RequestContext,
	opportunity: IDataObject,
	postingId: string | null,
): Promise<PostingOwner | null> {
	if (postingId === null) return null;
	const credentialId = leverCredentialId(context);
	let owner: unknown = opportunityApplication(opportunity, postingId)?.postingOwner;
	if (!owner) {
		owner = await cached(`lever:posting-owner:${credentialId}:${postingId}`, POSTING_OWNER_TTL_MS, async () => {
			const posting = await leverRequest<{ data: IDataObject }>(context, {
				method: 'GET',
				path: `/postings/${encodeURIComponent(postingId)}`,
			});
			return posting.data?.owner ?? null;
		});
	}
	if (owner && typeof owner === 'object') {
		const expanded = owner as IDataObject;
		if (typeof expanded.email === 'string' && expanded.email !== '') return ownerFromUser(expanded);
		owner = expanded.id;
	}
	if (typeof owner !== 'string' || owner === '') return null;
	const userId = owner;
	const user = await cached(`lever:user:${credentialId}:${userId}`, POSTING_OWNER_TTL_MS, async () => {
		const found = await leverRequest<{ data: IDataObject }>(context, { method: 'GET', path: `/users/${encodeURIComponent(userId)}` });
		return found.data ?? {};
	});
	return ownerFromUser({ ...user, id: userId });
}

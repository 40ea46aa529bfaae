import type { IDataObject, IHttpRequestMethods, ICredentialDataDecryptedObject } from 'n8n-workflow';
import type { RequestContext } from '../shared/http';
import { requestBody } from '../shared/http';
import { paginate } from '../shared/pagination';

export const LEVER_CREDENTIAL = 'leverApi';

const HOSTS: Record<string, string> = {
	production: 'https://api.lever.co/v1',
	sandbox: 'https://api.sandbox.lever.co/v1',
};

export function leverBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'production');
	const url = environment === 'custom' ? String(credentials.baseUrl ?? '') : HOSTS[environment];
	return (url || HOSTS.production).replace(/\/+$/, '');
}

export interface LeverRequest {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** Statuses that are answers here (e.g. 404 when deleting a webhook that is gone). */
	acceptStatuses?: number[];
}

export async function leverRequest<T = IDataObject>(
	context: RequestContext,
	request: LeverRequest,
): Promise<T> {
	const credentials = await context.getCredentials(LEVER_CREDENTIAL);
	return await requestBody<T>(context, {
		service: 'Lever',
		credentialType: LEVER_CREDENTIAL,
		itemIndex: request.itemIndex,
		acceptStatuses: request.acceptStatuses,
		options: {
			method: request.method,
			url: `${leverBaseUrl(credentials)}${request.path}`,
			qs: request.qs,
			body: request.body,
			// Lever repeats a parameter for several values: ?stage_id=a&stage_id=b
			arrayFormat: 'repeat',
		},
	});
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

import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { idLocator } from '../../shared/locator';
import type { IdFormat } from '../../shared/validation';
import { idParameter, optionalEmail } from '../../shared/validation';
import type { WecpRequest } from '../transport';
import { WECP_CREDENTIAL, wecpRequest } from '../transport';

export const WECP_ID: IdFormat = {
	noun: 'a WeCP ID',
	pattern: /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/,
	maxLength: 128,
	expected: 'Expected letters, digits, ".", ":", "-" or "_", as listed by WeCP.',
};

export const testIdField: INodeProperties = idLocator({
	displayName: 'Test',
	name: 'testId',
	format: WECP_ID,
	idPlaceholder: 'e.g. test-js-101',
	searchListMethod: 'searchTests',
	description: 'The WeCP skills test',
});

/** A WeCP id typed or mapped in (WeCP lists no such things to choose from). */
export const wecpIdField = (displayName: string, name: string, idPlaceholder: string, description: string, required = true): INodeProperties =>
	idLocator({ displayName, name, format: WECP_ID, idPlaceholder, description, required });

export const actingUserField: INodeProperties = {
	displayName: 'Acting User Email',
	name: 'actingUserEmail',
	type: 'string',
	placeholder: 'name@email.com',
	default: '',
	description:
		"The WeCP user this is done on behalf of, e.g. the Lever posting's owner. Empty uses the credential's acting user.",
};

export const wecpId = idParameter(WECP_ID);

export function actingUser(context: IExecuteFunctions, itemIndex: number): string | undefined {
	return optionalEmail(context, itemIndex, 'actingUserEmail', 'Acting User Email');
}

export const unknownActingUserOption: INodeProperties = {
	displayName: 'On Unknown Acting User',
	name: 'onUnknownActingUser',
	type: 'options',
	options: [
		{
			name: "Act as the Credential's User",
			value: 'useCredentialUser',
			description: "Send again as the credential's Acting User Email and say so in the output (actedAs, actingUserFallback)",
		},
		{ name: 'Fail', value: 'fail', description: "Stop with WeCP's 403" },
	],
	default: 'fail',
	description:
		'What to do when WeCP answers 403 because the Acting User Email is not a user of your WeCP account, e.g. a Lever posting owner without a WeCP login',
};

/** Who a WeCP call was made as, for the output. */
export interface ActedAs {
	/** The WECP-User-Email the call went out with (null: the credential has none either). */
	actedAs: string | null;
	/** True when WeCP did not know the acting user and the call was made as the credential's user. */
	actingUserFallback: boolean;
}

export async function credentialUser(context: IExecuteFunctions): Promise<string | null> {
	const credentials = await context.getCredentials(WECP_CREDENTIAL);
	const email = String(credentials.userEmail ?? '').trim();
	return email === '' ? null : email;
}

/**
 * A WeCP call on behalf of `actingUserEmail`; when WeCP answers 403 (not a user of the account)
 * and the fallback is on, the same call as the credential's user. A 403 is a refusal: nothing was
 * done, so sending it again cannot duplicate. `build` makes the request for a given acting user
 * (undefined: the credential's), so metadata that names the user follows the header.
 */
export async function asActingUser<T>(
	context: IExecuteFunctions,
	actingUserEmail: string | undefined,
	fallback: boolean,
	build: (actingUserEmail: string | undefined) => WecpRequest,
): Promise<{ body: T } & ActedAs> {
	if (actingUserEmail === undefined) {
		const { body } = await wecpRequest<T>(context, build(undefined));
		return { body, actedAs: await credentialUser(context), actingUserFallback: false };
	}
	const first = build(actingUserEmail);
	const tried = await wecpRequest<T>(context, { ...first, acceptStatuses: fallback ? [...(first.acceptStatuses ?? []), 403] : first.acceptStatuses });
	if (!fallback || tried.statusCode !== 403) return { body: tried.body, actedAs: actingUserEmail, actingUserFallback: false };
	const { body } = await wecpRequest<T>(context, build(undefined));
	return { body, actedAs: await credentialUser(context), actingUserFallback: true };
}

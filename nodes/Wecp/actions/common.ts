import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { idLocator } from '../../shared/locator';
import type { IdFormat } from '../../shared/validation';
import { idParameter, optionalEmail } from '../../shared/validation';

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

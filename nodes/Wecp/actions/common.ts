import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { idParameter, optionalEmail } from '../../shared/validation';

export const testIdField: INodeProperties = {
	displayName: 'Test Name or ID',
	name: 'testId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getTests' },
	required: true,
	default: '',
	description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

export const actingUserField: INodeProperties = {
	displayName: 'Acting User Email',
	name: 'actingUserEmail',
	type: 'string',
	placeholder: 'name@email.com',
	default: '',
	description:
		"The WeCP user this is done on behalf of, e.g. the Lever posting's owner. Empty uses the credential's acting user.",
};

export const wecpId = idParameter({
	noun: 'a WeCP ID',
	pattern: /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/,
	maxLength: 128,
	expected: 'Expected letters, digits, ".", ":", "-" or "_", as listed by WeCP.',
});

export function actingUser(context: IExecuteFunctions, itemIndex: number): string | undefined {
	return optionalEmail(context, itemIndex, 'actingUserEmail', 'Acting User Email');
}

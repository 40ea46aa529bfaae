import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { optionalEmail, requiredString } from '../../shared/validation';

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

const WECP_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

export function wecpId(context: IExecuteFunctions, itemIndex: number, parameter: string, label: string): string {
	const id = requiredString(context, itemIndex, parameter, label, 128);
	if (!WECP_ID.test(id)) {
		throw new NodeOperationError(context.getNode(), `The field "${label}" is not a WeCP ID`, {
			itemIndex,
			description: 'Expected letters, digits, ".", ":", "-" or "_", as listed by WeCP.',
		});
	}
	return id;
}

export function actingUser(context: IExecuteFunctions, itemIndex: number): string | undefined {
	return optionalEmail(context, itemIndex, 'actingUserEmail', 'Acting User Email');
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { requiredEmail } from '../../../shared/validation';
import { testPath, wecpRequest } from '../../transport';
import { actingUser, actingUserField, testIdField, wecpId } from '../common';

export const resendInvite: Operation = {
	selector: { name: 'Resend', value: 'resend', description: 'E-mail an existing invitation again', action: 'Resend an invitation' },
	description: [
		testIdField,
		{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', required: true, default: '', description: 'The invited candidate to e-mail again' },
		actingUserField,
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const testId = wecpId(this, itemIndex, 'testId', 'Test');
		const email = requiredEmail(this, itemIndex, 'email', 'Email');
		const { body } = await wecpRequest<unknown>(this, {
			method: 'POST',
			path: testPath(testId, '/resend'),
			body: { emails: [email] },
			actingUserEmail: actingUser(this, itemIndex),
			itemIndex,
		});
		return { testId, email, resent: true, response: (body ?? null) as IDataObject };
	},
};

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { leverRequest } from '../../transport';
import { leverId, userField } from '../common';

export const getUser: Operation = {
	selector: { name: 'Get', value: 'get', description: 'Get a Lever user with their e-mail', action: 'Get a user' },
	description: [
		userField("The Lever user, e.g. a posting's owner"),
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const userId = leverId(this, itemIndex, 'userId', 'User');
		const response = await leverRequest<{ data: IDataObject }>(this, {
			method: 'GET',
			path: `/users/${encodeURIComponent(userId)}`,
			itemIndex,
		});
		return response.data;
	},
};

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { leverRequest } from '../../transport';
import { leverId } from '../common';

export const getUser: Operation = {
	selector: { name: 'Get', value: 'get', description: 'Get a Lever user with their e-mail', action: 'Get a user' },
	description: [
		{
			displayName: 'User Name or ID',
			name: 'userId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getUsers' },
			required: true,
			default: '',
			description:
				"The Lever user, e.g. a posting's owner. Choose from the list, or specify an ID using an <a href=\"https://docs.n8n.io/code/expressions/\">expression</a>.",
		},
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

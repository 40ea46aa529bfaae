import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { forOperation } from '../../../shared/router';
import { leverRequest } from '../../transport';
import { leverId } from '../common';

export const getUser: Operation = {
	description: forOperation('user', 'get', [
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
	]),
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

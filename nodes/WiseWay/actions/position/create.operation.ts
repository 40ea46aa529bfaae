import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { requiredString } from '../../../shared/validation';
import { wiseWayRequest } from '../../transport';
import { positionBody, positionFields } from '../common';

export const createPosition: Operation = {
	selector: { name: 'Create', value: 'create', description: 'Create a position with its questions', action: 'Create a position' },
	description: [
		{ displayName: 'Title', name: 'title', type: 'string', required: true, default: '', placeholder: 'e.g. Senior Backend Engineer', description: 'The name of the position' },
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: positionFields(false),
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const title = requiredString(this, itemIndex, 'title', 'Title', 200);
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body = { ...positionBody(this, itemIndex, additional), title };
		const { body: position } = await wiseWayRequest(this, { method: 'POST', path: '/positions', body, itemIndex });
		return position;
	},
};

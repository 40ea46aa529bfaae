import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { idPath, wiseWayRequest } from '../../transport';
import { positionBody, positionField, positionFields, wiseWayId } from '../common';

export const updatePosition: Operation = {
	selector: { name: 'Update', value: 'update', description: 'Change the title, description, questions or status of a position', action: 'Update a position' },
	description: [
		positionField,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: positionFields(true),
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const positionId = wiseWayId(this, itemIndex, 'positionId', 'Position');
		const changes = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const body = positionBody(this, itemIndex, changes);
		if (Object.keys(body).length === 0) {
			throw new NodeOperationError(this.getNode(), 'The field "Update Fields" is empty', {
				itemIndex,
				description: 'Expected at least one of Title, Description, Language, Questions or Status.',
			});
		}
		const { body: position } = await wiseWayRequest(this, { method: 'PUT', path: idPath('positions', positionId), body, itemIndex });
		return position;
	},
};

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { idPath, wiseWayRequest } from '../../transport';
import { positionField, wiseWayId } from '../common';

export const deletePosition: Operation = {
	selector: { name: 'Delete', value: 'delete', description: 'Delete a position', action: 'Delete a position' },
	description: [positionField],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const positionId = wiseWayId(this, itemIndex, 'positionId', 'Position');
		await wiseWayRequest(this, { method: 'DELETE', path: idPath('positions', positionId), itemIndex });
		return { id: positionId, deleted: true };
	},
};

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { idPath, wiseWayRequest } from '../../transport';
import { positionField, wiseWayId } from '../common';

export const getPosition: Operation = {
	selector: { name: 'Get', value: 'get', description: 'Get a position with its questions', action: 'Get a position' },
	description: [positionField],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const positionId = wiseWayId(this, itemIndex, 'positionId', 'Position');
		const { body } = await wiseWayRequest(this, { method: 'GET', path: idPath('positions', positionId), itemIndex });
		return body;
	},
};

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { listLimits, returnAllFields } from '../../../shared/fields';
import type { Operation } from '../../../shared/router';
import { candidatesPath, wiseWayList } from '../../transport';
import { positionField, wiseWayId } from '../common';

export const getManyCandidates: Operation = {
	selector: { name: 'Get Many', value: 'getMany', description: 'List the candidates of a position', action: 'Get many candidates of a position' },
	description: [positionField, ...returnAllFields],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const positionId = wiseWayId(this, itemIndex, 'positionId', 'Position');
		return await wiseWayList(this, candidatesPath(positionId), listLimits(this, itemIndex));
	},
};

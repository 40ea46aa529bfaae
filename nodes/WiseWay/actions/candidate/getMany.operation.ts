import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { listLimits, returnAllFields } from '../../../shared/fields';
import type { Operation } from '../../../shared/router';
import { forOperation } from '../../../shared/router';
import { candidatesPath, wiseWayList } from '../../transport';
import { positionField, wiseWayId } from '../common';

export const getManyCandidates: Operation = {
	description: forOperation('candidate', 'getMany', [positionField, ...returnAllFields]),
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const positionId = wiseWayId(this, itemIndex, 'positionId', 'Position');
		return await wiseWayList(this, candidatesPath(positionId), listLimits(this, itemIndex));
	},
};

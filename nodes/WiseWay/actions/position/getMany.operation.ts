import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { listLimits, returnAllFields } from '../../../shared/fields';
import type { Operation } from '../../../shared/router';
import { forOperation } from '../../../shared/router';
import { wiseWayList } from '../../transport';

export const getManyPositions: Operation = {
	description: forOperation('position', 'getMany', returnAllFields),
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		return await wiseWayList(this, '/positions', listLimits(this, itemIndex));
	},
};

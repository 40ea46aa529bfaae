import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { candidatesPath, wiseWayRequest } from '../../transport';
import { candidateIdField, positionField, wiseWayId } from '../common';

export const removeCandidate: Operation = {
	selector: { name: 'Remove', value: 'remove', description: 'Remove a candidate from a position', action: 'Remove a candidate from a position' },
	description: [
		positionField,
		candidateIdField,
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const positionId = wiseWayId(this, itemIndex, 'positionId', 'Position');
		const candidateId = wiseWayId(this, itemIndex, 'candidateId', 'Candidate ID');
		await wiseWayRequest(this, { method: 'DELETE', path: candidatesPath(positionId, candidateId), itemIndex });
		return { id: candidateId, positionId, removed: true };
	},
};

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { listLimits, returnAllFields } from '../../../shared/fields';
import type { Operation } from '../../../shared/router';
import { forOperation } from '../../../shared/router';
import { willoList } from '../../transport';
import { interviewField, willoKey } from '../common';

export const getManyParticipants: Operation = {
	description: forOperation('participant', 'getMany', [interviewField, ...returnAllFields]),
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const interviewId = willoKey(this, itemIndex, 'interviewId', 'Interview');
		return await willoList(this, '/participants/', { interview: interviewId }, listLimits(this, itemIndex));
	},
};

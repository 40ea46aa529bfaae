import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { listLimits, returnAllFields } from '../../../shared/fields';
import type { Operation } from '../../../shared/router';
import { willoList } from '../../transport';
import { interviewField, willoKey } from '../common';

export const getManyParticipants: Operation = {
	selector: { name: 'Get Many', value: 'getMany', description: 'List the participants of an interview', action: 'Get many participants of an interview' },
	description: [interviewField, ...returnAllFields],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const interviewId = willoKey(this, itemIndex, 'interviewId', 'Interview');
		return await willoList(this, '/participants/', { interview: interviewId }, listLimits(this, itemIndex));
	},
};

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { keyPath, willoRequest } from '../../transport';
import { interviewField, willoKey } from '../common';

export const getInterview: Operation = {
	selector: { name: 'Get', value: 'get', description: 'Get an interview', action: 'Get an interview' },
	description: [interviewField],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const interviewId = willoKey(this, itemIndex, 'interviewId', 'Interview');
		const { body } = await willoRequest(this, { method: 'GET', path: keyPath('interviews', interviewId), itemIndex });
		return body;
	},
};

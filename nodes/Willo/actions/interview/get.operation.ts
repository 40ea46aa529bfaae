import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { forOperation } from '../../../shared/router';
import { keyPath, willoRequest } from '../../transport';
import { interviewField, willoKey } from '../common';

export const getInterview: Operation = {
	description: forOperation('interview', 'get', [interviewField]),
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const interviewId = willoKey(this, itemIndex, 'interviewId', 'Interview');
		const { body } = await willoRequest(this, { method: 'GET', path: keyPath('interviews', interviewId), itemIndex });
		return body;
	},
};

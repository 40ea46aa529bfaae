import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { forOperation } from '../../../shared/router';
import { leverRequest } from '../../transport';
import { leverId } from '../common';

export const getPosting: Operation = {
	description: forOperation('posting', 'get', [
		{
			displayName: 'Posting ID',
			name: 'postingId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 5c0e9a1e-0f6b-4b62-9f3a-2d1c7e8b9a01',
			description: 'The job posting. Lever and iCIMS triggers output it as jobId.',
		},
	]),
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const postingId = leverId(this, itemIndex, 'postingId', 'Posting ID');
		const response = await leverRequest<{ data: IDataObject }>(this, {
			method: 'GET',
			path: `/postings/${encodeURIComponent(postingId)}`,
			itemIndex,
		});
		return response.data;
	},
};

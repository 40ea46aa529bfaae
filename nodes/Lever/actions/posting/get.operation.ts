import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { leverRequest } from '../../transport';
import { leverId } from '../common';

export const getPosting: Operation = {
	selector: { name: 'Get', value: 'get', description: 'Get a job posting: title, team, department, location, owner and hiring manager', action: 'Get a posting' },
	description: [
		{
			displayName: 'Posting Name or ID',
			name: 'postingId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getPostings' },
			required: true,
			default: '',
			description:
				'The job posting, e.g. the jobId a Lever Trigger outputs. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const postingId = leverId(this, itemIndex, 'postingId', 'Posting');
		const response = await leverRequest<{ data: IDataObject }>(this, {
			method: 'GET',
			path: `/postings/${encodeURIComponent(postingId)}`,
			itemIndex,
		});
		return response.data;
	},
};

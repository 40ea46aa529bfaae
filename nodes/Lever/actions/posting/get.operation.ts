import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { leverRequest } from '../../transport';
import { leverId, postingField } from '../common';

export const getPosting: Operation = {
	selector: { name: 'Get', value: 'get', description: 'Get a job posting: title, team, department, location, owner and hiring manager', action: 'Get a posting' },
	description: [
		postingField('The job posting, e.g. the jobId a Lever Trigger outputs'),
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

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { fetchJob, JOB_FIELDS } from '../../transport';
import { fieldList, fieldsParameter, profileId, profileIdField } from '../common';

export const getJob: Operation = {
	selector: { name: 'Get', value: 'get', description: 'Get a job: title, location, hiring manager and recruiter', action: 'Get a job' },
	description: [
		profileIdField('Job ID', 'jobId', 'jobs', 'e.g. 1026', 'The job profile in iCIMS. The iCIMS Trigger outputs it as jobId.'),
		fieldsParameter(JOB_FIELDS, 'job'),
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const jobId = profileId(this, itemIndex, 'jobId', 'Job ID');
		const job = await fetchJob(this, jobId, itemIndex, fieldList(this, itemIndex) ?? null);
		return { id: jobId, ...job };
	},
};

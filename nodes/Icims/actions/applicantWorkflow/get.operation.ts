import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { icimsBody, workflowPath } from '../../transport';
import { fieldList, fieldsParameter, profileId, workflowIdField } from '../common';

export const WORKFLOW_FIELDS = 'associatedprofile,baseprofile,status,source,updateddate';

export const getWorkflow: Operation = {
	selector: { name: 'Get', value: 'get', description: "Get a candidate's application to a job: person, job and status", action: 'Get an applicant workflow' },
	description: [workflowIdField, fieldsParameter(WORKFLOW_FIELDS, 'applicant workflow')],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const workflowId = profileId(this, itemIndex, 'workflowId', 'Applicant Workflow ID');
		const fields = fieldList(this, itemIndex);
		const workflow = await icimsBody(this, {
			method: 'GET',
			path: workflowPath(workflowId),
			qs: fields ? { fields } : {},
			itemIndex,
		});
		return { id: workflowId, ...workflow };
	},
};

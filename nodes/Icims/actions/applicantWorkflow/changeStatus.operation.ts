import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { icimsRequest, workflowPath } from '../../transport';
import { listId, listIdField, profileId, workflowIdField } from '../common';

function extraFields(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const value = context.getNodeParameter('extraFields', itemIndex, '{}') as unknown;
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = value.trim() === '' ? {} : JSON.parse(value);
		} catch {
			parsed = undefined;
		}
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || 'status' in parsed) {
		throw new NodeOperationError(context.getNode(), 'The field "Extra Fields" is not a JSON object of fields', {
			itemIndex,
			description: 'Expected e.g. {"source": "Referral"}, without "status" (the Status field sets it).',
		});
	}
	return parsed as IDataObject;
}

export const changeStatus: Operation = {
	selector: { name: 'Change Status', value: 'changeStatus', description: 'Move a candidate to another workflow status', action: 'Change the status of an applicant workflow' },
	description: [
		workflowIdField,
		listIdField('Status ID', 'statusId', 'e.g. C36951', "The list ID of the workflow status to move the candidate to, as iCIMS gives it for your site"),
		{
			displayName: 'Extra Fields (JSON)',
			name: 'extraFields',
			type: 'json',
			default: '{}',
			description:
				'Required fields that are empty on the workflow, sent with the status (iCIMS refuses the change without them), e.g. {"source": "Referral"}',
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const workflowId = profileId(this, itemIndex, 'workflowId', 'Applicant Workflow ID');
		const statusId = listId(this, itemIndex, 'statusId', 'Status ID');
		const body: IDataObject = { ...extraFields(this, itemIndex), status: { id: statusId } };
		await icimsRequest(this, { method: 'PATCH', path: workflowPath(workflowId), body, itemIndex });
		return { id: workflowId, status: { id: statusId }, changed: true };
	},
};

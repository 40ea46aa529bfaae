import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { leverRequest } from '../../transport';
import { leverId, opportunityIdField, performAsField, performAsQuery } from '../common';

export const changeStage: Operation = {
	selector: { name: 'Change Stage', value: 'changeStage', description: 'Move a candidate to another stage', action: 'Change the stage of an opportunity' },
	description: [
		opportunityIdField,
		{
			displayName: 'Stage Name or ID',
			name: 'stageId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getStages' },
			required: true,
			default: '',
			description: 'The stage to move the candidate to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		performAsField,
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const opportunityId = leverId(this, itemIndex, 'opportunityId', 'Opportunity ID');
		const stageId = leverId(this, itemIndex, 'stageId', 'Stage');
		const response = await leverRequest<{ data: IDataObject }>(this, {
			method: 'PUT',
			path: `/opportunities/${encodeURIComponent(opportunityId)}/stage`,
			qs: performAsQuery(this, itemIndex),
			body: { stage: stageId },
			itemIndex,
		});
		return response.data;
	},
};

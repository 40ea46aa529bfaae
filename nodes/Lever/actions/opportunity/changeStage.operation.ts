import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { leverRequest } from '../../transport';
import { leverId, opportunityIdField, performAsField, performAsQuery, stageField } from '../common';

export const changeStage: Operation = {
	selector: { name: 'Change Stage', value: 'changeStage', description: 'Move a candidate to another stage', action: 'Change the stage of an opportunity' },
	description: [
		opportunityIdField,
		stageField('The stage to move the candidate to'),
		performAsField(),
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

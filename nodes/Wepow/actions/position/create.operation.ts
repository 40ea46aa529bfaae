import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { optionalString, requiredString } from '../../../shared/validation';
import { createPosition } from '../../positions';
import { wepowApi } from '../../transport';
import { atsJobIdField, positionNameField, templateIdField, wepowId } from '../common';

export const createPositionOperation: Operation = {
	selector: { name: 'Create', value: 'create', description: 'Create a position from an interview template', action: 'Create a position' },
	description: [
		templateIdField,
		positionNameField,
		{ ...atsJobIdField, required: false, description: `${String(atsJobIdField.description)}. Without it, Find cannot find the position.` },
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const templateId = wepowId(this, itemIndex, 'templateId', 'Interview Template');
		const name = requiredString(this, itemIndex, 'name', 'Position Name', 255);
		const atsJobId = optionalString(this, itemIndex, 'atsJobId', 'ATS Job ID', 200);
		const api = await wepowApi(this, itemIndex);
		return await createPosition(this, api, { templateId, name, atsJobId }, itemIndex);
	},
};

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { requiredString } from '../../../shared/validation';
import { createPosition, findPositions, isOpen } from '../../positions';
import { wepowApi } from '../../transport';
import { atsJobIdField, positionNameField, templateIdField, wepowId } from '../common';

const EVERY_MATCH = { returnAll: true, limit: 0 };

export const findOrCreatePosition: Operation = {
	selector: { name: 'Find or Create', value: 'findOrCreate', description: 'Find the position of an ATS job, or create it from a template', action: 'Find or create a position' },
	description: [atsJobIdField, templateIdField, positionNameField],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const atsJobId = requiredString(this, itemIndex, 'atsJobId', 'ATS Job ID', 200);
		const templateId = wepowId(this, itemIndex, 'templateId', 'Interview Template');
		const name = requiredString(this, itemIndex, 'name', 'Position Name', 255);
		const api = await wepowApi(this, itemIndex);
		const limits = { ...EVERY_MATCH, itemIndex };

		const existing = (await findPositions(this, api, atsJobId, limits)).find(isOpen);
		if (existing) return { ...existing, created: false };

		const created = await createPosition(this, api, { templateId, name, atsJobId }, itemIndex);
		// Runs started at the same moment may each have created one: all of them settle on the oldest.
		const oldest = (await findPositions(this, api, atsJobId, limits)).find(isOpen) ?? created;
		return { ...oldest, created: String(oldest.id) === String(created.id) };
	},
};

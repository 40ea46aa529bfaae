import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { listLimits, returnAllFields } from '../../../shared/fields';
import type { Operation } from '../../../shared/router';
import { requiredString } from '../../../shared/validation';
import { findPositions, isOpen } from '../../positions';
import { wepowApi } from '../../transport';
import { atsJobIdField } from '../common';

export const findPosition: Operation = {
	selector: { name: 'Find', value: 'find', description: 'Find the positions of an ATS job', action: 'Find positions by ATS job ID' },
	description: [
		atsJobIdField,
		{
			displayName: 'Only Open Positions',
			name: 'onlyOpen',
			type: 'boolean',
			default: true,
			description: 'Whether to leave out closed and archived positions',
		},
		...returnAllFields,
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const atsJobId = requiredString(this, itemIndex, 'atsJobId', 'ATS Job ID', 200);
		const onlyOpen = this.getNodeParameter('onlyOpen', itemIndex, true) as boolean;
		const api = await wepowApi(this, itemIndex);
		const positions = await findPositions(this, api, atsJobId, listLimits(this, itemIndex));
		return onlyOpen ? positions.filter(isOpen) : positions;
	},
};

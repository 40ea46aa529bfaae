import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { leverRequest } from '../../transport';
import { leverId, opportunityIdField } from '../common';

export const expandField = {
	displayName: 'Expand',
	name: 'expand',
	type: 'multiOptions' as const,
	options: [
		{ name: 'Applications', value: 'applications' },
		{ name: 'Contact', value: 'contact' },
		{ name: 'Followers', value: 'followers' },
		{ name: 'Owner', value: 'owner' },
		{ name: 'Stage', value: 'stage' },
	],
	default: ['stage', 'owner', 'applications'],
	description: 'Which linked records Lever returns in full instead of as IDs',
};

export const getOpportunity: Operation = {
	selector: { name: 'Get', value: 'get', description: 'Get an opportunity with its contact details', action: 'Get an opportunity' },
	description: [opportunityIdField, expandField],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const opportunityId = leverId(this, itemIndex, 'opportunityId', 'Opportunity ID');
		const expand = this.getNodeParameter('expand', itemIndex, []) as string[];
		const response = await leverRequest<{ data: IDataObject }>(this, {
			method: 'GET',
			path: `/opportunities/${encodeURIComponent(opportunityId)}`,
			qs: expand.length ? { expand } : {},
			itemIndex,
		});
		return response.data;
	},
};

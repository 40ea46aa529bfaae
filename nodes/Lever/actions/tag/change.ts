import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation, OperationChoice } from '../../../shared/router';
import { leverRequest } from '../../transport';
import { leverId, opportunityIdField, performAsField, performAsQuery, tagList } from '../common';

/** Add and remove differ only in Lever's path, so one definition makes both. */
export function changeTags(operation: 'add' | 'remove', selector: OperationChoice): Operation {
	return {
		selector,
		description: [
			opportunityIdField,
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. WeCP: passed, Assessed',
				description: `Tags to ${operation}, separated by commas${operation === 'add' ? '; Lever creates unknown tags' : ''}`,
			},
			performAsField(),
		],
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
			const opportunityId = leverId(this, itemIndex, 'opportunityId', 'Opportunity ID');
			const tags = tagList(this, itemIndex);
			const response = await leverRequest<{ data: IDataObject }>(this, {
				method: 'POST',
				path: `/opportunities/${encodeURIComponent(opportunityId)}/${operation === 'add' ? 'addTags' : 'removeTags'}`,
				qs: performAsQuery(this, itemIndex),
				body: { tags },
				itemIndex,
				// Adding or removing the same tags twice leaves the same tags.
				repeatable: true,
			});
			return response.data;
		},
	};
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { listLimits, returnAllFields } from '../../../shared/fields';
import type { Operation } from '../../../shared/router';
import { listTestCandidates } from '../../transport';
import { testIdField, wecpId } from '../common';

export const getManyCandidates: Operation = {
	selector: { name: 'Get Many', value: 'getMany', description: 'List the candidates of a test', action: 'Get many candidates of a test' },
	description: [
		testIdField,
		...returnAllFields,
		{
			displayName: 'Only Finished',
			name: 'onlyFinished',
			type: 'boolean',
			default: false,
			description: 'Whether to return only candidates who finished the test',
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const testId = wecpId(this, itemIndex, 'testId', 'Test');
		const onlyFinished = this.getNodeParameter('onlyFinished', itemIndex, false) as boolean;
		const candidates = (await listTestCandidates(this, testId, itemIndex)).filter(
			(candidate) => !onlyFinished || candidate.testFinished === true,
		);
		const { returnAll, limit } = listLimits(this, itemIndex);
		return returnAll ? candidates : candidates.slice(0, limit);
	},
};

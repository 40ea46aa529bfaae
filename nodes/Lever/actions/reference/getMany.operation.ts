import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { listLimits, returnAllFields } from '../../../shared/fields';
import type { Operation } from '../../../shared/router';
import { forOperation } from '../../../shared/router';
import { leverList } from '../../transport';

/** Stages, postings and users are plain lists: one definition for each. */
function listOperation(resource: string, path: string, extra: (context: IExecuteFunctions, itemIndex: number) => IDataObject = () => ({})): Operation {
	return {
		description: forOperation(resource, 'getMany', returnAllFields),
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
			return await leverList(this, path, extra(this, itemIndex), listLimits(this, itemIndex));
		},
	};
}

export const getManyStages = listOperation('stage', '/stages');
export const getManyPostings = listOperation('posting', '/postings');
export const getManyUsers = listOperation('user', '/users');

import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { runOperations } from '../shared/router';
import { leverOperations, leverProperties } from './actions';
import { getPostings, getStages } from './methods/loadOptions';
import { searchOpportunities, searchPostings, searchStages, searchUsers } from './methods/listSearch';
import { NODE_VERSIONS } from '../shared/simplify';

export class Lever implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lever',
		name: 'lever',
		icon: { light: 'file:lever.svg', dark: 'file:lever.dark.svg' },
		group: ['transform'],
		version: NODE_VERSIONS,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read and create candidates in Lever and write assessment results back: notes, tags, stages',
		defaults: { name: 'Lever' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'leverApi', required: true }],
		properties: [...leverProperties],
	};

	methods = {
		// Filters that take several values stay multi-option lists.
		loadOptions: { getStages, getPostings },
		listSearch: { searchOpportunities, searchStages, searchPostings, searchUsers } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations.call(this, leverOperations);
	}
}

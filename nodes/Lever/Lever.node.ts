import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { runOperations } from '../shared/router';
import { leverOperations, leverProperties } from './actions';
import { getPostings, getStages, getUsers } from './methods/loadOptions';

export class Lever implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lever',
		name: 'lever',
		icon: { light: 'file:lever.svg', dark: 'file:lever.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read and create candidates in Lever and write assessment results back: notes, tags, stages',
		defaults: { name: 'Lever' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'leverApi', required: true }],
		properties: [...leverProperties],
	};

	methods = { loadOptions: { getStages, getPostings, getUsers } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations.call(this, leverOperations);
	}
}

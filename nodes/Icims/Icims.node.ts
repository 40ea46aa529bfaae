import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { runOperations } from '../shared/router';
import { icimsOperations, icimsProperties } from './actions';
import { NODE_VERSIONS } from '../shared/simplify';

export class Icims implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'iCIMS',
		name: 'icims',
		icon: { light: 'file:icims.svg', dark: 'file:icims.dark.svg' },
		group: ['transform'],
		version: NODE_VERSIONS,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read candidates and jobs from iCIMS and write assessment and interview results back to the applicant workflow',
		defaults: { name: 'iCIMS' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'icimsApi', required: true }],
		properties: [...icimsProperties],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations.call(this, icimsOperations);
	}
}

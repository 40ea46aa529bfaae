import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { runOperations } from '../shared/router';
import { wecpOperations, wecpProperties } from './actions';
import { searchTalentPools, searchTests } from './methods/listSearch';
import { NODE_VERSIONS } from '../shared/simplify';

export class Wecp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeCP',
		name: 'wecp',
		icon: { light: 'file:wecp.svg', dark: 'file:wecp.dark.svg' },
		group: ['transform'],
		version: NODE_VERSIONS,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Invite candidates to WeCP skills tests, run live interviews, build talent pools and read reports',
		defaults: { name: 'WeCP' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wecpApi', required: true }],
		properties: [...wecpProperties],
	};

	methods = { listSearch: { searchTalentPools, searchTests } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations.call(this, wecpOperations);
	}
}

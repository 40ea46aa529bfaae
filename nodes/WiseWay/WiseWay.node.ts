import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { runOperations } from '../shared/router';
import { wiseWayOperations, wiseWayProperties } from './actions';
import { searchCandidates, searchPositions, searchWebhooks } from './methods/listSearch';
import { NODE_VERSIONS } from '../shared/simplify';

export class WiseWay implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WiseWay',
		name: 'wiseWay',
		icon: { light: 'file:wiseway.svg', dark: 'file:wiseway.dark.svg' },
		group: ['transform'],
		version: NODE_VERSIONS,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Invite candidates to WiseWay one-way video interviews and manage positions and webhooks',
		defaults: { name: 'WiseWay' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wiseWayApi', required: true }],
		properties: [...wiseWayProperties],
	};

	methods = { listSearch: { searchCandidates, searchPositions, searchWebhooks } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations.call(this, wiseWayOperations);
	}
}

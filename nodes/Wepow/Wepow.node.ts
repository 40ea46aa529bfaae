import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { runOperations } from '../shared/router';
import { wepowOperations, wepowProperties } from './actions';
import { runBulkSend } from './actions/invitation/bulkSend.operation';
import { searchApplications, searchPositions, searchTemplates } from './methods/listSearch';
import { NODE_VERSIONS } from '../shared/simplify';

export class Wepow implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wepow',
		name: 'wepow',
		icon: { light: 'file:wepow.svg', dark: 'file:wepow.dark.svg' },
		group: ['transform'],
		version: NODE_VERSIONS,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Invite candidates to Wepow video interviews, once per application, and read their results and review links',
		defaults: { name: 'Wepow' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wepowApi', required: true }],
		properties: [...wepowProperties],
	};

	methods = { listSearch: { searchApplications, searchPositions, searchTemplates } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Send in Bulk takes the items of the run together; everything else runs item by item.
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		if (resource === 'invitation' && operation === 'bulkSend') return await runBulkSend.call(this);
		return await runOperations.call(this, wepowOperations);
	}
}

import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { operationProperties, resourceAndOperationProperties, runOperations } from '../shared/router';
import { wiseWayOperations } from './actions';
import { getPositions } from './methods/loadOptions';

export class WiseWay implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WiseWay',
		name: 'wiseWay',
		icon: { light: 'file:wiseway.svg', dark: 'file:wiseway.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Invite candidates to WiseWay one-way video interviews and manage positions and webhooks',
		defaults: { name: 'WiseWay' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wiseWayApi', required: true }],
		properties: [
			...resourceAndOperationProperties(
				[
					{
						name: 'Candidate',
						value: 'candidate',
						operations: [
							{ name: 'Invite', value: 'invite', description: 'Invite a candidate to a position, once per ATS application; returns the interview link', action: 'Invite a candidate to a position' },
							{ name: 'Resend', value: 'resend', description: 'Invite a candidate who has not started again, with a new link', action: 'Resend an interview invitation' },
							{ name: 'Get Many', value: 'getMany', description: 'List the candidates of a position', action: 'Get many candidates of a position' },
							{ name: 'Remove', value: 'remove', description: 'Remove a candidate from a position', action: 'Remove a candidate from a position' },
						],
					},
					{
						name: 'Position',
						value: 'position',
						operations: [
							{ name: 'Create', value: 'create', description: 'Create a position with its questions', action: 'Create a position' },
							{ name: 'Delete', value: 'delete', description: 'Delete a position', action: 'Delete a position' },
							{ name: 'Get', value: 'get', description: 'Get a position with its questions', action: 'Get a position' },
							{ name: 'Get Many', value: 'getMany', description: 'List the positions of the workspace', action: 'Get many positions' },
							{ name: 'Update', value: 'update', description: 'Change the title, description, questions or status of a position', action: 'Update a position' },
						],
					},
					{
						name: 'Webhook',
						value: 'webhook',
						operations: [
							{ name: 'Create', value: 'create', description: 'Have WiseWay post events to a URL', action: 'Create a webhook' },
							{ name: 'Delete', value: 'delete', description: 'Delete a webhook', action: 'Delete a webhook' },
							{ name: 'Get Many', value: 'getMany', description: 'List the webhooks of the workspace', action: 'Get many webhooks' },
							{ name: 'Update', value: 'update', description: 'Change the URL, events or state of a webhook', action: 'Update a webhook' },
						],
					},
				],
				'candidate',
			),
			...operationProperties(wiseWayOperations),
		],
	};

	methods = { loadOptions: { getPositions } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations.call(this, wiseWayOperations);
	}
}

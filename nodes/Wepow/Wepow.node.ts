import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { operationProperties, resourceAndOperationProperties, runOperations } from '../shared/router';
import { wepowOperations } from './actions';
import { runBulkSend } from './actions/invitation/bulkSend.operation';
import { getPositions, getTemplates } from './methods/loadOptions';

export class Wepow implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wepow',
		name: 'wepow',
		icon: { light: 'file:wepow.svg', dark: 'file:wepow.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Invite candidates to Wepow video interviews, once per application, and read their results and review links',
		defaults: { name: 'Wepow' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wepowApi', required: true }],
		properties: [
			...resourceAndOperationProperties(
				[
					{
						name: 'Invitation',
						value: 'invitation',
						operations: [
							{ name: 'Send', value: 'send', description: 'Invite a candidate to a position, once per ATS application', action: 'Send an invitation' },
							{ name: 'Resend', value: 'resend', description: 'E-mail an existing invitation again', action: 'Resend an invitation' },
							{ name: 'Send in Bulk', value: 'bulkSend', description: 'Invite every input item in one call per position', action: 'Send invitations in bulk' },
						],
					},
					{
						name: 'Position',
						value: 'position',
						operations: [
							{ name: 'Find or Create', value: 'findOrCreate', description: 'Find the position of an ATS job, or create it from a template', action: 'Find or create a position' },
							{ name: 'Find', value: 'find', description: 'Find the positions of an ATS job', action: 'Find positions by ATS job ID' },
							{ name: 'Create', value: 'create', description: 'Create a position from an interview template', action: 'Create a position' },
						],
					},
					{
						name: 'Application',
						value: 'application',
						operations: [
							{ name: 'Get', value: 'get', description: "Get a candidate's status, evaluation, dates and review links", action: 'Get an application' },
							{ name: 'Get Many', value: 'getMany', description: "List a position's applications (invitations), e.g. the open ones to remind", action: 'Get many applications' },
						],
					},
					{
						name: 'Interview Template',
						value: 'interviewTemplate',
						operations: [{ name: 'Get Many', value: 'getMany', description: 'List the video interviewing packages', action: 'Get many interview templates' }],
					},
				],
				'invitation',
			),
			...operationProperties(wepowOperations),
		],
	};

	methods = { loadOptions: { getPositions, getTemplates } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Send in Bulk takes the items of the run together; everything else runs item by item.
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		if (resource === 'invitation' && operation === 'bulkSend') return await runBulkSend.call(this);
		return await runOperations.call(this, wepowOperations);
	}
}

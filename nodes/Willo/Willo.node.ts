import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { operationProperties, resourceAndOperationProperties, runOperations } from '../shared/router';
import { willoOperations } from './actions';
import { getInterviews, getInterviewTemplates } from './methods/loadOptions';

export class Willo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Willo',
		name: 'willo',
		icon: { light: 'file:willo.svg', dark: 'file:willo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Invite candidates to Willo video interviews and read their answers, videos and transcripts',
		defaults: { name: 'Willo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'willoApi', required: true }],
		properties: [
			...resourceAndOperationProperties(
				[
					{
						name: 'Participant',
						value: 'participant',
						operations: [
							{ name: 'Invite', value: 'invite', description: 'Invite a candidate to an interview, once per ATS application', action: 'Invite a candidate to an interview' },
							{ name: 'Resend', value: 'resend', description: 'Invite a candidate again, even if invited before', action: 'Resend an interview invitation' },
							{ name: 'Get', value: 'get', description: "Get a participant's answers: questions, video links, transcripts", action: 'Get a participant with responses' },
							{ name: 'Get Many', value: 'getMany', description: 'List the participants of an interview', action: 'Get many participants of an interview' },
						],
					},
					{
						name: 'Interview',
						value: 'interview',
						operations: [
							{ name: 'Get', value: 'get', description: 'Get an interview', action: 'Get an interview' },
							{ name: 'Get Many', value: 'getMany', description: 'List the interviews of the account', action: 'Get many interviews' },
							{ name: 'Create', value: 'create', description: 'Create an interview from a template', action: 'Create an interview from a template' },
						],
					},
				],
				'participant',
			),
			...operationProperties(willoOperations),
		],
	};

	methods = { loadOptions: { getInterviews, getInterviewTemplates } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations.call(this, willoOperations);
	}
}

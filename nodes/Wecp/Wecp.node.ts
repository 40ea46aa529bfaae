import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { operationProperties, resourceAndOperationProperties, runOperations } from '../shared/router';
import { wecpOperations } from './actions';
import { getTalentPools, getTests } from './methods/loadOptions';

export class Wecp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeCP',
		name: 'wecp',
		icon: { light: 'file:wecp.svg', dark: 'file:wecp.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Invite candidates to WeCP skills tests, run live interviews, build talent pools and read reports',
		defaults: { name: 'WeCP' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wecpApi', required: true }],
		properties: [
			...resourceAndOperationProperties(
				[
					{
						name: 'Candidate',
						value: 'candidate',
						operations: [
							{ name: 'Invite', value: 'invite', description: 'Invite a candidate to a test, once per ATS application', action: 'Invite a candidate to a test' },
							{ name: 'Resend', value: 'resend', description: 'E-mail an existing invitation again', action: 'Resend an invitation' },
							{ name: 'Get Many', value: 'getMany', description: 'List the candidates of a test', action: 'Get many candidates of a test' },
						],
					},
					{
						name: 'Interview',
						value: 'interview',
						operations: [
							{ name: 'Create', value: 'create', description: 'Create a live interview with a scorecard', action: 'Create a live interview' },
							{ name: 'Schedule', value: 'schedule', description: 'Schedule a live interview for a candidate and an interviewer', action: 'Schedule a live interview' },
						],
					},
					{
						name: 'Report',
						value: 'report',
						operations: [{ name: 'Get', value: 'get', description: "Get a candidate's score, pass or fail and report link", action: 'Get a report' }],
					},
					{
						name: 'Talent Pool',
						value: 'talentPool',
						operations: [{ name: 'Add Candidate', value: 'addCandidate', description: 'Add a candidate to a WeCP talent pool', action: 'Add a candidate to a talent pool' }],
					},
					{
						name: 'Test',
						value: 'test',
						operations: [{ name: 'Get Many', value: 'getMany', description: 'List the tests of the account', action: 'Get many tests' }],
					},
				],
				'candidate',
			),
			...operationProperties(wecpOperations),
		],
	};

	methods = { loadOptions: { getTalentPools, getTests } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations.call(this, wecpOperations);
	}
}

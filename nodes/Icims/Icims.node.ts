import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { operationProperties, resourceAndOperationProperties, runOperations } from '../shared/router';
import { icimsOperations } from './actions';

export class Icims implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'iCIMS',
		name: 'icims',
		icon: { light: 'file:icims.svg', dark: 'file:icims.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read candidates and jobs from iCIMS and write assessment and interview results back to the applicant workflow',
		defaults: { name: 'iCIMS' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'icimsApi', required: true }],
		properties: [
			...resourceAndOperationProperties(
				[
					{
						name: 'Applicant Workflow',
						value: 'applicantWorkflow',
						operations: [
							{ name: 'Get', value: 'get', description: "Get a candidate's application to a job: person, job and status", action: 'Get an applicant workflow' },
							{ name: 'Change Status', value: 'changeStatus', description: 'Move a candidate to another workflow status', action: 'Change the status of an applicant workflow' },
							{ name: 'Search', value: 'search', description: 'Find applicant workflows by status, job or candidate', action: 'Search applicant workflows' },
						],
					},
					{
						name: 'Assessment Result',
						value: 'assessmentResult',
						operations: [
							{ name: 'Write', value: 'write', description: 'Add the assessment result to the workflow, or update the entry written before', action: 'Write an assessment result' },
						],
					},
					{
						name: 'Video Interview',
						value: 'interview',
						operations: [
							{ name: 'Write Result', value: 'writeResult', description: 'Write Interview Status, Interview URL and Date/Time to the fields you map', action: 'Write a video interview result' },
						],
					},
					{
						name: 'Person',
						value: 'person',
						operations: [{ name: 'Get', value: 'get', description: "Get a candidate's name, e-mail and phone", action: 'Get a person' }],
					},
					{
						name: 'Job',
						value: 'job',
						operations: [{ name: 'Get', value: 'get', description: 'Get a job: title, location, hiring manager and recruiter', action: 'Get a job' }],
					},
				],
				'applicantWorkflow',
			),
			...operationProperties(icimsOperations),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations.call(this, icimsOperations);
	}
}

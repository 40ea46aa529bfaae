import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { operationProperties, resourceAndOperationProperties, runOperations } from '../shared/router';
import { leverOperations } from './actions';
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
		properties: [
			...resourceAndOperationProperties(
				[
					{
						name: 'Opportunity',
						value: 'opportunity',
						operations: [
							{ name: 'Get', value: 'get', description: 'Get an opportunity with its contact details', action: 'Get an opportunity' },
							{ name: 'Get Many', value: 'getMany', description: 'List opportunities by stage, posting, e-mail, tag or date', action: 'Get many opportunities' },
							{ name: 'Create', value: 'create', description: 'Add a candidate to Lever, once per e-mail and posting', action: 'Create an opportunity' },
							{ name: 'Change Stage', value: 'changeStage', description: 'Move a candidate to another stage', action: 'Change the stage of an opportunity' },
						],
					},
					{
						name: 'Note',
						value: 'note',
						operations: [{ name: 'Create', value: 'create', description: 'Add a note to an opportunity', action: 'Create a note' }],
					},
					{
						name: 'Tag',
						value: 'tag',
						operations: [
							{ name: 'Add', value: 'add', description: 'Add tags to an opportunity', action: 'Add tags to an opportunity' },
							{ name: 'Remove', value: 'remove', description: 'Remove tags from an opportunity', action: 'Remove tags from an opportunity' },
						],
					},
					{
						name: 'Stage',
						value: 'stage',
						operations: [{ name: 'Get Many', value: 'getMany', description: 'List the pipeline stages', action: 'Get many stages' }],
					},
					{
						name: 'Posting',
						value: 'posting',
						operations: [
							// Get Many stays first: it is the default that saved workflows rely on.
							{ name: 'Get Many', value: 'getMany', description: 'List job postings', action: 'Get many postings' },
							{ name: 'Get', value: 'get', description: 'Get a job posting: title, team, department, location, owner and hiring manager', action: 'Get a posting' },
						],
					},
					{
						name: 'User',
						value: 'user',
						operations: [
							{ name: 'Get', value: 'get', description: 'Get a Lever user with their e-mail', action: 'Get a user' },
							{ name: 'Get Many', value: 'getMany', description: 'List Lever users', action: 'Get many users' },
						],
					},
				],
				'opportunity',
			),
			...operationProperties(leverOperations),
		],
	};

	methods = { loadOptions: { getStages, getPostings, getUsers } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations.call(this, leverOperations);
	}
}

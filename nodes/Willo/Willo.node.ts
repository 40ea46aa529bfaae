import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { runOperations } from '../shared/router';
import { willoOperations, willoProperties } from './actions';
import { searchInterviews, searchInterviewTemplates, searchParticipants } from './methods/listSearch';
import { NODE_VERSIONS } from '../shared/simplify';

export class Willo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Willo',
		name: 'willo',
		icon: { light: 'file:willo.svg', dark: 'file:willo.dark.svg' },
		group: ['transform'],
		version: NODE_VERSIONS,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Invite candidates to Willo video interviews and read their answers, videos and transcripts',
		defaults: { name: 'Willo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'willoApi', required: true }],
		properties: [...willoProperties],
	};

	methods = { listSearch: { searchInterviews, searchInterviewTemplates, searchParticipants } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations.call(this, willoOperations);
	}
}

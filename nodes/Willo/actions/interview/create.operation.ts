import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { optionalString, requiredString } from '../../../shared/validation';
import { keyPath, willoRequest } from '../../transport';
import { idLocator } from '../../../shared/locator';
import { willoKey, WILLO_KEY } from '../common';

export const createInterview: Operation = {
	selector: { name: 'Create', value: 'create', description: 'Create an interview from a template', action: 'Create an interview from a template' },
	description: [
		idLocator({
			displayName: 'Template',
			name: 'templateId',
			format: WILLO_KEY,
			idPlaceholder: 'e.g. 8b4c3f5d2e6a7b9c1d0e4f5a6b7c8d93',
			searchListMethod: 'searchInterviewTemplates',
			description: 'The interview template whose questions the new interview takes',
		}),
		{ displayName: 'Title', name: 'title', type: 'string', required: true, default: '', placeholder: 'e.g. Senior Backend Engineer', description: 'The interview title candidates see, usually the job title' },
		{ displayName: 'Department ID', name: 'department', type: 'string', default: '', description: 'The department (a "company" in Willo) the interview belongs to; empty uses the template\'s' },
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const templateId = willoKey(this, itemIndex, 'templateId', 'Template');
		const title = requiredString(this, itemIndex, 'title', 'Title', 255);
		const department = optionalString(this, itemIndex, 'department', 'Department ID', 64);
		const body: IDataObject = { title };
		if (department !== undefined) body.department = department;
		const { body: interview } = await willoRequest(this, {
			method: 'POST',
			path: keyPath('interview-templates', templateId, 'interviews/'),
			body,
			itemIndex,
		});
		return interview;
	},
};

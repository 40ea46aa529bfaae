import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { hasControlCharacters, idParameter } from '../../shared/validation';

// Lever ids: default stages have slugs (applicant-new), everything else UUIDs.
export const leverId = idParameter({
	noun: 'a Lever ID',
	pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/,
	maxLength: 128,
	expected: 'Expected letters, digits, "-" or "_" (a UUID or a slug such as applicant-new).',
});

export const opportunityIdField: INodeProperties = {
	displayName: 'Opportunity ID',
	name: 'opportunityId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 250d8f03-738a-4bba-a671-8a3d73477145',
	description:
		"The candidate's opportunity (application) in Lever. Lever and iCIMS triggers output it as applicationId.",
};

export const performAsField: INodeProperties = {
	displayName: 'Perform As Name or ID',
	name: 'performAs',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getUsers' },
	default: '',
	description:
		'The Lever user the change is recorded as. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** perform_as goes in the query string on every Lever write. */
export function performAsQuery(context: IExecuteFunctions, itemIndex: number, parameter = 'performAs'): IDataObject {
	const performAs = String(context.getNodeParameter(parameter, itemIndex, '') ?? '').trim();
	return performAs ? { perform_as: leverId(context, itemIndex, parameter, 'Perform As') } : {};
}

/** A list typed as "a, b" or given as an array by an expression, without blanks. */
export function commaList(value: unknown): string[] {
	const raw = Array.isArray(value) ? value.map(String) : String(value ?? '').split(',');
	return raw.map((entry) => entry.trim()).filter((entry) => entry !== '');
}

/** Tags typed as "a, b" or given as an array by an expression. */
export function tagList(context: IExecuteFunctions, itemIndex: number): string[] {
	const tags = commaList(context.getNodeParameter('tags', itemIndex, '') as unknown);
	if (tags.length === 0) {
		throw new NodeOperationError(context.getNode(), 'The field "Tags" is required', {
			itemIndex,
			description: 'Expected one or more tags separated by commas, e.g. "WeCP: passed, Assessed".',
		});
	}
	for (const tag of tags) {
		if (hasControlCharacters(tag)) {
			throw new NodeOperationError(context.getNode(), 'The field "Tags" has a tag with control characters', {
				itemIndex,
				description: 'Expected printable text in every tag.',
			});
		}
		if (tag.length > 200) {
			throw new NodeOperationError(context.getNode(), 'The field "Tags" has a tag that is too long', {
				itemIndex,
				description: 'Expected tags of at most 200 characters each.',
			});
		}
	}
	return tags;
}

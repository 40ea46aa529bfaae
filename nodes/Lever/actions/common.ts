import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { idLocator } from '../../shared/locator';
import type { IdFormat } from '../../shared/validation';
import { hasControlCharacters, idParameter, parameterValue } from '../../shared/validation';

// Lever ids: default stages have slugs (applicant-new), everything else UUIDs.
export const LEVER_ID: IdFormat = {
	noun: 'a Lever ID',
	pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/,
	maxLength: 128,
	expected: 'Expected letters, digits, "-" or "_" (a UUID or a slug such as applicant-new).',
};

export const leverId = idParameter(LEVER_ID);

// The candidate page in Lever is named by the opportunity id (hire.lever.co or hire.eu.lever.co).
export const CANDIDATE_URL = 'https?://hire\\.(?:eu\\.)?lever\\.co/candidates/([A-Za-z0-9][A-Za-z0-9_-]{0,127})';

export const opportunityIdField: INodeProperties = idLocator({
	displayName: 'Opportunity ID',
	name: 'opportunityId',
	format: LEVER_ID,
	idPlaceholder: 'e.g. 250d8f03-738a-4bba-a671-8a3d73477145',
	searchListMethod: 'searchOpportunities',
	url: { regex: CANDIDATE_URL, placeholder: 'e.g. https://hire.lever.co/candidates/250d8f03-738a-4bba-a671-8a3d73477145', noun: 'a Lever candidate link such as https://hire.lever.co/candidates/<ID>' },
	description:
		"The candidate's opportunity (application) in Lever. Lever and iCIMS triggers output it as applicationId.",
});

export const performAsField = (required = false): INodeProperties => idLocator({
	displayName: 'Perform As',
	name: 'performAs',
	format: LEVER_ID,
	idPlaceholder: 'e.g. 1a2b3c4d-0001-4e5f-8a9b-0c1d2e3f4a51',
	searchListMethod: 'searchUsers',
	required,
	description: 'The Lever user the change is recorded as',
});

/** perform_as goes in the query string on every Lever write. */
export function performAsQuery(context: IExecuteFunctions, itemIndex: number, parameter = 'performAs'): IDataObject {
	const performAs = String(parameterValue(context, itemIndex, parameter) ?? '').trim();
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

export const stageField = (description: string, required = true): INodeProperties =>
	idLocator({ displayName: 'Stage', name: 'stageId', format: LEVER_ID, idPlaceholder: 'e.g. applicant-new', searchListMethod: 'searchStages', description, required });

export const postingField = (description: string, required = true): INodeProperties =>
	idLocator({ displayName: 'Posting', name: 'postingId', format: LEVER_ID, idPlaceholder: 'e.g. e1a2b3c4-d5e6-4f70-8a91-b2c3d4e5f601', searchListMethod: 'searchPostings', description, required });

export const userField = (description: string): INodeProperties =>
	idLocator({ displayName: 'User', name: 'userId', format: LEVER_ID, idPlaceholder: 'e.g. 1a2b3c4d-0001-4e5f-8a9b-0c1d2e3f4a51', searchListMethod: 'searchUsers', description });

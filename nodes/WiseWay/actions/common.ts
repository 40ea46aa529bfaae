import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { idLocator } from '../../shared/locator';
import type { IdFormat } from '../../shared/validation';
import { checkedText, idParameter, isHttpUrl } from '../../shared/validation';
import { EVENT_NAMES, WEBHOOK_EVENTS } from '../events';

// Plain ids only: nothing that could leave the path it is put in.
export const WISEWAY_ID: IdFormat = {
	noun: 'a WiseWay ID',
	pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/,
	maxLength: 128,
	expected: 'Expected letters, digits, "-" or "_", as WiseWay lists them.',
};

export const wiseWayId = idParameter(WISEWAY_ID);

export const positionField: INodeProperties = idLocator({
	displayName: 'Position',
	name: 'positionId',
	format: WISEWAY_ID,
	idPlaceholder: 'e.g. 6650a1b2c3d4e5f60718293a',
	searchListMethod: 'searchPositions',
	description: 'The WiseWay position (usually one per job opening)',
});

export const webhookIdField: INodeProperties = idLocator({
	displayName: 'Webhook ID',
	name: 'webhookId',
	format: WISEWAY_ID,
	idPlaceholder: 'e.g. 6650a1b2c3d4e5f607182901',
	searchListMethod: 'searchWebhooks',
	description: "WiseWay's ID of the webhook, as Create or Get Many return it",
});

export const candidateIdField: INodeProperties = idLocator({
	displayName: 'Candidate ID',
	name: 'candidateId',
	format: WISEWAY_ID,
	idPlaceholder: 'e.g. 6650a1b2c3d4e5f607182900',
	searchListMethod: 'searchCandidates',
	description: "WiseWay's ID of the candidate, as Invite, Get Many or the WiseWay Trigger (wiseWayCandidateId) return it",
});

// ---------------------------------------------------------------- positions

const QUESTION_TYPES = [
	{ name: 'Text', value: 'text' },
	{ name: 'Video', value: 'video' },
];

const POSITION_STATUSES = [
	{ name: 'Active', value: 'active' },
	{ name: 'Closed', value: 'closed' },
	{ name: 'Draft', value: 'draft' },
];

/** The fields of a position besides its title, for Create (additional) and Update (what changes). */
export function positionFields(forUpdate: boolean): INodeProperties[] {
	return [
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			description: 'What candidates read about the role',
		},
		{ displayName: 'Language', name: 'language', type: 'string', default: '', placeholder: 'e.g. en', description: 'The language of the interview, as a language code' },
		{
			displayName: 'Questions',
			name: 'questions',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			placeholder: 'Add Question',
			default: {},
			description: forUpdate ? 'Replaces all the questions of the position, in this order' : 'The interview questions, in this order',
			options: [
				{
					displayName: 'Question',
					name: 'question',
					values: [
						{ displayName: 'Text', name: 'text', type: 'string', default: '', description: 'What the candidate is asked' },
						{ displayName: 'Answer Type', name: 'type', type: 'options', options: QUESTION_TYPES, default: 'video' },
					],
				},
			],
		},
		{ displayName: 'Status', name: 'status', type: 'options', options: POSITION_STATUSES, default: 'active' },
		...(forUpdate
			? [{ displayName: 'Title', name: 'title', type: 'string' as const, default: '', description: 'The name of the position' }]
			: []),
	];
}

/** The position's body from the collection the user filled; only what was given goes out. */
export function positionBody(context: IExecuteFunctions, itemIndex: number, fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const [name, label, max] of [
		['title', 'Title', 200],
		['description', 'Description', 20_000],
		['language', 'Language', 20],
	] as const) {
		const value = fields[name];
		if (value !== undefined && value !== '') body[name] = checkedText(context, itemIndex, String(value).trim(), label, max);
	}
	if (fields.status) body.status = String(fields.status);
	const questions = ((fields.questions as IDataObject | undefined)?.question ?? []) as IDataObject[];
	if (questions.length > 0) {
		body.questions = questions.map((question, index) => {
			const text = String(question.text ?? '').trim();
			if (text === '') {
				throw new NodeOperationError(context.getNode(), `The field "Questions" has an empty question (number ${index + 1})`, {
					itemIndex,
					description: 'Expected the text of every question; remove the questions you do not need.',
				});
			}
			return { text: checkedText(context, itemIndex, text, 'Questions', 2000), type: String(question.type ?? 'video'), order: index + 1 };
		});
	}
	return body;
}

// ---------------------------------------------------------------- webhooks

export const eventsField: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	options: WEBHOOK_EVENTS,
	required: true,
	default: ['interview.completed'],
	description: 'What WiseWay calls the URL for',
};

export function webhookEvents(context: IExecuteFunctions, itemIndex: number, value: unknown): string[] {
	const events = (Array.isArray(value) ? value.map(String) : String(value ?? '').split(','))
		.map((event) => event.trim())
		.filter((event) => event !== '');
	const unknown = events.find((event) => !EVENT_NAMES.includes(event));
	if (events.length === 0 || unknown !== undefined) {
		throw new NodeOperationError(context.getNode(), 'The field "Events" needs one or more WiseWay events', {
			itemIndex,
			description: `Expected some of ${EVENT_NAMES.join(', ')}; ${unknown === undefined ? 'it is empty' : `got "${unknown.slice(0, 60)}"`}.`,
		});
	}
	return [...new Set(events)];
}

export function webhookUrl(context: IExecuteFunctions, itemIndex: number, value: unknown): string {
	const text = String(value ?? '').trim();
	if (!isHttpUrl(text)) {
		throw new NodeOperationError(context.getNode(), 'The field "URL" is not an http(s) URL', {
			itemIndex,
			description: `Expected a full URL such as https://n8n.example.com/webhook/…; ${text === '' ? 'it is empty' : `got "${text.slice(0, 60)}"`}.`,
		});
	}
	return checkedText(context, itemIndex, text, 'URL', 2000);
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { doOnce } from '../../../shared/dedup';
import type { Operation } from '../../../shared/router';
import { asNodeError } from '../../../shared/router';
import { requiredString } from '../../../shared/validation';
import { sha256Hex } from '../../../shared/webhook';
import { leverList, leverRequest } from '../../transport';
import { leverId, opportunityIdField, performAsField, performAsQuery } from '../common';

/** A note's text as Lever lists it: the value of its first text field, else its text. */
function noteText(note: IDataObject): string {
	const fields = (Array.isArray(note.fields) ? note.fields : []) as IDataObject[];
	const value = fields.map((field) => field?.value).find((entry) => typeof entry === 'string');
	return String(value ?? note.text ?? note.value ?? '');
}

export const createNote: Operation = {
	selector: { name: 'Create', value: 'create', description: 'Add a note to an opportunity', action: 'Create a note' },
	description: [
		opportunityIdField,
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			typeOptions: { rows: 6 },
			required: true,
			default: '',
			description: 'The note, as plain text; line breaks are kept',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Notify Followers', name: 'notifyFollowers', type: 'boolean', default: false, description: "Whether to notify the opportunity's followers" },
				{
					displayName: 'Once per Opportunity and Text',
					name: 'once',
					type: 'boolean',
					default: true,
					description:
						"Whether a note with the same text on the same opportunity is written only once, however often this runs (a repeated result, a re-run): kept in n8n's deduplication store, and checked against Lever's notes when an answer was lost",
				},
				{
					displayName: 'Score',
					name: 'score',
					type: 'options',
					options: [
						{ name: 'None', value: 0 },
						{ name: '1 - Strong No', value: 1 },
						{ name: '2 - No', value: 2 },
						{ name: '3 - Yes', value: 3 },
						{ name: '4 - Strong Yes', value: 4 },
					],
					default: 0,
					description: "Lever's note score",
				},
				{ displayName: 'Secret', name: 'secret', type: 'boolean', default: false, description: 'Whether only users with access to secret notes can see it' },
			],
		},
		performAsField(),
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const opportunityId = leverId(this, itemIndex, 'opportunityId', 'Opportunity ID');
		const text = requiredString(this, itemIndex, 'text', 'Text');
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body: IDataObject = { value: text };
		if (additional.secret !== undefined) body.secret = additional.secret;
		if (additional.notifyFollowers !== undefined) body.notifyFollowers = additional.notifyFollowers;
		const score = Number(additional.score ?? 0);
		if (score !== 0) {
			if (!Number.isInteger(score) || score < 1 || score > 4) {
				throw new NodeOperationError(this.getNode(), 'The field "Score" must be 1, 2, 3 or 4', { itemIndex });
			}
			body.score = score;
		}
		const write = async () =>
			(
				await leverRequest<{ data: IDataObject }>(this, {
					method: 'POST',
					path: `/opportunities/${encodeURIComponent(opportunityId)}/notes`,
					qs: performAsQuery(this, itemIndex),
					body,
					itemIndex,
				})
			).data;
		if (additional.once === false) return { opportunityId, ...(await write()) };
		const outcome = await doOnce(this, {
			key: `note:${opportunityId}:${sha256Hex(text)}`,
			act: write,
			// Lever lists an opportunity's notes: one with this text is the note already written.
			find: async () => {
				const notes = await leverList(this, `/opportunities/${encodeURIComponent(opportunityId)}/notes`, {}, { returnAll: true, limit: 0, itemIndex });
				return notes.find((note) => noteText(note) === text);
			},
		}).catch((error: unknown) => {
			throw asNodeError(this, error, itemIndex);
		});
		return { opportunityId, ...outcome.record, written: outcome.sent, alreadyWritten: !outcome.sent };
	},
};

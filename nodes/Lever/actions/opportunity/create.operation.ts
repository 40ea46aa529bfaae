import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { doOnce } from '../../../shared/dedup';
import type { Operation } from '../../../shared/router';
import { asNodeError } from '../../../shared/router';
import { checkedText, optionalEmail, optionalString, parameterValue, requiredString } from '../../../shared/validation';
import { leverList, leverRequest } from '../../transport';
import { commaList, leverId, performAsField, postingField, stageField } from '../common';

const ORIGINS = ['agency', 'applied', 'internal', 'referred', 'sourced', 'university'];

/** The key a "Run Once Per Key" value is stored under in n8n's deduplication store. */
export function createKey(key: string): string {
	return `lever:createOpportunity:${key}`;
}

interface CreateInput {
	body: IDataObject;
	email?: string;
	postingId?: string;
}

function listField(context: IExecuteFunctions, itemIndex: number, value: unknown, label: string, maxLength: number): string[] {
	return commaList(value).map((entry) => checkedText(context, itemIndex, entry, label, maxLength));
}

function createInput(context: IExecuteFunctions, itemIndex: number): CreateInput {
	const name = requiredString(context, itemIndex, 'name', 'Name', 500);
	const email = optionalEmail(context, itemIndex, 'email', 'Email');
	const fields = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = { name };
	if (email) body.emails = [email];
	if (fields.phone) body.phones = [{ type: 'mobile', value: checkedText(context, itemIndex, String(fields.phone).trim(), 'Phone', 40) }];
	if (fields.headline) body.headline = checkedText(context, itemIndex, String(fields.headline).trim(), 'Headline', 1000);
	if (fields.location) body.location = checkedText(context, itemIndex, String(fields.location).trim(), 'Location', 500);
	if (fields.origin) {
		if (!ORIGINS.includes(String(fields.origin))) {
			throw new NodeOperationError(context.getNode(), 'The field "Origin" is not one Lever knows', {
				itemIndex,
				description: `Expected one of ${ORIGINS.join(', ')}.`,
			});
		}
		body.origin = fields.origin;
	}
	const sources = listField(context, itemIndex, fields.sources, 'Sources', 200);
	if (sources.length) body.sources = sources;
	const tags = listField(context, itemIndex, fields.tags, 'Tags', 200);
	if (tags.length) body.tags = tags;
	const links = listField(context, itemIndex, fields.links, 'Links', 2000);
	if (links.length) body.links = links;
	let postingId: string | undefined;
	if (parameterValue(context, itemIndex, 'additionalFields.postingId')) {
		postingId = leverId(context, itemIndex, 'additionalFields.postingId', 'Posting');
		// Lever takes a list but applies an opportunity to one posting.
		body.postings = [postingId];
	}
	if (parameterValue(context, itemIndex, 'additionalFields.stageId')) body.stage = leverId(context, itemIndex, 'additionalFields.stageId', 'Stage');
	return { body, email, postingId };
}

/** An active opportunity of the same candidate (e-mail) for the same posting, if Lever has one. */
async function existingOpportunity(context: IExecuteFunctions, input: CreateInput, itemIndex: number): Promise<IDataObject | undefined> {
	if (!input.email) return undefined;
	const qs: IDataObject = { email: input.email, archived: false, expand: ['applications'] };
	if (input.postingId) qs.posting_id = input.postingId;
	const [found] = await leverList(context, '/opportunities', qs, { returnAll: false, limit: 1, itemIndex });
	return found;
}

export const createOpportunity: Operation = {
	selector: { name: 'Create', value: 'create', description: 'Add a candidate to Lever, once per e-mail and posting', action: 'Create an opportunity' },
	description: [
		{ ...performAsField(true), description: 'The Lever user the opportunity is created as (Lever requires one)' },
		{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', placeholder: 'e.g. Jane Doe', description: "The candidate's full name" },
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description: "The candidate's e-mail; Lever links the new opportunity to the existing contact with this e-mail, and the duplicate check looks for it",
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Headline', name: 'headline', type: 'string', default: '', description: 'Short summary shown under the name, e.g. past employers' },
				{ displayName: 'Links', name: 'links', type: 'string', default: '', description: 'Profile links, separated by commas' },
				{ displayName: 'Location', name: 'location', type: 'string', default: '', description: "The candidate's location" },
				{
					displayName: 'Origin',
					name: 'origin',
					type: 'options',
					options: ORIGINS.map((origin) => ({ name: origin.charAt(0).toUpperCase() + origin.slice(1), value: origin })),
					default: 'applied',
					description: 'How the candidate came in, as Lever groups sources',
				},
				{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: 'e.g. +14155550100', description: "The candidate's phone number" },
				postingField('The job posting the candidate applies to', false),
				{ displayName: 'Sources', name: 'sources', type: 'string', default: '', placeholder: 'e.g. Willo', description: 'Sources, separated by commas' },
				stageField("The stage the opportunity starts in (Lever's first stage if empty)", false),
				{ displayName: 'Tags', name: 'tags', type: 'string', default: '', placeholder: 'e.g. Willo screening', description: 'Tags, separated by commas; Lever creates unknown tags' },
			],
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Return Existing Opportunity',
					name: 'returnExisting',
					type: 'boolean',
					default: true,
					description:
						'Whether to look up an active opportunity with the same e-mail (and posting, if set) first and return it instead of creating another (one request)',
				},
				{
					displayName: 'Run Once Per Key',
					name: 'onceKey',
					type: 'string',
					default: '',
					placeholder: 'e.g. {{ $json.willoParticipantKey }}',
					description:
						'A value that identifies what this opportunity is for, e.g. the Willo participant. Once an opportunity was created for a key, later runs with it create nothing (kept in n8n\'s deduplication store).',
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const performAs = leverId(this, itemIndex, 'performAs', 'Perform As');
		const input = createInput(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const onceKey = optionalString(this, itemIndex, 'options.onceKey', 'Run Once Per Key', 500);
		const key = onceKey === undefined ? undefined : createKey(onceKey);
		const returnExisting = options.returnExisting !== false;

		const find = async () => await existingOpportunity(this, input, itemIndex);
		const create = async () =>
			(
				await leverRequest<{ data: IDataObject }>(this, {
					method: 'POST',
					path: '/opportunities',
					qs: { perform_as: performAs },
					body: input.body,
					itemIndex,
				})
			).data;
		const once = onceKey ? { onceKey } : {};
		if (key === undefined) {
			// No key: the look-up by e-mail is the only guard, and a lost answer is not sent again.
			try {
				const existing = returnExisting ? await find() : undefined;
				if (existing) return { ...existing, created: false, alreadyExisted: true };
				return { ...(await create()), created: true, alreadyExisted: false };
			} catch (error) {
				throw asNodeError(this, error, itemIndex);
			}
		}
		const outcome = await doOnce(this, { key, act: create, find, findFirst: returnExisting }).catch((error: unknown) => {
			throw asNodeError(this, error, itemIndex);
		});
		if (outcome.sent) return { ...outcome.record, created: true, alreadyExisted: false, ...once };
		// Created before for this key: hand back that opportunity when Lever still finds it.
		const existing = outcome.record ?? (await find());
		return { ...(existing ?? { name: input.body.name, emails: input.body.emails ?? [] }), created: false, alreadyExisted: true, ...once };
	},
};

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { checkedText, optionalString, requiredString } from '../../../shared/validation';
import { interviewIdOf, wecpRequest } from '../../transport';
import { actingUser, actingUserField, wecpIdField } from '../common';

/** WeCP's scorecard question kinds, as its createInterview call names them. */
const QUESTION_TYPES = ['star', 'objective', 'text'];
const MAX_QUESTIONS = 50;

interface ScorecardEntry {
	question?: string;
	type?: string;
	required?: boolean;
	choices?: string;
}

export const createInterview: Operation = {
	selector: { name: 'Create', value: 'create', description: 'Create a live interview with a scorecard', action: 'Create a live interview' },
	description: [
		{
			displayName: 'Interview Name',
			name: 'interviewName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Backend Engineer: technical interview',
			description: 'What candidates and interviewers see the live interview called',
		},
		{
			displayName: 'Record Interview',
			name: 'recordInterview',
			type: 'boolean',
			default: true,
			description: 'Whether WeCP records the video call for later review',
		},
		{
			displayName: 'Scorecard Questions',
			name: 'scorecard',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			placeholder: 'Add Question',
			default: {},
			description: 'What interviewers rate or answer after the interview',
			options: [
				{
					displayName: 'Question',
					name: 'questions',
					values: [
						{ displayName: 'Question', name: 'question', type: 'string', default: '', description: 'The question, e.g. Technical skills and domain knowledge' },
						{
							displayName: 'Type',
							name: 'type',
							type: 'options',
							options: [
								{ name: 'Star Rating', value: 'star' },
								{ name: 'Choice', value: 'objective', description: 'One of the choices below, e.g. Selected, Rejected, On Hold' },
								{ name: 'Text', value: 'text' },
							],
							default: 'star',
						},
						{ displayName: 'Required', name: 'required', type: 'boolean', default: true, description: 'Whether the interviewer must answer it' },
						{
							displayName: 'Choices',
							name: 'choices',
							type: 'string',
							default: '',
							placeholder: 'Selected, Rejected, On Hold',
							description: 'Comma-separated; only for the Choice type (at least two)',
						},
					],
				},
			],
		},
		actingUserField,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				wecpIdField('Group ID', 'groupId', 'e.g. group-1', 'The WeCP group (folder) to create the interview in; empty uses the account default', false),
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const interviewName = requiredString(this, itemIndex, 'interviewName', 'Interview Name', 200);
		const recordInterview = this.getNodeParameter('recordInterview', itemIndex, true) as boolean;
		const entries = ((this.getNodeParameter('scorecard', itemIndex, {}) as IDataObject).questions ?? []) as ScorecardEntry[];
		const fail = (message: string, description: string): never => {
			throw new NodeOperationError(this.getNode(), message, { itemIndex, description });
		};
		if (entries.length > MAX_QUESTIONS) {
			fail('The field "Scorecard Questions" has too many questions', `Expected at most ${MAX_QUESTIONS}; got ${entries.length}.`);
		}
		const scorecard = entries.map((entry, index) => {
			const label = `Scorecard Questions → Question ${index + 1}`;
			const question = checkedText(this, itemIndex, String(entry.question ?? '').trim(), label, 500);
			if (question === '') fail(`The field "${label}" is empty`, 'Expected the question text, e.g. "Communication skills".');
			const type = entry.type ?? 'star';
			if (!QUESTION_TYPES.includes(type)) fail(`The field "${label} → Type" is not known`, `Expected one of ${QUESTION_TYPES.join(', ')}; got "${type}".`);
			const row: IDataObject = { question, required: entry.required !== false, type_of_question: type };
			if (type === 'objective') {
				const choices = String(entry.choices ?? '')
					.split(',')
					.map((choice) => choice.trim())
					.filter((choice) => choice !== '');
				if (choices.length < 2) fail(`The field "${label} → Choices" needs at least two choices`, 'Expected comma-separated choices such as "Selected, Rejected, On Hold".');
				row.option = choices.map((choice) => checkedText(this, itemIndex, choice, `${label} → Choices`, 200));
			}
			return row;
		});
		const body: IDataObject = { interviewName, recordInterview, scorecard };
		const groupId = optionalString(this, itemIndex, 'options.groupId', 'Group ID', 128);
		if (groupId) body.groupId = groupId;

		const { body: created } = await wecpRequest<IDataObject>(this, {
			method: 'POST',
			path: '/ats/wecp/createInterview',
			body,
			actingUserEmail: actingUser(this, itemIndex),
			itemIndex,
		});
		const answer = created && typeof created === 'object' && !Array.isArray(created) ? created : { response: created as unknown as IDataObject };
		return { ...answer, interviewId: interviewIdOf(answer), interviewName, recordInterview, scorecard };
	},
};

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { inviteKey } from '../../../shared/dedup';
import { checkExistingOption, checksExisting, inviteOnce } from '../../../shared/invite';
import type { Operation } from '../../../shared/router';
import { willoList, willoRequest } from '../../transport';
import type { ParticipantInput } from '../common';
import { invalidPhoneOption, participantFields, participantInput } from '../common';

/** A participant of the interview already standing for this application or e-mail. */
async function existingParticipant(
	context: IExecuteFunctions,
	input: ParticipantInput,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const participants = await willoList(context, '/participants/', { interview: input.interviewId }, { returnAll: true, limit: 0, itemIndex });
	const email = typeof input.body.email === 'string' ? input.body.email.toLowerCase() : undefined;
	return participants.find((participant) => {
		const metadata = (participant.metadata ?? {}) as IDataObject;
		if (input.atsApplicationId !== undefined) {
			if (metadata.ats_application_id === input.atsApplicationId || participant.external_id === input.atsApplicationId) return true;
		}
		return email !== undefined && typeof participant.email === 'string' && participant.email.toLowerCase() === email;
	});
}

export const inviteParticipant: Operation = {
	selector: { name: 'Invite', value: 'invite', description: 'Invite a candidate to an interview, once per ATS application', action: 'Invite a candidate to an interview' },
	description: [
		...participantFields,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				// On by default since the first release: workflows saved with it keep it.
				{ ...checkExistingOption("the interview's participants (one request per 30)"), displayName: 'Check Existing Participants', default: true },
				invalidPhoneOption,
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const input = participantInput(this, itemIndex);
		const key = inviteKey('willo', input.interviewId, input.subject);
		const context: IDataObject = { interviewId: input.interviewId, idempotencyKey: key };
		if (input.phoneLeftOut) context.phoneLeftOut = input.phoneLeftOut;
		return await inviteOnce(
			this,
			itemIndex,
			{
				key,
				findFirst: checksExisting(this, itemIndex, true),
				find: async () => await existingParticipant(this, input, itemIndex),
				act: async () => (await willoRequest(this, { method: 'POST', path: '/participants/', body: input.body, itemIndex })).body,
			},
			context,
			undefined,
			input.body,
		);
	},
};

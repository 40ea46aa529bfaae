import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { claimOnce, inviteKey, releaseClaim } from '../../../shared/dedup';
import type { Operation } from '../../../shared/router';
import { asNodeError } from '../../../shared/router';
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
				{
					displayName: 'Check Existing Participants',
					name: 'checkExisting',
					type: 'boolean',
					default: true,
					description:
						'Whether to look through the interview\'s participants first and return the one with the same ATS application ID or e-mail instead of inviting again (one request per 30 participants)',
				},
				invalidPhoneOption,
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const input = participantInput(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const key = inviteKey('willo', input.interviewId, input.subject);
		const context: IDataObject = { interviewId: input.interviewId, idempotencyKey: key };
		if (input.phoneLeftOut) context.phoneLeftOut = input.phoneLeftOut;
		if (!(await claimOnce(this, key))) {
			return { status: 'already_invited', alreadyInvited: true, sent: false, ...input.body, ...context };
		}
		try {
			if (options.checkExisting !== false) {
				const existing = await existingParticipant(this, input, itemIndex);
				if (existing) return { ...existing, alreadyInvited: true, sent: false, ...context };
			}
			const { body } = await willoRequest(this, { method: 'POST', path: '/participants/', body: input.body, itemIndex });
			return { ...body, alreadyInvited: false, sent: true, ...context };
		} catch (error) {
			// The invite did not happen: let a later run try again.
			await releaseClaim(this, key);
			throw asNodeError(this, error, itemIndex);
		}
	},
};

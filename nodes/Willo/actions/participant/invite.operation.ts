import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { inviteKey } from '../../../shared/dedup';
import { checkExistingOption, checksExisting, inviteOnce } from '../../../shared/invite';
import type { Operation } from '../../../shared/router';
import type { PreviousInvite } from '../../../shared/previousInvites';
import { isoDate, lookupOnce, previousInvitesFor, previousInvitesOption, sameEmail } from '../../../shared/previousInvites';
import { willoList, willoRequest } from '../../transport';
import type { ParticipantInput } from '../common';
import { invalidPhoneOption, participantFields, participantInput } from '../common';

/** A participant of the interview already standing for this application or e-mail. */
function existingParticipant(participants: IDataObject[], input: ParticipantInput): IDataObject | undefined {
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
				previousInvitesOption("in this interview: Willo lists participants per interview; a Resend is a participant of its own"),
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const input = participantInput(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const key = inviteKey('willo', input.interviewId, input.subject);
		const context: IDataObject = { interviewId: input.interviewId, idempotencyKey: key };
		if (input.phoneLeftOut) context.phoneLeftOut = input.phoneLeftOut;
		// The interview's participants, listed once for both the existing-participant check and previousInvites.
		const listParticipants = async () => await willoList(this, '/participants/', { interview: input.interviewId }, { returnAll: true, limit: 0, itemIndex });
		const participants = lookupOnce(listParticipants);
		const email = typeof input.body.email === 'string' ? input.body.email : undefined;
		const previous = lookupOnce<PreviousInvite[]>(async () =>
			email === undefined ? [] : (await participants()).filter((participant) => sameEmail(participant.email, email)).map(asPreviousInvite),
		);
		const invite = await inviteOnce(
			this,
			itemIndex,
			{
				key,
				findFirst: checksExisting(this, itemIndex, true),
				// Only the first look-up may use the shared list: a later one (after a lost answer) must
				// read Willo again, or a participant Willo stored stays unseen and is invited twice.
				find: async () => existingParticipant(participants.made ? await listParticipants() : await participants(), input),
				act: async () => (await willoRequest(this, { method: 'POST', path: '/participants/', body: input.body, itemIndex })).body,
			},
			context,
			undefined,
			input.body,
		);
		const previousInvites = await previousInvitesFor(
			options.includePreviousInvites === true || participants.made,
			previous,
			invite.sent === true ? (invite.key as string | undefined) : undefined,
		);
		return previousInvites === undefined ? invite : { ...invite, previousInvites };
	},
};

function asPreviousInvite(participant: IDataObject): PreviousInvite {
	const completedAt = isoDate(participant.completed_at);
	return {
		assessmentId: String(participant.interview ?? ''),
		assessmentName: null,
		status: completedAt ? 'completed' : String(participant.status ?? 'invited'),
		invitedAt: isoDate(participant.created_at),
		completedAt,
		inviteId: participant.key === undefined ? null : String(participant.key),
	};
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { checkExistingOption, checksExisting, inviteOnce } from '../../../shared/invite';
import { serviceMessage } from '../../../shared/http';
import type { Operation } from '../../../shared/router';
import { candidatesPath, wiseWayRequest } from '../../transport';
import { isoDate, lookupOnce, previousInvitesFor, previousInvitesOption } from '../../../shared/previousInvites';
import type { PreviousInvite } from '../../../shared/previousInvites';
import { candidateFields, candidateInput, candidateWithEmail, findCandidate, positionCandidates } from './fields';

export const inviteCandidate: Operation = {
	selector: { name: 'Invite', value: 'invite', description: 'Invite a candidate to a position, once per ATS application; returns the interview link', action: 'Invite a candidate to a position' },
	description: [
		{
			displayName:
				'A position without invitation messages sends no e-mail: share the interviewLink of the output with the candidate then',
			name: 'linkNotice',
			type: 'notice',
			default: '',
		},
		...candidateFields,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				checkExistingOption("the position's candidates (one request per 100)"),
				previousInvitesOption("in this position: WiseWay lists candidates per position, one request per 100"),
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const input = candidateInput(this, itemIndex);
		const context: IDataObject = { positionId: input.positionId, idempotencyKey: input.idempotencyKey };
		let wiseWayMessage: string | null = null;
		const find = async () => await findCandidate(this, input.positionId, input.email, itemIndex);
		// Listed once before inviting: the existing-invite check, and previousInvites at no cost.
		const listed = lookupOnce(async () => await positionCandidates(this, input.positionId, itemIndex));
		const previous = lookupOnce<PreviousInvite[]>(async () =>
			(await listed())
				.filter((candidate) => candidateWithEmail([candidate], input.email) !== undefined)
				.map((candidate) => asPreviousInvite(candidate, input.positionId)),
		);
		const answer = await inviteOnce(
			this,
			itemIndex,
			{
				key: input.idempotencyKey,
				findFirst: checksExisting(this, itemIndex),
				find: async () => (listed.made ? await find() : candidateWithEmail(await listed(), input.email)),
				act: async () => {
					const { statusCode, body } = await wiseWayRequest(this, {
						method: 'POST',
						path: candidatesPath(input.positionId),
						body: input.body,
						itemIndex,
						acceptStatuses: [409],
					});
					if (statusCode !== 409) return body;
					// WiseWay refuses a second invite of the same e-mail: the candidate it has is the answer.
					wiseWayMessage = serviceMessage(body) ?? null;
					return { ...((await find()) ?? { status: 'already_invited', ...input.body }), duplicate: true };
				},
			},
			context,
			(record) => record.duplicate === true,
			input.body,
		);
		delete answer.duplicate;
		const wanted = (this.getNodeParameter('options', itemIndex, {}) as IDataObject).includePreviousInvites === true;
		// A list read after this run's invite holds it: that one is not a previous invite.
		const justSent = answer.sent === true && answer.id !== undefined ? String(answer.id) : null;
		const previousInvites = await previousInvitesFor(wanted || listed.made, previous, justSent);
		if (previousInvites !== undefined) answer.previousInvites = previousInvites;
		return wiseWayMessage === null ? answer : { ...answer, wiseWayMessage };
	},
};

function asPreviousInvite(candidate: IDataObject, positionId: string): PreviousInvite {
	return {
		assessmentId: String(candidate.positionId ?? positionId),
		assessmentName: null,
		status: String(candidate.status ?? 'invited'),
		invitedAt: isoDate(candidate.invitedAt),
		completedAt: isoDate(candidate.completedAt),
		inviteId: candidate.id === undefined ? null : String(candidate.id),
	};
}

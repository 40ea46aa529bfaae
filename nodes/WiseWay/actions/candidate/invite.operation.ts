import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { inviteOnce } from '../../../shared/invite';
import { serviceMessage } from '../../../shared/http';
import type { Operation } from '../../../shared/router';
import { forOperation } from '../../../shared/router';
import { candidatesPath, wiseWayRequest } from '../../transport';
import { isoDate, lookupOnce } from '../../../shared/previousInvites';
import type { PreviousInvite } from '../../../shared/previousInvites';
import { candidateFields, candidateInput, candidateWithEmail, findCandidate, positionCandidates } from './fields';

export const inviteCandidate: Operation = {
	description: forOperation('candidate', 'invite', [
		{
			displayName:
				'A position without invitation messages sends no e-mail: share the interviewLink of the output with the candidate then',
			name: 'linkNotice',
			type: 'notice',
			default: '',
		},
		...candidateFields,
	]),
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const input = candidateInput(this, itemIndex);
		const context: IDataObject = { positionId: input.positionId, idempotencyKey: input.idempotencyKey };
		let wiseWayMessage: string | null = null;
		const find = async () => await findCandidate(this, input.positionId, input.email, itemIndex);
		// Listed once before inviting: the existing-invite check, and previousInvites at no cost.
		const listed = lookupOnce(async () => await positionCandidates(this, input.positionId, itemIndex));
		const answer = await inviteOnce(
			this,
			itemIndex,
			{
				key: input.idempotencyKey,
				findFirst: true,
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
		);
		delete answer.duplicate;
		if (listed.made) {
			answer.previousInvites = (await listed())
				.filter((candidate) => candidateWithEmail([candidate], input.email) !== undefined)
				.map((candidate) => asPreviousInvite(candidate, input.positionId));
		}
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

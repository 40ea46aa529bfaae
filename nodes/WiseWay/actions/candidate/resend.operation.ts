import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { claimOnce } from '../../../shared/dedup';
import type { Operation } from '../../../shared/router';
import { maxResendsField, withResendLimit } from '../../../shared/resendLimit';
import { candidatesPath, wiseWayRequest } from '../../transport';
import { candidateFields, candidateInput, findCandidate } from './fields';

export const resendInvite: Operation = {
	selector: { name: 'Resend', value: 'resend', description: 'Invite a candidate who has not started again, with a new link', action: 'Resend an interview invitation' },
	description: [
		{
			displayName:
				'WiseWay has no resend call and takes an e-mail once per position: this removes the candidate who has not started yet and invites them again, with a new link',
			name: 'resendNotice',
			type: 'notice',
			default: '',
		},
		...candidateFields,
		maxResendsField('candidate and position'),
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const input = candidateInput(this, itemIndex);
		const maxResends = this.getNodeParameter('maxResends', itemIndex, 0) as number;
		return await withResendLimit<IDataObject>(
			this,
			`wiseWay:${input.positionId}:${input.email.toLowerCase()}`,
			maxResends,
			async (number) => {
				const existing = await findCandidate(this, input.positionId, input.email, itemIndex);
				if (existing) {
					const status = String(existing.status ?? '');
					if (status === 'started' || status === 'completed') {
						throw new NodeOperationError(this.getNode(), `The candidate "${input.email}" has already ${status} the interview`, {
							itemIndex,
							description: 'Resending would remove their answers. Expected a candidate who is created or invited, or none.',
						});
					}
					await wiseWayRequest(this, { method: 'DELETE', path: candidatesPath(input.positionId, String(existing.id)), itemIndex, acceptStatuses: [404] });
				}
				const { body } = await wiseWayRequest(this, { method: 'POST', path: candidatesPath(input.positionId), body: input.body, itemIndex });
				// Recorded, so a later Invite for the same application sends nothing more.
				await claimOnce(this, input.idempotencyKey);
				return {
					...body,
					resent: true,
					resendNumber: number,
					sent: true,
					replacedCandidateId: existing ? String(existing.id) : null,
					positionId: input.positionId,
					idempotencyKey: input.idempotencyKey,
				};
			},
			// Every allowed resend was sent: nothing is sent again.
			() => ({ resent: false, limitReached: true, maxResends, positionId: input.positionId, email: input.email, idempotencyKey: input.idempotencyKey }),
		);
	},
};

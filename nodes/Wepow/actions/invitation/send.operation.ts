import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { claimOnce, inviteKey, releaseClaim } from '../../../shared/dedup';
import type { Operation } from '../../../shared/router';
import { asNodeError } from '../../../shared/router';
import { wepowApi, wepowRequest } from '../../transport';
import { candidateFields, candidateOf, positionIdField, wepowId } from '../common';
import type { Invitation } from './answer';
import { invitationAnswer } from './answer';

export function readInvitation(context: IExecuteFunctions, itemIndex: number): Invitation {
	const positionId = wepowId(context, itemIndex, 'positionId', 'Position');
	const candidate = candidateOf(context, itemIndex);
	return { itemIndex, positionId, candidate, key: inviteKey('wepow', positionId, String(candidate.external_id)) };
}

export const sendInvitation: Operation = {
	selector: { name: 'Send', value: 'send', description: 'Invite a candidate to a position, once per ATS application', action: 'Send an invitation' },
	description: [positionIdField, ...candidateFields],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const invitation = readInvitation(this, itemIndex);
		if (!(await claimOnce(this, invitation.key))) return invitationAnswer(invitation, undefined, true);
		try {
			const api = await wepowApi(this, itemIndex);
			const { statusCode, body } = await wepowRequest(this, {
				method: 'POST',
				url: `${api.href('wepow:interview', { id: invitation.positionId })}/applications`,
				body: { candidate: invitation.candidate },
				itemIndex,
			});
			// Wepow never sends an invitation twice: a repeat answers 200 with the application it has.
			return invitationAnswer(invitation, body, statusCode === 200);
		} catch (error) {
			// The invitation did not go out: let a later run try again.
			await releaseClaim(this, invitation.key);
			throw asNodeError(this, error, itemIndex);
		}
	},
};

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { claimOnce, releaseClaim } from '../../../shared/dedup';
import { serviceMessage } from '../../../shared/http';
import type { Operation } from '../../../shared/router';
import { asNodeError } from '../../../shared/router';
import { candidatesPath, wiseWayRequest } from '../../transport';
import { candidateFields, candidateInput, findCandidate } from './fields';

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
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const input = candidateInput(this, itemIndex);
		const context: IDataObject = { positionId: input.positionId, idempotencyKey: input.idempotencyKey };
		if (!(await claimOnce(this, input.idempotencyKey))) {
			return { status: 'already_invited', alreadyInvited: true, sent: false, ...input.body, ...context };
		}
		try {
			const { statusCode, body } = await wiseWayRequest(this, {
				method: 'POST',
				path: candidatesPath(input.positionId),
				body: input.body,
				itemIndex,
				acceptStatuses: [409],
			});
			if (statusCode !== 409) return { ...body, alreadyInvited: false, sent: true, ...context };
			// WiseWay refuses a second invite of the same e-mail: the candidate it has is the answer.
			const existing = await findCandidate(this, input.positionId, input.email, itemIndex);
			return {
				...(existing ?? { status: 'already_invited', ...input.body }),
				alreadyInvited: true,
				sent: false,
				wiseWayMessage: serviceMessage(body) ?? null,
				...context,
			};
		} catch (error) {
			// The invite did not happen: let a later run try again.
			await releaseClaim(this, input.idempotencyKey);
			throw asNodeError(this, error, itemIndex);
		}
	},
};

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { claimOnce, inviteKey } from '../../../shared/dedup';
import type { Operation } from '../../../shared/router';
import { willoRequest } from '../../transport';
import { invalidPhoneOption, participantFields, participantInput } from '../common';

export const resendInvite: Operation = {
	selector: { name: 'Resend', value: 'resend', description: 'Invite a candidate again, even if invited before', action: 'Resend an interview invitation' },
	description: [
		{
			displayName: 'Willo has no resend call: this invites the candidate again as a new participant, whatever was sent before',
			name: 'resendNotice',
			type: 'notice',
			default: '',
		},
		...participantFields,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [invalidPhoneOption],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const input = participantInput(this, itemIndex);
		const key = inviteKey('willo', input.interviewId, input.subject);
		const { body } = await willoRequest(this, { method: 'POST', path: '/participants/', body: input.body, itemIndex });
		// Recorded, so a later Invite for the same application sends nothing more.
		await claimOnce(this, key);
		const output: IDataObject = { ...body, resent: true, sent: true, interviewId: input.interviewId, idempotencyKey: key };
		if (input.phoneLeftOut) output.phoneLeftOut = input.phoneLeftOut;
		return output;
	},
};

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { doOnce, inviteKey } from '../../../shared/dedup';
import { checkExistingOption, checksExisting } from '../../../shared/invite';
import type { Operation } from '../../../shared/router';
import { asNodeError } from '../../../shared/router';
import type { WepowApi } from '../../transport';
import { wepowApi, wepowRequest } from '../../transport';
import { lookupOnce, previousInvitesFor, previousInvitesOption } from '../../../shared/previousInvites';
import { applicationFor, findApplication, positionApplications, previousApplications } from './find';
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
	description: [
		positionIdField,
		...candidateFields,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				checkExistingOption("the position's applications (one request per 100)"),
				previousInvitesOption("in this position: Wepow lists applications per position, one request per 100"),
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const invitation = readInvitation(this, itemIndex);
		let api: WepowApi | undefined;
		// Listed once before sending: the existing-invitation check, and previousInvites at no cost.
		const listed = lookupOnce(async () => await positionApplications(this, (api ??= await wepowApi(this, itemIndex)), invitation.positionId, itemIndex));
		const outcome = await doOnce(this, {
			key: invitation.key,
			findFirst: checksExisting(this, itemIndex),
			// Later look-ups (after a lost answer) must read Wepow again, not the list from before.
			find: async () =>
				listed.made ? await findApplication(this, (api ??= await wepowApi(this, itemIndex)), invitation) : applicationFor(await listed(), invitation),
			act: async () => {
				api ??= await wepowApi(this, itemIndex);
				const { statusCode, body } = await wepowRequest(this, {
					method: 'POST',
					url: `${api.href('wepow:interview', { id: invitation.positionId })}/applications`,
					body: { candidate: invitation.candidate },
					itemIndex,
				});
				// Wepow never sends an invitation twice: a repeat answers 200 with the application it has.
				return { ...body, duplicate: statusCode === 200 };
			},
		}).catch((error: unknown) => {
			throw asNodeError(this, error, itemIndex);
		});
		const application = outcome.record;
		const repeat = !outcome.sent || application?.duplicate === true;
		if (application) delete application.duplicate;
		const answer = invitationAnswer(invitation, application, repeat);
		const wanted = (this.getNodeParameter('options', itemIndex, {}) as IDataObject).includePreviousInvites === true;
		// A list read after this run's invitation holds it: that one is not a previous invite.
		const justSent = answer.sent === true && typeof answer.applicationId === 'string' ? answer.applicationId : null;
		const previousInvites = await previousInvitesFor(wanted || listed.made, lookupOnce(async () => previousApplications(await listed(), invitation)), justSent);
		return previousInvites === undefined ? answer : { ...answer, previousInvites };
	},
};

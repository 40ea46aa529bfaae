import type { IDataObject } from 'n8n-workflow';
import { applicationSummary } from '../../result';

/** One invitation as the node asked for it. */
export interface Invitation {
	itemIndex: number;
	positionId: string;
	/** In Wepow's words: email, first_name, last_name, external_id (the ATS application id). */
	candidate: IDataObject;
	/** The idempotency key: (Wepow, position, ATS application). */
	key: string;
}

/**
 * What Send and Send in Bulk output per item. Without an application, nothing was sent: the
 * key was claimed by an earlier run.
 */
export function invitationAnswer(invitation: Invitation, application: IDataObject | undefined, alreadyInvited: boolean): IDataObject {
	return {
		...(application ? applicationSummary(application) : {}),
		alreadyInvited,
		sent: application !== undefined && !alreadyInvited,
		positionId: invitation.positionId,
		email: invitation.candidate.email,
		atsApplicationId: invitation.candidate.external_id,
		idempotencyKey: invitation.key,
	};
}

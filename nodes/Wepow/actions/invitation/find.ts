import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { embeddedOne } from '../../hal';
import type { WepowApi } from '../../transport';
import { wepowList } from '../../transport';
import type { PreviousInvite } from '../../../shared/previousInvites';
import { isoDate, sameEmail } from '../../../shared/previousInvites';
import type { Invitation } from './answer';

/** Every application of a position (what Wepow has already sent for it). */
export async function positionApplications(context: IExecuteFunctions, api: WepowApi, positionId: string, itemIndex: number): Promise<IDataObject[]> {
	return await wepowList(context, `${api.href('wepow:interview', { id: positionId })}/applications`, 'wepow:application', {}, {
		returnAll: true,
		limit: 0,
		itemIndex,
	});
}

/** The application for this invitation among them: same ATS application (external id), or same e-mail. */
export function applicationFor(applications: IDataObject[], invitation: Invitation): IDataObject | undefined {
	const email = String(invitation.candidate.email).toLowerCase();
	return applications.find(
		(application) =>
			String(application.external_id ?? '') === String(invitation.candidate.external_id) ||
			String(embeddedOne(application, 'wepow:candidate')?.email ?? '').toLowerCase() === email,
	);
}

/** The application Wepow already has for this invitation; undefined when there is none. */
export async function findApplication(context: IExecuteFunctions, api: WepowApi, invitation: Invitation): Promise<IDataObject | undefined> {
	return applicationFor(await positionApplications(context, api, invitation.positionId, invitation.itemIndex), invitation);
}

/** This candidate's applications among them, as previous invites (Wepow's own status words). */
export function previousApplications(applications: IDataObject[], invitation: Invitation): PreviousInvite[] {
	const email = String(invitation.candidate.email);
	return applications
		.filter((application) => sameEmail(embeddedOne(application, 'wepow:candidate')?.email, email))
		.map((application) => ({
			assessmentId: invitation.positionId,
			assessmentName: (embeddedOne(application, 'wepow:interview')?.name as string | undefined) ?? null,
			status: String(application.status ?? 'sent'),
			invitedAt: isoDate(application.date_sent),
			completedAt: isoDate(application.date_completed),
			inviteId: application.id === undefined ? null : String(application.id),
		}));
}

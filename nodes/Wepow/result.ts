import type { IDataObject } from 'n8n-workflow';
import type { AssessmentStatus } from '../shared/model';
import { assessmentResult, stringOrNull, toIsoDate, toNumber } from '../shared/model';
import { embeddedOne, linkHref } from './hal';

/** Wepow's application statuses, in the order a candidate goes through them. */
export const APPLICATION_STATUSES = ['new', 'sent', 'delivered', 'opened', 'started', 'in_progress', 'completed', 'expired'];

const NORMALISED: Record<string, AssessmentStatus> = {
	new: 'invited',
	sent: 'invited',
	delivered: 'invited',
	opened: 'invited',
	started: 'started',
	in_progress: 'started',
	completed: 'completed',
	expired: 'expired',
};

export function normalisedStatus(status: unknown): AssessmentStatus {
	return NORMALISED[String(status)] ?? 'invited';
}

/** The id at the end of a link, e.g. the position an application belongs to. */
function idFromHref(href: string | undefined): string | null {
	const match = href ? /\/([^/?#]+)\/?(?:[?#].*)?$/.exec(href) : null;
	return match ? decodeURIComponent(match[1]) : null;
}

/** An application in the user's words: status, evaluation, dates, both review links. */
export function applicationSummary(application: IDataObject): IDataObject {
	const candidate = embeddedOne(application, 'wepow:candidate') ?? {};
	const position = embeddedOne(application, 'wepow:interview') ?? {};
	return {
		applicationId: stringOrNull(application.id),
		status: stringOrNull(application.status),
		evaluationStatus: stringOrNull(application.evaluation_status),
		dateSent: toIsoDate(application.date_sent),
		dateCompleted: toIsoDate(application.date_completed),
		dateUpdated: toIsoDate(application.date_updated),
		atsApplicationId: stringOrNull(application.external_id),
		positionId: stringOrNull(position.id) ?? idFromHref(linkHref(application, 'wepow:interview')),
		positionName: stringOrNull(position.name),
		atsJobId: stringOrNull(position.external_id),
		candidate: {
			email: stringOrNull(candidate.email),
			firstName: stringOrNull(candidate.first_name),
			lastName: stringOrNull(candidate.last_name),
		},
		// "standard" needs a Wepow login; "iframe" is the single-use link for recruiters without one.
		reviewUrl: linkHref(application, 'wepow:application:response', 'standard') ?? null,
		limitedAccessUrl: linkHref(application, 'wepow:application:response', 'iframe') ?? null,
		previousInterviewsCount: toNumber(application.previous_interviews_count),
	};
}

/** An application as the normalised assessment result, with Wepow's own fields beside it. */
export function wepowResult(application: IDataObject, event: string, raw: IDataObject): IDataObject {
	const summary = applicationSummary(application);
	const candidate = summary.candidate as IDataObject;
	const status = normalisedStatus(application.status);
	const name = [candidate.firstName, candidate.lastName].filter(Boolean).join(' ');
	const result = assessmentResult({
		vendor: 'wepow',
		event,
		status,
		candidate: { email: candidate.email as string | null, name: name === '' ? null : name },
		// The invite sent the ATS application id as Wepow's external id; Wepow has no field for more.
		ats: { candidateId: null, applicationId: summary.atsApplicationId as string | null },
		assessment: { id: summary.positionId as string | null, name: summary.positionName as string | null },
		reportUrl: summary.reviewUrl as string | null,
		completedAt: status === 'completed' ? (summary.dateCompleted as string | null) : null,
		raw,
	});
	return {
		...result,
		limitedAccessUrl: summary.limitedAccessUrl,
		wepowApplicationId: summary.applicationId,
		wepowStatus: summary.status,
		evaluationStatus: summary.evaluationStatus,
		dateSent: summary.dateSent,
		dateUpdated: summary.dateUpdated,
		previousInterviewsCount: summary.previousInterviewsCount,
		atsJobId: summary.atsJobId,
	};
}

import type { IDataObject } from 'n8n-workflow';
import type { AssessmentResult, AssessmentStatus } from '../shared/model';
import { assessmentResult, stringOrNull, toIsoDate, toNumber } from '../shared/model';

/** The ATS ids an invite stores with the WiseWay candidate, as its metadata. */
export function atsMetadata(candidateId: string | undefined, applicationId: string | undefined): IDataObject {
	return { atsCandidateId: candidateId ?? null, atsApplicationId: applicationId ?? null };
}

const STATUS_OF_EVENT: Record<string, AssessmentStatus> = {
	'interview.completed': 'completed',
	'interview.started': 'started',
	'candidate.invited': 'invited',
	'candidate.created': 'invited',
};

/** WiseWay's candidate status (created|invited|started|completed) in the normalised words. */
export function candidateStatus(candidate: IDataObject): AssessmentStatus {
	const stated = String(candidate.status ?? '').toLowerCase();
	if (stated === 'completed' || stated === 'started' || stated === 'expired') return stated;
	return 'invited';
}

export function statusOfEvent(event: string): AssessmentStatus | undefined {
	return STATUS_OF_EVENT[event];
}

/**
 * A WiseWay candidate (from a delivery or a list) as the normalised assessment result; the ATS
 * ids come back from the metadata the invite stored. WiseWay's API serves no answers or videos,
 * so responses stay empty and the rating is the score.
 */
export function wiseWayResult(
	candidate: IDataObject,
	position: IDataObject,
	context: { event: string; status?: AssessmentStatus },
	raw: IDataObject,
): AssessmentResult {
	const metadata = (candidate.metadata ?? {}) as IDataObject;
	const status = context.status ?? candidateStatus(candidate);
	return assessmentResult({
		vendor: 'wiseWay',
		event: context.event,
		status,
		candidate: { email: stringOrNull(candidate.email), name: stringOrNull(candidate.name) },
		ats: {
			candidateId: stringOrNull(metadata.atsCandidateId ?? metadata.candidateId),
			applicationId: stringOrNull(metadata.atsApplicationId ?? metadata.applicationId),
		},
		assessment: {
			id: stringOrNull(position.id ?? candidate.positionId),
			name: stringOrNull(position.title),
		},
		score: toNumber(candidate.rating),
		completedAt: status === 'completed' ? toIsoDate(candidate.completedAt ?? raw.timestamp) : null,
		raw,
	});
}

/** What a WiseWay output adds to the normalised result: its own ids and the interview link. */
export function wiseWayExtras(candidate: IDataObject): IDataObject {
	return {
		wiseWayCandidateId: stringOrNull(candidate.id),
		interviewLink: stringOrNull(candidate.interviewLink),
		candidateStatus: stringOrNull(candidate.status),
		phone: stringOrNull(candidate.phone),
		rating: toNumber(candidate.rating),
		invitedAt: toIsoDate(candidate.invitedAt),
		startedAt: toIsoDate(candidate.startedAt),
	};
}

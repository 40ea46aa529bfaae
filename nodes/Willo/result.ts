import type { IDataObject } from 'n8n-workflow';
import type { AssessmentResponse, AssessmentResult, AssessmentStatus } from '../shared/model';
import { assessmentResult, stringOrNull, toIsoDate, toNumber } from '../shared/model';

/** The ATS ids an invite stores with the participant, in Willo's metadata and external_id. */
export function atsMetadata(candidateId: string | undefined, applicationId: string | undefined): IDataObject {
	return { ats_candidate_id: candidateId ?? null, ats_application_id: applicationId ?? null };
}

function keyOf(value: unknown): string | null {
	if (value && typeof value === 'object') return stringOrNull((value as IDataObject).key);
	return stringOrNull(value);
}

function nameOf(value: unknown, field: string): string | null {
	return value && typeof value === 'object' ? stringOrNull((value as IDataObject)[field]) : null;
}

/** One answer, with the media link where Willo put it: video_url, else media_url. */
export function willoResponse(response: IDataObject): AssessmentResponse {
	const question = response.question;
	const answerType = stringOrNull(response.answer_type ?? nameOf(question, 'answer_type'));
	const media = stringOrNull(response.media_url);
	// Without a stated type a media link is taken for a video, Willo's usual answer.
	const isVideo = answerType === null || answerType === 'video';
	return {
		question: typeof question === 'string' ? question : nameOf(question, 'text'),
		videoUrl: stringOrNull(response.video_url) ?? (isVideo ? media : null),
		audioUrl: stringOrNull(response.audio_url) ?? (answerType === 'audio' ? media : null),
		text: stringOrNull(response.text),
		transcript: stringOrNull(response.transcript),
		answerType,
		mediaUrl: stringOrNull(response.video_url) ?? media,
		summary: stringOrNull(response.ai_summary ?? response.summary),
		durationSeconds: toNumber(response.duration_seconds),
		createdAt: toIsoDate(response.created_at),
	};
}

function statusOf(participant: IDataObject, responses: unknown[]): AssessmentStatus {
	const stated = String(participant.status ?? '').toLowerCase();
	if (stated === 'expired') return 'expired';
	if (participant.completed_at || stated === 'completed') return 'completed';
	return responses.length > 0 ? 'started' : 'invited';
}

function fullName(participant: IDataObject): string | null {
	const joined = [participant.first_name, participant.last_name].filter((part) => typeof part === 'string' && part !== '').join(' ');
	return stringOrNull(participant.name) ?? stringOrNull(joined);
}

/**
 * A Willo participant (with its responses when fetched) as the normalised assessment result;
 * the ATS ids come back from the metadata the invite stored.
 */
export function willoResult(
	participant: IDataObject,
	context: { event: string; status?: AssessmentStatus; interviewName?: string | null },
	raw: IDataObject,
): AssessmentResult {
	const metadata = (participant.metadata ?? {}) as IDataObject;
	const responses = Array.isArray(participant.responses) ? (participant.responses as IDataObject[]) : [];
	const interview = participant.interview;
	return assessmentResult({
		vendor: 'willo',
		event: context.event,
		status: context.status ?? statusOf(participant, responses),
		candidate: { email: stringOrNull(participant.email), name: fullName(participant) },
		ats: {
			candidateId: stringOrNull(metadata.ats_candidate_id ?? metadata.candidateId),
			applicationId: stringOrNull(metadata.ats_application_id ?? metadata.applicationId ?? participant.external_id),
		},
		assessment: {
			id: keyOf(interview),
			name: nameOf(interview, 'title') ?? stringOrNull(participant.interview_title) ?? context.interviewName ?? null,
		},
		score: toNumber(participant.score),
		maxScore: toNumber(participant.max_score),
		reportUrl: stringOrNull(participant.share_link ?? participant.share_url),
		completedAt: toIsoDate(participant.completed_at),
		responses: responses.map(willoResponse),
		raw,
	});
}

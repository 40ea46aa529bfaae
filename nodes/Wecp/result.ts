import type { IDataObject } from 'n8n-workflow';
import type { AssessmentResult, AssessmentStatus } from '../shared/model';
import { assessmentResult, percentOf, stringOrNull, toIsoDate, toNumber } from '../shared/model';

/** A field of WeCP's candidateDetails, whose keys are the test form's labels. */
function detail(details: IDataObject, ...labels: string[]): string | null {
	for (const [key, value] of Object.entries(details)) {
		if (labels.includes(key.toLowerCase())) return stringOrNull(value);
	}
	return null;
}

export interface WecpResultContext {
	event: string;
	status: AssessmentStatus;
	passMark?: number | null;
	testName?: string | null;
}

/**
 * A WeCP report or webhook payload as the normalised assessment result. The ATS ids come back
 * from the metadata the invite stored.
 */
export function wecpResult(source: IDataObject, context: WecpResultContext, raw: IDataObject): AssessmentResult {
	const details = (source.candidateDetails ?? {}) as IDataObject;
	const metadata = (source.metadata ?? {}) as IDataObject;
	const score = toNumber(source.score);
	const maxScore = toNumber(source.maxScore);
	const questions = (source.questionWiseScore as IDataObject[] | undefined) ?? [];
	return assessmentResult(
		{
			vendor: 'wecp',
			event: context.event,
			status: context.status,
			candidate: {
				email: stringOrNull(source.email) ?? detail(details, 'email', 'email address'),
				name: stringOrNull(source.name) ?? detail(details, 'name', 'full name'),
			},
			ats: {
				candidateId: stringOrNull(metadata.candidateId),
				applicationId: stringOrNull(metadata.applicationId),
			},
			assessment: {
				id: stringOrNull(source.testId ?? source.quizId),
				name: stringOrNull(source.testName) ?? context.testName ?? null,
			},
			score,
			maxScore,
			percent: percentOf(score, maxScore, source.percentage),
			reportUrl: stringOrNull(source.reportLink),
			completedAt: context.status === 'completed' ? toIsoDate(source.finishTime ?? raw.timestamp) : null,
			responses: questions.map((question) => ({
				question: stringOrNull(question.question ?? question.questionTitle ?? question.questionId),
				videoUrl: null,
				audioUrl: null,
				text: stringOrNull(question.answer),
				transcript: null,
				score: toNumber(question.score),
				maxScore: toNumber(question.maxScore),
			})),
			raw,
		},
		context.passMark,
	);
}

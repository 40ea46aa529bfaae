import type { IDataObject } from 'n8n-workflow';

/** A stage or workflow status, as both id and the name users see. */
export interface StageRef extends IDataObject {
	id: string | null;
	name: string | null;
}

/** What every ATS trigger emits, whichever ATS it listens to. */
export interface AtsEvent extends IDataObject {
	/** The ATS's short name, as its trigger writes it (one word, lower case). */
	ats: string;
	event: string;
	candidateId: string | null;
	applicationId: string | null;
	jobId: string | null;
	fromStage: StageRef | null;
	toStage: StageRef | null;
	email: string | null;
	name: string | null;
	phone: string | null;
	occurredAt: string | null;
	raw: IDataObject;
}

export type AssessmentStatus = 'invited' | 'started' | 'completed' | 'expired';

export interface AssessmentResponse extends IDataObject {
	question: string | null;
	videoUrl: string | null;
	audioUrl: string | null;
	text: string | null;
	transcript: string | null;
}

/** What every assessment or interview trigger emits, whichever vendor it listens to. */
export interface AssessmentResult extends IDataObject {
	/** The vendor's short name, as its trigger writes it (one word). */
	vendor: string;
	event: string;
	status: AssessmentStatus;
	candidate: { email: string | null; name: string | null };
	ats: { candidateId: string | null; applicationId: string | null };
	assessment: { id: string | null; name: string | null };
	score: number | null;
	maxScore: number | null;
	percent: number | null;
	passed: boolean | null;
	reportUrl: string | null;
	completedAt: string | null;
	responses: AssessmentResponse[];
	raw: IDataObject;
}

export function toIsoDate(value: unknown): string | null {
	if (value === undefined || value === null || value === '') return null;
	const date =
		typeof value === 'number' ? new Date(value) : new Date(typeof value === 'string' ? value : NaN);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function toNumber(value: unknown): number | null {
	if (value === undefined || value === null || value === '') return null;
	const number = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(number) ? number : null;
}

export function stringOrNull(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	const text = String(value);
	return text === '' ? null : text;
}

/** Percent from the service if it gave one, else from score / max, rounded to two places. */
export function percentOf(score: number | null, maxScore: number | null, given?: unknown): number | null {
	const stated = toNumber(given);
	if (stated !== null) return Math.round(stated * 100) / 100;
	if (score === null || maxScore === null || maxScore <= 0) return null;
	return Math.round((score / maxScore) * 10_000) / 100;
}

/** Passed against a pass mark in percent; null when there is no mark or no percent. */
export function passedAgainst(percent: number | null, passMark: number | null | undefined): boolean | null {
	if (percent === null || passMark === null || passMark === undefined || passMark < 0) return null;
	return percent >= passMark;
}

export function assessmentResult(
	fields: Partial<AssessmentResult> & Pick<AssessmentResult, 'vendor' | 'event' | 'status' | 'raw'>,
	passMark?: number | null,
): AssessmentResult {
	const score = fields.score ?? null;
	const maxScore = fields.maxScore ?? null;
	const percent = fields.percent ?? percentOf(score, maxScore);
	return {
		vendor: fields.vendor,
		event: fields.event,
		status: fields.status,
		candidate: fields.candidate ?? { email: null, name: null },
		ats: fields.ats ?? { candidateId: null, applicationId: null },
		assessment: fields.assessment ?? { id: null, name: null },
		score,
		maxScore,
		percent,
		passed: fields.passed ?? passedAgainst(percent, passMark),
		reportUrl: fields.reportUrl ?? null,
		completedAt: fields.completedAt ?? null,
		responses: fields.responses ?? [],
		raw: fields.raw,
	};
}

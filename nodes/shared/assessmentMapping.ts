import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { plainValue } from './locator';

/**
 * Which assessment a candidate gets, chosen by the job they applied to: a small table a user
 * edits in a trigger (an ATS's postings or jobs), one row per job with exactly one stage, plus
 * an optional default (assessment and stage) for jobs without a row. So every job has at most
 * one stage that sends its candidates to a test.
 */
export interface AssessmentRow {
	jobId: string;
	stageId: string;
	assessmentId: string;
}

export interface AssessmentMapping {
	rows: AssessmentRow[];
	/** For jobs without a row; empty means such candidates start nothing. */
	defaultAssessmentId: string;
	/** The stage that sends candidates of jobs without a row to the default assessment. */
	defaultStageId: string;
}

/** How a trigger names things in its messages. */
export interface MappingLabels {
	/** What is mapped, e.g. "posting" or "job". */
	job: string;
	/** The table's display name. */
	table: string;
	/** The display names of the default's fields. */
	defaultAssessment: string;
	defaultStage: string;
}

export interface AssessmentChoice {
	assessmentId: string;
	matchedBy: 'job' | 'default';
	/** The row that matched; undefined for the default. */
	row?: AssessmentRow;
}

/** The table's rows as n8n stores a fixedCollection: `{ rows: [{...}, ...] }`. */
export function mappingRows(value: unknown, jobField: string): AssessmentRow[] {
	const rows = (value as IDataObject | undefined)?.rows as IDataObject[] | undefined;
	if (!Array.isArray(rows)) return [];
	return rows.map((row) => ({
		jobId: String(plainValue(row[jobField]) ?? '').trim(),
		stageId: String(plainValue(row.stageId) ?? '').trim(),
		assessmentId: String(row.assessmentId ?? '').trim(),
	}));
}

/**
 * What is wrong with the mapping, in the user's words, or undefined when it is usable.
 * `names` (job and stage ids to names), when known, makes the message easier to act on.
 */
export function mappingProblem(
	mapping: AssessmentMapping,
	labels: MappingLabels,
	names: Map<string, string> = new Map(),
): string | undefined {
	const { job, table } = labels;
	const named = (id: string) => (names.has(id) ? `"${names.get(id)}" (${id})` : id);
	const firstRowOf = new Map<string, number>();
	for (const [index, row] of mapping.rows.entries()) {
		const rowNumber = index + 1;
		if (row.jobId === '') return `Row ${rowNumber} of "${table}" has no ${job}`;
		const first = firstRowOf.get(row.jobId);
		if (first !== undefined) {
			const stages = [mapping.rows[first].stageId, row.stageId].map((stage) => (stage ? named(stage) : 'no stage'));
			return (
				`The ${job} ${named(row.jobId)} is mapped twice in "${table}" (rows ${first + 1} and ${rowNumber}, ` +
				`stages ${stages.join(' and ')}): give each ${job} one row, so it has at most one assessment stage`
			);
		}
		firstRowOf.set(row.jobId, index);
		if (row.stageId === '') return `Row ${rowNumber} of "${table}" (${job} ${named(row.jobId)}) has no stage`;
		if (row.assessmentId === '') return `Row ${rowNumber} of "${table}" (${job} ${named(row.jobId)}) has no assessment ID`;
	}
	if (mapping.defaultAssessmentId !== '' && mapping.defaultStageId === '') {
		return `"${labels.defaultAssessment}" needs a "${labels.defaultStage}": the stage that sends candidates of other ${job}s to it`;
	}
	return undefined;
}

/**
 * The assessment for a candidate of `jobId` moving into `stageId`, or undefined when this move
 * sends them to none: a job's own row decides for its candidates; other jobs get the default.
 */
export function chooseAssessment(
	mapping: AssessmentMapping,
	jobId: string | null,
	stageId: string | null,
): AssessmentChoice | undefined {
	const row = jobId === null ? undefined : mapping.rows.find((candidate) => candidate.jobId === jobId);
	if (row) return row.stageId === stageId ? { assessmentId: row.assessmentId, matchedBy: 'job', row } : undefined;
	if (mapping.defaultAssessmentId !== '' && stageId !== null && stageId === mapping.defaultStageId) {
		return { assessmentId: mapping.defaultAssessmentId, matchedBy: 'default' };
	}
	return undefined;
}

/** Whether a move into this stage could send anyone to an assessment (to skip lookups early). */
export function anyRowForStage(mapping: AssessmentMapping, stageId: string | null): boolean {
	if (stageId === null) return false;
	if (mapping.defaultAssessmentId !== '' && mapping.defaultStageId === stageId) return true;
	return mapping.rows.some((row) => row.stageId === stageId);
}

/** A row's identity: changing its job, stage or assessment makes it a new row. */
export function rowKey(row: AssessmentRow): string {
	return `${row.jobId}|${row.stageId}|${row.assessmentId}`;
}

export interface MappingState extends IDataObject {
	assessmentRowsSince?: Record<string, number>;
}

/**
 * Records when each row took effect, in the node's static data, at activation (n8n persists
 * static data written by webhook lifecycle methods, not by a webhook call that starts an
 * execution). Rows already recorded keep their time; rows no longer in the table are forgotten,
 * so adding one back later counts from then.
 */
export function recordRowsTakingEffect(staticData: IDataObject, rows: AssessmentRow[], nowMs: number): void {
	const state = staticData as MappingState;
	const previous = state.assessmentRowsSince ?? {};
	const since: Record<string, number> = {};
	for (const row of rows) {
		const key = rowKey(row);
		since[key] = typeof previous[key] === 'number' ? previous[key] : nowMs;
	}
	if (rows.length === 0) delete state.assessmentRowsSince;
	else state.assessmentRowsSince = since;
}

/**
 * The rows' times from the node's static data, to hand from webhook() to the execution: in queue
 * mode the execution runs on a worker, where n8n gives a node no static data.
 */
export function rowsTakingEffect(staticData: IDataObject): MappingState {
	const since = (staticData as MappingState).assessmentRowsSince;
	return since ? { assessmentRowsSince: { ...since } } : {};
}

/** When the row took effect, or undefined when it was never recorded (e.g. not yet activated). */
export function rowTookEffectAt(staticData: IDataObject, row: AssessmentRow): number | undefined {
	const since = (staticData as MappingState).assessmentRowsSince?.[rowKey(row)];
	return typeof since === 'number' ? since : undefined;
}

/**
 * Whether a candidate who applied at `appliedAtMs` came into the job before its row took effect:
 * such candidates are not invited retroactively. Unknown times never hold a candidate back.
 */
export function appliedBeforeRow(appliedAtMs: number | null, tookEffectAtMs: number | undefined): boolean {
	return appliedAtMs !== null && tookEffectAtMs !== undefined && appliedAtMs < tookEffectAtMs;
}

/** The "Assessment ID" column, shared by every trigger's table. */
export const assessmentIdColumn: INodeProperties = {
	displayName: 'Assessment ID',
	name: 'assessmentId',
	type: 'string',
	default: '',
	placeholder: 'e.g. test-js-101',
	description:
		'The test, interview or position in your assessment tool (e.g. a test ID). The trigger outputs it as assessmentId for the invite node.',
};

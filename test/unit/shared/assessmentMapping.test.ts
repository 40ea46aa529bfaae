import type { IDataObject } from 'n8n-workflow';
import type { AssessmentMapping, MappingLabels } from '../../../nodes/shared/assessmentMapping';
import {
	anyRowForStage,
	appliedBeforeRow,
	chooseAssessment,
	mappingProblem,
	mappingRows,
	recordRowsTakingEffect,
	rowTookEffectAt,
} from '../../../nodes/shared/assessmentMapping';

const ASSESSMENT = 'stage-assessment';
const PHONE = 'stage-phone';
const LABELS: MappingLabels = { job: 'posting', table: 'T', defaultAssessment: 'Default Assessment ID', defaultStage: 'Default Stage' };

const table = (rows: IDataObject[], defaultAssessmentId = '', defaultStageId = ''): AssessmentMapping => ({
	rows: mappingRows({ rows }, 'postingId'),
	defaultAssessmentId,
	defaultStageId,
});

const mapping = table(
	[
		{ postingId: 'backend', stageId: ASSESSMENT, assessmentId: 'test-js-101' },
		{ postingId: 'analyst', stageId: PHONE, assessmentId: 'test-py-201' },
	],
	'test-sql-301',
	ASSESSMENT,
);

describe('assessment mapping: reading the table', () => {
	it('reads the rows of a fixedCollection, trimming values, and nothing from an empty one', () => {
		expect(mappingRows({ rows: [{ postingId: ' p1 ', stageId: ' s1', assessmentId: 't1 ' }] }, 'postingId')).toEqual([
			{ jobId: 'p1', stageId: 's1', assessmentId: 't1' },
		]);
		expect(mappingRows({}, 'postingId')).toEqual([]);
		expect(mappingRows(undefined, 'postingId')).toEqual([]);
		expect(mappingRows({ rows: [{ jobId: 'j1', assessmentId: 't' }] }, 'jobId')[0]).toEqual({ jobId: 'j1', stageId: '', assessmentId: 't' });
	});
});

describe('assessment mapping: problems', () => {
	it('accepts one row per posting, each with a stage, and a default with its stage', () => {
		expect(mappingProblem(mapping, LABELS)).toBeUndefined();
		expect(mappingProblem(table([]), LABELS)).toBeUndefined();
	});

	it('names the posting, both rows and both stages when a posting is mapped twice', () => {
		const twice = table([
			{ postingId: 'backend', stageId: ASSESSMENT, assessmentId: 'test-js-101' },
			{ postingId: 'analyst', stageId: PHONE, assessmentId: 'test-py-201' },
			{ postingId: 'backend', stageId: PHONE, assessmentId: 'test-js-101' },
		]);
		expect(mappingProblem(twice, { ...LABELS, table: 'Assessment per Posting' })).toBe(
			'The posting backend is mapped twice in "Assessment per Posting" (rows 1 and 3, stages stage-assessment and stage-phone): give each posting one row, so it has at most one assessment stage',
		);
	});

	it('names postings and stages when their names are known, and refuses a posting twice at the same stage', () => {
		const twice = table([
			{ postingId: 'backend', stageId: ASSESSMENT, assessmentId: 'a' },
			{ postingId: 'backend', stageId: ASSESSMENT, assessmentId: 'b' },
		]);
		const names = new Map([['backend', 'Senior Backend Engineer'], [ASSESSMENT, 'Assessment']]);
		expect(mappingProblem(twice, LABELS, names)).toBe(
			'The posting "Senior Backend Engineer" (backend) is mapped twice in "T" (rows 1 and 2, stages "Assessment" (stage-assessment) and "Assessment" (stage-assessment)): give each posting one row, so it has at most one assessment stage',
		);
	});

	it('names a row without a posting, a stage or an assessment', () => {
		expect(mappingProblem(table([{ postingId: '', stageId: PHONE, assessmentId: 't' }]), LABELS)).toBe('Row 1 of "T" has no posting');
		expect(mappingProblem(table([{ postingId: 'p', assessmentId: 't' }]), LABELS)).toBe('Row 1 of "T" (posting p) has no stage');
		expect(mappingProblem(table([{ postingId: 'p', stageId: 's' }]), { ...LABELS, job: 'job' })).toBe('Row 1 of "T" (job p) has no assessment ID');
	});

	it('wants the default stage with a default assessment, so other postings too have exactly one stage', () => {
		expect(mappingProblem(table([], 'test-sql-301'), LABELS)).toBe(
			'"Default Assessment ID" needs a "Default Stage": the stage that sends candidates of other postings to it',
		);
		expect(mappingProblem(table([], '', ASSESSMENT), LABELS)).toBeUndefined();
	});
});

describe('assessment mapping: choosing', () => {
	it('gives each posting its own test at its own stage', () => {
		expect(chooseAssessment(mapping, 'backend', ASSESSMENT)).toMatchObject({ assessmentId: 'test-js-101', matchedBy: 'job' });
		expect(chooseAssessment(mapping, 'analyst', PHONE)).toMatchObject({ assessmentId: 'test-py-201', matchedBy: 'job' });
	});

	it("starts nothing when a mapped posting's candidate moves into another stage, even the default's", () => {
		expect(chooseAssessment(mapping, 'backend', PHONE)).toBeUndefined();
		expect(chooseAssessment(mapping, 'analyst', ASSESSMENT)).toBeUndefined();
	});

	it('gives other postings (and candidates without one) the default, only at the default stage', () => {
		expect(chooseAssessment(mapping, 'other', ASSESSMENT)).toEqual({ assessmentId: 'test-sql-301', matchedBy: 'default' });
		expect(chooseAssessment(mapping, null, ASSESSMENT)).toEqual({ assessmentId: 'test-sql-301', matchedBy: 'default' });
		expect(chooseAssessment(mapping, 'other', PHONE)).toBeUndefined();
		expect(chooseAssessment(mapping, 'other', null)).toBeUndefined();
	});

	it('skips other postings when there is no default', () => {
		expect(chooseAssessment({ ...mapping, defaultAssessmentId: '' }, 'other', ASSESSMENT)).toBeUndefined();
	});

	it('tells early whether a move into a stage could start anything', () => {
		expect(anyRowForStage(mapping, PHONE)).toBe(true);
		expect(anyRowForStage(mapping, ASSESSMENT)).toBe(true);
		expect(anyRowForStage(mapping, 'stage-offer')).toBe(false);
		expect(anyRowForStage(mapping, null)).toBe(false);
		expect(anyRowForStage(table([{ postingId: 'p', stageId: PHONE, assessmentId: 't' }]), ASSESSMENT)).toBe(false);
		expect(anyRowForStage(table([], 'test-sql-301', ASSESSMENT), ASSESSMENT)).toBe(true);
	});
});

describe('assessment mapping: no retroactive invites', () => {
	it('records when each row took effect, keeps earlier times and forgets removed rows', () => {
		const staticData: IDataObject = {};
		const [backend, analyst] = mapping.rows;
		recordRowsTakingEffect(staticData, [backend], 1000);
		expect(rowTookEffectAt(staticData, backend)).toBe(1000);
		recordRowsTakingEffect(staticData, [backend, analyst], 2000);
		expect(rowTookEffectAt(staticData, backend)).toBe(1000);
		expect(rowTookEffectAt(staticData, analyst)).toBe(2000);
		recordRowsTakingEffect(staticData, [analyst], 3000);
		expect(rowTookEffectAt(staticData, backend)).toBeUndefined();
		recordRowsTakingEffect(staticData, [backend, analyst], 4000);
		expect(rowTookEffectAt(staticData, backend)).toBe(4000);
		recordRowsTakingEffect(staticData, [], 5000);
		expect(staticData).toEqual({});
	});

	it('treats a row with another test or stage as a new row', () => {
		const staticData: IDataObject = {};
		const [backend] = mapping.rows;
		recordRowsTakingEffect(staticData, [backend], 1000);
		expect(rowTookEffectAt(staticData, { ...backend, assessmentId: 'test-sql-301' })).toBeUndefined();
		expect(rowTookEffectAt(staticData, { ...backend, stageId: PHONE })).toBeUndefined();
	});

	it('holds back only candidates known to have applied before the row took effect', () => {
		expect(appliedBeforeRow(999, 1000)).toBe(true);
		expect(appliedBeforeRow(1000, 1000)).toBe(false);
		expect(appliedBeforeRow(null, 1000)).toBe(false);
		expect(appliedBeforeRow(999, undefined)).toBe(false);
	});
});

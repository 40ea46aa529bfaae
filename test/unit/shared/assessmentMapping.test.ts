import type { IDataObject } from 'n8n-workflow';
import type { AssessmentMapping } from '../../../nodes/shared/assessmentMapping';
import {
	anyRowForStage,
	appliedBeforeRow,
	chooseAssessment,
	isMappingActive,
	mappingProblem,
	mappingRows,
	recordRowsTakingEffect,
	rowTookEffectAt,
} from '../../../nodes/shared/assessmentMapping';

const ASSESSMENT = 'stage-assessment';
const PHONE = 'stage-phone';

const table = (rows: IDataObject[], defaultAssessmentId = ''): AssessmentMapping => ({
	rows: mappingRows({ rows }, 'postingId'),
	defaultAssessmentId,
});

const mapping = table(
	[
		{ postingId: 'backend', stageId: ASSESSMENT, assessmentId: 'test-js-101' },
		{ postingId: 'analyst', stageId: PHONE, assessmentId: 'test-py-201' },
		{ postingId: 'designer', stageId: '', assessmentId: 'test-ux-1' },
	],
	'test-sql-301',
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

	it('is active with rows or with only a default', () => {
		expect(isMappingActive(table([]))).toBe(false);
		expect(isMappingActive(table([], 'test-sql-301'))).toBe(true);
		expect(isMappingActive(table([{ postingId: 'p', assessmentId: 't' }]))).toBe(true);
	});
});

describe('assessment mapping: problems', () => {
	it('accepts a table with one row per posting', () => {
		expect(mappingProblem(mapping, 'posting', 'Assessment per Posting')).toBeUndefined();
	});

	it('names the posting, both rows and both stages when a posting is mapped twice', () => {
		const twice = table([
			{ postingId: 'backend', stageId: ASSESSMENT, assessmentId: 'test-js-101' },
			{ postingId: 'analyst', stageId: PHONE, assessmentId: 'test-py-201' },
			{ postingId: 'backend', stageId: PHONE, assessmentId: 'test-js-101' },
		]);
		expect(mappingProblem(twice, 'posting', 'Assessment per Posting')).toBe(
			'The posting backend is mapped twice in "Assessment per Posting" (rows 1 and 3, stages stage-assessment and stage-phone): give each posting one row, so it has at most one assessment stage',
		);
	});

	it('names postings and stages when their names are known', () => {
		const twice = table([
			{ postingId: 'backend', stageId: ASSESSMENT, assessmentId: 'a' },
			{ postingId: 'backend', stageId: '', assessmentId: 'b' },
		]);
		const names = new Map([['backend', 'Senior Backend Engineer'], [ASSESSMENT, 'Assessment']]);
		expect(mappingProblem(twice, 'posting', 'T', names)).toBe(
			'The posting "Senior Backend Engineer" (backend) is mapped twice in "T" (rows 1 and 2, stages "Assessment" (stage-assessment) and any stage): give each posting one row, so it has at most one assessment stage',
		);
	});

	it('refuses the same posting twice even at the same stage, and says "any stage" for an empty one', () => {
		const twice = table([
			{ postingId: 'backend', stageId: '', assessmentId: 'a' },
			{ postingId: 'backend', stageId: '', assessmentId: 'b' },
		]);
		expect(mappingProblem(twice, 'job', 'Assessment per Job')).toContain('stages any stage and any stage');
	});

	it('names a row without a posting or without an assessment', () => {
		expect(mappingProblem(table([{ postingId: '', assessmentId: 't' }]), 'posting', 'T')).toBe('Row 1 of "T" has no posting');
		expect(mappingProblem(table([{ postingId: 'p', stageId: 's' }]), 'posting', 'T')).toBe('Row 1 of "T" (posting p) has no assessment ID');
	});
});

describe('assessment mapping: choosing', () => {
	it('gives each posting its own test at its own stage', () => {
		expect(chooseAssessment(mapping, 'backend', ASSESSMENT, [ASSESSMENT])).toMatchObject({ assessmentId: 'test-js-101', matchedBy: 'job' });
		expect(chooseAssessment(mapping, 'analyst', PHONE, [ASSESSMENT])).toMatchObject({ assessmentId: 'test-py-201', matchedBy: 'job' });
	});

	it("starts nothing when a mapped posting's candidate moves into another stage, even one the default uses", () => {
		expect(chooseAssessment(mapping, 'backend', PHONE, [ASSESSMENT])).toBeUndefined();
		expect(chooseAssessment(mapping, 'analyst', ASSESSMENT, [ASSESSMENT])).toBeUndefined();
	});

	it('lets a row without a stage use the trigger stage filter', () => {
		expect(chooseAssessment(mapping, 'designer', ASSESSMENT, [ASSESSMENT])).toMatchObject({ assessmentId: 'test-ux-1' });
		expect(chooseAssessment(mapping, 'designer', PHONE, [ASSESSMENT])).toBeUndefined();
		expect(chooseAssessment(mapping, 'designer', PHONE, [])).toMatchObject({ assessmentId: 'test-ux-1' });
	});

	it('gives unmapped postings (and candidates without one) the default at the filtered stages', () => {
		expect(chooseAssessment(mapping, 'other', ASSESSMENT, [ASSESSMENT])).toEqual({ assessmentId: 'test-sql-301', matchedBy: 'default' });
		expect(chooseAssessment(mapping, null, ASSESSMENT, [ASSESSMENT])).toEqual({ assessmentId: 'test-sql-301', matchedBy: 'default' });
		expect(chooseAssessment(mapping, 'other', PHONE, [ASSESSMENT])).toBeUndefined();
	});

	it('skips unmapped postings when there is no default', () => {
		expect(chooseAssessment(table(mapping.rows.map((row) => ({ postingId: row.jobId, stageId: row.stageId, assessmentId: row.assessmentId }))), 'other', ASSESSMENT, [])).toBeUndefined();
	});

	it('tells early whether any row could take a move into a stage', () => {
		expect(anyRowForStage(mapping, PHONE, [ASSESSMENT])).toBe(true);
		expect(anyRowForStage(mapping, 'stage-offer', [ASSESSMENT])).toBe(false);
		expect(anyRowForStage(table([{ postingId: 'p', stageId: PHONE, assessmentId: 't' }]), ASSESSMENT, [])).toBe(false);
		expect(anyRowForStage(table([{ postingId: 'p', stageId: '', assessmentId: 't' }]), ASSESSMENT, [])).toBe(true);
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
	});

	it('holds back only candidates known to have applied before the row took effect', () => {
		expect(appliedBeforeRow(999, 1000)).toBe(true);
		expect(appliedBeforeRow(1000, 1000)).toBe(false);
		expect(appliedBeforeRow(null, 1000)).toBe(false);
		expect(appliedBeforeRow(999, undefined)).toBe(false);
	});
});

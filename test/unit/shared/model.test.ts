import { assessmentResult, passedAgainst, percentOf, toIsoDate } from '../../../nodes/shared/model';

describe('normalised result', () => {
	it('computes percent from score and max score, or takes the stated one', () => {
		expect(percentOf(42, 60)).toBe(70);
		expect(percentOf(1, 3)).toBe(33.33);
		expect(percentOf(null, 60)).toBeNull();
		expect(percentOf(10, 0)).toBeNull();
		expect(percentOf(1, 3, '55.555')).toBe(55.56);
	});

	it('decides pass or fail against a mark, and not without one', () => {
		expect(passedAgainst(70, 70)).toBe(true);
		expect(passedAgainst(69.99, 70)).toBe(false);
		expect(passedAgainst(null, 70)).toBeNull();
		expect(passedAgainst(80, undefined)).toBeNull();
	});

	it('fills every field of the shape', () => {
		const result = assessmentResult({ vendor: 'wecp', event: 'test.completed', status: 'completed', score: 8, maxScore: 10, raw: {} }, 75);
		expect(result).toMatchObject({ percent: 80, passed: true, reportUrl: null, responses: [], ats: { candidateId: null, applicationId: null } });
		expect(Object.keys(result).sort()).toEqual(
			['assessment', 'ats', 'candidate', 'completedAt', 'event', 'maxScore', 'passed', 'percent', 'raw', 'reportUrl', 'responses', 'score', 'status', 'vendor'],
		);
	});

	it('turns epoch milliseconds and ISO strings into ISO dates', () => {
		expect(toIsoDate(1767225600123)).toBe('2026-01-01T00:00:00.123Z');
		expect(toIsoDate('2026-01-01T00:00:00Z')).toBe('2026-01-01T00:00:00.000Z');
		expect(toIsoDate('nonsense')).toBeNull();
	});
});

import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter, serviceMessage } from '../../../nodes/shared/http';

describe('parseRetryAfter', () => {
	const now = Date.parse('2026-01-01T00:00:00Z');

	it('reads delta-seconds', () => {
		expect(parseRetryAfter('3', now)).toBe(3000);
		expect(parseRetryAfter('0.5', now)).toBe(500);
		expect(parseRetryAfter(['7'], now)).toBe(7000);
	});

	it('reads an HTTP date relative to now', () => {
		expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
		expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
	});

	it('ignores what it cannot read', () => {
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
		expect(parseRetryAfter('', now)).toBeUndefined();
		expect(parseRetryAfter('soon', now)).toBeUndefined();
	});
});

describe('backoffDelay', () => {
	const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };

	it('doubles per attempt, with jitter between half and the whole step', () => {
		expect(backoffDelay(1, policy, () => 0)).toBe(50);
		expect(backoffDelay(1, policy, () => 1)).toBe(100);
		expect(backoffDelay(3, policy, () => 0)).toBe(200);
		expect(backoffDelay(3, policy, () => 1)).toBe(400);
	});

	it('is capped by maxDelayMs', () => {
		expect(backoffDelay(10, policy, () => 1)).toBe(1000);
	});
});

describe('serviceMessage', () => {
	it('finds the message in the shapes services use', () => {
		expect(serviceMessage({ code: 'ResourceNotFound', message: 'No opportunity' })).toBe('No opportunity');
		expect(serviceMessage({ error: { message: 'nested' } })).toBe('nested');
		expect(serviceMessage({ errors: [{ detail: 'first' }] })).toBe('first');
		expect(serviceMessage('No candidate found')).toBe('No candidate found');
		expect(serviceMessage(undefined)).toBeUndefined();
	});
});

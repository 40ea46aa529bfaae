import { hmacSha256Hex, isWithinTolerance, matchesAnySignature, safeEqual } from '../../../nodes/shared/webhook';
import { isReplay } from '../../../nodes/shared/deliveryGate';

describe('signatures', () => {
	it("computes Lever's published test vector", () => {
		const signature = hmacSha256Hex(
			'5f3c9a1e7b2d4c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8',
			'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718' + String(1767225600123),
		);
		expect(signature).toBe('c26fd4615e0e9beace9f168f5393ff6585454909e3786fc97ffa006a130027f0');
	});

	it('compares in constant time and rejects other lengths', () => {
		expect(safeEqual('abc', 'abc')).toBe(true);
		expect(safeEqual('abc', 'abd')).toBe(false);
		expect(safeEqual('abc', 'abcd')).toBe(false);
	});

	it('accepts a signature from any of the secrets and nothing else', () => {
		const good = hmacSha256Hex('second', 'message');
		expect(matchesAnySignature(['first', 'second'], 'message', good)).toBe(true);
		expect(matchesAnySignature(['first', 'second'], 'message', good.toUpperCase())).toBe(true);
		expect(matchesAnySignature(['first'], 'message', good)).toBe(false);
		expect(matchesAnySignature(['second'], 'tampered', good)).toBe(false);
		expect(matchesAnySignature(['second'], 'message', undefined)).toBe(false);
		expect(matchesAnySignature([''], 'message', hmacSha256Hex('', 'message'))).toBe(false);
	});
});

describe('isWithinTolerance', () => {
	it('accepts timestamps inside the window either side of now', () => {
		expect(isWithinTolerance(1_000, 1_500, 600)).toBe(true);
		expect(isWithinTolerance(2_000, 1_500, 600)).toBe(true);
		expect(isWithinTolerance(500, 1_500, 600)).toBe(false);
		expect(isWithinTolerance(NaN, 1_500, 600)).toBe(false);
	});
});

describe('isReplay', () => {
	it('sees a nonce once, then calls it a replay until it expires', () => {
		const staticData = {};
		expect(isReplay(staticData, 'n1', 0, 100)).toBe(false);
		expect(isReplay(staticData, 'n1', 50, 100)).toBe(true);
		expect(isReplay(staticData, 'n2', 50, 100)).toBe(false);
		// Past twice the tolerance the entry is pruned; the timestamp check rejects such deliveries.
		expect(isReplay(staticData, 'n1', 500, 100)).toBe(false);
	});

	it('keeps at most maxEntries nonces', () => {
		const staticData: { seenDeliveries?: Record<string, number> } = {};
		for (let i = 0; i < 10; i++) isReplay(staticData, `n${i}`, 0, 1000, 5);
		expect(Object.keys(staticData.seenDeliveries ?? {})).toHaveLength(5);
	});
});

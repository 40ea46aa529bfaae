import { randomBytes } from 'crypto';
import { constants, deflateRawSync, gzipSync } from 'zlib';
import { gunzip, GzipError, isGzip } from '../../../nodes/Icims/gzip';

describe('gunzip (the event receiver reads compressed bodies without zlib)', () => {
	const samples: Array<[string, Buffer]> = [
		['an iCIMS event', Buffer.from(JSON.stringify({ eventType: 'WorkFlowStatusChangeEvent', systemId: '19288', newStatus: 'C36951' }))],
		['an empty body', Buffer.alloc(0)],
		['random bytes (stored blocks)', randomBytes(70_000)],
		['repetitive text (long matches)', Buffer.from('abcabcabd'.repeat(5000))],
		['unicode', Buffer.from('Zoë Ångström — 候选人 ✓'.repeat(50))],
	];

	it.each(samples)('inflates %s exactly as zlib compressed it, at every level and strategy', (_name, input) => {
		for (const level of [0, 1, 6, 9]) {
			for (const strategy of [constants.Z_DEFAULT_STRATEGY, constants.Z_FIXED, constants.Z_HUFFMAN_ONLY, constants.Z_RLE]) {
				expect(gunzip(gzipSync(input, { level, strategy })).equals(input)).toBe(true);
			}
		}
	});

	it('skips the optional file name in the header', () => {
		const input = Buffer.from('{"a":1}');
		const plain = gzipSync(input);
		// Set FNAME and insert a zero-terminated name after the 10-byte header.
		const named = Buffer.concat([plain.subarray(0, 3), Buffer.from([plain[3] | 8]), plain.subarray(4, 10), Buffer.from('event.json\0'), plain.subarray(10)]);
		expect(gunzip(named).toString()).toBe('{"a":1}');
	});

	it.each([
		['a changed byte (checksum)', () => { const gz = gzipSync('hello world'); gz[gz.length - 6] ^= 1; return gz; }],
		['a cut-off body', () => gzipSync('hello world hello world').subarray(0, 15)],
		['raw deflate without the gzip header', () => deflateRawSync('hello')],
		['another compression method', () => { const gz = gzipSync('x'); gz[2] = 7; return gz; }],
	])('refuses %s with a GzipError', (_name, make) => {
		expect(() => gunzip(make())).toThrow(GzipError);
	});

	it('knows gzip by its magic bytes', () => {
		expect(isGzip(gzipSync('x'))).toBe(true);
		expect(isGzip(Buffer.from('{"x":1}'))).toBe(false);
	});
});

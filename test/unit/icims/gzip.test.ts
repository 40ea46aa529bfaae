import { randomBytes } from 'crypto';
import { constants, deflateRawSync, gzipSync } from 'zlib';
import { gunzip, GzipError, isGzip, MAX_INFLATED_BYTES } from '../../../nodes/Icims/gzip';

describe('gunzip (the event receiver reads compressed bodies without zlib)', () => {
	const samples: Array<[string, Buffer]> = [
		['an iCIMS event', Buffer.from(JSON.stringify({ eventType: 'WorkFlowStatusChangeEvent', systemId: '19288', newStatus: 'C36951' }))],
		['an empty body', Buffer.alloc(0)],
		['random bytes (stored blocks)', randomBytes(70_000)],
		['repetitive text (long matches)', Buffer.from('abcabcabd'.repeat(5000))],
		['unicode', Buffer.from('Zoë Ångström — 候选人 ✓'.repeat(50))],
	];

	it.each(samples)('inflates %s exactly as zlib compressed it, at every level and strategy', async (_name, input) => {
		for (const level of [0, 1, 6, 9]) {
			for (const strategy of [constants.Z_DEFAULT_STRATEGY, constants.Z_FIXED, constants.Z_HUFFMAN_ONLY, constants.Z_RLE]) {
				expect((await gunzip(gzipSync(input, { level, strategy }))).equals(input)).toBe(true);
			}
		}
	});

	it('inflates a gzip body that sits inside a larger buffer', async () => {
		const gz = gzipSync('{"a":1}');
		const pooled = Buffer.concat([Buffer.from('before'), gz, Buffer.from('after')]).subarray(6, 6 + gz.length);
		expect((await gunzip(pooled)).toString()).toBe('{"a":1}');
	});

	it('skips the optional file name in the header', async () => {
		const input = Buffer.from('{"a":1}');
		const plain = gzipSync(input);
		// Set FNAME and insert a zero-terminated name after the 10-byte header.
		const named = Buffer.concat([plain.subarray(0, 3), Buffer.from([plain[3] | 8]), plain.subarray(4, 10), Buffer.from('event.json\0'), plain.subarray(10)]);
		expect((await gunzip(named)).toString()).toBe('{"a":1}');
	});

	it.each([
		['a changed byte (checksum)', () => { const gz = gzipSync('hello world'); gz[gz.length - 6] ^= 1; return gz; }, 'The gzip body fails its checksum'],
		['a cut-off body', () => gzipSync('hello world hello world').subarray(0, 15), 'The gzip body ends early'],
		['a body without its trailer', () => { const gz = gzipSync('hello world'); return gz.subarray(0, gz.length - 8); }, 'The gzip body ends early'],
		['raw deflate without the gzip header', () => deflateRawSync('hello'), 'The body is not gzip'],
		['another compression method', () => { const gz = gzipSync('x'); gz[2] = 7; return gz; }, 'The gzip body uses an unknown compression method'],
	])('refuses %s with a GzipError', async (_name, make, message) => {
		const refusal = gunzip(make());
		await expect(refusal).rejects.toThrow(GzipError);
		await expect(gunzip(make())).rejects.toThrow(message);
	});

	describe('a gzip bomb', () => {
		const RealDecompressionStream = DecompressionStream;
		let inflated = 0;

		// Counts what the decompressor hands out, to see that reading stopped at the limit.
		class CountingDecompressionStream {
			readonly writable: WritableStream<Uint8Array>;
			readonly readable: ReadableStream<Uint8Array>;
			constructor(format: 'gzip') {
				const inner = new RealDecompressionStream(format);
				this.writable = inner.writable as WritableStream<Uint8Array>;
				this.readable = (inner.readable as ReadableStream<Uint8Array>).pipeThrough(
					new TransformStream<Uint8Array, Uint8Array>({
						transform(chunk, controller) {
							inflated += chunk.byteLength;
							controller.enqueue(chunk);
						},
					}),
				);
			}
		}

		beforeEach(() => {
			inflated = 0;
			(global as { DecompressionStream: unknown }).DecompressionStream = CountingDecompressionStream;
		});
		afterEach(() => {
			(global as { DecompressionStream: unknown }).DecompressionStream = RealDecompressionStream;
		});

		it('is refused once it passes 5 MiB, without inflating the rest', async () => {
			const bomb = gzipSync(Buffer.alloc(32 * 1024 * 1024), { level: 1 });
			expect(bomb.length).toBeLessThan(256 * 1024);
			await expect(gunzip(bomb)).rejects.toThrow('The compressed body inflates beyond the size limit');
			expect(MAX_INFLATED_BYTES).toBe(5 * 1024 * 1024);
			expect(inflated).toBeGreaterThan(MAX_INFLATED_BYTES);
			expect(inflated).toBeLessThan(MAX_INFLATED_BYTES + 1024 * 1024);
		}, 20_000);
	});

	// Generous timeouts: megabytes through streams, on a machine that may be busy.
	it('lets a body of exactly the limit through', async () => {
		const input = Buffer.alloc(MAX_INFLATED_BYTES, 0x61);
		expect((await gunzip(gzipSync(input))).equals(input)).toBe(true);
	}, 20_000);

	it('knows gzip by its magic bytes', () => {
		expect(isGzip(gzipSync('x'))).toBe(true);
		expect(isGzip(Buffer.from('{"x":1}'))).toBe(false);
	});
});

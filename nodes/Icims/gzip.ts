/**
 * Reads iCIMS event bodies that reach the node still gzip-compressed. Community nodes may not
 * import zlib, so this uses the runtime's web-standard DecompressionStream.
 */

export class GzipError extends Error {}

// The most a body may inflate to: event notifications are a few hundred bytes.
export const MAX_INFLATED_BYTES = 5 * 1024 * 1024;

export function isGzip(bytes: Uint8Array): boolean {
	return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

// The decompressor's own words for what is wrong, in the reader's terms.
function reasonOf(error: unknown): string {
	const code = (error as { code?: unknown } | null)?.code;
	if (code === 'Z_BUF_ERROR') return 'The gzip body ends early';
	if (code === 'Z_DATA_ERROR') {
		const message = String((error as Error).message);
		if (/check/.test(message) && /data/.test(message)) return 'The gzip body fails its checksum';
		if (/compression method/.test(message)) return 'The gzip body uses an unknown compression method';
		return 'The gzip body is corrupt';
	}
	return 'The gzip body could not be read';
}

/**
 * The bytes a gzip body holds; throws GzipError when it is not valid gzip or inflates past
 * `maxBytes`. Reading stops at the limit, so a gzip bomb is never inflated whole.
 */
export async function gunzip(bytes: Uint8Array, maxBytes = MAX_INFLATED_BYTES): Promise<Buffer> {
	if (!isGzip(bytes)) throw new GzipError('The body is not gzip');
	const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	for (;;) {
		const chunk = await reader.read().catch((error: unknown) => {
			throw new GzipError(reasonOf(error));
		});
		if (chunk.done) return Buffer.concat(chunks, total);
		total += chunk.value.byteLength;
		if (total > maxBytes) {
			// Cancelling stops the decompressor: nothing past the limit is inflated.
			await reader.cancel();
			throw new GzipError('The compressed body inflates beyond the size limit');
		}
		chunks.push(chunk.value);
	}
}

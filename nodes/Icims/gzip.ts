/**
 * A small gzip reader (RFC 1952 around RFC 1951 deflate), for iCIMS event bodies that reach the
 * node still compressed: community nodes may not import zlib.
 */

export class GzipError extends Error {}

// The most a body may inflate to: event notifications are a few hundred bytes.
const MAX_OUTPUT_BYTES = 5 * 1024 * 1024;

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_BASE = [
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
	6145, 8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

interface Huffman {
	/** How many codes have each length 0..15. */
	counts: Uint16Array;
	/** Symbols ordered by code. */
	symbols: Uint16Array;
}

function huffman(lengths: ArrayLike<number>): Huffman {
	const counts = new Uint16Array(16);
	for (let symbol = 0; symbol < lengths.length; symbol++) counts[lengths[symbol]]++;
	counts[0] = 0;
	const offsets = new Uint16Array(16);
	for (let length = 1; length < 16; length++) offsets[length] = offsets[length - 1] + counts[length - 1];
	const symbols = new Uint16Array(lengths.length);
	for (let symbol = 0; symbol < lengths.length; symbol++) {
		if (lengths[symbol] !== 0) symbols[offsets[lengths[symbol]]++] = symbol;
	}
	return { counts, symbols };
}

function fixedTrees(): { literals: Huffman; distances: Huffman } {
	const lengths = new Array<number>(288);
	for (let symbol = 0; symbol < 288; symbol++) {
		lengths[symbol] = symbol < 144 ? 8 : symbol < 256 ? 9 : symbol < 280 ? 7 : 8;
	}
	return { literals: huffman(lengths), distances: huffman(new Array<number>(30).fill(5)) };
}

class BitReader {
	private bitBuffer = 0;
	private bitCount = 0;

	constructor(
		private readonly data: Uint8Array,
		public position: number,
	) {}

	bit(): number {
		if (this.bitCount === 0) {
			if (this.position >= this.data.length) throw new GzipError('The compressed body ends early');
			this.bitBuffer = this.data[this.position++];
			this.bitCount = 8;
		}
		const bit = this.bitBuffer & 1;
		this.bitBuffer >>>= 1;
		this.bitCount--;
		return bit;
	}

	bits(count: number): number {
		let value = 0;
		for (let index = 0; index < count; index++) value |= this.bit() << index;
		return value;
	}

	/** Drops the rest of the current byte (stored blocks start on a byte boundary). */
	alignToByte(): void {
		this.bitCount = 0;
	}

	decode(tree: Huffman): number {
		let code = 0;
		let first = 0;
		let index = 0;
		for (let length = 1; length < 16; length++) {
			code |= this.bit();
			const count = tree.counts[length];
			if (code - first < count) return tree.symbols[index + code - first];
			index += count;
			first = (first + count) << 1;
			code <<= 1;
		}
		throw new GzipError('The compressed body holds an invalid code');
	}
}

function dynamicTrees(reader: BitReader): { literals: Huffman; distances: Huffman } {
	const literalCount = reader.bits(5) + 257;
	const distanceCount = reader.bits(5) + 1;
	const codeLengthCount = reader.bits(4) + 4;
	const codeLengths = new Array<number>(19).fill(0);
	for (let index = 0; index < codeLengthCount; index++) codeLengths[CODE_LENGTH_ORDER[index]] = reader.bits(3);
	const codeLengthTree = huffman(codeLengths);
	const lengths: number[] = [];
	while (lengths.length < literalCount + distanceCount) {
		const symbol = reader.decode(codeLengthTree);
		if (symbol < 16) {
			lengths.push(symbol);
		} else if (symbol === 16) {
			if (lengths.length === 0) throw new GzipError('The compressed body repeats a length before any');
			const previous = lengths[lengths.length - 1];
			for (let repeat = reader.bits(2) + 3; repeat > 0; repeat--) lengths.push(previous);
		} else {
			const zeros = symbol === 17 ? reader.bits(3) + 3 : reader.bits(7) + 11;
			for (let repeat = 0; repeat < zeros; repeat++) lengths.push(0);
		}
	}
	if (lengths.length > literalCount + distanceCount) throw new GzipError('The compressed body has too many code lengths');
	return {
		literals: huffman(lengths.slice(0, literalCount)),
		distances: huffman(lengths.slice(literalCount)),
	};
}

/** Inflates raw deflate data starting at `start`; returns the bytes and where the data ended. */
function inflate(data: Uint8Array, start: number): { output: Buffer; end: number } {
	const reader = new BitReader(data, start);
	const output: number[] = [];
	let last = 0;
	while (!last) {
		last = reader.bit();
		const type = reader.bits(2);
		if (type === 0) {
			reader.alignToByte();
			const at = reader.position;
			if (at + 4 > data.length) throw new GzipError('The compressed body ends early');
			const length = data[at] | (data[at + 1] << 8);
			const check = data[at + 2] | (data[at + 3] << 8);
			if ((length ^ 0xffff) !== check) throw new GzipError('The compressed body has a corrupt stored block');
			if (at + 4 + length > data.length) throw new GzipError('The compressed body ends early');
			for (let index = 0; index < length; index++) output.push(data[at + 4 + index]);
			reader.position = at + 4 + length;
		} else if (type === 1 || type === 2) {
			const { literals, distances } = type === 1 ? fixedTrees() : dynamicTrees(reader);
			for (;;) {
				const symbol = reader.decode(literals);
				if (symbol < 256) {
					output.push(symbol);
				} else if (symbol === 256) {
					break;
				} else {
					const lengthIndex = symbol - 257;
					if (lengthIndex >= LENGTH_BASE.length) throw new GzipError('The compressed body holds an invalid length');
					const length = LENGTH_BASE[lengthIndex] + reader.bits(LENGTH_EXTRA[lengthIndex]);
					const distanceIndex = reader.decode(distances);
					if (distanceIndex >= DISTANCE_BASE.length) throw new GzipError('The compressed body holds an invalid distance');
					const distance = DISTANCE_BASE[distanceIndex] + reader.bits(DISTANCE_EXTRA[distanceIndex]);
					if (distance > output.length) throw new GzipError('The compressed body points before its start');
					for (let index = 0; index < length; index++) output.push(output[output.length - distance]);
				}
				if (output.length > MAX_OUTPUT_BYTES) throw new GzipError('The compressed body inflates beyond the size limit');
			}
		} else {
			throw new GzipError('The compressed body has an invalid block type');
		}
	}
	return { output: Buffer.from(output), end: reader.position };
}

let crcTable: Uint32Array | undefined;

function crc32(bytes: Uint8Array): number {
	if (!crcTable) {
		crcTable = new Uint32Array(256);
		for (let index = 0; index < 256; index++) {
			let value = index;
			for (let bit = 0; bit < 8; bit++) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
			crcTable[index] = value >>> 0;
		}
	}
	let crc = 0xffffffff;
	for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

export function isGzip(bytes: Uint8Array): boolean {
	return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The bytes a gzip body holds; throws GzipError when it is not valid gzip. */
export function gunzip(bytes: Uint8Array): Buffer {
	if (!isGzip(bytes) || bytes.length < 18) throw new GzipError('The body is not gzip');
	if (bytes[2] !== 8) throw new GzipError('The gzip body uses an unknown compression method');
	const flags = bytes[3];
	let position = 10;
	if (flags & 4) position += 2 + (bytes[position] | (bytes[position + 1] << 8));
	for (const flag of [8, 16]) {
		if (flags & flag) {
			while (position < bytes.length && bytes[position] !== 0) position++;
			position++;
		}
	}
	if (flags & 2) position += 2;
	if (position >= bytes.length) throw new GzipError('The gzip body ends early');
	const { output, end } = inflate(bytes, position);
	if (end + 8 > bytes.length) throw new GzipError('The gzip body ends early');
	const expectedCrc = (bytes[end] | (bytes[end + 1] << 8) | (bytes[end + 2] << 16) | (bytes[end + 3] << 24)) >>> 0;
	if (crc32(output) !== expectedCrc) throw new GzipError('The gzip body fails its checksum');
	return output;
}

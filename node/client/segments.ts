/**
 * Splitfile layout (spec/client.md §2–3): content is cut into shards of `SHARD_BYTES`, grouped into
 * segments of up to k data shards (the last two segments share the rest evenly, so none is small); each
 * segment of k_s data shards gets m_s check shards of the wide erasure code (erasure.ts, code 2); every
 * shard becomes one CHK block. Manifests of the earlier code 1 (fec.ts, at most 24 + 6) still decode.
 *
 *   content ──cut──> segment (k_s shards) ──encodeSegment──> k_s data + m_s check CHK blocks
 *   any k_s of those blocks ──decodeSegment(code)──> the segment's bytes
 */
import { CHK_MAX_CONTENT_BYTES, type ChkBlock, encodeChk } from '../../protocol/keys/index.js';
import { checkErasureCode, encodeChecks, recoverData } from './erasure.js';
import { recoverData as recoverLegacyData } from './fec.js';

/** Bytes of content per block: the largest multiple of 8 (code 1's shard rule) that fits a CHK block. */
export const SHARD_BYTES = CHK_MAX_CONTENT_BYTES - (CHK_MAX_CONTENT_BYTES % 8);
export const DEFAULT_DATA_BLOCKS_PER_SEGMENT = 128;
export const DEFAULT_CHECK_BLOCKS_PER_SEGMENT = 128;
/** Check blocks a segment gets at least (when m allows): a file of a few blocks keeps 6 of them, as before. */
export const SMALL_SEGMENT_CHECK_BLOCKS = 6;

/** The erasure code a manifest names: 1 is the bit-sliced code of old manifests (decoded only), 2 the wide code. */
export type FecCode = 1 | 2;
export const LEGACY_FEC_CODE = 1;
export const WIDE_FEC_CODE = 2;

/** A block as a manifest names it: where it is routed, and the key that decrypts it. */
export interface BlockRef {
  readonly routingKey: Uint8Array;
  readonly cryptoKey: Uint8Array;
}

export interface SegmentRef {
  /** Content bytes in this segment (the last data shard may be short). */
  readonly dataLength: number;
  readonly dataBlocks: readonly BlockRef[];
  readonly checkBlocks: readonly BlockRef[];
}

/** FEC parameters of a splitfile. */
export interface Redundancy {
  /** k: data blocks of a full segment (default 128). */
  readonly dataBlocksPerSegment: number;
  /** m: check blocks of a full segment, k + m ≤ 256 (default 128: as many as data blocks, as Freenet does). */
  readonly checkBlocksPerSegment: number;
}

export function resolveRedundancy(init: Partial<Redundancy> = {}): Redundancy {
  const dataBlocksPerSegment = init.dataBlocksPerSegment ?? DEFAULT_DATA_BLOCKS_PER_SEGMENT;
  const checkBlocksPerSegment = init.checkBlocksPerSegment ?? DEFAULT_CHECK_BLOCKS_PER_SEGMENT;
  checkErasureCode(dataBlocksPerSegment, checkBlocksPerSegment);
  return { dataBlocksPerSegment, checkBlocksPerSegment };
}

/** Number of shards that hold `length` content bytes. */
export function shardCount(length: number): number {
  return Math.ceil(length / SHARD_BYTES);
}

/** Content length of data shard `index` of a segment of `dataLength` bytes. */
export function shardLength(dataLength: number, index: number): number {
  return Math.min(SHARD_BYTES, dataLength - index * SHARD_BYTES);
}

/** Segments of a file of `blocks` data blocks with k per segment (§2). */
export function segmentCount(blocks: number, k: number): number {
  return Math.ceil(blocks / k);
}

/** k_s, the data blocks of segment `index`: k, but the last two segments share what is left evenly (the first gets the odd one). */
export function segmentDataBlocks(blocks: number, k: number, index: number): number {
  const count = segmentCount(blocks, k);
  if (count === 1) return blocks;
  if (index < count - 2) return k;
  const rest = blocks - (count - 2) * k;
  return index === count - 2 ? Math.ceil(rest / 2) : Math.floor(rest / 2);
}

/** m_s, the check blocks of a segment of `dataBlocks` data blocks: m in proportion, at least min(m, 6). */
export function segmentCheckBlocks(dataBlocks: number, { dataBlocksPerSegment: k, checkBlocksPerSegment: m }: Redundancy): number {
  return Math.max(Math.ceil((dataBlocks * m) / k), Math.min(m, SMALL_SEGMENT_CHECK_BLOCKS));
}

/** Check blocks of a whole file of `blocks` data blocks: the full segments' and the last two's. */
export function checkBlockTotal(blocks: number, redundancy: Redundancy): number {
  const k = redundancy.dataBlocksPerSegment;
  const segments = segmentCount(blocks, k);
  const full = Math.max(0, segments - 2);
  let total = full * segmentCheckBlocks(k, redundancy);
  for (let index = full; index < segments; index++) total += segmentCheckBlocks(segmentDataBlocks(blocks, k, index), redundancy);
  return total;
}

export interface EncodedSegment {
  readonly ref: SegmentRef;
  /** Data blocks first, then check blocks, as the network stores them. */
  readonly blocks: readonly ChkBlock[];
}

const refOf = ({ routingKey, cryptoKey }: ChkBlock): BlockRef => ({ routingKey, cryptoKey });

/** `shard` zero-padded to SHARD_BYTES (the padding exists only for the code, never in a block). */
function padded(shard: Uint8Array): Uint8Array {
  if (shard.length === SHARD_BYTES) return shard;
  const out = new Uint8Array(SHARD_BYTES);
  out.set(shard);
  return out;
}

/** The CHK blocks of one segment of content (1..256 shards) with `checkBlocks` check blocks of the wide code. */
export async function encodeSegment(content: Uint8Array, checkBlocks: number): Promise<EncodedSegment> {
  const k = shardCount(content.length);
  if (k < 1) throw new RangeError('a segment holds at least one byte');
  checkErasureCode(k, checkBlocks);
  const shards = Array.from({ length: k }, (_, index) => content.subarray(index * SHARD_BYTES, index * SHARD_BYTES + shardLength(content.length, index)));
  const data = shards.map((shard) => encodeChk(shard));
  const check = (await encodeChecks(shards.map(padded), checkBlocks, SHARD_BYTES)).map((shard) => encodeChk(shard));
  return {
    ref: { dataLength: content.length, dataBlocks: data.map(refOf), checkBlocks: check.map(refOf) },
    blocks: [...data, ...check],
  };
}

/** The content length block `index` (data first, then check) of `segment` must have. */
export function expectedBlockLength(segment: SegmentRef, index: number): number {
  return index < segment.dataBlocks.length ? shardLength(segment.dataLength, index) : SHARD_BYTES;
}

/**
 * The segment's content from at least k_s of its decrypted blocks, keyed by index
 * (data first, then check), each of the length `expectedBlockLength` gives.
 */
export async function decodeSegment(code: FecCode, segment: SegmentRef, contents: ReadonlyMap<number, Uint8Array>): Promise<Uint8Array> {
  const k = segment.dataBlocks.length;
  const m = segment.checkBlocks.length;
  const out = new Uint8Array(k * SHARD_BYTES);
  if (code === WIDE_FEC_CODE) {
    const shards = new Map([...contents].map(([index, content]) => [index, padded(content)] as const));
    for (const [index, shard] of (await recoverData(k, m, shards, SHARD_BYTES)).entries()) out.set(shard, index * SHARD_BYTES);
    return out.subarray(0, segment.dataLength);
  }
  for (const [index, content] of contents) if (index < k) out.set(content, index * SHARD_BYTES);
  const missingData = Array.from({ length: k }, (_, index) => index).some((index) => !contents.has(index));
  if (missingData) {
    const parity = new Uint8Array(m * SHARD_BYTES);
    for (const [index, content] of contents) if (index >= k) parity.set(content, (index - k) * SHARD_BYTES);
    await recoverLegacyData(k, m, SHARD_BYTES, out, parity, [...contents.keys()]);
  }
  return out.subarray(0, segment.dataLength);
}

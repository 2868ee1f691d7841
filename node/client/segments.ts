/**
 * Splitfile layout (spec/client.md §3–4): content is cut into shards of `SHARD_BYTES`,
 * grouped into segments of up to k data shards; each segment gets m Reed-Solomon
 * parity shards; every shard becomes one CHK block. Pure apart from the FEC call.
 *
 *   content ──cut──> segment (≤ k·SHARD_BYTES) ──encodeSegment──> k' data + m check CHK blocks
 *   any k' of those blocks ──decodeSegment──> the segment's bytes
 */
import { CHK_MAX_CONTENT_BYTES, type ChkBlock, encodeChk } from '../../protocol/keys/index.js';
import { encodeParity, FEC_MAX_DATA_SHARDS, FEC_MAX_PARITY_SHARDS, recoverData } from './fec.js';

/** Bytes of content per block: the largest multiple of 8 (an FEC requirement) that fits a CHK block. */
export const SHARD_BYTES = CHK_MAX_CONTENT_BYTES - (CHK_MAX_CONTENT_BYTES % 8);
export const DEFAULT_DATA_BLOCKS_PER_SEGMENT = 6;
export const DEFAULT_CHECK_BLOCKS_PER_SEGMENT = 6;
export const MAX_DATA_BLOCKS_PER_SEGMENT = FEC_MAX_DATA_SHARDS;
export const MAX_CHECK_BLOCKS_PER_SEGMENT = FEC_MAX_PARITY_SHARDS;

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
  /** k: data blocks per segment, 1..24 (default 6). */
  readonly dataBlocksPerSegment: number;
  /** m: check blocks per segment, 0..6 (default 6: as many as data blocks, as Freenet does). */
  readonly checkBlocksPerSegment: number;
}

export function resolveRedundancy(init: Partial<Redundancy> = {}): Redundancy {
  const dataBlocksPerSegment = init.dataBlocksPerSegment ?? DEFAULT_DATA_BLOCKS_PER_SEGMENT;
  const checkBlocksPerSegment = init.checkBlocksPerSegment ?? DEFAULT_CHECK_BLOCKS_PER_SEGMENT;
  if (!Number.isInteger(dataBlocksPerSegment) || dataBlocksPerSegment < 1 || dataBlocksPerSegment > MAX_DATA_BLOCKS_PER_SEGMENT) {
    throw new RangeError(`data blocks per segment must be 1..${MAX_DATA_BLOCKS_PER_SEGMENT}`);
  }
  if (!Number.isInteger(checkBlocksPerSegment) || checkBlocksPerSegment < 0 || checkBlocksPerSegment > MAX_CHECK_BLOCKS_PER_SEGMENT) {
    throw new RangeError(`check blocks per segment must be 0..${MAX_CHECK_BLOCKS_PER_SEGMENT}`);
  }
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

export interface EncodedSegment {
  readonly ref: SegmentRef;
  /** Data blocks first, then check blocks, as the network stores them. */
  readonly blocks: readonly ChkBlock[];
}

const refOf = ({ routingKey, cryptoKey }: ChkBlock): BlockRef => ({ routingKey, cryptoKey });

/** The CHK blocks of one segment of content (1..k·SHARD_BYTES bytes) with `checkBlocks` parity blocks. */
export async function encodeSegment(content: Uint8Array, checkBlocks: number): Promise<EncodedSegment> {
  const k = shardCount(content.length);
  if (k < 1 || k > MAX_DATA_BLOCKS_PER_SEGMENT) throw new RangeError('a segment holds 1..24 shards of content');
  const data: ChkBlock[] = [];
  for (let index = 0; index < k; index++) {
    data.push(encodeChk(content.subarray(index * SHARD_BYTES, index * SHARD_BYTES + shardLength(content.length, index))));
  }
  const check: ChkBlock[] = [];
  if (checkBlocks > 0) {
    const padded = new Uint8Array(k * SHARD_BYTES);
    padded.set(content);
    const parity = new Uint8Array(checkBlocks * SHARD_BYTES);
    await encodeParity(k, checkBlocks, SHARD_BYTES, padded, parity);
    for (let index = 0; index < checkBlocks; index++) check.push(encodeChk(parity.subarray(index * SHARD_BYTES, (index + 1) * SHARD_BYTES)));
  }
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
 * The segment's content from at least k' of its decrypted blocks, keyed by index
 * (data first, then check), each of the length `expectedBlockLength` gives.
 */
export async function decodeSegment(segment: SegmentRef, contents: ReadonlyMap<number, Uint8Array>): Promise<Uint8Array> {
  const k = segment.dataBlocks.length;
  const m = segment.checkBlocks.length;
  const data = new Uint8Array(k * SHARD_BYTES);
  let missingData = false;
  for (let index = 0; index < k; index++) {
    const content = contents.get(index);
    if (content === undefined) missingData = true;
    else data.set(content, index * SHARD_BYTES);
  }
  if (missingData) {
    const parity = new Uint8Array(m * SHARD_BYTES);
    for (let index = 0; index < m; index++) {
      const content = contents.get(k + index);
      if (content !== undefined) parity.set(content, index * SHARD_BYTES);
    }
    await recoverData(k, m, SHARD_BYTES, data, parity, [...contents.keys()]);
  }
  return data.subarray(0, segment.dataLength);
}

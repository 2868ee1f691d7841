/**
 * Files as the simulator stores them: the client's splitfile blocks (node/client/segments.ts,
 * spec/client.md §2–3) at the simulation block size. Content is cut into segments of k data
 * shards, each segment gets m check shards from the client's erasure code (erasure.ts), and every
 * shard becomes one CHK block in the network's format; any k of a segment's k + m blocks
 * rebuild it, so a file is retrievable when every segment has k blocks retrievable. By default a
 * segment is 6 + 6: what the client makes of a small file of 6 data blocks.
 */
import { encodeChecks } from '../node/client/erasure.js';
import { type Redundancy, resolveRedundancy } from '../node/client/segments.js';
import { type ChkBlock, type ChkFormat, encodeChk } from '../protocol/keys/chk.js';

export interface SimulatedFile {
  /** Per segment: its k data blocks, then its m check blocks. */
  readonly segments: readonly (readonly ChkBlock[])[];
  readonly redundancy: Redundancy;
}

/** Content bytes per shard: the largest multiple of 8 (an FEC requirement) that fits a block of `format`. */
export function shardBytes(format: ChkFormat): number {
  return format.maxContentBytes - (format.maxContentBytes % 8);
}

/** A small file of 6 data blocks, as the client stores it: one segment of 6 data + 6 check blocks. */
export const SMALL_FILE_REDUNDANCY: Redundancy = { dataBlocksPerSegment: 6, checkBlocksPerSegment: 6 };

/** Encodes `segments` full segments of `content` (segments · k · shardBytes bytes). */
export async function encodeFile(
  content: Uint8Array,
  segments: number,
  format: ChkFormat,
  redundancy: Partial<Redundancy> = SMALL_FILE_REDUNDANCY,
): Promise<SimulatedFile> {
  const resolved = resolveRedundancy({ ...SMALL_FILE_REDUNDANCY, ...redundancy });
  const { dataBlocksPerSegment: k, checkBlocksPerSegment: m } = resolved;
  const shard = shardBytes(format);
  if (content.length !== segments * k * shard)
    throw new RangeError(`a file of ${segments} segments holds ${segments * k * shard} bytes, got ${content.length}`);
  const encoded: ChkBlock[][] = [];
  for (let segment = 0; segment < segments; segment++) {
    const data = content.subarray(segment * k * shard, (segment + 1) * k * shard);
    const shards = Array.from({ length: k }, (_, index) => data.subarray(index * shard, (index + 1) * shard));
    const checks = await encodeChecks(shards, m, shard);
    encoded.push([...shards, ...checks].map((bytes) => encodeChk(bytes, format)));
  }
  return { segments: encoded, redundancy: resolved };
}

/** Whether every segment has at least k of its blocks among those `found` says are retrievable. */
export function isRetrievable(file: SimulatedFile, found: (block: ChkBlock) => boolean): boolean {
  return file.segments.every((blocks) => blocks.filter(found).length >= file.redundancy.dataBlocksPerSegment);
}

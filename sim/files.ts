/**
 * Files as the simulator stores them: the client's splitfile layout (node/client/segments.ts,
 * spec/client.md §3–4) at the simulation block size. Content is cut into segments of k data
 * shards, each segment gets m Reed-Solomon check shards from the client's FEC code, and every
 * shard becomes one CHK block in the network's format; any k of a segment's k + m blocks
 * rebuild it, so a file is retrievable when every segment has k blocks retrievable.
 */
import { encodeParity } from '../node/client/fec.js';
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

/** Encodes `segments` full segments of `content` (segments · k · shardBytes bytes). */
export async function encodeFile(content: Uint8Array, segments: number, format: ChkFormat, redundancy: Partial<Redundancy> = {}): Promise<SimulatedFile> {
  const resolved = resolveRedundancy(redundancy);
  const { dataBlocksPerSegment: k, checkBlocksPerSegment: m } = resolved;
  const shard = shardBytes(format);
  if (content.length !== segments * k * shard)
    throw new RangeError(`a file of ${segments} segments holds ${segments * k * shard} bytes, got ${content.length}`);
  const encoded: ChkBlock[][] = [];
  for (let segment = 0; segment < segments; segment++) {
    const data = content.subarray(segment * k * shard, (segment + 1) * k * shard);
    const blocks: ChkBlock[] = [];
    for (let index = 0; index < k; index++) blocks.push(encodeChk(data.subarray(index * shard, (index + 1) * shard), format));
    if (m > 0) {
      const parity = new Uint8Array(m * shard);
      await encodeParity(k, m, shard, Uint8Array.from(data), parity);
      for (let index = 0; index < m; index++) blocks.push(encodeChk(parity.subarray(index * shard, (index + 1) * shard), format));
    }
    encoded.push(blocks);
  }
  return { segments: encoded, redundancy: resolved };
}

/** Whether every segment has at least k of its blocks among those `found` says are retrievable. */
export function isRetrievable(file: SimulatedFile, found: (block: ChkBlock) => boolean): boolean {
  return file.segments.every((blocks) => blocks.filter(found).length >= file.redundancy.dataBlocksPerSegment);
}

/**
 * A segment's blocks made again from its decoded content (spec/client.md §9.1, §9.2), for healing and
 * `reinsert`: data blocks from their shards, check blocks from the erasure code the manifest names
 * (only the rows asked for), each turned into its CHK block and kept only if its keys are the ones the
 * manifest gives that block — a block that differs is never inserted.
 *
 *   content ──shards──> data CHK blocks          ┐
 *          └─code 2: encodeChecks(rows) / code 1: encodeParity──> check CHK blocks ┴──verify against the refs──> blocks
 */
import { equalBytes } from '../../protocol/crypto.js';
import { type ChkBlock, encodeChk } from '../../protocol/keys/index.js';
import { encodeChecks } from './erasure.js';
import { encodeParity } from './fec.js';
import { type BlockRef, type FecCode, type SegmentRef, SHARD_BYTES, shardLength, WIDE_FEC_CODE } from './segments.js';

export interface RebuiltBlocks {
  /** The blocks made again whose keys match the manifest's, in the order asked for. */
  readonly blocks: readonly ChkBlock[];
  /** Blocks whose keys differ from the manifest's: an inserter that encoded otherwise; not inserted. */
  readonly mismatched: number;
}

/** Shard `index` of the content, zero-padded to SHARD_BYTES when `pad` (the padding exists only for the code). */
function shard(content: Uint8Array, index: number, pad: boolean): Uint8Array {
  const bytes = content.subarray(index * SHARD_BYTES, index * SHARD_BYTES + shardLength(content.length, index));
  if (!pad || bytes.length === SHARD_BYTES) return bytes;
  const out = new Uint8Array(SHARD_BYTES);
  out.set(bytes);
  return out;
}

/** The check shards at `rows` of a segment of content, by the code of its manifest. */
async function checkShards(code: FecCode, content: Uint8Array, k: number, m: number, rows: readonly number[]): Promise<Uint8Array[]> {
  if (rows.length === 0) return [];
  const data = Array.from({ length: k }, (_, index) => shard(content, index, true));
  if (code === WIDE_FEC_CODE) return encodeChecks(data, m, SHARD_BYTES, rows);
  const parity = new Uint8Array(m * SHARD_BYTES);
  await encodeParity(k, m, SHARD_BYTES, Buffer.concat(data), parity);
  return rows.map((row) => parity.subarray(row * SHARD_BYTES, (row + 1) * SHARD_BYTES));
}

const matches = (block: ChkBlock, ref: BlockRef): boolean => equalBytes(block.routingKey, ref.routingKey) && equalBytes(block.cryptoKey, ref.cryptoKey);

/**
 * The CHK blocks at `indexes` (data 0..k−1, then check k..k+m−1) of `segment`, made from its whole
 * decoded `content` (read, not kept), each checked against the key its manifest names.
 */
export async function rebuildBlocks(code: FecCode, segment: SegmentRef, content: Uint8Array, indexes: readonly number[]): Promise<RebuiltBlocks> {
  const k = segment.dataBlocks.length;
  const m = segment.checkBlocks.length;
  if (content.length !== segment.dataLength) throw new RangeError(`the segment holds ${segment.dataLength} bytes, not ${content.length}`);
  if (indexes.some((index) => !Number.isInteger(index) || index < 0 || index >= k + m)) throw new RangeError(`block indexes are 0..${k + m - 1}`);
  const rows = indexes.filter((index) => index >= k).map((index) => index - k);
  const checks = await checkShards(code, content, k, m, rows);
  const blocks: ChkBlock[] = [];
  let mismatched = 0;
  let nextCheck = 0;
  for (const index of indexes) {
    const block = encodeChk(index < k ? shard(content, index, false) : checks[nextCheck++]!);
    if (matches(block, index < k ? segment.dataBlocks[index]! : segment.checkBlocks[index - k]!)) blocks.push(block);
    else mismatched++;
  }
  return { blocks, mismatched };
}

import assert from 'node:assert/strict';
import { toHex } from '../../../../protocol/bytes.js';
import { randomBytes } from '../../../../protocol/crypto.js';
import { encodeChk } from '../../../../protocol/keys/index.js';
import { encodeParity } from '../../../../node/client/fec.js';
import { rebuildBlocks } from '../../../../node/client/rebuild.js';
import { encodeSegment, LEGACY_FEC_CODE, SHARD_BYTES, type SegmentRef, WIDE_FEC_CODE } from '../../../../node/client/segments.js';

const keys = (blocks: ReadonlyArray<{ routingKey: Uint8Array; block: Uint8Array }>) =>
  blocks.map((block) => `${toHex(block.routingKey)}:${toHex(block.block)}`);

describe('rebuildBlocks', () => {
  it('makes again, byte for byte, the data and check blocks asked for of a segment of the wide code', async () => {
    const content = randomBytes(5 * SHARD_BYTES + 77); // 6 data blocks, the last short
    const { ref, blocks } = await encodeSegment(content, 4);
    const indexes = [5, 0, 6, 9, 2];
    const rebuilt = await rebuildBlocks(WIDE_FEC_CODE, ref, content, indexes);
    assert.equal(rebuilt.mismatched, 0);
    assert.deepEqual(keys(rebuilt.blocks), keys(indexes.map((index) => blocks[index]!)));
  });

  it('makes again the check blocks of the old code (code 1) as its inserters made them', async () => {
    const content = randomBytes(3 * SHARD_BYTES + 8);
    const k = 4;
    const m = 2;
    const data = Array.from({ length: k }, (_, index) => encodeChk(content.subarray(index * SHARD_BYTES, (index + 1) * SHARD_BYTES)));
    const padded = new Uint8Array(k * SHARD_BYTES);
    padded.set(content);
    const parity = new Uint8Array(m * SHARD_BYTES);
    await encodeParity(k, m, SHARD_BYTES, padded, parity);
    const check = Array.from({ length: m }, (_, row) => encodeChk(parity.subarray(row * SHARD_BYTES, (row + 1) * SHARD_BYTES)));
    const ref: SegmentRef = { dataLength: content.length, dataBlocks: data, checkBlocks: check };
    const rebuilt = await rebuildBlocks(LEGACY_FEC_CODE, ref, content, [3, 4, 5]);
    assert.equal(rebuilt.mismatched, 0);
    assert.deepEqual(keys(rebuilt.blocks), keys([data[3]!, check[0]!, check[1]!]));
  });

  it('keeps no block whose keys differ from the manifest: it is counted, not returned', async () => {
    const content = randomBytes(3 * SHARD_BYTES);
    const { ref, blocks } = await encodeSegment(content, 3);
    const other = encodeChk(randomBytes(SHARD_BYTES));
    const forged: SegmentRef = {
      ...ref,
      dataBlocks: [ref.dataBlocks[0]!, other, ref.dataBlocks[2]!],
      checkBlocks: [ref.checkBlocks[0]!, other, ref.checkBlocks[2]!],
    };
    const rebuilt = await rebuildBlocks(WIDE_FEC_CODE, forged, content, [0, 1, 3, 4]);
    assert.equal(rebuilt.mismatched, 2);
    assert.deepEqual(keys(rebuilt.blocks), keys([blocks[0]!, blocks[3]!]));
  });

  it('refuses content of another length and indexes outside the segment', async () => {
    const content = randomBytes(2 * SHARD_BYTES);
    const { ref } = await encodeSegment(content, 2);
    await assert.rejects(rebuildBlocks(WIDE_FEC_CODE, ref, content.subarray(1), [0]), RangeError);
    await assert.rejects(rebuildBlocks(WIDE_FEC_CODE, ref, content, [4]), RangeError);
    await assert.rejects(rebuildBlocks(WIDE_FEC_CODE, ref, content, [-1]), RangeError);
  });
});

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { toHex } from '../../../../protocol/bytes.js';
import { createHasher, hash, randomBytes } from '../../../../protocol/crypto.js';
import { CHK_MAX_CONTENT_BYTES, decodeChk, encodeChk } from '../../../../protocol/keys/index.js';
import { encodeParity } from '../../../../node/client/fec.js';
import {
  checkBlockTotal,
  decodeSegment,
  encodeSegment,
  LEGACY_FEC_CODE,
  resolveRedundancy,
  SHARD_BYTES,
  segmentCheckBlocks,
  segmentCount,
  segmentDataBlocks,
  shardCount,
  WIDE_FEC_CODE,
} from '../../../../node/client/segments.js';

function contentsOf(blocks: Awaited<ReturnType<typeof encodeSegment>>['blocks']): Uint8Array[] {
  return blocks.map((block) => decodeChk(block.block, block.cryptoKey));
}

describe('node/client/segments', () => {
  it('uses the largest multiple of 8 that fits a CHK block as the shard size', () => {
    assert.equal(SHARD_BYTES, 32744);
    assert.ok(SHARD_BYTES <= CHK_MAX_CONTENT_BYTES && SHARD_BYTES % 8 === 0);
  });

  it('defaults to 128 data and 128 check blocks per segment and refuses what the code cannot do', () => {
    assert.deepEqual(resolveRedundancy(), { dataBlocksPerSegment: 128, checkBlocksPerSegment: 128 });
    assert.throws(() => resolveRedundancy({ dataBlocksPerSegment: 129 }), RangeError);
    assert.throws(() => resolveRedundancy({ dataBlocksPerSegment: 0, checkBlocksPerSegment: 0 }), RangeError);
    assert.throws(() => resolveRedundancy({ dataBlocksPerSegment: 6, checkBlocksPerSegment: 251 }), RangeError);
    assert.deepEqual(resolveRedundancy({ dataBlocksPerSegment: 255, checkBlocksPerSegment: 1 }), { dataBlocksPerSegment: 255, checkBlocksPerSegment: 1 });
    assert.deepEqual(resolveRedundancy({ checkBlocksPerSegment: 0 }).checkBlocksPerSegment, 0);
  });

  it('cuts a file into segments of k, the last two sharing the rest, and gives each its check blocks', () => {
    const counts = (blocks: number, k: number) => Array.from({ length: segmentCount(blocks, k) }, (_, index) => segmentDataBlocks(blocks, k, index));
    assert.deepEqual(counts(0, 128), []);
    assert.deepEqual(counts(5, 128), [5]);
    assert.deepEqual(counts(128, 128), [128]);
    assert.deepEqual(counts(129, 128), [65, 64]);
    assert.deepEqual(counts(256, 128), [128, 128]);
    assert.deepEqual(counts(257, 128), [128, 65, 64]);
    assert.deepEqual(counts(20, 6), [6, 6, 4, 4]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 255 }), (blocks, k) => {
        const sizes = counts(blocks, k);
        assert.equal(
          sizes.reduce((a, b) => a + b, 0),
          blocks,
        );
        assert.ok(sizes.every((size) => size >= 1 && size <= k));
        if (sizes.length > 1) assert.ok(sizes.every((size) => size >= k / 2));
      }),
    );
    const wide = resolveRedundancy();
    assert.deepEqual(
      [1, 6, 7, 77, 128].map((blocks) => segmentCheckBlocks(blocks, wide)),
      [6, 6, 7, 77, 128],
    );
    assert.deepEqual(
      [1, 6, 11].map((blocks) => segmentCheckBlocks(blocks, { dataBlocksPerSegment: 12, checkBlocksPerSegment: 3 })),
      [3, 3, 3],
    );
    assert.equal(segmentCheckBlocks(100, { dataBlocksPerSegment: 128, checkBlocksPerSegment: 0 }), 0);
    assert.equal(checkBlockTotal(32_793, wide), 32_793);
    assert.equal(checkBlockTotal(3, wide), 6);
  });

  it('keeps data blocks as they are: the last one short, not padded', async () => {
    const content = randomBytes(SHARD_BYTES + 10);
    const { ref, blocks } = await encodeSegment(content, 2);
    assert.equal(ref.dataBlocks.length, 2);
    assert.equal(ref.checkBlocks.length, 2);
    assert.deepEqual(
      contentsOf(blocks).map((c) => c.length),
      [SHARD_BYTES, 10, SHARD_BYTES, SHARD_BYTES],
    );
  });

  it('rebuilds a segment from any k of its n blocks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 * SHARD_BYTES }),
        fc.integer({ min: 0, max: 12 }),
        fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
        async (length, m, randoms) => {
          const content = randomBytes(length);
          const { ref, blocks } = await encodeSegment(content, m);
          const k = shardCount(length);
          const contents = contentsOf(blocks);
          const order = contents.map((_, index) => index).sort(() => randoms.next().value! - 0.5);
          const kept = new Map(order.slice(0, k).map((index) => [index, contents[index]!] as const));
          assert.deepEqual(await decodeSegment(WIDE_FEC_CODE, ref, kept), content);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('reproduces the check blocks of spec/client.md §3.5 (known answers)', async () => {
    const vectors: Array<[number, number, string]> = [
      [6, 6, '2a32d50688952e7f4c5363a70bac53cac85550b4b27d88e5df8a378c18d5a646'],
      [3, 2, '18ebdb431a531fd044c3a68b8d91067d00c8667b6b8b8d5c39d6cc6287a49994'],
      [128, 128, 'f5a8d128c1555bd18f36cb7365204cf5e4b919da3db400e2bc05f67b7771bdde'],
    ];
    for (const [k, m, expected] of vectors) {
      const content = Uint8Array.from({ length: k * SHARD_BYTES - 5 }, (_, i) => (i * 7 + (i >> 8)) & 0xff);
      const { ref } = await encodeSegment(content, m);
      assert.equal(toHex(hash('warren/test-vector', ...ref.checkBlocks.map((block) => block.routingKey))), expected, `k=${k} m=${m}`);
    }
  });

  it('decodes a segment of code 1 (old manifests) through the old code', async () => {
    const content = randomBytes(5 * SHARD_BYTES + 99);
    const data = new Uint8Array(6 * SHARD_BYTES);
    data.set(content);
    const parity = new Uint8Array(6 * SHARD_BYTES);
    await encodeParity(6, 6, SHARD_BYTES, data, parity);
    const shards = [
      ...Array.from({ length: 6 }, (_, i) => content.subarray(i * SHARD_BYTES, (i + 1) * SHARD_BYTES)),
      ...Array.from({ length: 6 }, (_, i) => parity.subarray(i * SHARD_BYTES, (i + 1) * SHARD_BYTES)),
    ];
    const blocks = shards.map((shard) => encodeChk(shard));
    const ref = { dataLength: content.length, dataBlocks: blocks.slice(0, 6), checkBlocks: blocks.slice(6) };
    const kept = new Map([1, 3, 5, 7, 9, 11].map((index) => [index, decodeChk(blocks[index]!.block, blocks[index]!.cryptoKey)] as const));
    assert.deepEqual(await decodeSegment(LEGACY_FEC_CODE, ref, kept), content);
  });

  it('hashes incrementally as in one call', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.nat(3000), (data, at) => {
        const hasher = createHasher('warren/file-content/v1');
        hasher.update(data.subarray(0, at));
        hasher.update(data.subarray(at));
        assert.deepEqual(hasher.digest(), hash('warren/file-content/v1', data));
      }),
    );
  });
});

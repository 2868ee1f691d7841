import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createHasher, hash, randomBytes } from '../../../../protocol/crypto.js';
import { CHK_MAX_CONTENT_BYTES, decodeChk } from '../../../../protocol/keys/index.js';
import { decodeSegment, encodeSegment, resolveRedundancy, SHARD_BYTES, shardCount } from '../../../../node/client/segments.js';

function contentsOf(blocks: Awaited<ReturnType<typeof encodeSegment>>['blocks']): Uint8Array[] {
  return blocks.map((block) => decodeChk(block.block, block.cryptoKey));
}

describe('node/client/segments', () => {
  it('uses the largest multiple of 8 that fits a CHK block as the shard size', () => {
    assert.equal(SHARD_BYTES, 32744);
    assert.ok(SHARD_BYTES <= CHK_MAX_CONTENT_BYTES && SHARD_BYTES % 8 === 0);
  });

  it('defaults to 6 data and 6 check blocks per segment and refuses what FEC cannot do', () => {
    assert.deepEqual(resolveRedundancy(), { dataBlocksPerSegment: 6, checkBlocksPerSegment: 6 });
    assert.throws(() => resolveRedundancy({ dataBlocksPerSegment: 25 }), RangeError);
    assert.throws(() => resolveRedundancy({ checkBlocksPerSegment: 7 }), RangeError);
    assert.deepEqual(resolveRedundancy({ checkBlocksPerSegment: 0 }).checkBlocksPerSegment, 0);
  });

  it('keeps data blocks as they are: the last one short, not padded', async () => {
    const content = randomBytes(SHARD_BYTES + 10);
    const { ref, blocks } = await encodeSegment(content, 2);
    assert.equal(ref.dataBlocks.length, 2);
    assert.equal(ref.checkBlocks.length, 2);
    assert.deepEqual(contentsOf(blocks).map((c) => c.length), [SHARD_BYTES, 10, SHARD_BYTES, SHARD_BYTES]);
  });

  it('rebuilds a segment from any k of its n blocks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 * SHARD_BYTES }),
        fc.integer({ min: 1, max: 6 }),
        fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
        async (length, m, randoms) => {
          const content = randomBytes(length);
          const { ref, blocks } = await encodeSegment(content, m);
          const k = shardCount(length);
          const contents = contentsOf(blocks);
          const order = contents.map((_, index) => index).sort(() => randoms.next().value! - 0.5);
          const kept = new Map(order.slice(0, k).map((index) => [index, contents[index]!] as const));
          assert.deepEqual(await decodeSegment(ref, kept), content);
        },
      ),
      { numRuns: 25 },
    );
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

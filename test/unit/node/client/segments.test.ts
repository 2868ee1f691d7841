import assert from 'node:assert/strict';
import fc from 'fast-check';
import { toHex } from '../../../../protocol/bytes.js';
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
    assert.deepEqual(
      contentsOf(blocks).map((c) => c.length),
      [SHARD_BYTES, 10, SHARD_BYTES, SHARD_BYTES],
    );
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

  it('reproduces the check blocks of spec/client.md §4.3 (known answers)', async () => {
    const vectors: Array<[number, number, string]> = [
      [6, 6, '6936f8d442718695fd5b9826f30ee8616a670f8523965a5a3130c3c786738bec'],
      [3, 2, '9b6483c04878c7c5933160878a37fa13ed5579676e11700dabdffb292d42975a'],
      [24, 6, '43e72c84a8a94b5ace9edbdefc43e748974372577cb42784a1b52da2921faa9d'],
    ];
    for (const [k, m, expected] of vectors) {
      const content = Uint8Array.from({ length: k * SHARD_BYTES - 5 }, (_, i) => (i * 7 + (i >> 8)) & 0xff);
      const { ref } = await encodeSegment(content, m);
      assert.equal(toHex(hash('warren/test-vector', ...ref.checkBlocks.map((block) => block.routingKey))), expected, `k=${k} m=${m}`);
    }
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

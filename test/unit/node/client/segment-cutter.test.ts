import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SegmentCutter } from '../../../../node/client/segment-cutter.js';
import { segmentCount, segmentDataBlocks } from '../../../../node/client/segments.js';
import { randomBytes } from '../../../../protocol/crypto.js';

const SHARD = 8;
const shards = (bytes: number): number => Math.ceil(bytes / SHARD);

describe('node/client/segment-cutter', () => {
  it('cuts any content read in any chunks into the segments of spec/client.md §2, reusing released buffers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 * SHARD }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: 1, max: 3 * 5 * SHARD }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (size, k, chunkSizes, releaseAtOnce) => {
          const content = randomBytes(size);
          const cutter = new SegmentCutter(k * SHARD, SHARD);
          const cut: Buffer[] = [];
          const buffers = new Set<ArrayBufferLike>();
          const keep = (segment: Uint8Array): void => {
            // Copied before release: a released buffer is written again by the next segments.
            cut.push(Buffer.from(segment));
            buffers.add(segment.buffer);
            if (releaseAtOnce) cutter.release(segment);
          };
          for (let offset = 0, next = 0; offset < size; offset += chunkSizes[next++ % chunkSizes.length]!) {
            for (const segment of cutter.push(content.subarray(offset, offset + chunkSizes[next % chunkSizes.length]!))) keep(segment);
          }
          for (const segment of cutter.finish()) keep(segment);
          const n = shards(size);
          assert.deepEqual(
            cut.map((segment) => shards(segment.length)),
            Array.from({ length: segmentCount(n, k) }, (_, index) => segmentDataBlocks(n, k, index)),
          );
          assert.deepEqual(Buffer.concat(cut), Buffer.from(content));
          for (const buffer of buffers) assert.ok(buffer instanceof SharedArrayBuffer, 'the encoding worker reads segments in place');
          if (releaseAtOnce) assert.ok(buffers.size <= 3, `${buffers.size} buffers for ${cut.length} segments`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives out each full segment only once a byte more follows two full ones', () => {
    const cutter = new SegmentCutter(2 * SHARD, SHARD);
    assert.equal([...cutter.push(new Uint8Array(4 * SHARD))].length, 0, 'two full segments are held back');
    const [first, ...rest] = [...cutter.push(Uint8Array.of(1))];
    assert.equal(first?.length, 2 * SHARD);
    assert.equal(rest.length, 0);
    assert.deepEqual(
      cutter.finish().map((segment) => segment.length),
      [2 * SHARD, 1],
      'the last two share what is left, two shards and a byte: the first takes two, the second the byte',
    );
  });

  it('refuses a segment that is not a whole number of shards', () => {
    assert.throws(() => new SegmentCutter(SHARD + 1, SHARD), RangeError);
    assert.throws(() => new SegmentCutter(0, SHARD), RangeError);
  });
});

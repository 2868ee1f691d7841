import assert from 'node:assert/strict';
import fc from 'fast-check';
import { encodeParity, FEC_MAX_DATA_SHARDS, FEC_MAX_PARITY_SHARDS, recoverData } from '../../../../node/client/fec.js';

describe('node/client/fec', () => {
  it('rebuilds the data from any k of the k + m shards', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: FEC_MAX_DATA_SHARDS }),
        fc.integer({ min: 1, max: FEC_MAX_PARITY_SHARDS }),
        fc.integer({ min: 1, max: 8 }),
        fc.infiniteStream(fc.nat()),
        async (k, m, words, picks) => {
          const shardBytes = 8 * words;
          const data = Uint8Array.from({ length: k * shardBytes }, () => picks.next().value! & 0xff);
          const parity = new Uint8Array(m * shardBytes);
          await encodeParity(k, m, shardBytes, data, parity);
          const indexes = Array.from({ length: k + m }, (_, index) => index);
          const present: number[] = [];
          while (present.length < k) present.push(...indexes.splice(picks.next().value! % indexes.length, 1));
          const damaged = Uint8Array.from(data);
          const damagedParity = Uint8Array.from(parity);
          for (const index of indexes) {
            if (index < k) damaged.fill(0, index * shardBytes, (index + 1) * shardBytes);
            else damagedParity.fill(0, (index - k) * shardBytes, (index - k + 1) * shardBytes);
          }
          await recoverData(k, m, shardBytes, damaged, damagedParity, present);
          assert.deepEqual(damaged, data);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses shapes the code cannot take', async () => {
    const buffer = (n: number) => new Uint8Array(n);
    assert.throws(() => encodeParity(25, 1, 8, buffer(200), buffer(8)), RangeError);
    assert.throws(() => encodeParity(2, 7, 8, buffer(16), buffer(56)), RangeError);
    assert.throws(() => encodeParity(2, 2, 12, buffer(24), buffer(24)), RangeError);
    assert.throws(() => encodeParity(2, 2, 8, buffer(24), buffer(16)), RangeError);
    assert.throws(() => recoverData(3, 2, 8, buffer(24), buffer(16), [0, 3]), RangeError);
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { fromHex, toHex } from '../../../../protocol/bytes.js';
import { randomBytes } from '../../../../protocol/crypto.js';
import { encodeParity, FEC_MAX_DATA_SHARDS, FEC_MAX_PARITY_SHARDS, recoverData } from '../../../../node/client/fec.js';
import { SHARD_BYTES } from '../../../../node/client/segments.js';
import { decode, encode, generatorMatrix, PARAMETERS } from '../../../../spec/vectors/fec-reference.js';

interface Code {
  k: number;
  m: number;
  w: number;
  polynomial: string;
  x: number | null;
  y: number | null;
  matrix: number[][];
}
interface Codeword {
  k: number;
  m: number;
  shardBytes: number;
  data: string[];
  check: string[];
}

const read = (path: string) => readFileSync(new URL(`../../../../spec/${path}`, import.meta.url), 'utf8');
const vectors = JSON.parse(read('vectors/fec.json')) as { codes: Code[]; codewords: Codeword[] };
const split = (buffer: Uint8Array, shardBytes: number) =>
  Array.from({ length: buffer.length / shardBytes }, (_, i) => buffer.subarray(i * shardBytes, (i + 1) * shardBytes));
const join = (shards: readonly Uint8Array[]) => Uint8Array.from(shards.flatMap((shard) => [...shard]));

/** The client's FEC implementation: check shards of `data` (k shards back to back). */
async function implementation(k: number, m: number, shardBytes: number, data: Uint8Array): Promise<Uint8Array[]> {
  const parity = new Uint8Array(m * shardBytes);
  await encodeParity(k, m, shardBytes, data, parity);
  return split(parity, shardBytes);
}

describe('spec/vectors/fec.json and code 1 of spec/client.md §3.6', () => {
  it('gives the parameters and generator matrix of every (k, m), as the reference builds them from §3.6.2', () => {
    assert.equal(vectors.codes.length, FEC_MAX_DATA_SHARDS * FEC_MAX_PARITY_SHARDS);
    for (const { k, m, w, polynomial, x, y, matrix } of vectors.codes) {
      const [pw, pp, px, py] = PARAMETERS[k - 1]![m - 1]!;
      assert.deepEqual([w, Number(polynomial), x ?? -1, y ?? -1], [pw, pp, m >= 3 ? px : -1, m >= 3 ? py : -1], `k=${k} m=${m}`);
      assert.deepEqual(matrix, generatorMatrix(k, m).matrix, `k=${k} m=${m}`);
    }
  });

  it('has the parameter table of spec/client.md §3.6.2', () => {
    const rows = read('client.md')
      .split('\n')
      .filter((line) => /^\| \d+ \| `0x/.test(line))
      .map((line) =>
        line
          .split('|')
          .slice(2, 8)
          .map((cell) => cell.trim()),
      );
    assert.equal(rows.length, FEC_MAX_DATA_SHARDS);
    rows.forEach((cells, index) => {
      cells.forEach((cell, mIndex) => {
        const [w, polynomial, x, y] = PARAMETERS[index]![mIndex]!;
        const expected = `\`0x${polynomial.toString(16).toUpperCase()}\`${mIndex >= 2 ? ` ${x} ${y}` : ''}`;
        assert.equal(cell, expected, `k=${index + 1} m=${mIndex + 1}`);
        assert.equal(2 ** w <= polynomial && polynomial < 2 ** (w + 1), true);
      });
    });
  });

  for (const { k, m, shardBytes, data, check } of vectors.codewords) {
    it(`codeword k=${k} m=${m}, ${shardBytes}-byte shards: encoded and decoded by the client and the reference`, async () => {
      const dataShards = data.map(fromHex);
      assert.deepEqual((await implementation(k, m, shardBytes, join(dataShards))).map(toHex), check);
      assert.deepEqual(encode(k, m, dataShards).map(toHex), check);
      // Rebuild from the last k shards: as many check shards as there are, then the last data shards.
      const all = [...dataShards, ...check.map(fromHex)];
      const present = all.map((_, index) => index).slice(-k);
      assert.deepEqual(decode(k, m, new Map(present.map((index) => [index, all[index]!]))).map(toHex), data);
      const damaged = join(dataShards.map((shard, index) => (present.includes(index) ? shard : new Uint8Array(shardBytes))));
      await recoverData(k, m, shardBytes, damaged, join(check.map(fromHex)), present);
      assert.deepEqual(split(damaged, shardBytes).map(toHex), data);
    });
  }

  it('reference and client agree on random data for every (k, m)', async () => {
    for (let k = 1; k <= FEC_MAX_DATA_SHARDS; k++) {
      for (let m = 1; m <= FEC_MAX_PARITY_SHARDS; m++) {
        const shardBytes = 8 * (1 + ((k + m) % 4));
        const data = randomBytes(k * shardBytes);
        assert.deepEqual(encode(k, m, split(data, shardBytes)), await implementation(k, m, shardBytes, data), `k=${k} m=${m}`);
      }
    }
  });

  it('reference and client agree on shards of SHARD_BYTES', async () => {
    for (const [k, m] of [
      [6, 6],
      [11, 6],
      [3, 2],
    ] as const) {
      const data = randomBytes(k * SHARD_BYTES);
      assert.deepEqual(encode(k, m, split(data, SHARD_BYTES)), await implementation(k, m, SHARD_BYTES, data), `k=${k} m=${m}`);
    }
  });

  it('the reference decoder rebuilds the data from any k of the k + m shards', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: FEC_MAX_DATA_SHARDS }),
        fc.integer({ min: 1, max: FEC_MAX_PARITY_SHARDS }),
        fc.uint8Array({ minLength: 24 * 8, maxLength: 24 * 8 }),
        fc.infiniteStream(fc.nat()),
        (k, m, bytes, picks) => {
          const data = split(bytes.subarray(0, k * 8), 8);
          const all = [...data, ...encode(k, m, data)];
          const indexes = all.map((_, index) => index);
          const present = new Map<number, Uint8Array>();
          while (present.size < k) {
            const [index] = indexes.splice(picks.next().value! % indexes.length, 1);
            present.set(index!, all[index!]!);
          }
          assert.deepEqual(decode(k, m, present), data);
        },
      ),
      { numRuns: 200 },
    );
  });
});

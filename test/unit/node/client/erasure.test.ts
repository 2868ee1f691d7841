import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { fromHex, toHex } from '../../../../protocol/bytes.js';
import { randomBytes } from '../../../../protocol/crypto.js';
import { checkErasureCode, ERASURE_KERNEL, ERASURE_MAX_SHARDS, encodeChecks, recoverData } from '../../../../node/client/erasure.js';
import { cauchyCoefficient } from '../../../../node/client/gf256.js';
import { SHARD_BYTES } from '../../../../node/client/segments.js';
import { cauchyMatrix, decode, encode, mul } from '../../../../spec/vectors/erasure-reference.js';

/** Runs a command with `input` on its stdin; resolves with its stdout. */
function run(command: string, args: string[], options: { env: NodeJS.ProcessEnv; input: string }): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { env: options.env }, (error, stdout) => (error ? reject(error) : resolve({ stdout })));
    child.stdin!.end(options.input);
  });
}

interface Codeword {
  k: number;
  m: number;
  shardBytes: number;
  data: string[];
  check: string[];
}
const vectors = JSON.parse(readFileSync(new URL('../../../../spec/vectors/erasure.json', import.meta.url), 'utf8')) as {
  matrix: { k: number; m: number; rows: number[][] };
  codewords: Codeword[];
};

/** `count` distinct indexes of 0..n−1 picked by `picks`. */
function pick(n: number, count: number, picks: Iterator<number>): number[] {
  const left = Array.from({ length: n }, (_, index) => index);
  return Array.from({ length: count }, () => left.splice(picks.next().value! % left.length, 1)[0]!);
}

describe('node/client/erasure (spec/client.md §3, code 2)', () => {
  it(`runs a native kernel for this CPU (${ERASURE_KERNEL})`, () => {
    assert.ok(['gfni', 'avx2', 'portable'].includes(ERASURE_KERNEL));
  });

  it('has the check matrix of spec/vectors/erasure.json, as the reference and the client build it', () => {
    const { k, m, rows } = vectors.matrix;
    assert.deepEqual(cauchyMatrix(k, m), rows);
    assert.deepEqual(
      Array.from({ length: m }, (_, r) => Array.from({ length: k }, (_, j) => cauchyCoefficient(k, r, j))),
      rows,
    );
  });

  for (const { k, m, shardBytes, data, check } of vectors.codewords) {
    it(`codeword k=${k} m=${m}, ${shardBytes}-byte shards: encoded and decoded by the client and the reference`, async () => {
      const dataShards = data.map(fromHex);
      assert.deepEqual((await encodeChecks(dataShards, m, shardBytes)).map(toHex), check);
      assert.deepEqual(encode(m, dataShards).map(toHex), check);
      // Rebuild from the last k shards: every check shard there is, then the last data shards.
      const all = [...dataShards, ...check.map(fromHex)];
      const present = new Map(all.map((shard, index) => [index, shard] as const).slice(-k));
      assert.deepEqual((await recoverData(k, m, present, shardBytes)).map(toHex), data);
      if (k <= 17) assert.deepEqual(decode(k, m, present).map(toHex), data);
    });
  }

  it('agrees with the reference on shards of SHARD_BYTES', async () => {
    for (const [k, m] of [
      [3, 2],
      [5, 5],
    ] as const) {
      const data = Array.from({ length: k }, () => randomBytes(SHARD_BYTES));
      assert.deepEqual(await encodeChecks(data, m, SHARD_BYTES), encode(m, data), `k=${k} m=${m}`);
    }
  });

  it('rebuilds the data from any k of the k + m shards, for every k + m ≤ 256', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: ERASURE_MAX_SHARDS }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n }))),
        fc.integer({ min: 1, max: 100 }),
        fc.infiniteStream(fc.nat()),
        async ([n, k], length, picks) => {
          const m = n - k;
          const data = Array.from({ length: k }, () => randomBytes(length));
          const all = [...data, ...(await encodeChecks(data, m, length))];
          const present = new Map(pick(n, k, picks).map((index) => [index, all[index]!] as const));
          assert.deepEqual(await recoverData(k, m, present, length), data);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the reference decoder rebuilds the data from any k of the k + m shards', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 12 }), fc.infiniteStream(fc.nat()), (k, m, picks) => {
        const data = Array.from({ length: k }, () => randomBytes(8));
        const all = [...data, ...encode(m, data)];
        const present = new Map(pick(k + m, k, picks).map((index) => [index, all[index]!] as const));
        assert.deepEqual(decode(k, m, present), data);
      }),
      { numRuns: 100 },
    );
  });

  it('gives the same bytes with every kernel (GFNI, AVX2, portable), over the SIMD stride and its tail', async () => {
    const rows = 5;
    const inputs = Array.from({ length: 7 }, () => randomBytes(200));
    const matrix = randomBytes(rows * inputs.length);
    const expected = Array.from({ length: rows }, (_, r) =>
      toHex(Uint8Array.from({ length: 200 }, (_, t) => inputs.reduce((sum, input, j) => sum ^ mul(matrix[r * inputs.length + j]!, input[t]!), 0))),
    );
    const script = `
      const { combine, kernel } = require('warren-erasure');
      const { matrix, inputs, rows } = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
      const outputs = Array.from({ length: rows }, () => new Uint8Array(200));
      combine(Buffer.from(matrix, 'hex'), inputs.map((hex) => Buffer.from(hex, 'hex')), outputs, 200, () =>
        console.log(JSON.stringify({ kernel, outputs: outputs.map((out) => Buffer.from(out).toString('hex')) })));`;
    for (const kernel of ['portable', 'avx2', '']) {
      const { stdout } = await run(process.execPath, ['-e', script], {
        env: { ...process.env, WARREN_ERASURE_KERNEL: kernel },
        input: JSON.stringify({ matrix: toHex(matrix), inputs: inputs.map(toHex), rows }),
      });
      const result = JSON.parse(stdout) as { kernel: string; outputs: string[] };
      assert.deepEqual(result.outputs, expected, `kernel ${result.kernel}`);
    }
  });

  it('refuses codes beyond 256 shards, too few shards and shards shorter than the length', async () => {
    assert.throws(() => checkErasureCode(0, 1), RangeError);
    assert.throws(() => checkErasureCode(129, 128), RangeError);
    assert.throws(() => checkErasureCode(2, -1), RangeError);
    await assert.rejects(encodeChecks([randomBytes(8)], 256, 8), RangeError);
    await assert.rejects(
      recoverData(
        3,
        2,
        new Map([
          [0, randomBytes(8)],
          [4, randomBytes(8)],
        ]),
        8,
      ),
      RangeError,
    );
    await assert.rejects(encodeChecks([randomBytes(8), randomBytes(4)], 2, 8), /at least length bytes/);
    const native = createRequire(import.meta.url)('warren-erasure') as { combine: (...args: unknown[]) => void };
    assert.throws(() => native.combine(new Uint8Array(2), [randomBytes(8)], [new Uint8Array(8)], 8, () => undefined), /matrix one of outputs x inputs bytes/);
    assert.throws(() => native.combine(new Uint8Array(1), [randomBytes(8)], [new Uint8Array(8)], 8), /combine\(matrix/);
  });
});

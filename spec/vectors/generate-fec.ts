/**
 * Writes spec/vectors/fec.json (spec/client.md §3.6, code 1): the parameters and generator matrix of every (k, m),
 * and codewords with small shards whose check shards come from the client's FEC implementation, each
 * checked against fec-reference.ts (the specification as code) before it is written. Run after a
 * deliberate format change only: `npx tsx spec/vectors/generate-fec.ts`.
 */
import { writeFileSync } from 'node:fs';
import { toHex } from '../../protocol/bytes.js';
import { encodeParity, FEC_MAX_DATA_SHARDS, FEC_MAX_PARITY_SHARDS } from '../../node/client/fec.js';
import { encode, generatorMatrix, PARAMETERS } from './fec-reference.js';

const codes: unknown[] = [];
for (let k = 1; k <= FEC_MAX_DATA_SHARDS; k++) {
  for (let m = 1; m <= FEC_MAX_PARITY_SHARDS; m++) {
    const [w, polynomial, x, y] = PARAMETERS[k - 1]![m - 1]!;
    const usesXy = m >= 3;
    codes.push({ k, m, w, polynomial: `0x${polynomial.toString(16)}`, x: usesXy ? x : null, y: usesXy ? y : null, matrix: generatorMatrix(k, m).matrix });
  }
}

/** Deterministic bytes: a 32-bit linear congruential sequence, top byte of each step. */
function bytes(length: number, seed: number): Uint8Array {
  let state = seed >>> 0;
  return Uint8Array.from({ length }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state >>> 24;
  });
}

const cases: Array<[number, number, number]> = [
  [1, 1, 8],
  [1, 3, 8],
  [2, 2, 8],
  [3, 2, 16],
  [4, 4, 16],
  [6, 6, 16],
  [11, 6, 16],
  [12, 5, 8],
  [14, 3, 8],
  [15, 2, 16],
  [16, 1, 8],
  [19, 6, 8],
  [24, 6, 16],
];
const codewords: unknown[] = [];
for (const [k, m, shardBytes] of cases) {
  const data = bytes(k * shardBytes, 1000 * k + m);
  const parity = new Uint8Array(m * shardBytes);
  await encodeParity(k, m, shardBytes, data, parity);
  const shards = (buffer: Uint8Array, count: number) => Array.from({ length: count }, (_, i) => buffer.subarray(i * shardBytes, (i + 1) * shardBytes));
  const reference = encode(k, m, shards(data, k));
  if (reference.some((shard, r) => toHex(shard) !== toHex(shards(parity, m)[r]!))) throw new Error(`k=${k} m=${m}: the reference disagrees`);
  codewords.push({ k, m, shardBytes, data: shards(data, k).map(toHex), check: shards(parity, m).map(toHex) });
}

const description =
  'Erasure code known answers (spec/client.md §3.6, code 1 of old manifests): for every (k, m) its field (w, reduction polynomial P with its x^w term), ' +
  'Cauchy offsets x and y (null when m <= 2) and generator matrix (m rows of k elements); codewords with small shards: ' +
  'data shards and check shards in hex.';
const lines = (items: unknown[]) => items.map((item) => `    ${JSON.stringify(item)}`).join(',\n');
writeFileSync(
  new URL('./fec.json', import.meta.url),
  `{\n  "description": ${JSON.stringify(description)},\n  "codes": [\n${lines(codes)}\n  ],\n  "codewords": [\n${lines(codewords)}\n  ]\n}\n`,
);

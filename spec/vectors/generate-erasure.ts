/**
 * Writes spec/vectors/erasure.json (spec/client.md §3, fec code 2): the check matrix of a small code, and
 * codewords with small shards whose check shards come from erasure-reference.ts (the specification as
 * code) and are checked against the client's native implementation before they are written. Run after a
 * deliberate format change only: `npx tsx spec/vectors/generate-erasure.ts`.
 */
import { writeFileSync } from 'node:fs';
import { toHex } from '../../protocol/bytes.js';
import { encodeChecks } from '../../node/client/erasure.js';
import { cauchyMatrix, encode } from './erasure-reference.js';

/** Data shard j of a codeword: byte t is (37·j + 11·t + ⌊j·t / 8⌋) mod 256. */
const dataShard = (j: number, length: number) => Uint8Array.from({ length }, (_, t) => (37 * j + 11 * t + ((j * t) >> 3)) & 0xff);

const cases: Array<[number, number, number]> = [
  [1, 1, 8],
  [1, 6, 8],
  [2, 3, 16],
  [3, 2, 16],
  [6, 6, 33],
  [17, 5, 16],
  [64, 64, 8],
  [128, 128, 16],
  [200, 56, 8],
  [255, 1, 8],
];
const codewords: unknown[] = [];
for (const [k, m, shardBytes] of cases) {
  const data = Array.from({ length: k }, (_, j) => dataShard(j, shardBytes));
  const check = encode(m, data);
  const native = await encodeChecks(data, m, shardBytes);
  if (check.some((shard, r) => toHex(shard) !== toHex(native[r]!))) throw new Error(`k=${k} m=${m}: the implementation disagrees with the reference`);
  codewords.push({ k, m, shardBytes, data: data.map(toHex), check: check.map(toHex) });
}

const description =
  'Wide erasure code known answers (spec/client.md §3, fec code 2): the check matrix of (k, m) = (3, 2); codewords with small ' +
  'shards: data shards and check shards in hex.';
const lines = (items: unknown[]) => items.map((item) => `    ${JSON.stringify(item)}`).join(',\n');
writeFileSync(
  new URL('./erasure.json', import.meta.url),
  `{\n  "description": ${JSON.stringify(description)},\n` +
    `  "matrix": {"k": 3, "m": 2, "rows": ${JSON.stringify(cauchyMatrix(3, 2))}},\n` +
    `  "codewords": [\n${lines(codewords)}\n  ]\n}\n`,
);

/**
 * The erasure code of spec/client.md §3 (code 2): a systematic Cauchy Reed–Solomon code over GF(2^8) with
 * k data and m check shards, k + m ≤ 256; any k of the k + m shards give back the data. gf256.ts computes
 * the coefficients, the native package `warren-erasure` (node/client/erasure-native, C with AVX2 or GFNI kernels, built
 * at npm install) multiplies them into the shards in libuv's thread pool.
 *
 *   encodeChecks(data, m):        check r = Σ_j 1/((k + r) ⊕ j) · data j
 *   recoverData(k, m, present):   e missing data shards = A⁻¹ · (e check shards + Σ present data · their columns)
 */
import { createRequire } from 'node:module';
import { cauchyCoefficient, gfMul, invert } from './gf256.js';

interface ErasureBinding {
  readonly kernel: string;
  combine(matrix: Uint8Array, inputs: readonly Uint8Array[], outputs: readonly Uint8Array[], length: number, callback: (error: Error | null) => void): void;
}

const binding = createRequire(import.meta.url)('warren-erasure') as ErasureBinding;

/** The multiply kernel the native package picked for this CPU: 'gfni', 'avx2' or 'portable'. */
export const ERASURE_KERNEL: string = binding.kernel;
/** k + m of one codeword: the field has 256 elements, one evaluation point per shard. */
export const ERASURE_MAX_SHARDS = 256;

/** Throws RangeError unless (k, m) is a code of §3: k ≥ 1, m ≥ 0, k + m ≤ 256. */
export function checkErasureCode(k: number, m: number): void {
  if (!Number.isInteger(k) || !Number.isInteger(m) || k < 1 || m < 0 || k + m > ERASURE_MAX_SHARDS) {
    throw new RangeError(`an erasure code needs k ≥ 1, m ≥ 0 and k + m ≤ ${ERASURE_MAX_SHARDS}, not k = ${k}, m = ${m}`);
  }
}

/** outputs[r] = Σ_j matrix[r·inputs.length + j] · inputs[j] over the first `length` bytes. */
function combine(matrix: Uint8Array, inputs: readonly Uint8Array[], rows: number, length: number): Promise<Uint8Array[]> {
  const outputs = Array.from({ length: rows }, () => new Uint8Array(length));
  return new Promise((resolve, reject) => binding.combine(matrix, inputs, outputs, length, (error) => (error ? reject(error) : resolve(outputs))));
}

/**
 * The check shards `rows` (default all m, in order) of the code (k = data.length, m), each `length` bytes,
 * from k data shards of at least `length` bytes. Healing asks for the few rows a fetch could not find.
 */
export async function encodeChecks(data: readonly Uint8Array[], m: number, length: number, rows?: readonly number[]): Promise<Uint8Array[]> {
  const k = data.length;
  checkErasureCode(k, m);
  const wanted = rows ?? Array.from({ length: m }, (_, r) => r);
  if (wanted.some((r) => !Number.isInteger(r) || r < 0 || r >= m)) throw new RangeError(`check rows are 0..${m - 1}`);
  if (wanted.length === 0) return [];
  const matrix = new Uint8Array(wanted.length * k);
  wanted.forEach((r, row) => {
    for (let j = 0; j < k; j++) matrix[row * k + j] = cauchyCoefficient(k, r, j);
  });
  return combine(matrix, data, wanted.length, length);
}

/**
 * The k data shards of the code (k, m) from at least k of its shards, keyed by index (data 0..k−1, check
 * k..k+m−1), each at least `length` bytes. Present data shards are returned as given.
 */
export async function recoverData(k: number, m: number, shards: ReadonlyMap<number, Uint8Array>, length: number): Promise<Uint8Array[]> {
  checkErasureCode(k, m);
  const present: number[] = [];
  const missing: number[] = [];
  for (let j = 0; j < k; j++) (shards.has(j) ? present : missing).push(j);
  if (missing.length === 0) return present.map((j) => shards.get(j)!);
  const checks = [...shards.keys()]
    .filter((index) => index >= k && index < k + m)
    .sort((a, b) => a - b)
    .slice(0, missing.length);
  if (checks.length < missing.length) throw new RangeError(`the code (${k}, ${m}) needs ${k} shards, got ${present.length + checks.length}`);
  // The chosen check rows restricted to the missing columns form a Cauchy matrix: always invertible.
  const inverse = invert(checks.map((check) => Uint8Array.from(missing, (j) => cauchyCoefficient(k, check - k, j))));
  const inputs = [...checks, ...present].map((index) => shards.get(index)!);
  // Row i of the decoding matrix: inverse row i on the check shards, then (inverse · C[checks][present]) row i.
  const presentColumns = checks.map((check) => present.map((j) => cauchyCoefficient(k, check - k, j)));
  const matrix = new Uint8Array(missing.length * k);
  inverse.forEach((row, i) => {
    matrix.set(row, i * k);
    const out = matrix.subarray(i * k + checks.length, (i + 1) * k);
    presentColumns.forEach((columns, a) => {
      const factor = row[a]!;
      if (factor !== 0) for (let p = 0; p < columns.length; p++) out[p]! ^= gfMul(factor, columns[p]!);
    });
  });
  const rebuilt = await combine(matrix, inputs, missing.length, length);
  const data: Uint8Array[] = [];
  for (let j = 0, next = 0; j < k; j++) data.push(shards.get(j) ?? rebuilt[next++]!);
  return data;
}

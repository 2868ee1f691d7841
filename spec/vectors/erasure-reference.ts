/**
 * The wide erasure code of spec/client.md §3 (fec code 2), written from the specification alone: a reading
 * aid for implementers, the source of erasure.json, and what the erasure tests compare the client's native
 * implementation with. Plain, slow and obvious on purpose: no tables, no SIMD, no library.
 *
 *   mul(a, b)                  carry-less product reduced by x^8 + x^4 + x^3 + x^2 + 1
 *   cauchyMatrix(k, m)[r][j] = 1 / ((k + r) ⊕ j)
 *   encode: check r = Σ_j C[r][j] · data j, byte by byte
 *   decode: any k shards, their k rows of [I; C] inverted, times those shards
 */

export const POLYNOMIAL = 0x11d;

export function mul(a: number, b: number): number {
  let product = 0;
  for (let shifted = a, bits = b; bits !== 0; bits >>= 1) {
    if (bits & 1) product ^= shifted;
    shifted <<= 1;
    if (shifted & 0x100) shifted ^= POLYNOMIAL;
  }
  return product;
}

/** a^254 = a^-1 for a ≠ 0 (the multiplicative group has order 255). */
export function inverse(a: number): number {
  if (a === 0) throw new RangeError('0 has no inverse');
  let result = 1;
  for (let i = 0; i < 254; i++) result = mul(result, a);
  return result;
}

/** The m × k check matrix of the code (k, m), k + m ≤ 256. */
export function cauchyMatrix(k: number, m: number): number[][] {
  return Array.from({ length: m }, (_, r) => Array.from({ length: k }, (_, j) => inverse((k + r) ^ j)));
}

/** Σ_i coefficients[i] · shards[i], byte by byte. */
function combine(coefficients: readonly number[], shards: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(shards[0]!.length);
  coefficients.forEach((coefficient, i) => {
    for (let t = 0; t < out.length; t++) out[t]! ^= mul(coefficient, shards[i]![t]!);
  });
  return out;
}

/** The m check shards of k equal-length data shards. */
export function encode(m: number, data: readonly Uint8Array[]): Uint8Array[] {
  return cauchyMatrix(data.length, m).map((row) => combine(row, data));
}

/** The k data shards from any k of the k + m shards, given as index (data 0..k−1, check k..k+m−1) → bytes. */
export function decode(k: number, m: number, present: ReadonlyMap<number, Uint8Array>): Uint8Array[] {
  const matrix = cauchyMatrix(k, m);
  const indexes = [...present.keys()].slice(0, k);
  if (indexes.length < k) throw new RangeError(`${k} shards are needed`);
  const rows = indexes.map((index) => [
    ...(index < k ? Array.from({ length: k }, (_, j) => (j === index ? 1 : 0)) : matrix[index - k]!),
    ...Array.from({ length: k }, (_, j) => (j === indexes.indexOf(index) ? 1 : 0)),
  ]);
  for (let column = 0; column < k; column++) {
    const pivot = rows.findIndex((row, i) => i >= column && row[column] !== 0);
    [rows[column], rows[pivot]] = [rows[pivot]!, rows[column]!];
    const scale = inverse(rows[column]![column]!);
    rows[column] = rows[column]!.map((value) => mul(value, scale));
    rows.forEach((row, i) => {
      const factor = row[column]!;
      if (i !== column && factor !== 0) rows[i] = row.map((value, j) => value ^ mul(factor, rows[column]![j]!));
    });
  }
  const shards = indexes.map((index) => present.get(index)!);
  return rows.map((row) => combine(row.slice(k), shards));
}

/**
 * Code 1, the erasure code of old manifests (spec/client.md §3.6), written from the specification alone (no library): a reading
 * aid for implementers, the source of the generator matrices in fec.json, and what the FEC test
 * compares the client's FEC implementation with. Plain, slow and obvious on purpose.
 *
 *   PARAMETERS[k−1][m−1] ──generatorMatrix──> G (m × k over GF(2^w))
 *   data shards ──combine(G rows)──> check shards          (§3.6.3, bit-sliced packets)
 *   any k shards ──invert the k rows──combine──> data shards (§3.6.4)
 */

/** Per (k, m): [w, P (the reduction polynomial, x^w term included), x, y]; x and y are −1 when m ≤ 2 (§3.6.2). */
// biome-ignore format: one row per k, one cell per m, as in the table of spec/client.md §3.6.2
export const PARAMETERS: ReadonlyArray<ReadonlyArray<readonly [number, number, number, number]>> = [
  [[2, 0x7, -1, -1], [2, 0x7, -1, -1], [2, 0x7, 0, 1], [4, 0x13, 0, 1], [4, 0x13, 0, 1], [4, 0x13, 0, 1]],
  [[2, 0x7, -1, -1], [2, 0x7, -1, -1], [4, 0x13, 0, 4], [4, 0x13, 0, 5], [4, 0x13, 2, 9], [4, 0x13, 4, 10]],
  [[2, 0x7, -1, -1], [4, 0x13, -1, -1], [4, 0x13, 0, 9], [4, 0x13, 1, 8], [4, 0x13, 1, 9], [4, 0x13, 0, 9]],
  [[4, 0x13, -1, -1], [4, 0x13, -1, -1], [4, 0x13, 0, 9], [4, 0x13, 3, 11], [4, 0x13, 3, 11], [4, 0x13, 11, 4]],
  [[4, 0x13, -1, -1], [4, 0x13, -1, -1], [4, 0x13, 4, 13], [4, 0x13, 3, 12], [4, 0x13, 0, 9], [4, 0x13, 0, 9]],
  [[4, 0x13, -1, -1], [4, 0x13, -1, -1], [4, 0x13, 2, 12], [4, 0x13, 2, 12], [4, 0x13, 0, 9], [4, 0x13, 0, 9]],
  [[4, 0x13, -1, -1], [4, 0x13, -1, -1], [4, 0x13, 1, 13], [4, 0x13, 2, 12], [4, 0x13, 0, 9], [4, 0x13, 7, 0]],
  [[4, 0x13, -1, -1], [4, 0x13, -1, -1], [4, 0x13, 2, 13], [4, 0x13, 2, 12], [4, 0x13, 0, 9], [4, 0x13, 0, 8]],
  [[4, 0x13, -1, -1], [4, 0x13, -1, -1], [4, 0x13, 1, 13], [4, 0x13, 2, 12], [4, 0x13, 0, 9], [4, 0x13, 1, 10]],
  [[4, 0x13, -1, -1], [4, 0x13, -1, -1], [4, 0x13, 1, 13], [4, 0x13, 0, 12], [4, 0x13, 0, 11], [4, 0x13, 0, 10]],
  [[4, 0x13, -1, -1], [4, 0x13, -1, -1], [4, 0x13, 0, 13], [4, 0x13, 0, 12], [4, 0x13, 0, 11], [8, 0x187, 58, 188]],
  [[4, 0x13, -1, -1], [4, 0x13, -1, -1], [4, 0x13, 3, 0], [4, 0x13, 0, 12], [8, 0x171, 24, 208], [8, 0x187, 57, 188]],
  [[4, 0x13, -1, -1], [4, 0x13, -1, -1], [4, 0x13, 0, 13], [8, 0x187, 59, 189], [8, 0x171, 27, 236], [8, 0x171, 27, 236]],
  [[4, 0x13, -1, -1], [4, 0x13, -1, -1], [8, 0x1a9, 4, 252], [8, 0x187, 58, 189], [8, 0x187, 58, 189], [8, 0x187, 58, 188]],
  [[4, 0x13, -1, -1], [8, 0x187, -1, -1], [8, 0x171, 24, 209], [8, 0x187, 58, 189], [8, 0x165, 28, 232], [8, 0x171, 120, 241]],
  [[8, 0x11d, -1, -1], [8, 0x187, -1, -1], [8, 0x171, 22, 213], [8, 0x171, 22, 212], [8, 0x165, 28, 232], [8, 0x165, 28, 232]],
  [[8, 0x11d, -1, -1], [8, 0x187, -1, -1], [8, 0x171, 22, 213], [8, 0x187, 58, 189], [8, 0x165, 27, 232], [8, 0x165, 27, 232]],
  [[8, 0x11d, -1, -1], [8, 0x187, -1, -1], [8, 0x171, 24, 213], [8, 0x171, 22, 212], [8, 0x1c3, 8, 32], [8, 0x171, 205, 126]],
  [[8, 0x11d, -1, -1], [8, 0x187, -1, -1], [8, 0x171, 22, 213], [8, 0x171, 23, 212], [8, 0x1c3, 7, 32], [8, 0x1c3, 3, 60]],
  [[8, 0x11d, -1, -1], [8, 0x187, -1, -1], [8, 0x171, 22, 213], [8, 0x171, 22, 212], [8, 0x1c3, 4, 238], [8, 0x171, 21, 233]],
  [[8, 0x11d, -1, -1], [8, 0x187, -1, -1], [8, 0x171, 21, 213], [8, 0x171, 21, 212], [8, 0x1c3, 3, 60], [8, 0x1c3, 3, 60]],
  [[8, 0x11d, -1, -1], [8, 0x187, -1, -1], [8, 0x171, 20, 213], [8, 0x171, 21, 212], [8, 0x1c3, 35, 28], [8, 0x1c3, 3, 60]],
  [[8, 0x11d, -1, -1], [8, 0x187, -1, -1], [8, 0x171, 19, 213], [8, 0x171, 19, 212], [8, 0x1c3, 3, 238], [8, 0x171, 205, 126]],
  [[8, 0x11d, -1, -1], [8, 0x187, -1, -1], [8, 0x171, 18, 213], [8, 0x1c3, 125, 91], [8, 0x1c3, 3, 238], [8, 0x1c3, 42, 225]],
];

/** GF(2^w) with reduction polynomial P (§3.6.1): elements are integers whose bit i is the coefficient of x^i; addition is XOR. */
export class Field {
  readonly size: number;

  constructor(
    readonly w: number,
    readonly polynomial: number,
  ) {
    this.size = 1 << w;
  }

  /** Carry-less product reduced by P. */
  mul(a: number, b: number): number {
    let product = 0;
    for (let shifted = a, bits = b; bits !== 0; bits >>= 1) {
      if (bits & 1) product ^= shifted;
      shifted <<= 1;
      if (shifted & this.size) shifted ^= this.polynomial;
    }
    return product;
  }

  inverse(a: number): number {
    if (a === 0) throw new RangeError('0 has no inverse');
    for (let candidate = 1; candidate < this.size; candidate++) if (this.mul(a, candidate) === 1) return candidate;
    throw new RangeError(`${a} has no inverse: P is not irreducible`);
  }

  div(a: number, b: number): number {
    return this.mul(a, this.inverse(b));
  }

  /** weight(e): the ones in the w × w bit matrix of e, Σ_{a<w} popcount(e · x^a) (§3.2). */
  weight(e: number): number {
    let ones = 0;
    for (let a = 0; a < this.w; a++) ones += popcount(this.mul(e, 1 << a));
    return ones;
  }
}

function popcount(value: number): number {
  let count = 0;
  for (let rest = value; rest !== 0; rest >>= 1) count += rest & 1;
  return count;
}

export interface Code {
  readonly field: Field;
  /** m rows of k elements: check shard r = Σ_j G[r][j] · data shard j. */
  readonly matrix: number[][];
}

/** The generator matrix of (k, m), 1 ≤ k ≤ 24, 1 ≤ m ≤ 6 (§3.2). */
export function generatorMatrix(k: number, m: number): Code {
  const [w, polynomial, x, y] = PARAMETERS[k - 1]![m - 1]!;
  const field = new Field(w, polynomial);
  const ones = Array.from({ length: k }, () => 1);
  if (m === 1) return { field, matrix: [ones] };
  if (m === 2) {
    const byWeight = Array.from({ length: field.size - 1 }, (_, i) => i + 1).sort((a, b) => field.weight(a) - field.weight(b) || a - b);
    return { field, matrix: [ones, byWeight.slice(0, k)] };
  }
  const cauchy = Array.from({ length: m }, (_, r) => Array.from({ length: k }, (_, j) => field.inverse((y + r) ^ (x + j))));
  const matrix = cauchy.map((row) => row.map((value, j) => field.div(value, cauchy[0]![j]!)));
  const rowWeight = (row: number[]) => row.reduce((sum, value) => sum + field.weight(value), 0);
  for (let r = 1; r < m; r++) {
    const row = matrix[r]!;
    let best = rowWeight(row);
    let divisor: number | undefined;
    for (const candidate of row) {
      const weight = rowWeight(row.map((value) => field.div(value, candidate)));
      if (weight < best) [best, divisor] = [weight, candidate];
    }
    if (divisor !== undefined) matrix[r] = row.map((value) => field.div(value, divisor));
  }
  return { field, matrix };
}

/**
 * Σ_i coefficients[i] · shards[i] in the bit-sliced layout of §3.3: packet b of the result is the XOR
 * of packet a of shard i over every (i, a) for which bit b of coefficients[i] · x^a is 1.
 */
export function combine(field: Field, coefficients: readonly number[], shards: readonly Uint8Array[], shardBytes: number): Uint8Array {
  const packet = shardBytes / field.w;
  const out = new Uint8Array(shardBytes);
  coefficients.forEach((coefficient, i) => {
    for (let a = 0; a < field.w; a++) {
      const column = field.mul(coefficient, 1 << a);
      for (let b = 0; b < field.w; b++) {
        if (((column >> b) & 1) === 0) continue;
        for (let t = 0; t < packet; t++) out[b * packet + t]! ^= shards[i]![a * packet + t]!;
      }
    }
  });
  return out;
}

/** The m check shards of k data shards (§3.3). */
export function encode(k: number, m: number, data: readonly Uint8Array[]): Uint8Array[] {
  const { field, matrix } = generatorMatrix(k, m);
  return matrix.map((row) => combine(field, row, data, data[0]!.length));
}

/** Inverse of a square matrix over the field, by Gauss–Jordan elimination. */
function invert(field: Field, square: number[][]): number[][] {
  const n = square.length;
  const rows = square.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let column = 0; column < n; column++) {
    const pivot = rows.findIndex((row, i) => i >= column && row[column] !== 0);
    if (pivot < 0) throw new RangeError('singular matrix');
    [rows[column], rows[pivot]] = [rows[pivot]!, rows[column]!];
    const scale = field.inverse(rows[column]![column]!);
    rows[column] = rows[column]!.map((value) => field.mul(value, scale));
    rows.forEach((row, i) => {
      const factor = row[column]!;
      if (i !== column && factor !== 0) rows[i] = row.map((value, j) => value ^ field.mul(factor, rows[column]![j]!));
    });
  }
  return rows.map((row) => row.slice(n));
}

/** The k data shards from any k of the k + m shards, given as index (data 0..k−1, check k..k+m−1) → bytes (§3.4). */
export function decode(k: number, m: number, present: ReadonlyMap<number, Uint8Array>): Uint8Array[] {
  const { field, matrix } = generatorMatrix(k, m);
  const indexes = [...present.keys()].slice(0, k);
  if (indexes.length < k) throw new RangeError(`${k} shards are needed`);
  const rows = indexes.map((index) => (index < k ? Array.from({ length: k }, (_, j) => (j === index ? 1 : 0)) : [...matrix[index - k]!]));
  const shards = indexes.map((index) => present.get(index)!);
  return invert(field, rows).map((row) => combine(field, row, shards, shards[0]!.length));
}

/**
 * GF(2^8) = GF(2)[x] / (x^8 + x^4 + x^3 + x^2 + 1) and the small matrix algebra of the wide erasure code
 * (spec/client.md §3): the Cauchy check matrix and the inverse a decoder solves with. Only coefficients
 * are computed here; the bulk multiply-and-add over shards is erasure.ts's native `combine`.
 *
 *   cauchyCoefficient(k, r, j) = 1 / ((k + r) ⊕ j)      check row r, data column j
 *   invert(A)                  Gauss–Jordan over GF(2^8), A square and nonsingular
 */

/** The reduction polynomial, x^8 term included. */
export const GF256_POLYNOMIAL = 0x11d;

const EXP = new Uint8Array(510);
const LOG = new Uint8Array(256);
for (let i = 0, x = 1; i < 255; i++) {
  EXP[i] = x;
  EXP[i + 255] = x;
  LOG[x] = i;
  x <<= 1;
  if (x & 0x100) x ^= GF256_POLYNOMIAL;
}

export function gfMul(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : EXP[LOG[a]! + LOG[b]!]!;
}

export function gfInverse(a: number): number {
  if (a === 0) throw new RangeError('0 has no inverse in GF(2^8)');
  return EXP[255 - LOG[a]!]!;
}

/** Entry (r, j) of the check matrix of the code (k, m): the inverse of (k + r) ⊕ j. */
export function cauchyCoefficient(k: number, r: number, j: number): number {
  return gfInverse((k + r) ^ j);
}

/** A square matrix as rows of field elements. */
export type Matrix = Uint8Array[];

/** The inverse of `matrix` (n × n, nonsingular); throws RangeError if it is singular. */
export function invert(matrix: Matrix): Matrix {
  const n = matrix.length;
  const left = matrix.map((row) => Uint8Array.from(row));
  const right = Array.from({ length: n }, (_, i) => {
    const row = new Uint8Array(n);
    row[i] = 1;
    return row;
  });
  for (let column = 0; column < n; column++) {
    let pivot = column;
    while (pivot < n && left[pivot]![column] === 0) pivot++;
    if (pivot === n) throw new RangeError('singular matrix');
    [left[column], left[pivot]] = [left[pivot]!, left[column]!];
    [right[column], right[pivot]] = [right[pivot]!, right[column]!];
    const scale = gfInverse(left[column]![column]!);
    scaleRow(left[column]!, scale);
    scaleRow(right[column]!, scale);
    for (let row = 0; row < n; row++) {
      const factor = left[row]![column]!;
      if (row === column || factor === 0) continue;
      addScaledRow(left[row]!, left[column]!, factor, column);
      addScaledRow(right[row]!, right[column]!, factor, 0);
    }
  }
  return right;
}

function scaleRow(row: Uint8Array, scale: number): void {
  for (let i = 0; i < row.length; i++) row[i] = gfMul(row[i]!, scale);
}

/** target += factor · source (factor ≠ 0), from column `from` on. */
function addScaledRow(target: Uint8Array, source: Uint8Array, factor: number, from: number): void {
  const logFactor = LOG[factor]!;
  for (let i = from; i < target.length; i++) {
    const value = source[i]!;
    if (value !== 0) target[i]! ^= EXP[LOG[value]! + logFactor]!;
  }
}

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cauchyCoefficient, gfInverse, gfMul, invert } from '../../../../node/client/gf256.js';
import { cauchyMatrix, inverse, mul } from '../../../../spec/vectors/erasure-reference.js';

const element = fc.integer({ min: 0, max: 255 });

describe('node/client/gf256', () => {
  it('multiplies and inverts as the reference field of spec/client.md §3.1', () => {
    for (let a = 0; a < 256; a++) {
      for (let b = 0; b < 256; b++) assert.equal(gfMul(a, b), mul(a, b));
      if (a !== 0) assert.equal(gfInverse(a), inverse(a));
    }
    assert.throws(() => gfInverse(0), RangeError);
  });

  it('builds the Cauchy check matrix of the reference', () => {
    for (const [k, m] of [
      [1, 1],
      [6, 6],
      [128, 128],
      [255, 1],
    ] as const) {
      assert.deepEqual(
        Array.from({ length: m }, (_, r) => Array.from({ length: k }, (_, j) => cauchyCoefficient(k, r, j))),
        cauchyMatrix(k, m),
      );
    }
  });

  it('inverts a square matrix: A · A⁻¹ = I, and refuses a singular one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(element, { minLength: 144, maxLength: 144 }), (n, cells) => {
        const matrix = Array.from({ length: n }, (_, i) => Uint8Array.from(cells.slice(i * n, (i + 1) * n)));
        let inverse: Uint8Array[];
        try {
          inverse = invert(matrix);
        } catch {
          return; // singular: checked below on a matrix known to be
        }
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            let sum = 0;
            for (let t = 0; t < n; t++) sum ^= gfMul(matrix[i]![t]!, inverse[t]![j]!);
            assert.equal(sum, i === j ? 1 : 0);
          }
        }
      }),
    );
    assert.throws(() => invert([Uint8Array.of(1, 2), Uint8Array.of(2, 4)]), /singular/);
  });
});

/**
 * Drawing an index with given weights: the caller keeps the running sums of the weights,
 * and one uniform number is turned into an index by binary search over them. Used for
 * Zipf popularity (sim/zipf.ts) and for link lengths ∝ 1/d (sim/topology.ts).
 */
import type { Rng } from '../node/components.js';

/** Running sums of `weight(0) … weight(count − 1)`; the last entry is the total. */
export function cumulativeWeights(count: number, weight: (index: number) => number): Float64Array {
  const cumulative = new Float64Array(count);
  let total = 0;
  for (let index = 0; index < count; index++) {
    total += weight(index);
    cumulative[index] = total;
  }
  return cumulative;
}

/** The index i with probability weight(i) / total, for `cumulative` from `cumulativeWeights`. */
export function drawIndex(cumulative: Float64Array, rng: Rng): number {
  const target = rng.next() * cumulative[cumulative.length - 1]!;
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulative[middle]! > target) high = middle;
    else low = middle + 1;
  }
  return low;
}

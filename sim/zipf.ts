/**
 * Zipf popularity for workloads: item r (0-based rank) is drawn with probability
 * ∝ 1 / (r + 1)^s. s = 1 is the classic web and file-sharing fit; s = 0 is uniform.
 * Draws invert the cumulative weights by binary search: one uniform number per draw.
 */
import type { Rng } from '../node/components.js';

export class ZipfSampler {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(
    items: number,
    exponent: number,
    private readonly rng: Rng,
  ) {
    if (!Number.isSafeInteger(items) || items < 1) throw new RangeError(`a Zipf distribution needs at least one item, got ${items}`);
    if (!(exponent >= 0 && exponent !== Infinity)) throw new RangeError(`the Zipf exponent must be finite and non-negative, got ${exponent}`);
    this.cumulative = new Float64Array(items);
    let total = 0;
    for (let rank = 0; rank < items; rank++) {
      total += exponent === 0 ? 1 : (rank + 1) ** -exponent;
      this.cumulative[rank] = total;
    }
    this.total = total;
  }

  /** Probability of the item at `rank`. */
  probability(rank: number): number {
    return (this.cumulative[rank]! - (rank === 0 ? 0 : this.cumulative[rank - 1]!)) / this.total;
  }

  /** A rank in [0, items). */
  next(): number {
    const target = this.rng.next() * this.total;
    const cumulative = this.cumulative;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! > target) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}

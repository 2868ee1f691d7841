/**
 * Zipf popularity for workloads: item r (0-based rank) is drawn with probability
 * ∝ 1 / (r + 1)^s. s = 1 is the classic web and file-sharing fit; s = 0 is uniform.
 * One uniform number per draw (sim/weighted-draw.ts).
 */
import type { Rng } from '../node/components.js';
import { cumulativeWeights, drawIndex } from './weighted-draw.js';

export class ZipfSampler {
  private readonly cumulative: Float64Array;

  constructor(
    items: number,
    exponent: number,
    private readonly rng: Rng,
  ) {
    if (!Number.isSafeInteger(items) || items < 1) throw new RangeError(`a Zipf distribution needs at least one item, got ${items}`);
    if (!(exponent >= 0 && exponent !== Infinity)) throw new RangeError(`the Zipf exponent must be finite and non-negative, got ${exponent}`);
    this.cumulative = cumulativeWeights(items, (rank) => (exponent === 0 ? 1 : (rank + 1) ** -exponent));
  }

  /** Probability of the item at `rank`. */
  probability(rank: number): number {
    const cumulative = this.cumulative;
    return (cumulative[rank]! - (rank === 0 ? 0 : cumulative[rank - 1]!)) / cumulative[cumulative.length - 1]!;
  }

  /** A rank in [0, items). */
  next(): number {
    return drawIndex(this.cumulative, this.rng);
  }
}

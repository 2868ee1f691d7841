/**
 * How many connections each address range (an IPv4 /24, an IPv6 /48) may open to this node: a
 * token bucket per range (spec/wire.md §10.6). A connection beyond its range's budget is closed
 * as soon as it is accepted, before anything is read from it or set up for it, so that a range
 * that opens connections as fast as it can costs the node a few microseconds each instead of a
 * handshake slot, a timer and a Noise responder; the other ranges keep their budgets.
 *
 * A range's bucket is forgotten once it would have refilled (an absent range has a full
 * bucket), and at most `maxRanges` are remembered (the oldest go first: a fresh, full bucket).
 */
import type { Clock } from '../components.js';
import { ExpiringMap } from '../expiring-map.js';
import { TokenBucket, type TokenBucketInit } from '../load.js';

export interface AcceptBudgetInit extends TokenBucketInit {
  /** Ranges whose bucket is remembered at once. */
  readonly maxRanges: number;
}

export class AcceptBudget {
  readonly #clock: Clock;
  readonly #bucket: TokenBucketInit;
  readonly #buckets: ExpiringMap<string, TokenBucket>;

  constructor(clock: Clock, init: AcceptBudgetInit) {
    this.#clock = clock;
    this.#bucket = { ratePerSecond: init.ratePerSecond, burst: init.burst };
    this.#buckets = new ExpiringMap(clock, (init.burst / init.ratePerSecond) * 1000, init.maxRanges);
  }

  /** Takes one of `range`'s connections: false when its budget is spent. */
  admit(range: string): boolean {
    const bucket = this.#buckets.get(range) ?? new TokenBucket({ clock: this.#clock }, this.#bucket);
    if (!bucket.tryTake()) return false;
    // Full again at the latest one refill time after this take: remembered until then.
    this.#buckets.set(range, bucket);
    return true;
  }
}

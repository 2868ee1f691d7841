/**
 * A seeded, reproducible `Rng` for the simulator: sfc32 (Chris Doty-Humphrey's Small
 * Fast Counting generator, 128-bit state, passes PractRand and BigCrush), with its state
 * derived from the seed by domain-separated BLAKE2b, so any seed (42, "experiment-3")
 * gives a well-mixed start.
 *
 * `fork(label)` derives an independent stream from the seed and a label, not from the
 * draws made so far: giving a new consumer its own fork shifts nobody else's numbers.
 * Not for cryptography.
 */
import type { Rng } from '../node/components.js';
import { hash } from '../protocol/crypto.js';

const SEED_TAG = 'warren/sim-rng-seed/v1';
const FORK_TAG = 'warren/sim-rng-fork/v1';

const TWO_POW_26 = 2 ** 26;
const TWO_POW_32 = 2 ** 32;
const TWO_POW_53 = 2 ** 53;

const textEncoder = new TextEncoder();

/** A number seed is the same seed as its decimal string; bytes are taken as they are. */
export type Seed = number | string | Uint8Array;

function seedBytes(seed: Seed): Uint8Array {
  if (seed instanceof Uint8Array) return seed;
  if (typeof seed === 'number' && !Number.isFinite(seed)) throw new RangeError(`a seed must be a finite number, got ${seed}`);
  return textEncoder.encode(String(seed));
}

export class SeededRng implements Rng {
  /** What forks are derived from: the hash of the seed. */
  private readonly key: Uint8Array;
  private a: number;
  private b: number;
  private c: number;
  private counter: number;

  constructor(seed: Seed) {
    this.key = hash(SEED_TAG, seedBytes(seed));
    const words = new DataView(this.key.buffer, this.key.byteOffset, 16);
    this.a = words.getInt32(0, true);
    this.b = words.getInt32(4, true);
    this.c = words.getInt32(8, true);
    this.counter = words.getInt32(12, true);
  }

  /** The next 32-bit output of sfc32, as an unsigned integer. */
  private nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.counter) | 0;
    this.counter = (this.counter + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (((this.c << 21) | (this.c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** Uniform integer in [0, 2^53), from two outputs. */
  private nextU53(): number {
    return (this.nextU32() >>> 5) * TWO_POW_26 + (this.nextU32() >>> 6);
  }

  /** Uniform in [0, 1), with 53 random bits (every double of the form k / 2^53). */
  next(): number {
    return this.nextU53() / TWO_POW_53;
  }

  /** Uniform in [0, 2^64): two outputs, the first one high. */
  nextU64(): bigint {
    const high = this.nextU32();
    return (BigInt(high) << 32n) | BigInt(this.nextU32());
  }

  /** Uniform integer in [0, `maxExclusive`), without modulo bias (rejection sampling). */
  int(maxExclusive: number): number {
    if (!Number.isSafeInteger(maxExclusive) || maxExclusive <= 0) {
      throw new RangeError(`int() needs a positive safe integer bound, got ${maxExclusive}`);
    }
    if (maxExclusive <= TWO_POW_32) {
      const limit = TWO_POW_32 - (TWO_POW_32 % maxExclusive);
      for (;;) {
        const value = this.nextU32();
        if (value < limit) return value % maxExclusive;
      }
    }
    const limit = TWO_POW_53 - (TWO_POW_53 % maxExclusive);
    for (;;) {
      const value = this.nextU53();
      if (value < limit) return value % maxExclusive;
    }
  }

  /** A uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from an empty array');
    return items[this.int(items.length)]!;
  }

  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let last = items.length - 1; last > 0; last--) {
      const other = this.int(last + 1);
      const item = items[last]!;
      items[last] = items[other]!;
      items[other] = item;
    }
    return items;
  }

  /** An independent generator determined by this one's seed and `label` alone. */
  fork(label: string): SeededRng {
    return new SeededRng(hash(FORK_TAG, this.key, textEncoder.encode(label)));
  }
}

/**
 * A bounded map whose entries expire after a fixed time, pruned lazily on use:
 * no timers, and at most `capacity` entries (the oldest go first). Entries are
 * kept in insertion order, which is also expiry order because the lifetime is fixed.
 */
import type { Clock } from './components.js';

export class ExpiringMap<K, V> {
  private readonly entries = new Map<K, { value: V; expiresAt: number }>();
  /** No entry expires before this: the first entry's expiry when last pruned, or earlier. */
  private nextExpiry = Infinity;

  constructor(
    private readonly clock: Clock,
    private readonly lifetimeMs: number,
    private readonly capacity: number,
  ) {}

  get size(): number {
    this.prune();
    return this.entries.size;
  }

  get(key: K): V | undefined {
    this.prune();
    return this.entries.get(key)?.value;
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  /** Adds or refreshes `key`; a refreshed entry moves to the back with a new lifetime. */
  set(key: K, value: V): void {
    this.entries.delete(key);
    const expiresAt = this.clock.now() + this.lifetimeMs;
    this.entries.set(key, { value, expiresAt });
    if (expiresAt < this.nextExpiry) this.nextExpiry = expiresAt;
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    this.prune();
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  /** Entries only join at the back and leave, so the first entry's expiry never moves earlier: most calls stop at the check. */
  private prune(): void {
    const now = this.clock.now();
    if (this.nextExpiry > now) return;
    this.nextExpiry = Infinity;
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) {
        this.nextExpiry = entry.expiresAt;
        break;
      }
      this.entries.delete(key);
    }
  }
}

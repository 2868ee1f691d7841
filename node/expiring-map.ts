/**
 * A bounded map whose entries expire after a fixed time, pruned lazily on use:
 * no timers, and at most `capacity` entries (the oldest go first). Entries are
 * kept in insertion order, which is also expiry order because the lifetime is fixed.
 */
import type { Clock } from './components.js';

export class ExpiringMap<K, V> {
  private readonly entries = new Map<K, { value: V; expiresAt: number }>();

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
    this.entries.set(key, { value, expiresAt: this.clock.now() + this.lifetimeMs });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    this.prune();
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  private prune(): void {
    const now = this.clock.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) break;
      this.entries.delete(key);
    }
  }
}

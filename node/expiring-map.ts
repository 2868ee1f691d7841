/**
 * A bounded map whose entries expire after a fixed time, pruned lazily on use:
 * no timers, and at most `capacity` entries (the oldest go first). Entries are
 * kept in insertion order, which is also expiry order because the lifetime is fixed.
 *
 * That order is a queue of its own beside the map, not the map's iteration order: a
 * `Map` used as a queue keeps the slots of deleted entries until it is rehashed, and
 * each look for its oldest entry walks over them. The queue keeps a record per `set`;
 * a record whose key was set again or deleted since is stale and skipped.
 */
import type { Clock } from './components.js';

interface Entry<K, V> {
  readonly key: K;
  readonly value: V;
  readonly expiresAt: number;
}

/** Stale records tolerated, beyond twice the live entries, before the queue is rebuilt without them. */
const SLACK_RECORDS = 1024;

export class ExpiringMap<K, V> {
  private readonly entries = new Map<K, Entry<K, V>>();
  /** One record per `set`, oldest first, from `head` on. */
  private order: Entry<K, V>[] = [];
  private head = 0;

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
    const entry: Entry<K, V> = { key, value, expiresAt: this.clock.now() + this.lifetimeMs };
    this.entries.set(key, entry);
    this.order.push(entry);
    while (this.entries.size > this.capacity) this.dropOldest();
    this.prune();
    if (this.order.length - this.head > 2 * this.entries.size + SLACK_RECORDS) this.rebuildOrder();
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  private isCurrent(entry: Entry<K, V>): boolean {
    return this.entries.get(entry.key) === entry;
  }

  private dropOldest(): void {
    for (;;) {
      const entry = this.order[this.head++]!;
      if (this.isCurrent(entry)) {
        this.entries.delete(entry.key);
        return;
      }
    }
  }

  /** Drops what has expired: records expire in order, so the walk ends at the first one still live, stale or not. */
  private prune(): void {
    const now = this.clock.now();
    const { order } = this;
    while (this.head < order.length) {
      const entry = order[this.head]!;
      if (entry.expiresAt > now) break;
      if (this.isCurrent(entry)) this.entries.delete(entry.key);
      this.head++;
    }
    if (this.head > SLACK_RECORDS && 2 * this.head > order.length) this.rebuildOrder();
  }

  private rebuildOrder(): void {
    this.order = this.order.slice(this.head).filter((entry) => this.isCurrent(entry));
    this.head = 0;
  }
}

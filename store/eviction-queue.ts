/**
 * A binary heap of index entries in eviction order: the first entry is the one
 * to evict next. Entries remember their heap position, so removing any entry
 * and re-ordering one whose access sequence changed are O(log n).
 *
 * The two orders (spec/store.md §4):
 *   cache  least recently used first (lowest access sequence);
 *   store  farthest from the node's location first, then least recently used.
 */

export interface QueuedEntry {
  /** Position in its queue, -1 when in none. Owned by `EvictionQueue`. */
  queuePosition: number;
  /** Access sequence: higher is more recent. */
  readonly sequence: number;
  /** Circular distance from the node's location to the entry's (coarse) key location. */
  readonly distance: number;
}

/** True when `a` is evicted before `b`. */
export type EvictionOrder = (a: QueuedEntry, b: QueuedEntry) => boolean;

export const leastRecentlyUsedFirst: EvictionOrder = (a, b) => a.sequence < b.sequence;

export const farthestFirst: EvictionOrder = (a, b) => (a.distance !== b.distance ? a.distance > b.distance : a.sequence < b.sequence);

export class EvictionQueue<Entry extends QueuedEntry> {
  private readonly heap: Entry[] = [];

  constructor(private readonly before: EvictionOrder) {}

  get size(): number {
    return this.heap.length;
  }

  /** The entry to evict next, if any. */
  peek(): Entry | undefined {
    return this.heap[0];
  }

  add(entry: Entry): void {
    entry.queuePosition = this.heap.length;
    this.heap.push(entry);
    this.siftUp(entry.queuePosition);
  }

  remove(entry: Entry): void {
    const position = entry.queuePosition;
    const last = this.heap.pop()!;
    entry.queuePosition = -1;
    if (last === entry) return;
    this.place(last, position);
    this.reorder(last);
  }

  /** Restores the order after `entry`'s sequence changed. */
  reorder(entry: Entry): void {
    this.siftDown(this.siftUp(entry.queuePosition));
  }

  private place(entry: Entry, position: number): void {
    this.heap[position] = entry;
    entry.queuePosition = position;
  }

  private siftUp(position: number): number {
    const entry = this.heap[position]!;
    while (position > 0) {
      const parentPosition = (position - 1) >> 1;
      const parent = this.heap[parentPosition]!;
      if (!this.before(entry, parent)) break;
      this.place(parent, position);
      position = parentPosition;
    }
    this.place(entry, position);
    return position;
  }

  private siftDown(position: number): void {
    const entry = this.heap[position]!;
    const length = this.heap.length;
    for (;;) {
      let child = 2 * position + 1;
      if (child >= length) break;
      const right = child + 1;
      if (right < length && this.before(this.heap[right]!, this.heap[child]!)) child = right;
      if (!this.before(this.heap[child]!, entry)) break;
      this.place(this.heap[child]!, position);
      position = child;
    }
    this.place(entry, position);
  }
}

/**
 * A binary heap of index entries in eviction order: the first entry is the one
 * to evict next. Entries remember their heap position, so removing any entry
 * and re-ordering one whose access sequence changed are O(log n).
 *
 * The two orders (spec/store.md §4):
 *   cache  least recently used first (lowest access sequence);
 *   store  farthest from the node's location first, then least recently used.
 *
 * Both orders run through one comparison (`evictedBefore`) that reads the order as a flag, not
 * through a comparator function per queue: the heap code then makes one call target, which the
 * JIT inlines, where two comparators made every comparison an indirect call.
 */

export interface QueuedEntry {
  /** Position in its queue, -1 when in none. Owned by `EvictionQueue`. */
  queuePosition: number;
  /** Access sequence: higher is more recent. */
  readonly sequence: number;
  /** Circular distance from the node's location to the entry's (coarse) key location. */
  readonly distance: number;
}

export type EvictionOrder = 'least-recently-used' | 'farthest-first';

/** True when `a` is evicted before `b`: farther first when `byDistance`, then least recently used. */
function comesFirst(a: QueuedEntry, b: QueuedEntry, byDistance: boolean): boolean {
  return byDistance && a.distance !== b.distance ? a.distance > b.distance : a.sequence < b.sequence;
}

/** True when `a` is evicted before `b` in `order`. */
export function evictedBefore(order: EvictionOrder, a: QueuedEntry, b: QueuedEntry): boolean {
  return comesFirst(a, b, order === 'farthest-first');
}

export class EvictionQueue<Entry extends QueuedEntry> {
  private readonly heap: Entry[] = [];
  private readonly byDistance: boolean;

  constructor(order: EvictionOrder) {
    this.byDistance = order === 'farthest-first';
  }

  get size(): number {
    return this.heap.length;
  }

  /** The entry to evict next, if any. */
  peek(): Entry | undefined {
    return this.heap[0];
  }

  /**
   * The first entry in eviction order that `accept` takes, without changing the queue: a best-first
   * walk down the heap, so passing over k entries costs about k comparisons of a frontier of k + 1.
   */
  firstWhere(accept: (entry: Entry) => boolean): Entry | undefined {
    const first = this.peek();
    if (first === undefined || accept(first)) return first;
    const { heap, byDistance } = this;
    const frontier = [0];
    while (frontier.length > 0) {
      let best = 0;
      for (let index = 1; index < frontier.length; index++) {
        if (comesFirst(heap[frontier[index]!]!, heap[frontier[best]!]!, byDistance)) best = index;
      }
      const position = frontier[best]!;
      frontier[best] = frontier[frontier.length - 1]!;
      frontier.pop();
      const entry = heap[position]!;
      if (position > 0 && accept(entry)) return entry;
      const child = 2 * position + 1;
      if (child < heap.length) frontier.push(child);
      if (child + 1 < heap.length) frontier.push(child + 1);
    }
    return undefined;
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
    const { heap, byDistance } = this;
    const entry = heap[position]!;
    while (position > 0) {
      const parentPosition = (position - 1) >> 1;
      const parent = heap[parentPosition]!;
      if (!comesFirst(entry, parent, byDistance)) break;
      this.place(parent, position);
      position = parentPosition;
    }
    this.place(entry, position);
    return position;
  }

  private siftDown(position: number): void {
    const { heap, byDistance } = this;
    const entry = heap[position]!;
    const length = heap.length;
    for (;;) {
      let childPosition = 2 * position + 1;
      if (childPosition >= length) break;
      let child = heap[childPosition]!;
      if (childPosition + 1 < length) {
        const right = heap[childPosition + 1]!;
        if (comesFirst(right, child, byDistance)) {
          childPosition++;
          child = right;
        }
      }
      if (!comesFirst(child, entry, byDistance)) break;
      this.place(child, position);
      position = childPosition;
    }
    this.place(entry, position);
  }
}

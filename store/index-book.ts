/**
 * The in-memory index of a block store: one entry per stored block, the two
 * partitions with their byte totals and eviction queues. It is the source of
 * truth for `has`, `stats` and eviction; both implementations share it, and
 * only `write-plan.ts` changes which entries it holds.
 *
 *   IndexBook ──> EvictionQueue (cache: least recently used first,
 *                                store: farthest from the node first)
 *
 * Entries are named by an id the persistence chooses (RocksDB: the hex of the
 * disk key, never the routing key). An entry keeps a coarse key location (a
 * bucket: the first 16 bits of the routing key) for farthest-first eviction.
 */
import { circularDistance } from '../protocol/location.js';
import type { Partition, PartitionStats } from './block-store.js';
import type { ResolvedBlockStoreInit } from './config.js';
import { type EvictionOrder, EvictionQueue, evictedBefore, type QueuedEntry } from './eviction-queue.js';

/** Number of coarse key locations; a bucket is the first 16 bits of the routing key. */
export const LOCATION_BUCKETS = 65536;

/** The order each partition is evicted in (spec/store.md §4). */
const PARTITION_ORDERS: Readonly<Record<Partition, EvictionOrder>> = { store: 'farthest-first', cache: 'least-recently-used' };

export function locationBucket(routingKey: Uint8Array): number {
  return (routingKey[0]! << 8) | routingKey[1]!;
}

/** What the persistence writes for an entry, and reads back on open. */
export interface IndexRecord {
  readonly id: string;
  readonly partition: Partition;
  /** Block length in bytes. */
  readonly size: number;
  /** Access sequence: higher is more recent. */
  readonly sequence: number;
  readonly bucket: number;
}

export class IndexEntry implements QueuedEntry {
  queuePosition = -1;

  constructor(
    readonly id: string,
    public partition: Partition,
    readonly size: number,
    public sequence: number,
    readonly bucket: number,
    readonly distance: number,
  ) {}

  record(): IndexRecord {
    const { id, partition, size, sequence, bucket } = this;
    return { id, partition, size, sequence, bucket };
  }
}

class PartitionBook {
  blocks = 0;
  bytes = 0;
  readonly queue: EvictionQueue<IndexEntry>;

  constructor(
    readonly budgetBytes: number,
    order: EvictionOrder,
  ) {
    this.queue = new EvictionQueue(order);
  }

  add(entry: IndexEntry): void {
    this.blocks += 1;
    this.bytes += entry.size;
    this.queue.add(entry);
  }

  delete(entry: IndexEntry): void {
    this.blocks -= 1;
    this.bytes -= entry.size;
    this.queue.remove(entry);
  }
}

export class IndexBook {
  private readonly entries = new Map<string, IndexEntry>();
  private readonly partitions: Readonly<Record<Partition, PartitionBook>>;
  private lastSequence = 0;

  constructor(
    private readonly config: ResolvedBlockStoreInit,
    records: Iterable<IndexRecord> = [],
  ) {
    this.partitions = {
      store: new PartitionBook(config.storeBudgetBytes, PARTITION_ORDERS.store),
      cache: new PartitionBook(config.cacheBudgetBytes, PARTITION_ORDERS.cache),
    };
    for (const record of records) {
      this.insert(this.entryFor(record));
      this.lastSequence = Math.max(this.lastSequence, record.sequence);
    }
  }

  get(id: string): IndexEntry | undefined {
    return this.entries.get(id);
  }

  /** Whether `entry` itself (not only its id) is in the index. */
  holds(entry: IndexEntry): boolean {
    return this.entries.get(entry.id) === entry;
  }

  /** A new entry, most recently used, not yet in the index. */
  newEntry(id: string, partition: Partition, size: number, bucket: number): IndexEntry {
    return this.entryFor({ id, partition, size, sequence: ++this.lastSequence, bucket });
  }

  /** Marks `entry` as the most recently used. */
  touch(entry: IndexEntry): void {
    entry.sequence = ++this.lastSequence;
    if (this.holds(entry)) this.partitions[entry.partition].queue.reorder(entry);
  }

  insert(entry: IndexEntry): void {
    this.entries.set(entry.id, entry);
    this.partitions[entry.partition].add(entry);
  }

  remove(entry: IndexEntry): void {
    this.entries.delete(entry.id);
    this.partitions[entry.partition].delete(entry);
  }

  move(entry: IndexEntry, to: Partition): void {
    this.partitions[entry.partition].delete(entry);
    entry.partition = to;
    this.partitions[to].add(entry);
  }

  /** Bytes `partition` holds. */
  bytesIn(partition: Partition): number {
    return this.partitions[partition].bytes;
  }

  budgetOf(partition: Partition): number {
    return this.partitions[partition].budgetBytes;
  }

  /** The first entry of `partition` in eviction order that `accept` takes; the index is left as it is. */
  firstInOrder(partition: Partition, accept: (entry: IndexEntry) => boolean): IndexEntry | undefined {
    return this.partitions[partition].queue.firstWhere(accept);
  }

  /** Whether `a` goes before `b` in `partition`'s eviction order. */
  evictedBefore(partition: Partition, a: IndexEntry, b: IndexEntry): boolean {
    return evictedBefore(PARTITION_ORDERS[partition], a, b);
  }

  partitionStats(partition: Partition): PartitionStats {
    const { blocks, bytes, budgetBytes } = this.partitions[partition];
    return { blocks, bytes, budgetBytes };
  }

  private entryFor(record: IndexRecord): IndexEntry {
    const distance = circularDistance((record.bucket + 0.5) / LOCATION_BUCKETS, this.config.nodeLocation);
    return new IndexEntry(record.id, record.partition, record.size, record.sequence, record.bucket, distance);
  }
}

/**
 * Plans one atomic write batch from a group of write operations (spec/store.md §4, §5.1):
 * applies them in order to a draft of the index, evicts until both partitions are within
 * budget, and works out the net batch: which blocks to write, which to delete,
 * which index records to rewrite. The index itself is left as it is; the caller
 * applies the plan once the batch is on disk, so the index never holds what the
 * disk does not.
 *
 *   IndexedBlockStore ──> planWrites ──> Draft (the batch's changes over IndexBook, read-only)
 *                              ├──> CommitBatch ──> BlockPersistence.commit
 *                              └──> apply ──> IndexBook (the net changes, once committed)
 *
 * Eviction: the store partition gives up its farthest blocks; a block that
 * entered the store in this batch and is chosen goes to the cache instead
 * (it passed through this node), existing ones are deleted. The cache then
 * gives up its least recently used blocks.
 */
import type { Partition } from './block-store.js';
import type { IndexBook, IndexEntry, IndexRecord } from './index-book.js';

export type WriteOperation<Sealed> =
  /** Writes a new block, or moves an existing one from the cache to the store. */
  | {
      readonly kind: 'put';
      readonly id: string;
      readonly partition: Partition;
      readonly size: number;
      readonly bucket: number;
      readonly sealed: Sealed;
    }
  | { readonly kind: 'delete'; readonly id: string }
  /** Removes this very entry (found corrupted), unless it is already gone. */
  | { readonly kind: 'drop'; readonly entry: IndexEntry }
  /** Writes pending access sequences (and evicts, should a partition be over budget). */
  | { readonly kind: 'flush' };

/** put: the partition the block ended in; delete and drop: whether it was there; flush: true. */
export type WriteOutcome = Partition | boolean;

export interface CommitBatch<Sealed> {
  /** Entries to delete (block and index record), applied before everything else. */
  readonly deletes: readonly IndexRecord[];
  /** New blocks and their index records. */
  readonly blocks: readonly { readonly record: IndexRecord; readonly sealed: Sealed }[];
  /** Index records of blocks that stay, rewritten (partition or access sequence changed). */
  readonly records: readonly IndexRecord[];
}

export interface WritePlan<Sealed> {
  readonly batch: CommitBatch<Sealed>;
  readonly outcomes: readonly WriteOutcome[];
  /** Applies the planned changes to the index: call once the batch is on disk. */
  apply(): void;
}

export function isEmptyBatch(batch: CommitBatch<unknown>): boolean {
  return batch.deletes.length === 0 && batch.blocks.length === 0 && batch.records.length === 0;
}

/** What the batch does to one entry: where it ends up, and whether it stays in the index. */
interface Planned<Sealed> {
  readonly entry: IndexEntry;
  /** The block to write: a new entry's; undefined for an entry already in the index. */
  readonly sealed: Sealed | undefined;
  partition: Partition;
  held: boolean;
  /** Put into the store partition by this batch: chosen for eviction, it goes to the cache. */
  enteredStore: boolean;
}

/**
 * The index as the batch leaves it, over an index it does not change: the entries the batch
 * touches, in the order it first touches them (a few: a batch holds at most a few operations),
 * and the bytes each partition then holds.
 */
class Draft<Sealed> {
  readonly planned: Planned<Sealed>[] = [];
  /** Bytes each partition holds in the draft. */
  private storeBytes: number;
  private cacheBytes: number;

  constructor(private readonly book: IndexBook) {
    this.storeBytes = book.bytesIn('store');
    this.cacheBytes = book.bytesIn('cache');
  }

  /** The entry for slot `id` in the draft, if any. */
  get(id: string): IndexEntry | undefined {
    for (let index = this.planned.length - 1; index >= 0; index--) {
      const planned = this.planned[index]!;
      if (planned.entry.id === id) return planned.held ? planned.entry : undefined;
    }
    return this.book.get(id);
  }

  holds(entry: IndexEntry): boolean {
    const planned = this.find(entry);
    return planned === undefined ? this.book.holds(entry) : planned.held;
  }

  partitionOf(entry: IndexEntry): Partition {
    return this.find(entry)?.partition ?? entry.partition;
  }

  /** A new entry (not yet in the index), written with `sealed`. */
  add(entry: IndexEntry, sealed: Sealed): void {
    this.planned.push({ entry, sealed, partition: entry.partition, held: true, enteredStore: entry.partition === 'store' });
    this.count(entry.partition, entry.size);
  }

  remove(entry: IndexEntry): void {
    const planned = this.plannedFor(entry);
    planned.held = false;
    this.count(planned.partition, -entry.size);
  }

  move(entry: IndexEntry, to: Partition): void {
    const planned = this.plannedFor(entry);
    this.count(planned.partition, -entry.size);
    this.count(to, entry.size);
    planned.partition = to;
    if (to === 'store') planned.enteredStore = true;
  }

  /** Whether the batch changes `entry`. */
  touches(entry: IndexEntry): boolean {
    return this.find(entry) !== undefined;
  }

  enteredStore(entry: IndexEntry): boolean {
    return this.find(entry)?.enteredStore === true;
  }

  overBudget(partition: Partition): boolean {
    return (partition === 'store' ? this.storeBytes : this.cacheBytes) > this.book.budgetOf(partition);
  }

  /** The entry of `partition` to evict next in the draft: the first in the index's order that the draft keeps there, or one the batch brought in. */
  nextVictim(partition: Partition): IndexEntry | undefined {
    let victim = this.book.firstInOrder(partition, (entry) => {
      const planned = this.find(entry);
      return planned === undefined || (planned.held && planned.partition === partition);
    });
    // Those not in that queue: new entries, and entries of the index the batch moved into `partition`.
    for (const { entry, sealed, held, partition: now } of this.planned) {
      if (held && now === partition && (sealed !== undefined || entry.partition !== partition)) {
        if (victim === undefined || this.book.evictedBefore(partition, entry, victim)) victim = entry;
      }
    }
    return victim;
  }

  /** Makes the index what the draft says, in the order the batch first touched each entry (a slot's old entry goes before its new one). */
  apply(): void {
    for (const { entry, sealed, partition, held } of this.planned) {
      if (sealed !== undefined) {
        entry.partition = partition;
        if (held) this.book.insert(entry);
      } else if (!held) this.book.remove(entry);
      else if (partition !== entry.partition) this.book.move(entry, partition);
    }
  }

  /** The record the disk gets for `planned`'s entry. */
  static record({ entry, partition }: Planned<unknown>): IndexRecord {
    const { id, size, sequence, bucket } = entry;
    return { id, partition, size, sequence, bucket };
  }

  private count(partition: Partition, bytes: number): void {
    if (partition === 'store') this.storeBytes += bytes;
    else this.cacheBytes += bytes;
  }

  private find(entry: IndexEntry): Planned<Sealed> | undefined {
    for (const planned of this.planned) if (planned.entry === entry) return planned;
    return undefined;
  }

  private plannedFor(entry: IndexEntry): Planned<Sealed> {
    let planned = this.find(entry);
    if (planned === undefined) {
      planned = { entry, sealed: undefined, partition: entry.partition, held: true, enteredStore: false };
      this.planned.push(planned);
    }
    return planned;
  }
}

/** Applies one operation to the draft; the entry a put leaves (whose partition is its outcome), or the boolean outcome. */
function perform<Sealed>(book: IndexBook, draft: Draft<Sealed>, operation: WriteOperation<Sealed>): IndexEntry | boolean {
  switch (operation.kind) {
    case 'put': {
      const existing = draft.get(operation.id);
      if (existing !== undefined) {
        if (operation.partition === 'store' && draft.partitionOf(existing) === 'cache') draft.move(existing, 'store');
        return existing;
      }
      const entry = book.newEntry(operation.id, operation.partition, operation.size, operation.bucket);
      draft.add(entry, operation.sealed);
      return entry;
    }
    case 'delete': {
      const entry = draft.get(operation.id);
      if (entry !== undefined) draft.remove(entry);
      return entry !== undefined;
    }
    case 'drop': {
      const held = draft.holds(operation.entry);
      if (held) draft.remove(operation.entry);
      return held;
    }
    case 'flush':
      return true;
  }
}

/**
 * The batch for `operations` (in order) plus the access sequences of `recent`
 * entries. Leaves `book` as it found it (but for the access sequences new entries take).
 */
export function planWrites<Sealed>(book: IndexBook, operations: readonly WriteOperation<Sealed>[], recent: Iterable<IndexEntry>): WritePlan<Sealed> {
  const draft = new Draft<Sealed>(book);
  const performed = operations.map((operation) => perform(book, draft, operation));

  while (draft.overBudget('store')) {
    const victim = draft.nextVictim('store')!;
    if (draft.enteredStore(victim)) draft.move(victim, 'cache');
    else draft.remove(victim);
  }
  while (draft.overBudget('cache')) draft.remove(draft.nextVictim('cache')!);

  const outcomes = performed.map((result) => (typeof result === 'boolean' ? result : draft.partitionOf(result)));
  return { batch: netBatch(book, draft, recent), outcomes, apply: () => draft.apply() };
}

/** What must reach the disk: the net effect of the draft. */
function netBatch<Sealed>(book: IndexBook, draft: Draft<Sealed>, recent: Iterable<IndexEntry>): CommitBatch<Sealed> {
  const deletes: IndexRecord[] = [];
  const blocks: { record: IndexRecord; sealed: Sealed }[] = [];
  const records: IndexRecord[] = [];
  for (const planned of draft.planned) {
    if (!planned.held) {
      if (planned.sealed === undefined) deletes.push(Draft.record(planned));
    } else if (planned.sealed !== undefined) {
      blocks.push({ record: Draft.record(planned), sealed: planned.sealed });
    } else {
      records.push(Draft.record(planned));
    }
  }
  for (const entry of recent) {
    if (book.holds(entry) && !draft.touches(entry)) records.push(entry.record());
  }
  return { deletes, blocks, records };
}

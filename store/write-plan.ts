/**
 * Plans one atomic write batch from a group of write operations (spec/store.md §4, §5.1):
 * applies them to the index in order, evicts until both partitions are within
 * budget, and works out the net batch: which blocks to write, which to delete,
 * which index records to rewrite. The index is then put back as it was; the
 * caller applies the plan once the batch is on disk, so the index never holds
 * what the disk does not.
 *
 *   IndexedBlockStore ──> planWrites ──> IndexBook (changed, reverted, replayed)
 *                              └──> CommitBatch ──> BlockPersistence.commit
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

type Change =
  | { readonly kind: 'insert'; readonly entry: IndexEntry }
  | { readonly kind: 'remove'; readonly entry: IndexEntry }
  | { readonly kind: 'move'; readonly entry: IndexEntry; readonly from: Partition; readonly to: Partition };

/** Index changes that can be undone and done again, in order. */
class ChangeLog {
  readonly changes: Change[] = [];

  constructor(private readonly book: IndexBook) {}

  insert(entry: IndexEntry): void {
    this.record({ kind: 'insert', entry });
  }

  remove(entry: IndexEntry): void {
    this.record({ kind: 'remove', entry });
  }

  move(entry: IndexEntry, to: Partition): void {
    this.record({ kind: 'move', entry, from: entry.partition, to });
  }

  revert(): void {
    for (let i = this.changes.length - 1; i >= 0; i--) {
      const change = this.changes[i]!;
      if (change.kind === 'insert') this.book.remove(change.entry);
      else if (change.kind === 'remove') this.book.insert(change.entry);
      else this.book.move(change.entry, change.from);
    }
  }

  replay(): void {
    for (const change of this.changes) this.perform(change);
  }

  private record(change: Change): void {
    this.perform(change);
    this.changes.push(change);
  }

  private perform(change: Change): void {
    if (change.kind === 'insert') this.book.insert(change.entry);
    else if (change.kind === 'remove') this.book.remove(change.entry);
    else this.book.move(change.entry, change.to);
  }
}

/**
 * The batch for `operations` (in order) plus the access sequences of `recent`
 * entries. Leaves `book` as it found it.
 */
export function planWrites<Sealed>(book: IndexBook, operations: readonly WriteOperation<Sealed>[], recent: Iterable<IndexEntry>): WritePlan<Sealed> {
  const log = new ChangeLog(book);
  const written = new Map<IndexEntry, Sealed>();
  const enteredStore = new Set<IndexEntry>();

  const perform = (operation: WriteOperation<Sealed>): IndexEntry | boolean => {
    switch (operation.kind) {
      case 'put': {
        const existing = book.get(operation.id);
        if (existing !== undefined) {
          if (operation.partition === 'store' && existing.partition === 'cache') {
            log.move(existing, 'store');
            enteredStore.add(existing);
          }
          return existing;
        }
        const entry = book.newEntry(operation.id, operation.partition, operation.size, operation.bucket);
        log.insert(entry);
        written.set(entry, operation.sealed);
        if (operation.partition === 'store') enteredStore.add(entry);
        return entry;
      }
      case 'delete': {
        const entry = book.get(operation.id);
        if (entry !== undefined) log.remove(entry);
        return entry !== undefined;
      }
      case 'drop': {
        const held = book.holds(operation.entry);
        if (held) log.remove(operation.entry);
        return held;
      }
      case 'flush':
        return true;
    }
  };
  const performed = operations.map(perform);

  while (book.overBudget('store')) {
    const victim = book.nextVictim('store')!;
    if (enteredStore.has(victim)) log.move(victim, 'cache');
    else log.remove(victim);
  }
  while (book.overBudget('cache')) log.remove(book.nextVictim('cache')!);

  const outcomes = performed.map((result) => (typeof result === 'boolean' ? result : result.partition));
  const batch = netBatch(book, log, written, recent);
  log.revert();
  return { batch, outcomes, apply: () => log.replay() };
}

/** What must reach the disk: the net effect of the logged changes, read while they are applied. */
function netBatch<Sealed>(book: IndexBook, log: ChangeLog, written: ReadonlyMap<IndexEntry, Sealed>, recent: Iterable<IndexEntry>): CommitBatch<Sealed> {
  const deletes: IndexRecord[] = [];
  const blocks: { record: IndexRecord; sealed: Sealed }[] = [];
  const records: IndexRecord[] = [];
  const changed = new Set(log.changes.map(({ entry }) => entry));
  for (const entry of changed) {
    const sealed = written.get(entry);
    if (!book.holds(entry)) {
      if (sealed === undefined) deletes.push(entry.record());
    } else if (sealed !== undefined) {
      blocks.push({ record: entry.record(), sealed });
    } else {
      records.push(entry.record());
    }
  }
  for (const entry of recent) {
    if (!changed.has(entry) && book.holds(entry)) records.push(entry.record());
  }
  return { deletes, blocks, records };
}

/**
 * Access records (spec/store.md §5.3): the index entries used since their record
 * was last written, and when their records go to disk. A use changes the entry's
 * access sequence in memory at once; only its record waits.
 *
 *   IndexedBlockStore.markUsed ──> RecencyLog.used ──> (when due) a 'flush' write
 *   IndexedBlockStore.commitGroup ──> RecencyLog.take (the records a batch carries),
 *                                     RecencyLog.restore (the batch failed)
 *
 * Two policies:
 * - along (memory stores): pending records ride with the next write batch, and a batch
 *   of their own is queued once `RECENCY_FLUSH_ENTRIES` are pending (again at every
 *   multiple). No clock, so a seeded simulation replays exactly.
 * - behind (RocksDB): pending records are written `writeBehindMs` after the first of
 *   them, or at once when `RECENCY_PENDING_MAX` are pending, in batches of their own of
 *   at most `RECENCY_FLUSH_ENTRIES` records; other writes never carry them. A block used
 *   again before then costs no further record. A crash loses the uses of that window.
 */
import type { StoreLogger } from './config.js';
import type { IndexEntry } from './index-book.js';
import type { WriteOperation } from './write-plan.js';

/** Along: pending records that queue a batch of their own. Behind: most records in one batch. */
export const RECENCY_FLUSH_ENTRIES = 256;
/** Behind: pending records that are written at once rather than when the window closes. */
export const RECENCY_PENDING_MAX = 4096;
/** Behind, for a `RocksBlockStore`: how long the first pending use waits for its record to be written. */
export const RECENCY_WRITE_BEHIND_MS = 5000;

export class RecencyLog {
  private readonly pending = new Set<IndexEntry>();
  /** Along: a batch of pending records alone is queued. */
  private flushQueued = false;
  /** Behind: the write of the pending records, once due. */
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private closing = false;

  /** `writeBehindMs` undefined: the along policy. `flush` queues a 'flush' write operation. */
  constructor(
    private readonly flush: () => Promise<unknown>,
    private readonly logger: StoreLogger,
    private readonly writeBehindMs?: number,
  ) {
    if (writeBehindMs !== undefined && !(writeBehindMs > 0)) throw new RangeError(`writeBehindMs must be > 0, got ${writeBehindMs}`);
  }

  used(entry: IndexEntry): void {
    this.pending.add(entry);
    if (this.writeBehindMs === undefined) {
      if (this.pending.size % RECENCY_FLUSH_ENTRIES === 0 && !this.flushQueued) {
        this.flushQueued = true;
        this.flush()
          .catch((error: unknown) => this.warn(error))
          .finally(() => {
            this.flushQueued = false;
          });
      }
    } else if (this.pending.size >= RECENCY_PENDING_MAX) {
      void this.writeBehind();
    } else {
      this.armTimer();
    }
  }

  /** The records a write batch of `operations` carries, taken out of the pending ones. */
  take(operations: readonly WriteOperation<unknown>[]): IndexEntry[] {
    if (this.writeBehindMs === undefined) {
      const taken = [...this.pending];
      this.pending.clear();
      return taken;
    }
    const taken: IndexEntry[] = [];
    if (!operations.some(({ kind }) => kind === 'flush')) return taken;
    for (const entry of this.pending) {
      if (taken.length === RECENCY_FLUSH_ENTRIES) break;
      taken.push(entry);
      this.pending.delete(entry);
    }
    return taken;
  }

  /** Puts back records taken for a batch that failed. */
  restore(entries: readonly IndexEntry[]): void {
    for (const entry of entries) this.pending.add(entry);
  }

  /** Writes every pending record, once no use can come any more (on close); throws if a write fails. */
  async drain(): Promise<void> {
    this.closing = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flushing;
    if (this.writeBehindMs === undefined) {
      if (this.pending.size > 0) await this.flush();
      return;
    }
    while (this.pending.size > 0) await this.flush();
  }

  /** Behind: writes the records pending now (not those of uses meanwhile), then waits for the next window. */
  private writeBehind(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing ??= (async () => {
      let failed = false;
      try {
        for (let batches = Math.ceil(this.pending.size / RECENCY_FLUSH_ENTRIES); batches > 0; batches--) await this.flush();
      } catch (error) {
        failed = true;
        this.warn(error);
      }
      this.flushing = undefined;
      if (this.closing) return;
      if (!failed && this.pending.size >= RECENCY_PENDING_MAX) void this.writeBehind();
      else if (this.pending.size > 0) this.armTimer();
    })();
    return this.flushing;
  }

  /** Behind: writes the pending records when the window of the first of them closes; a failed write is retried then. */
  private armTimer(): void {
    this.timer ??= setTimeout(() => void this.writeBehind(), this.writeBehindMs).unref();
  }

  private warn(error: unknown): void {
    this.logger.warn({ err: error }, 'could not write access records');
  }
}

/**
 * The `BlockStore` behaviour both implementations share; they differ only in
 * their `BlockPersistence` (RocksDB or memory).
 *
 *   get/has ──> IndexBook (in memory: what exists, recency) ──> persistence.read
 *   put/delete ──> GroupQueue (one batch at a time) ──> planWrites ──> persistence.commit
 *                                                            └──> IndexBook, once committed
 *
 * - `put` has the persistence verify the block against its routing key (and seal
 *   it) before anything else.
 * - Reads never wait for writes: recency is updated in memory at once and its
 *   records are written later, by a `RecencyLog` (along with other writes, or
 *   behind them in batches of their own).
 * - A block that fails its integrity check on read is removed and reported missing
 *   (so is an index entry whose block is missing: batches are atomic, this is defence).
 * - Calls on the same slot are ordered: a put or delete waits for those called before
 *   it on the same routing key (its block is verified and sealed meanwhile), so
 *   "first valid writer wins" holds under concurrency.
 */
import { compareBytes } from '../protocol/bytes.js';
import type { BlockKind } from '../protocol/keys/index.js';
import type { BlockStore, Partition, PutOptions, PutResult, StoreCallOptions, StoreStats } from './block-store.js';
import type { StoreLogger } from './config.js';
import { StoreClosedError, writeFailure } from './errors.js';
import { GroupQueue } from './group-queue.js';
import { type IndexBook, type IndexEntry, locationBucket } from './index-book.js';
import { RecencyLog } from './recency-log.js';
import { type CommitBatch, isEmptyBatch, planWrites, type WriteOperation, type WriteOutcome } from './write-plan.js';

/** What a persistence read finds: the block, nothing, or bytes that fail their integrity check. */
export type ReadResult = Uint8Array | 'missing' | 'corrupt';

/** A block that passed verification, named by its slot and ready to be written there. */
export interface AdmittedBlock<Sealed> {
  readonly kind: BlockKind;
  readonly id: string;
  readonly sealed: Sealed;
}

/** Where an `IndexedBlockStore` keeps its blocks. `Sealed` is a block as the persistence writes it. */
export interface BlockPersistence<Sealed> {
  /** The index id of the slot for `routingKey`. */
  slotId(routingKey: Uint8Array): string;
  /**
   * Verifies `block` against `routingKey` (`InvalidBlockError` if it does not match) unless the
   * caller already has (`verified`, its kind), then makes it ready to be written into its slot
   * (encrypted, for RocksDB). Writes nothing.
   */
  admit(routingKey: Uint8Array, block: Uint8Array, verified?: BlockKind): Promise<AdmittedBlock<Sealed>>;
  read(routingKey: Uint8Array, id: string): Promise<ReadResult>;
  /** Writes the whole batch atomically, or nothing of it (and throws). */
  commit(batch: CommitBatch<Sealed>): Promise<void>;
  close(): Promise<void>;
}

/** Most operations in one write batch. */
export const MAX_WRITE_BATCH = 16;

export class IndexedBlockStore<Sealed> implements BlockStore {
  private readonly writes: GroupQueue<WriteOperation<Sealed>, WriteOutcome>;
  /** The last put or delete of each slot that has one in progress; settles (never rejects) when done. */
  private readonly slotTurns = new Map<string, Promise<void>>();
  /** Entries whose access sequence changed since their record was last written. */
  private readonly recent: RecencyLog;
  /** Public calls in progress, and what `close` runs once there are none. */
  private callsInProgress = 0;
  private onNoCalls: (() => void) | undefined;
  private corruptRemoved = 0;
  private closing: Promise<void> | undefined;

  /** `recencyWriteBehindMs`: write access records behind other writes, that long after a use (recency-log.ts); default along with them. */
  protected constructor(
    private readonly persistence: BlockPersistence<Sealed>,
    private readonly book: IndexBook,
    private readonly logger: StoreLogger,
    recencyWriteBehindMs?: number,
  ) {
    this.writes = new GroupQueue((operations) => this.commitGroup(operations), { maxBatch: MAX_WRITE_BATCH, maxRunning: 1 });
    this.recent = new RecencyLog(() => this.writes.submit({ kind: 'flush' }), logger, recencyWriteBehindMs);
  }

  get(routingKey: Uint8Array, options?: StoreCallOptions): Promise<Uint8Array | undefined> {
    return this.call(options, async () => {
      const entry = this.book.get(this.persistence.slotId(routingKey));
      if (entry === undefined) return undefined;
      this.markUsed(entry);
      try {
        return await this.read(routingKey, entry);
      } catch (error) {
        this.logger.warn({ id: entry.id, err: error }, 'could not remove a damaged block');
        return undefined;
      }
    });
  }

  put(routingKey: Uint8Array, block: Uint8Array, options: PutOptions): Promise<PutResult> {
    return this.call(options, async () => {
      const id = this.persistence.slotId(routingKey);
      const admitting = this.persistence.admit(routingKey, block, options.verified);
      admitting.catch(() => {});
      return this.inSlotOrder(id, async () => {
        const admitted = await admitting;
        for (;;) {
          const entry = this.book.get(id);
          if (entry !== undefined) {
            if (admitted.kind === 'ssk') {
              const existing = await this.read(routingKey, entry);
              if (existing === undefined || !this.book.holds(entry)) continue;
              if (compareBytes(existing, block) !== 0) {
                this.markUsed(entry);
                return { outcome: 'collision', existing };
              }
            }
            this.markUsed(entry);
            if (!(options.partition === 'store' && entry.partition === 'cache')) {
              return { outcome: 'stored', partition: entry.partition };
            }
          }
          options.signal?.throwIfAborted();
          const partition = await this.writes.submit({
            kind: 'put',
            id,
            partition: options.partition,
            size: block.length,
            bucket: locationBucket(routingKey),
            sealed: admitted.sealed,
          });
          return { outcome: 'stored', partition: partition as Partition };
        }
      });
    });
  }

  has(routingKey: Uint8Array, options?: StoreCallOptions): Promise<boolean> {
    return this.call(options, async () => this.book.get(this.persistence.slotId(routingKey)) !== undefined);
  }

  delete(routingKey: Uint8Array, options?: StoreCallOptions): Promise<boolean> {
    return this.call(options, async () => {
      const id = this.persistence.slotId(routingKey);
      if (this.book.get(id) === undefined && !this.slotTurns.has(id)) return false;
      return this.inSlotOrder(id, async () => (await this.writes.submit({ kind: 'delete', id })) as boolean);
    });
  }

  stats(): StoreStats {
    return {
      store: this.book.partitionStats('store'),
      cache: this.book.partitionStats('cache'),
      corruptRemoved: this.corruptRemoved,
    };
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.callsInProgress > 0) await new Promise<void>((resolve) => (this.onNoCalls = resolve));
      await this.recent.drain().catch(() => {});
      await this.writes.idle();
      await this.persistence.close();
    })();
    return this.closing;
  }

  /** Brings both partitions within budget (after the budgets shrank); best effort: a failure is logged. */
  protected async evictOverBudget(): Promise<void> {
    await this.writes.submit({ kind: 'flush' }).catch((error: unknown) => this.logger.warn({ err: error }, 'could not evict down to the budgets'));
  }

  /** Runs a public call: refused once closing, aborted before it starts, awaited by `close`. */
  private async call<T>(options: StoreCallOptions | undefined, body: () => Promise<T>): Promise<T> {
    if (this.closing !== undefined) throw new StoreClosedError();
    options?.signal?.throwIfAborted();
    this.callsInProgress += 1;
    try {
      return await body();
    } finally {
      this.callsInProgress -= 1;
      if (this.callsInProgress === 0) this.onNoCalls?.();
    }
  }

  /**
   * Runs `body` once every earlier call on slot `id` given to this method has settled:
   * puts and deletes of one slot take effect in the order they were called.
   */
  private async inSlotOrder<T>(id: string, body: () => Promise<T>): Promise<T> {
    const turn = (this.slotTurns.get(id) ?? Promise.resolve()).then(body);
    const settled = turn.then(
      () => {},
      () => {},
    );
    this.slotTurns.set(id, settled);
    try {
      return await turn;
    } finally {
      if (this.slotTurns.get(id) === settled) this.slotTurns.delete(id);
    }
  }

  /**
   * The block of `entry`. One that fails its integrity check, or is missing although
   * indexed, is removed (unless a write removed it meanwhile) and reported missing;
   * throws the write error if it cannot be removed.
   */
  private async read(routingKey: Uint8Array, entry: IndexEntry): Promise<Uint8Array | undefined> {
    const found = await this.persistence.read(routingKey, entry.id);
    if (found !== 'missing' && found !== 'corrupt' && found.length === entry.size) return found;
    if (!(await this.writes.submit({ kind: 'drop', entry }))) return undefined;
    const fields = { id: entry.id, partition: entry.partition };
    if (found === 'missing') {
      this.logger.warn(fields, 'an indexed block was missing from disk; removed its index record');
    } else {
      this.corruptRemoved += 1;
      this.logger.warn(fields, 'a stored block failed its integrity check; removed it');
    }
    return undefined;
  }

  private markUsed(entry: IndexEntry): void {
    this.book.touch(entry);
    this.recent.used(entry);
  }

  private async commitGroup(operations: readonly WriteOperation<Sealed>[]): Promise<readonly WriteOutcome[]> {
    const recent = this.recent.take(operations);
    const plan = planWrites(this.book, operations, recent);
    if (!isEmptyBatch(plan.batch)) {
      try {
        await this.persistence.commit(plan.batch);
      } catch (cause) {
        this.recent.restore(recent);
        throw writeFailure(cause);
      }
    }
    plan.apply();
    return plan.outcomes;
  }
}

/**
 * The on-disk `BlockStore`: the shared `IndexedBlockStore` over RocksDB,
 * deniable at rest (spec/store.md).
 *
 *   RocksBlockStore.open ──> rocks-open (format check, index load, orphan repair)
 *   RocksPersistence ──> AtRestCipher (disk keys) ──> layout (keys, records)
 *                    ──> CryptoPool (verify + seal: main thread and workers); opens in place
 *                    ──> RocksDatabase (write batches; reads grouped by a GroupQueue)
 */
import { availableParallelism } from 'node:os';
import type { BlockKind } from '../protocol/keys/index.js';
import type { BlockStoreComponents, BlockStoreInit, StoreLogger } from './config.js';
import { resolveBlockStoreInit, resolveLogger } from './config.js';
import type { AtRestCipher } from './at-rest.js';
import { CryptoPool } from './crypto-pool.js';
import { openFailure } from './errors.js';
import { GroupQueue } from './group-queue.js';
import { IndexBook } from './index-book.js';
import { type AdmittedBlock, type BlockPersistence, IndexedBlockStore, type ReadResult } from './indexed-block-store.js';
import { BLOCK_KEY_BYTES, blockKey, DISK_KEY_BYTES, diskKeyOfId, encodeIndexRecord, idOfDiskKey, indexKey, writeBlockKey, writeDiskKey } from './layout.js';
import { RECENCY_WRITE_BEHIND_MS } from './recency-log.js';
import { openRocksDatabase, type RocksDatabase } from './rocks-database.js';
import { type OpenedStoreFiles, openStoreFiles } from './rocks-open.js';
import type { CommitBatch } from './write-plan.js';

export interface RocksBlockStoreComponents extends BlockStoreComponents {
  /** Opens the database at a path; default `openRocksDatabase`. Tests wrap it to inject faults. */
  readonly openDatabase?: ((path: string) => Promise<RocksDatabase>) | undefined;
}

export interface RocksBlockStoreInit extends BlockStoreInit {
  /** Directory of the RocksDB database; created if missing. */
  readonly path: string;
  /**
   * Worker threads that verify and seal blocks while puts overlap (0: all on the
   * calling thread). Default: one fewer than the cores, at most `MAX_DEFAULT_CRYPTO_WORKERS`.
   */
  readonly cryptoWorkers?: number | undefined;
}

export const MAX_DEFAULT_CRYPTO_WORKERS = 2;

function resolveCryptoWorkers(value: number | undefined): number {
  const workers = value ?? Math.max(0, Math.min(MAX_DEFAULT_CRYPTO_WORKERS, availableParallelism() - 1));
  if (!Number.isSafeInteger(workers) || workers < 0) throw new RangeError(`cryptoWorkers must be a whole number ≥ 0, got ${workers}`);
  return workers;
}

/** Most reads in one read batch, and read batches at the same time. */
const READ_QUEUE = { maxBatch: 16, maxRunning: 4 } as const;

/** Key buffers for one read batch, in one allocation. */
function readKeySet(): Buffer[] {
  const slab = Buffer.alloc(READ_QUEUE.maxBatch * BLOCK_KEY_BYTES);
  return Array.from({ length: READ_QUEUE.maxBatch }, (_, index) => slab.subarray(index * BLOCK_KEY_BYTES, (index + 1) * BLOCK_KEY_BYTES));
}
/** Sealed-value buffers kept for reuse once written: fewer large allocations, less garbage collection. */
const SPARE_VALUES = 64;

class RocksPersistence implements BlockPersistence<Uint8Array> {
  /** Reads by index id; a batch writes its ids' block keys into a key set when it runs. */
  private readonly reads: GroupQueue<string, Uint8Array | null>;
  /**
   * Key sets of read batches, reused: at most `READ_QUEUE.maxRunning` are ever made. A new key
   * per read would come from Buffer's pool, and each new pool is an array buffer V8 allocates,
   * which collects the young generation once the values read (32 KiB each) pass 32 MiB there
   * (28 of the 45 young collections of 60,000 gets), each collection then also starting a
   * mark-compact once the values read since the last one pass the old generation's limit.
   */
  private readonly readKeySets: Buffer[][] = [];
  /** The disk key of the value being opened: an open runs at once, so one buffer serves them all. */
  private readonly openingDiskKey = Buffer.alloc(DISK_KEY_BYTES);
  private readonly spareValues: Uint8Array[] = [];

  private readonly crypto: CryptoPool;

  constructor(
    private readonly db: RocksDatabase,
    private readonly cipher: AtRestCipher,
    cryptoWorkers: number,
  ) {
    this.reads = new GroupQueue((ids) => this.readBatch(ids), READ_QUEUE);
    this.crypto = new CryptoPool(cipher, cryptoWorkers);
  }

  slotId(routingKey: Uint8Array): string {
    return idOfDiskKey(this.cipher.transientDiskKey(routingKey));
  }

  async admit(routingKey: Uint8Array, block: Uint8Array, verified?: BlockKind): Promise<AdmittedBlock<Uint8Array>> {
    const id = this.slotId(routingKey);
    const { kind, sealed } = await this.crypto.admit({ routingKey, diskKey: diskKeyOfId(id), block, into: this.spareValues.pop(), verified });
    return { kind, id, sealed };
  }

  /** Opens the value in place, on this thread: an open costs less than a message to a worker. */
  async read(routingKey: Uint8Array, id: string): Promise<ReadResult> {
    const value = await this.reads.submit(id);
    if (value === null) return 'missing';
    return this.cipher.open(routingKey, writeDiskKey(this.openingDiskKey, id), value) ?? 'corrupt';
  }

  private async readBatch(ids: readonly string[]): Promise<(Uint8Array | null)[]> {
    const keys = this.readKeySets.pop() ?? readKeySet();
    try {
      return await this.db.read(ids.map((id, index) => writeBlockKey(keys[index]!, id)));
    } finally {
      this.readKeySets.push(keys);
    }
  }

  /** Writes the batch; RocksDB has copied the sealed values once it settles, so they are reused. */
  async commit({ deletes, blocks, records }: CommitBatch<Uint8Array>): Promise<void> {
    const written = this.db.write({
      deletes: deletes.flatMap(({ id }) => [blockKey(id), indexKey(id)]),
      puts: [
        ...blocks.flatMap(({ record, sealed }) => [[blockKey(record.id), sealed] as const, [indexKey(record.id), encodeIndexRecord(record)] as const]),
        ...records.map((record) => [indexKey(record.id), encodeIndexRecord(record)] as const),
      ],
    });
    try {
      await written;
    } finally {
      for (const { sealed } of blocks) if (this.spareValues.length < SPARE_VALUES) this.spareValues.push(sealed);
    }
  }

  cryptoJobCounts(): { readonly mainThread: number; readonly workers: number } {
    return this.crypto.jobCounts();
  }

  async close(): Promise<void> {
    await this.reads.idle();
    await this.crypto.close();
    await this.db.close();
  }
}

export class RocksBlockStore extends IndexedBlockStore<Uint8Array> {
  private constructor(
    private readonly rocks: RocksPersistence,
    book: IndexBook,
    logger: StoreLogger,
  ) {
    super(rocks, book, logger, RECENCY_WRITE_BEHIND_MS);
  }

  /**
   * Opens (or creates) the store at `init.path`. Throws `StoreOpenError` when the database
   * does not open (e.g. another process has it), `StoreFormatError` for a store this build cannot read.
   */
  static async open(components: RocksBlockStoreComponents, init: RocksBlockStoreInit): Promise<RocksBlockStore> {
    const config = resolveBlockStoreInit(init);
    const cryptoWorkers = resolveCryptoWorkers(init.cryptoWorkers);
    const logger = resolveLogger(components);
    const db = await (components.openDatabase ?? openRocksDatabase)(init.path).catch((cause: unknown) => {
      throw openFailure(init.path, cause);
    });
    let files: OpenedStoreFiles;
    try {
      files = await openStoreFiles(db, init.path, logger);
    } catch (error) {
      await db.close();
      throw error;
    }
    const store = new RocksBlockStore(new RocksPersistence(db, files.cipher, cryptoWorkers), new IndexBook(config, files.records), logger);
    await store.evictOverBudget();
    return store;
  }

  /** Put crypto jobs (verify and seal) run so far on the calling thread and on worker threads. */
  cryptoJobCounts(): { readonly mainThread: number; readonly workers: number } {
    return this.rocks.cryptoJobCounts();
  }
}

/**
 * The thin database component a `RocksBlockStore` reads and writes through:
 * atomic write batches, read batches and range scans over `rocksdb-native`.
 * Tests wrap it to inject faults (a full disk) without touching the store.
 */
import RocksDB from 'rocksdb-native';
import type { KeyRange } from './layout.js';

export interface DatabaseWrite {
  /** Keys to delete, applied first. */
  readonly deletes: readonly Uint8Array[];
  readonly puts: readonly (readonly [key: Uint8Array, value: Uint8Array])[];
}

export interface DatabaseEntry {
  readonly key: Uint8Array;
  /** Empty when the scan was for keys only. */
  readonly value: Uint8Array;
}

export interface ScanOptions {
  readonly range?: KeyRange | undefined;
  /** Default true. */
  readonly values?: boolean | undefined;
}

export interface RocksDatabase {
  /** Applies the whole write atomically (one RocksDB write batch), or nothing of it. */
  write(write: DatabaseWrite): Promise<void>;
  /** The value of each key, or null, in one read batch. The keys are read only until it settles: their buffers may then be reused. */
  read(keys: readonly Uint8Array[]): Promise<(Uint8Array | null)[]>;
  /** The entries in `range` (default: the whole database) in key order, with or without values. */
  scan(options?: ScanOptions): AsyncIterable<DatabaseEntry>;
  close(): Promise<void>;
}

class NativeDatabase implements RocksDatabase {
  constructor(private readonly db: RocksDB) {}

  async write({ deletes, puts }: DatabaseWrite): Promise<void> {
    const batch = this.db.write({ capacity: deletes.length + puts.length });
    try {
      for (const key of deletes) batch.tryDelete(key);
      for (const [key, value] of puts) batch.tryPut(key, value);
      await batch.flush();
    } finally {
      batch.destroy();
    }
  }

  async read(keys: readonly Uint8Array[]): Promise<(Uint8Array | null)[]> {
    const batch = this.db.read({ capacity: keys.length });
    const values = Promise.all(keys.map((key) => batch.get(key)));
    values.catch(() => {});
    try {
      await batch.flush();
    } finally {
      batch.destroy();
    }
    return values;
  }

  async *scan({ range, values = true }: ScanOptions = {}): AsyncIterable<DatabaseEntry> {
    for await (const { key, value } of this.db.iterator(range ?? {}, { values })) yield { key, value: value ?? new Uint8Array() };
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

export async function openRocksDatabase(path: string): Promise<RocksDatabase> {
  const db = new RocksDB(path);
  await db.ready();
  return new NativeDatabase(db);
}

/** Helpers for tests that look at a RocksDB block store's files directly (the store must be closed). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtRestCipher } from '../../../store/at-rest.js';
import type { Partition } from '../../../store/block-store.js';
import { BLOCK_RANGE, decodeIndexRecord, idOfDiskKey, idOfKey, INDEX_RANGE, SALT_KEY } from '../../../store/layout.js';
import { openRocksDatabase, type RocksDatabase } from '../../../store/rocks-database.js';

/** A fresh temporary directory per test, all removed by `cleanup`. */
export function temporaryDirectories(prefix: string) {
  const made: string[] = [];
  return {
    async make(): Promise<string> {
      const path = await mkdtemp(join(tmpdir(), `warren-${prefix}-`));
      made.push(path);
      return join(path, 'db');
    },
    async cleanup(): Promise<void> {
      await Promise.all(made.splice(0).map((path) => rm(path, { recursive: true, force: true })));
    },
  };
}

export async function withDatabase<T>(path: string, body: (db: RocksDatabase) => Promise<T>): Promise<T> {
  const db = await openRocksDatabase(path);
  try {
    return await body(db);
  } finally {
    await db.close();
  }
}

/** The index id a store at `path` gives `routingKey`. */
export async function idOf(db: RocksDatabase, routingKey: Uint8Array): Promise<string> {
  const [salt] = await db.read([SALT_KEY]);
  return idOfDiskKey(new AtRestCipher(Uint8Array.from(salt!)).diskKey(routingKey));
}

export interface CountedPartition {
  blocks: number;
  bytes: number;
}

/** Blocks and bytes per partition counted from the index records, and the number of block values. */
export async function countDatabase(db: RocksDatabase): Promise<{ partitions: Record<Partition, CountedPartition>; blockValues: number }> {
  const partitions: Record<Partition, CountedPartition> = { store: { blocks: 0, bytes: 0 }, cache: { blocks: 0, bytes: 0 } };
  for await (const { key, value } of db.scan({ range: INDEX_RANGE })) {
    const record = decodeIndexRecord(idOfKey(key)!, value)!;
    partitions[record.partition].blocks += 1;
    partitions[record.partition].bytes += record.size;
  }
  let blockValues = 0;
  for await (const _ of db.scan({ range: BLOCK_RANGE, values: false })) blockValues += 1;
  return { partitions, blockValues };
}

/** Every key and value in the database, as hex, to compare before and after. */
export async function snapshotDatabase(db: RocksDatabase): Promise<string[]> {
  const entries: string[] = [];
  for await (const { key, value } of db.scan()) entries.push(`${Buffer.from(key).toString('hex')}=${Buffer.from(value).toString('hex')}`);
  return entries;
}

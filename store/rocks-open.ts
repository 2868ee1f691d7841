/**
 * Opening a RocksDB block store (spec/store.md §6.4, §7): check the format
 * version (refuse newer or unknown ones, change nothing), create the metadata
 * of a new store, load the index records, and remove orphans: a block without
 * an index record, an index record without a block, or a record that does not
 * decode. Batches are atomic, so orphans should never exist; this is defence.
 */
import { AtRestCipher, SALT_BYTES } from './at-rest.js';
import type { StoreLogger } from './config.js';
import { StoreFormatError, writeFailure } from './errors.js';
import type { IndexRecord } from './index-book.js';
import {
  BLOCK_RANGE,
  decodeFormatVersion,
  decodeIndexRecord,
  encodeFormatVersion,
  FORMAT_VERSION,
  FORMAT_VERSION_KEY,
  idOfKey,
  INDEX_RANGE,
  indexKey,
  SALT_KEY,
} from './layout.js';
import type { RocksDatabase } from './rocks-database.js';

export interface OpenedStoreFiles {
  readonly cipher: AtRestCipher;
  readonly records: readonly IndexRecord[];
}

async function isEmpty(db: RocksDatabase): Promise<boolean> {
  for await (const _ of db.scan({ values: false })) return false;
  return true;
}

async function write(db: RocksDatabase, deletes: Uint8Array[], puts: [Uint8Array, Uint8Array][]): Promise<void> {
  try {
    await db.write({ deletes, puts });
  } catch (cause) {
    throw writeFailure(cause);
  }
}

/** The store's cipher: from the metadata, or new metadata for an empty database. */
async function readMetadata(db: RocksDatabase, path: string): Promise<AtRestCipher> {
  const [versionBytes, salt] = await db.read([FORMAT_VERSION_KEY, SALT_KEY]);
  if (versionBytes === null || versionBytes === undefined) {
    if (!(await isEmpty(db))) {
      throw new StoreFormatError(`${path} holds data but no store format version: it is not a Warren block store; nothing was changed on disk`);
    }
    const cipher = AtRestCipher.withNewSalt();
    await write(
      db,
      [],
      [
        [FORMAT_VERSION_KEY, encodeFormatVersion(FORMAT_VERSION)],
        [SALT_KEY, cipher.saltBytes],
      ],
    );
    return cipher;
  }
  const version = decodeFormatVersion(versionBytes);
  if (version !== FORMAT_VERSION) {
    const written = version === undefined ? 'an unreadable format version' : `format version ${version}`;
    const advice = version !== undefined && version > FORMAT_VERSION ? 'upgrade Warren' : 'this is not a store this build can read';
    throw new StoreFormatError(
      `the store at ${path} was written by ${written}; this build reads version ${FORMAT_VERSION} — ${advice}, nothing was changed on disk`,
    );
  }
  if (salt === null || salt === undefined || salt.length !== SALT_BYTES) {
    throw new StoreFormatError(`the store at ${path} has no valid salt; nothing was changed on disk`);
  }
  return new AtRestCipher(Uint8Array.from(salt));
}

/** The index records that have a block; removes every orphan in one batch. */
async function loadIndex(db: RocksDatabase, logger: StoreLogger): Promise<IndexRecord[]> {
  const records = new Map<string, IndexRecord>();
  const orphanKeys: Uint8Array[] = [];
  for await (const { key, value } of db.scan({ range: INDEX_RANGE })) {
    const id = idOfKey(key);
    const record = id === undefined ? undefined : decodeIndexRecord(id, value);
    if (record === undefined) orphanKeys.push(Uint8Array.from(key));
    else records.set(record.id, record);
  }
  const withBlock = new Set<string>();
  for await (const { key } of db.scan({ range: BLOCK_RANGE, values: false })) {
    const id = idOfKey(key);
    if (id !== undefined && records.has(id)) withBlock.add(id);
    else orphanKeys.push(Uint8Array.from(key));
  }
  for (const id of records.keys()) {
    if (withBlock.has(id)) continue;
    records.delete(id);
    orphanKeys.push(indexKey(id));
  }
  if (orphanKeys.length > 0) {
    logger.warn({ keys: orphanKeys.length }, 'removed orphaned block store entries');
    await write(db, orphanKeys, []);
  }
  return [...records.values()];
}

export async function openStoreFiles(db: RocksDatabase, path: string, logger: StoreLogger): Promise<OpenedStoreFiles> {
  const cipher = await readMetadata(db, path);
  return { cipher, records: await loadIndex(db, logger) };
}

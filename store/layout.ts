/**
 * The one owner of the RocksDB key layout of a block store (spec/store.md §6).
 * Nothing else builds or parses a database key or an index record.
 *
 *   key                      value
 *   00 01                    format version: u32be
 *   00 02                    salt: 32 random bytes
 *   01 ‖ diskKey (32 bytes)  sealed block: nonce (12) ‖ ChaCha20-Poly1305 ciphertext ‖ tag (16)  (at-rest.ts)
 *   02 ‖ diskKey (32 bytes)  index record, 15 bytes:
 *                              partition u8 (0 store, 1 cache) ‖ block size u32be ‖
 *                              access sequence u64be ‖ location bucket u16be
 *
 * diskKey = KH(salt, "warren/store-key/v1", routing key); the routing key itself is
 * never written. An index id (index-book.ts) is the lower-case hex of the disk key.
 */
import { toHex } from '../protocol/bytes.js';
import type { Partition } from './block-store.js';
import { LOCATION_BUCKETS, type IndexRecord } from './index-book.js';

/** The format this build writes and reads. */
export const FORMAT_VERSION = 1;
export const DISK_KEY_BYTES = 32;
export const BLOCK_KEY_BYTES = 1 + DISK_KEY_BYTES;

const METADATA_PREFIX = 0x00;
const BLOCK_PREFIX = 0x01;
const INDEX_PREFIX = 0x02;

export const FORMAT_VERSION_KEY = Uint8Array.of(METADATA_PREFIX, 0x01);
export const SALT_KEY = Uint8Array.of(METADATA_PREFIX, 0x02);

export interface KeyRange {
  readonly gte: Uint8Array;
  readonly lt: Uint8Array;
}

export const BLOCK_RANGE: KeyRange = { gte: Uint8Array.of(BLOCK_PREFIX), lt: Uint8Array.of(BLOCK_PREFIX + 1) };
export const INDEX_RANGE: KeyRange = { gte: Uint8Array.of(INDEX_PREFIX), lt: Uint8Array.of(INDEX_PREFIX + 1) };

function prefixed(prefix: number, id: string): Uint8Array {
  const key = Buffer.allocUnsafe(BLOCK_KEY_BYTES);
  key[0] = prefix;
  key.write(id, 1, 'hex');
  return key;
}

export function blockKey(id: string): Uint8Array {
  return prefixed(BLOCK_PREFIX, id);
}

/** `blockKey(id)` written into `into` (`BLOCK_KEY_BYTES` long): a read reuses its key buffers. */
export function writeBlockKey(into: Buffer, id: string): Buffer {
  into[0] = BLOCK_PREFIX;
  into.write(id, 1, 'hex');
  return into;
}

export function indexKey(id: string): Uint8Array {
  return prefixed(INDEX_PREFIX, id);
}

/** The index id in a block or index key, or undefined for a key of another shape. */
export function idOfKey(key: Uint8Array): string | undefined {
  if (key.length !== 1 + DISK_KEY_BYTES || (key[0] !== BLOCK_PREFIX && key[0] !== INDEX_PREFIX)) return undefined;
  return toHex(key.subarray(1));
}

export function idOfDiskKey(diskKey: Uint8Array): string {
  return toHex(diskKey);
}

export function diskKeyOfId(id: string): Uint8Array {
  return Buffer.from(id, 'hex');
}

/** `diskKeyOfId(id)` written into `into` (`DISK_KEY_BYTES` long). */
export function writeDiskKey(into: Buffer, id: string): Buffer {
  into.write(id, 0, 'hex');
  return into;
}

const RECORD_BYTES = 15;
const PARTITIONS: readonly Partition[] = ['store', 'cache'];
const TWO_POW_32 = 2 ** 32;

export function encodeIndexRecord(record: IndexRecord): Uint8Array {
  // From Buffer's shared pool: a small Uint8Array of its own would be moved out of the JS heap when written.
  const pooled = Buffer.allocUnsafe(RECORD_BYTES);
  const bytes = new Uint8Array(pooled.buffer, pooled.byteOffset, RECORD_BYTES);
  const view = new DataView(bytes.buffer, bytes.byteOffset, RECORD_BYTES);
  view.setUint8(0, PARTITIONS.indexOf(record.partition));
  view.setUint32(1, record.size);
  view.setUint32(5, Math.floor(record.sequence / TWO_POW_32));
  view.setUint32(9, record.sequence % TWO_POW_32);
  view.setUint16(13, record.bucket);
  return bytes;
}

/** The record stored under index id `id`, or undefined if `bytes` is not a valid record. */
export function decodeIndexRecord(id: string, bytes: Uint8Array): IndexRecord | undefined {
  if (bytes.length !== RECORD_BYTES) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const partition = PARTITIONS[view.getUint8(0)];
  const sequence = view.getUint32(5) * TWO_POW_32 + view.getUint32(9);
  const bucket = view.getUint16(13);
  if (partition === undefined || !Number.isSafeInteger(sequence) || bucket >= LOCATION_BUCKETS) return undefined;
  return { id, partition, size: view.getUint32(1), sequence, bucket };
}

export function encodeFormatVersion(version: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, version);
  return bytes;
}

/** The format version in `bytes`, or undefined if they are not one. */
export function decodeFormatVersion(bytes: Uint8Array): number | undefined {
  if (bytes.length !== 4) return undefined;
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
}

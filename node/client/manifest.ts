/**
 * Manifests and pointers (spec/client.md §4, §7.1): canonical MessagePack maps (manifest-bytes.ts) whose
 * keys come in a fixed order, decoded into typed values or refused with `InvalidManifestError` — never
 * anything else.
 *
 *   file       {v, kind:'file', size, mime, hash, fec:{k, shard}, segments:[[length, data, check]…]}
 *   split      {v, kind:'split', size, hash, fec, segments}   the content is an encoded manifest
 *   directory  {v, kind:'directory', entries:[{name, kind, key, mime?, size?}…]}   entries sorted by name
 *   pointer    {v, manifest}                                  the content of an SSK block
 */
import { HASH_BYTES } from '../../protocol/crypto.js';
import { ChkUri } from '../../protocol/keys/index.js';
import { nameProblem } from '../../protocol/keys/names.js';
import { InvalidManifestError } from './errors.js';
import { type Packable, packCanonical, type Unpacked, unpackCanonical } from './manifest-bytes.js';
import { MAX_MIME_BYTES } from './mime.js';
import { type BlockRef, MAX_CHECK_BLOCKS_PER_SEGMENT, MAX_DATA_BLOCKS_PER_SEGMENT, type SegmentRef, SHARD_BYTES, shardCount } from './segments.js';

export const MANIFEST_VERSION = 1;
const REF_BYTES = 2 * HASH_BYTES;

/** A splitfile: how its content is cut, protected and checked. */
export interface Layout {
  readonly size: number;
  readonly contentHash: Uint8Array;
  /** k of every segment but possibly the last. */
  readonly dataBlocksPerSegment: number;
  readonly segments: readonly SegmentRef[];
}

export interface FileManifest extends Layout {
  readonly kind: 'file';
  readonly mime: string;
}

/** A manifest too large for one block, stored as a splitfile of its own encoding. */
export interface SplitManifest extends Layout {
  readonly kind: 'split';
}

export interface DirectoryEntry {
  readonly name: string;
  readonly kind: 'file' | 'directory';
  readonly uri: ChkUri;
  /** Files only. */
  readonly mime?: string;
  readonly size?: number;
}

export interface DirectoryManifest {
  readonly kind: 'directory';
  readonly entries: readonly DirectoryEntry[];
}

export type Manifest = FileManifest | SplitManifest | DirectoryManifest;

/** The keys of each map, in the one order they are written and accepted in (spec/client.md §4). */
const KEYS = {
  file: ['v', 'kind', 'size', 'mime', 'hash', 'fec', 'segments'],
  split: ['v', 'kind', 'size', 'hash', 'fec', 'segments'],
  directory: ['v', 'kind', 'entries'],
  fec: ['k', 'shard'],
  fileEntry: ['name', 'kind', 'key', 'mime', 'size'],
  directoryEntry: ['name', 'kind', 'key'],
  pointer: ['v', 'manifest'],
} as const;

/** Directory entries in the order of their names' UTF-8 bytes. */
const byName = (a: { name: string }, b: { name: string }) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name));

function packRefs(refs: readonly BlockRef[]): Uint8Array {
  const out = new Uint8Array(refs.length * REF_BYTES);
  refs.forEach((ref, index) => {
    out.set(ref.routingKey, index * REF_BYTES);
    out.set(ref.cryptoKey, index * REF_BYTES + HASH_BYTES);
  });
  return out;
}

function packUri(uri: ChkUri): Uint8Array {
  return packRefs([uri]);
}

export function encodeManifest(manifest: Manifest): Uint8Array {
  if (manifest.kind === 'directory') {
    const entries = [...manifest.entries]
      .sort(byName)
      .map(
        (entry): Packable =>
          entry.kind === 'file'
            ? { name: entry.name, kind: 'file', key: packUri(entry.uri), mime: entry.mime ?? '', size: entry.size ?? 0 }
            : { name: entry.name, kind: 'directory', key: packUri(entry.uri) },
      );
    return packCanonical({ v: MANIFEST_VERSION, kind: 'directory', entries });
  }
  return packCanonical({
    v: MANIFEST_VERSION,
    kind: manifest.kind,
    size: manifest.size,
    ...(manifest.kind === 'file' ? { mime: manifest.mime } : {}),
    hash: manifest.contentHash,
    fec: { k: manifest.dataBlocksPerSegment, shard: SHARD_BYTES },
    segments: manifest.segments.map((segment) => [segment.dataLength, packRefs(segment.dataBlocks), packRefs(segment.checkBlocks)]),
  });
}

// ---- decoding: every check throws InvalidManifestError ----

function fail(message: string): never {
  throw new InvalidManifestError(message);
}

function record(value: unknown, what: string): Map<string, Unpacked> {
  if (!(value instanceof Map)) fail(`${what} is not a map`);
  return value as Map<string, Unpacked>;
}

/** Checks that `map` has exactly `keys`, in that order. */
function fields(map: Map<string, Unpacked>, keys: readonly string[], what: string): Map<string, Unpacked> {
  const actual = [...map.keys()];
  if (actual.length !== keys.length || actual.some((key, index) => key !== keys[index])) {
    fail(`${what} must have the keys ${keys.join(', ')} in this order, not ${actual.join(', ')}`);
  }
  return map;
}

function count(value: unknown, what: string, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > max) fail(`${what} is not a whole number 0..${max}`);
  return value;
}

function bytes(value: unknown, what: string): Uint8Array {
  if (!(value instanceof Uint8Array)) fail(`${what} is not a byte string`);
  return value;
}

function text(value: unknown, what: string, maxBytes: number): string {
  if (typeof value !== 'string' || Buffer.byteLength(value) > maxBytes) fail(`${what} is not a string of at most ${maxBytes} bytes`);
  return value;
}

function refs(value: unknown, expected: number, what: string): BlockRef[] {
  const packed = bytes(value, what);
  if (packed.length !== expected * REF_BYTES) fail(`${what} must hold ${expected} block references`);
  const out: BlockRef[] = [];
  for (let offset = 0; offset < packed.length; offset += REF_BYTES) {
    out.push({ routingKey: packed.slice(offset, offset + HASH_BYTES), cryptoKey: packed.slice(offset + HASH_BYTES, offset + REF_BYTES) });
  }
  return out;
}

function uri(value: unknown, what: string): ChkUri {
  const [ref] = refs(value, 1, what);
  return new ChkUri(ref!.routingKey, ref!.cryptoKey);
}

function layout(map: Map<string, Unpacked>): Layout {
  const size = count(map.get('size'), 'size');
  const contentHash = bytes(map.get('hash'), 'hash');
  if (contentHash.length !== HASH_BYTES) fail(`hash must be ${HASH_BYTES} bytes`);
  const fec = fields(record(map.get('fec'), 'fec'), KEYS.fec, 'fec');
  const k = count(fec.get('k'), 'fec.k', MAX_DATA_BLOCKS_PER_SEGMENT);
  if (k < 1) fail('fec.k must be at least 1');
  if (fec.get('shard') !== SHARD_BYTES) fail(`fec.shard must be ${SHARD_BYTES}`);
  const rawSegments = map.get('segments');
  if (!Array.isArray(rawSegments)) fail('segments is not an array');
  const expectedSegments = Math.ceil(size / (k * SHARD_BYTES));
  if (rawSegments.length !== expectedSegments) fail(`a ${size}-byte file with k = ${k} has ${expectedSegments} segments`);
  const segments = rawSegments.map((raw: unknown, index: number): SegmentRef => {
    if (!Array.isArray(raw) || raw.length !== 3) fail(`segment ${index} is not [length, data, check]`);
    const dataLength = count(raw[0], `segment ${index} length`);
    const expectedLength = Math.min(k * SHARD_BYTES, size - index * k * SHARD_BYTES);
    if (dataLength !== expectedLength) fail(`segment ${index} must hold ${expectedLength} bytes`);
    const check = bytes(raw[2], `segment ${index} check blocks`);
    const m = check.length / REF_BYTES;
    if (!Number.isInteger(m) || m > MAX_CHECK_BLOCKS_PER_SEGMENT) fail(`segment ${index} has a bad number of check blocks`);
    return {
      dataLength,
      dataBlocks: refs(raw[1], shardCount(dataLength), `segment ${index} data blocks`),
      checkBlocks: refs(check, m, `segment ${index} check blocks`),
    };
  });
  if (segments.some((segment) => segment.checkBlocks.length !== segments[0]!.checkBlocks.length)) fail('segments have different numbers of check blocks');
  return { size, contentHash, dataBlocksPerSegment: k, segments };
}

function entry(raw: unknown, index: number): DirectoryEntry {
  const map = record(raw, `entry ${index}`);
  const name = text(map.get('name'), `entry ${index} name`, 255);
  const problem = nameProblem(name);
  if (problem !== undefined) fail(`entry name '${name}' is not allowed: ${problem}`);
  const kind = map.get('kind');
  if (kind !== 'file' && kind !== 'directory') fail(`entry '${name}' has an unknown kind`);
  fields(map, kind === 'file' ? KEYS.fileEntry : KEYS.directoryEntry, `entry '${name}'`);
  const key = uri(map.get('key'), `entry '${name}' key`);
  if (kind === 'directory') return { name, kind, uri: key };
  return { name, kind, uri: key, mime: text(map.get('mime'), `entry '${name}' mime`, MAX_MIME_BYTES), size: count(map.get('size'), `entry '${name}' size`) };
}

function unpackVersioned(encoded: Uint8Array, what: string): Map<string, Unpacked> {
  const map = record(unpackCanonical(encoded), what);
  if (map.get('v') !== MANIFEST_VERSION) fail(`${what} version ${String(map.get('v'))} is not supported`);
  return map;
}

export function decodeManifest(encoded: Uint8Array): Manifest {
  const map = unpackVersioned(encoded, 'manifest');
  const kind = map.get('kind');
  if (kind !== 'file' && kind !== 'split' && kind !== 'directory') fail(`unknown manifest kind ${String(kind)}`);
  fields(map, KEYS[kind], `a ${kind} manifest`);
  if (kind === 'file') return { kind, mime: text(map.get('mime'), 'mime', MAX_MIME_BYTES), ...layout(map) };
  if (kind === 'split') return { kind, ...layout(map) };
  const rawEntries = map.get('entries');
  if (!Array.isArray(rawEntries)) fail('entries is not an array');
  const entries = rawEntries.map(entry);
  for (let index = 1; index < entries.length; index++) {
    if (byName(entries[index - 1]!, entries[index]!) >= 0) fail(`entry '${entries[index]!.name}' is out of order or repeated: entries are sorted by name`);
  }
  return { kind, entries };
}

/** What an SSK block of a publisher holds: the CHK of the manifest it publishes. */
export function encodePointer(manifest: ChkUri): Uint8Array {
  return packCanonical({ v: MANIFEST_VERSION, manifest: packUri(manifest) });
}

export function decodePointer(encoded: Uint8Array): ChkUri {
  const map = fields(unpackVersioned(encoded, 'pointer'), KEYS.pointer, 'pointer');
  return uri(map.get('manifest'), 'pointer manifest');
}

/**
 * Manifests and pointers (spec/client.md §5–7): msgpack maps with a version field,
 * decoded into typed values or refused with `InvalidManifestError` — never anything else.
 *
 *   file       {v, kind:'file', size, mime, hash, fec:{k, m, shard}, segments:[[length, data, check]…]}
 *   split      {v, kind:'split', size, hash, fec, segments}   the content is an encoded manifest
 *   directory  {v, kind:'directory', entries:[{name, kind, key, mime?, size?}…]}
 *   pointer    {v, manifest}                                  the content of an SSK block
 */
import { Packr } from 'msgpackr';
import { HASH_BYTES } from '../../protocol/crypto.js';
import { ChkUri } from '../../protocol/keys/index.js';
import { nameProblem } from '../../protocol/keys/names.js';
import { InvalidManifestError } from './errors.js';
import { type BlockRef, MAX_CHECK_BLOCKS_PER_SEGMENT, MAX_DATA_BLOCKS_PER_SEGMENT, type SegmentRef, SHARD_BYTES, shardCount } from './segments.js';

export const MANIFEST_VERSION = 1;
const REF_BYTES = 2 * HASH_BYTES;
const MAX_MIME_BYTES = 255;

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

const packr = new Packr({ useRecords: false, variableMapSize: true, mapsAsObjects: true, int64AsType: 'number' });

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
    return packr.pack({
      v: MANIFEST_VERSION,
      kind: 'directory',
      entries: manifest.entries.map((entry) =>
        entry.kind === 'file'
          ? { name: entry.name, kind: 'file', key: packUri(entry.uri), mime: entry.mime ?? '', size: entry.size ?? 0 }
          : { name: entry.name, kind: 'directory', key: packUri(entry.uri) },
      ),
    });
  }
  return packr.pack({
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

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array) fail(`${what} is not a map`);
  return value as Record<string, unknown>;
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

function layout(map: Record<string, unknown>): Layout {
  const size = count(map.size, 'size');
  const contentHash = bytes(map.hash, 'hash');
  if (contentHash.length !== HASH_BYTES) fail(`hash must be ${HASH_BYTES} bytes`);
  const fec = record(map.fec, 'fec');
  const k = count(fec.k, 'fec.k', MAX_DATA_BLOCKS_PER_SEGMENT);
  if (k < 1) fail('fec.k must be at least 1');
  if (fec.shard !== SHARD_BYTES) fail(`fec.shard must be ${SHARD_BYTES}`);
  if (!Array.isArray(map.segments)) fail('segments is not an array');
  const expectedSegments = Math.ceil(size / (k * SHARD_BYTES));
  if (map.segments.length !== expectedSegments) fail(`a ${size}-byte file with k = ${k} has ${expectedSegments} segments`);
  const segments = map.segments.map((raw: unknown, index: number): SegmentRef => {
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
  return { size, contentHash, dataBlocksPerSegment: k, segments };
}

function entry(raw: unknown, index: number): DirectoryEntry {
  const map = record(raw, `entry ${index}`);
  const name = text(map.name, `entry ${index} name`, 255);
  const problem = nameProblem(name);
  if (problem !== undefined) fail(`entry name '${name}' is not allowed: ${problem}`);
  if (map.kind === 'directory') return { name, kind: 'directory', uri: uri(map.key, `entry '${name}' key`) };
  if (map.kind !== 'file') fail(`entry '${name}' has an unknown kind`);
  return {
    name,
    kind: 'file',
    uri: uri(map.key, `entry '${name}' key`),
    mime: text(map.mime, `entry '${name}' mime`, MAX_MIME_BYTES),
    size: count(map.size, `entry '${name}' size`),
  };
}

function unpackVersioned(encoded: Uint8Array, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = packr.unpack(encoded);
  } catch (cause) {
    throw new InvalidManifestError(`${what} is not valid msgpack`, { cause });
  }
  const map = record(value, what);
  if (map.v !== MANIFEST_VERSION) fail(`${what} version ${String(map.v)} is not supported`);
  return map;
}

export function decodeManifest(encoded: Uint8Array): Manifest {
  const map = unpackVersioned(encoded, 'manifest');
  switch (map.kind) {
    case 'file':
      return { kind: 'file', mime: text(map.mime, 'mime', MAX_MIME_BYTES), ...layout(map) };
    case 'split':
      return { kind: 'split', ...layout(map) };
    case 'directory': {
      if (!Array.isArray(map.entries)) fail('entries is not an array');
      const entries = map.entries.map(entry);
      if (new Set(entries.map((item) => item.name)).size !== entries.length) fail('two entries have the same name');
      return { kind: 'directory', entries };
    }
    default:
      return fail(`unknown manifest kind ${String(map.kind)}`);
  }
}

/** What an SSK block of a publisher holds: the CHK of the manifest it publishes. */
export function encodePointer(manifest: ChkUri): Uint8Array {
  return packr.pack({ v: MANIFEST_VERSION, manifest: packUri(manifest) });
}

export function decodePointer(encoded: Uint8Array): ChkUri {
  return uri(unpackVersioned(encoded, 'pointer').manifest, 'pointer manifest');
}

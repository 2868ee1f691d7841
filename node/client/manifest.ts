/**
 * Manifests and pointers (spec/client.md §4, §7.1): canonical MessagePack maps (manifest-bytes.ts) whose
 * keys come in a fixed order, decoded into typed values or refused with `InvalidManifestError` — never
 * anything else.
 *
 *   file       {v, kind:'file', size, mime, hash, fec:{code, k, m, shard}, segments:[[length, data, check]…]}
 *              (fec:{k, shard} is code 1, the 24 + 6 code of old manifests: still decoded, see fec.ts)
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
import { ERASURE_MAX_SHARDS } from './erasure.js';
import { FEC_MAX_DATA_SHARDS, FEC_MAX_PARITY_SHARDS } from './fec.js';
import {
  type BlockRef,
  type FecCode,
  LEGACY_FEC_CODE,
  type SegmentRef,
  SHARD_BYTES,
  segmentCheckBlocks,
  segmentCount,
  segmentDataBlocks,
  shardCount,
  WIDE_FEC_CODE,
} from './segments.js';

export const MANIFEST_VERSION = 1;
const REF_BYTES = 2 * HASH_BYTES;

/** A splitfile: how its content is cut, protected and checked. */
export interface Layout {
  readonly size: number;
  readonly contentHash: Uint8Array;
  /** The erasure code of every segment: 2 for what this client inserts, 1 for old manifests (decoded only). */
  readonly code: FecCode;
  /** k: data blocks of a full segment. */
  readonly dataBlocksPerSegment: number;
  /** m: check blocks of a full segment (code 1: of every segment). */
  readonly checkBlocksPerSegment: number;
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
  fec: ['code', 'k', 'm', 'shard'],
  legacyFec: ['k', 'shard'],
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
    fec:
      manifest.code === LEGACY_FEC_CODE
        ? { k: manifest.dataBlocksPerSegment, shard: SHARD_BYTES }
        : { code: WIDE_FEC_CODE, k: manifest.dataBlocksPerSegment, m: manifest.checkBlocksPerSegment, shard: SHARD_BYTES },
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

/** The segment list of a splitfile of `size` bytes: `segments` of them, segment i with the block counts `expect(i)`. */
function segmentList(
  map: Map<string, Unpacked>,
  segments: number,
  expect: (index: number) => { dataBlocks: number; checkBlocks: number },
  size: number,
): SegmentRef[] {
  const raw = map.get('segments');
  if (!Array.isArray(raw)) fail('segments is not an array');
  if (raw.length !== segments) fail(`a ${size}-byte file with this fec has ${segments} segments`);
  let offset = 0;
  return raw.map((segment: unknown, index: number): SegmentRef => {
    if (!Array.isArray(segment) || segment.length !== 3) fail(`segment ${index} is not [length, data, check]`);
    const { dataBlocks, checkBlocks } = expect(index);
    const dataLength = count(segment[0], `segment ${index} length`);
    const expectedLength = Math.min(dataBlocks * SHARD_BYTES, size - offset);
    if (dataLength !== expectedLength) fail(`segment ${index} must hold ${expectedLength} bytes`);
    offset += dataLength;
    return {
      dataLength,
      dataBlocks: refs(segment[1], dataBlocks, `segment ${index} data blocks`),
      checkBlocks: refs(segment[2], checkBlocks, `segment ${index} check blocks`),
    };
  });
}

/** Code 2 (spec/client.md §4.1): k + m ≤ 256, segments and their check blocks as §2 lays them out. */
function wideLayout(map: Map<string, Unpacked>, fec: Map<string, Unpacked>, size: number): Omit<Layout, 'contentHash'> {
  if (fec.get('code') !== WIDE_FEC_CODE) fail(`fec.code ${String(fec.get('code'))} is not a known erasure code`);
  const k = count(fec.get('k'), 'fec.k', ERASURE_MAX_SHARDS);
  const m = count(fec.get('m'), 'fec.m', ERASURE_MAX_SHARDS - 1);
  if (k < 1 || k + m > ERASURE_MAX_SHARDS) fail(`fec needs k ≥ 1 and k + m ≤ ${ERASURE_MAX_SHARDS}`);
  const blocks = shardCount(size);
  const redundancy = { dataBlocksPerSegment: k, checkBlocksPerSegment: m };
  const segments = segmentList(
    map,
    segmentCount(blocks, k),
    (index) => {
      const dataBlocks = segmentDataBlocks(blocks, k, index);
      return { dataBlocks, checkBlocks: segmentCheckBlocks(dataBlocks, redundancy) };
    },
    size,
  );
  return { size, code: WIDE_FEC_CODE, dataBlocksPerSegment: k, checkBlocksPerSegment: m, segments };
}

/** Code 1, old manifests: k ≤ 24, segments of k data blocks (the last may be short), the same m ≤ 6 in every one. */
function legacyLayout(map: Map<string, Unpacked>, fec: Map<string, Unpacked>, size: number): Omit<Layout, 'contentHash'> {
  const k = count(fec.get('k'), 'fec.k', FEC_MAX_DATA_SHARDS);
  if (k < 1) fail('fec.k must be at least 1');
  const first = (map.get('segments') as Unpacked[] | undefined)?.[0];
  const check = Array.isArray(first) ? first[2] : undefined;
  const m = check instanceof Uint8Array ? check.length / REF_BYTES : 0;
  if (!Number.isInteger(m) || m > FEC_MAX_PARITY_SHARDS) fail('segment 0 has a bad number of check blocks');
  const blocks = shardCount(size);
  const segments = segmentList(map, Math.ceil(blocks / k), (index) => ({ dataBlocks: Math.min(k, blocks - index * k), checkBlocks: m }), size);
  return { size, code: LEGACY_FEC_CODE, dataBlocksPerSegment: k, checkBlocksPerSegment: m, segments };
}

function layout(map: Map<string, Unpacked>): Layout {
  const size = count(map.get('size'), 'size');
  const contentHash = bytes(map.get('hash'), 'hash');
  if (contentHash.length !== HASH_BYTES) fail(`hash must be ${HASH_BYTES} bytes`);
  const fec = record(map.get('fec'), 'fec');
  if (fec.get('shard') !== SHARD_BYTES) fail(`fec.shard must be ${SHARD_BYTES}`);
  const legacy = !fec.has('code');
  fields(fec, legacy ? KEYS.legacyFec : KEYS.fec, 'fec');
  return { contentHash, ...(legacy ? legacyLayout(map, fec, size) : wideLayout(map, fec, size)) };
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

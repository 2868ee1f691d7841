/**
 * The valid vectors of spec/vectors/manifests.json and how each is computed with the client: content is
 * inserted through an in-memory node, and the top block of the resulting URI is read back. Shared by
 * the generator (generate-manifests.ts) and the test, which recomputes every vector and compares.
 *
 *   inputs ──Inserter / publishUsk──> blocks by routing key ──top block, decodeChk──> manifest bytes
 *   manifest bytes ──unpackCanonical──> JSON form (maps in key order, byte strings in hex)
 */
import { toHex } from '../../protocol/bytes.js';
import { ChkUri, decodeChk, decodeSsk, UskInsertUri } from '../../protocol/keys/index.js';
import { Inserter } from '../../node/client/insert.js';
import { type Unpacked, unpackCanonical } from '../../node/client/manifest-bytes.js';
import type { DirectoryEntry } from '../../node/client/manifest.js';
import { publishUsk } from '../../node/client/publish.js';
import type { ClientNode } from '../../node/client/types.js';

/** The content of spec/client.md §3.5: byte i is (7·i + ⌊i / 256⌋) mod 256. */
export const pattern = (length: number) => Uint8Array.from({ length }, (_, i) => (7 * i + Math.floor(i / 256)) & 0xff);

/** A manifest value as JSON: maps as objects in key order, byte strings as lowercase hex. */
export function jsonOf(value: Unpacked): unknown {
  if (value instanceof Map) return Object.fromEntries([...value].map(([key, item]) => [key, jsonOf(item)]));
  if (value instanceof Uint8Array) return toHex(value);
  if (Array.isArray(value)) return value.map(jsonOf);
  return value;
}

function memoryNode(): { node: ClientNode; blocks: Map<string, Uint8Array> } {
  const blocks = new Map<string, Uint8Array>();
  return {
    blocks,
    node: {
      insert: async (routingKey, block) => blocks.set(toHex(routingKey), block),
      request: async (routingKey) => blocks.get(toHex(routingKey)) ?? Promise.reject(new Error('not inserted')),
    },
  };
}

export interface ManifestVector {
  name: string;
  about: string;
  uri: string;
  bytes: string;
  value: unknown;
}

/** `uri` is the USK request URI of the published edition. */
export interface PointerVector extends ManifestVector {
  insertUri: string;
  sskDocName: string;
  routingKey: string;
  block: string;
}

/** The 64-byte reference of entry `i` of the split directory: byte j is (i + j) mod 256. */
const entryKey = (i: number) => Uint8Array.from({ length: 64 }, (_, j) => (i + j) & 0xff);
const uriOf = (ref: Uint8Array) => new ChkUri(ref.subarray(0, 32), ref.subarray(32));

/** Every valid vector, computed with the client as it is now. */
export async function manifestVectors(): Promise<{ manifests: ManifestVector[]; pointers: PointerVector[] }> {
  const { node, blocks } = memoryNode();
  const manifests: ManifestVector[] = [];
  const record = (name: string, about: string, uri: ChkUri): ChkUri => {
    const bytes = decodeChk(blocks.get(toHex(uri.routingKey))!, uri.cryptoKey);
    manifests.push({ name, about, uri: uri.toString(), bytes: toHex(bytes), value: jsonOf(unpackCanonical(bytes)) });
    return uri;
  };
  const withRedundancy = (k: number, m: number) => new Inserter(node, { dataBlocksPerSegment: k, checkBlocksPerSegment: m });
  const insert = async (k: number, m: number, length: number, mime: string) => (await withRedundancy(k, m).insertFile({ source: pattern(length), mime })).uri;

  const small = record('file in one segment', 'pattern(14), k = 6, m = 2, mime text/plain', await insert(6, 2, 14, 'text/plain'));
  const split = record(
    'file in three segments',
    'pattern(2·2·32744 + 5), k = 2, m = 1, mime application/octet-stream',
    await insert(2, 1, 2 * 2 * 32744 + 5, 'application/octet-stream'),
  );
  const empty = record('empty file', 'pattern(0), k = 6, m = 6, mime text/plain', await insert(6, 6, 0, 'text/plain'));
  const emptyEntry: DirectoryEntry = { name: 'empty', kind: 'file', uri: empty, mime: 'text/plain', size: 0 };
  const notes = await withRedundancy(6, 6).insertManifest({ kind: 'directory', entries: [emptyEntry] });
  const entries: DirectoryEntry[] = [
    { name: 'zz large.iso', kind: 'file', uri: split, mime: 'application/octet-stream', size: 5 * 2 ** 30 },
    { name: 'notes', kind: 'directory', uri: notes },
    { name: 'été.txt', kind: 'file', uri: small, mime: 'text/plain; charset=utf-8', size: 14 },
    { name: 'README', kind: 'file', uri: small, mime: 'text/plain', size: 14 },
  ];
  const directory = record(
    'directory',
    'entries given out of order (written sorted by name bytes): README and été.txt (the first file), notes (a directory ' +
      'holding the empty file as "empty"), zz large.iso (the second file, listed with a size of 5 GiB: ≥ 2^32, so uint 64)',
    await withRedundancy(6, 6).insertManifest({ kind: 'directory', entries }),
  );
  const many: DirectoryEntry[] = Array.from({ length: 400 }, (_, i) => ({
    name: `file-${String(i).padStart(3, '0')}`,
    kind: 'file',
    uri: uriOf(entryKey(i)),
    mime: 'text/plain',
    size: i,
  }));
  record(
    'split manifest',
    'directory of 400 files: entry i is named file-<i, 3 digits>, mime text/plain, size i, key byte j = (i + j) mod 256; ' +
      'its encoding exceeds one block, so the top block is a split manifest with k = 6, m = 6',
    await withRedundancy(6, 6).insertManifest({ kind: 'directory', entries: many }),
  );

  const seed = Uint8Array.from({ length: 32 }, (_, i) => (5 * i + 1) & 0xff);
  const insertUri = new UskInsertUri(seed, 'site', 3);
  const published = await publishUsk(node, insertUri, directory);
  const ssk = published.toSskUri();
  const block = blocks.get(toHex(ssk.routingKey))!;
  const bytes = decodeSsk(block, ssk.keys, ssk.docName);
  const pointer: PointerVector = {
    name: 'signed pointer: USK edition 3 of "site" publishing the directory',
    about: 'seed byte i = (5·i + 1) mod 256',
    uri: published.toString(),
    bytes: toHex(bytes),
    value: jsonOf(unpackCanonical(bytes)),
    insertUri: insertUri.toString(),
    sskDocName: ssk.docName,
    routingKey: toHex(ssk.routingKey),
    block: toHex(block),
  };
  return { manifests, pointers: [pointer] };
}

/**
 * Writes spec/vectors/manifests.json (spec/client.md §4, §7.1): manifests and a signed pointer made by
 * the client (manifest-cases.ts), and byte strings a decoder must refuse, each checked against the
 * implementation before it is written. Run after a deliberate format change only:
 * `npx tsx spec/vectors/generate-manifests.ts`.
 */
import { writeFileSync } from 'node:fs';
import { fromHex, toHex } from '../../protocol/bytes.js';
import { InvalidManifestError } from '../../node/client/errors.js';
import { type Packable, packCanonical } from '../../node/client/manifest-bytes.js';
import { decodeManifest, decodePointer } from '../../node/client/manifest.js';
import { manifestVectors } from './manifest-cases.js';

const ref = (seed: number, count = 1) => Uint8Array.from({ length: 64 * count }, (_, i) => (seed * 31 + i) & 0xff);
const hash = Uint8Array.from({ length: 32 }, (_, i) => i);
const fec = { code: 2, k: 6, m: 2, shard: 32744 };
const file = { v: 1, kind: 'file', size: 14, mime: 'text/plain', hash, fec, segments: [[14, ref(1), ref(2, 2)]] };
/** The same file as a manifest of code 1 (fec {k, shard}: the old code, still decoded). */
const legacy = { ...file, fec: { k: 6, shard: 32744 } };
const { v, kind, size, mime, segments } = file;
const entry = { name: 'a.txt', kind: 'file', key: ref(3), mime: 'text/plain', size: 1 };
const folder = { name: 'b', kind: 'directory', key: ref(4) };
const directory = (...entries: Packable[]) => ({ v: 1, kind: 'directory', entries });
const pointer = { v: 1, manifest: ref(5) };
const fileHex = toHex(packCanonical(file));

/** `fileHex` with one exact piece of hex replaced; the piece must occur once. */
function edit(from: string, to: string): string {
  if (fileHex.split(from).length !== 2) throw new Error(`'${from}' does not occur exactly once`);
  return fileHex.replace(from, to);
}
const sizeKey = toHex(packCanonical('size'));
const hashKey = toHex(packCanonical('hash'));
const segmentsKey = toHex(packCanonical('segments'));

const invalid: Array<{ name: string; decoder: 'manifest' | 'pointer'; bytes: string }> = [];
const refuse = (name: string, value: Packable | string, decoder: 'manifest' | 'pointer' = 'manifest') =>
  invalid.push({ name, decoder, bytes: typeof value === 'string' ? value : toHex(packCanonical(value)) });

// Bytes that are not canonical MessagePack of the subset.
refuse('empty input', '');
refuse('truncated by one byte', fileHex.slice(0, -2));
refuse('a byte after the value', `${fileHex}00`);
refuse('top map as map 16', edit('87a176', 'de0007a176'));
refuse('kind as str 8', edit('a466696c65', 'd90466696c65'));
refuse('size 14 as uint 8', edit(`${sizeKey}0e`, `${sizeKey}cc0e`));
refuse('size 14 as uint 32', edit(`${sizeKey}0e`, `${sizeKey}ce0000000e`));
refuse('size 14 as uint 64', edit(`${sizeKey}0e`, `${sizeKey}cf000000000000000e`));
refuse('size 2^53 as uint 64', edit(`${sizeKey}0e`, `${sizeKey}cf0020000000000000`));
refuse('size as float 64', edit(`${sizeKey}0e`, `${sizeKey}cb402c000000000000`));
refuse('size as negative fixint', edit(`${sizeKey}0e`, `${sizeKey}ff`));
refuse('size as int 8', edit(`${sizeKey}0e`, `${sizeKey}d00e`));
refuse('size as nil', edit(`${sizeKey}0e`, `${sizeKey}c0`));
refuse('size as true', edit(`${sizeKey}0e`, `${sizeKey}c3`));
refuse('size as an extension', edit(`${sizeKey}0e`, `${sizeKey}d4010e`));
refuse('hash as bin 16', edit(`${hashKey}c420`, `${hashKey}c50020`));
refuse('hash declaring 2^32 − 1 bytes', edit(`${hashKey}c420`, `${hashKey}c6ffffffff`));
refuse('segments declaring 2^32 − 1 elements', edit(`${segmentsKey}91`, `${segmentsKey}ddffffffff`));
refuse('mime not valid UTF-8', edit('aa746578742f706c61696e', `aa${'ff'.repeat(10)}`));
refuse('a key twice', '82a17601a17601');
refuse('a map key that is not a string', '810101');
refuse('arrays nested 200 deep', `${'91'.repeat(199)}90`);
refuse('an array, not a map', '90');

// Canonical bytes that break a rule of the format.
refuse('version 2', { ...file, v: 2 });
refuse('no version', { kind, size, mime, hash, fec, segments });
refuse('version not the first key', { kind, v, size, mime, hash, fec, segments });
refuse('unknown kind', { ...file, kind: 'blob' });
refuse('an unknown key', { ...file, extra: 1 });
refuse('mime missing', { v, kind, size, hash, fec, segments });
refuse('keys out of order (mime before size)', { v, kind, mime, size, hash, fec, segments });
refuse('a split manifest with mime', { ...file, kind: 'split' });
refuse('fec.code 3', { ...file, fec: { ...fec, code: 3 } });
refuse('fec without m', { ...file, fec: { code: 2, k: 6, shard: 32744 } });
refuse('fec.shard 32749', { ...file, fec: { ...fec, shard: 32749 } });
refuse('fec.k 0', { ...file, fec: { ...fec, k: 0 } });
refuse('fec with k + m = 257', { ...file, fec: { ...fec, k: 129, m: 128 } });
refuse('three check references where the layout gives two', { ...file, segments: [[14, ref(1), ref(2, 3)]] });
refuse('the last two segments not sharing the rest (7 blocks with k = 3 as 3, 3, 1)', {
  ...file,
  size: 7 * 32744,
  fec: { code: 2, k: 3, m: 1, shard: 32744 },
  segments: [
    [3 * 32744, ref(1, 3), ref(2)],
    [3 * 32744, ref(3, 3), ref(4)],
    [32744, ref(5), ref(6)],
  ],
});
refuse('code 1: fec with an m key', { ...legacy, fec: { k: 6, m: 2, shard: 32744 } });
refuse('code 1: fec.k 25', { ...legacy, fec: { k: 25, shard: 32744 } });
refuse('code 1: seven check references', { ...legacy, segments: [[14, ref(1), ref(2, 7)]] });
refuse('hash of 31 bytes', { ...file, hash: hash.subarray(1) });
refuse('mime of 256 bytes', { ...file, mime: 'x'.repeat(256) });
refuse('size needs more segments than listed', { ...file, size: 6 * 32744 + 1 });
refuse('segment length differs from size', { ...file, segments: [[13, ref(1), ref(2, 2)]] });
refuse('two data references for 14 bytes', { ...file, segments: [[14, ref(1, 2), ref(2, 2)]] });
refuse('check references not a multiple of 64 bytes', { ...file, segments: [[14, ref(1), ref(2).subarray(1)]] });
refuse('code 1: segments with different numbers of check blocks', {
  ...legacy,
  size: 6 * 32744 + 1,
  segments: [
    [6 * 32744, ref(1, 6), ref(2, 2)],
    [1, ref(3), ref(4)],
  ],
});
refuse('a segment of four elements', { ...file, segments: [[14, ref(1), ref(2, 2), 0]] });
refuse('entries out of order', directory(folder, entry));
refuse('two entries with one name', directory(entry, entry));
refuse('entry named ..', directory({ ...entry, name: '..' }));
refuse('entry name with a slash', directory({ ...entry, name: 'a/b' }));
refuse('empty entry name', directory({ ...entry, name: '' }));
refuse('entry of unknown kind', directory({ ...entry, kind: 'link' }));
refuse('file entry without size', directory({ name: 'a.txt', kind: 'file', key: ref(3), mime: 'text/plain' }));
refuse('directory entry with mime and size', directory({ ...folder, mime: 'text/plain', size: 1 }));
refuse('entry key of 63 bytes', directory({ ...entry, key: ref(3).subarray(1) }));
refuse('pointer version 2', { ...pointer, v: 2 }, 'pointer');
refuse('pointer reference of 63 bytes', { v: 1, manifest: ref(5).subarray(1) }, 'pointer');
refuse('pointer with an extra key', { ...pointer, name: 'x' }, 'pointer');
refuse('pointer keys reversed', { manifest: ref(5), v: 1 }, 'pointer');
refuse('a file manifest where a pointer belongs', file, 'pointer');

for (const { name, decoder, bytes } of invalid) {
  try {
    (decoder === 'manifest' ? decodeManifest : decodePointer)(fromHex(bytes));
  } catch (error) {
    if (error instanceof InvalidManifestError) continue;
    throw error;
  }
  throw new Error(`${name}: accepted`);
}

const { manifests, pointers } = await manifestVectors();
const description =
  'Manifest known answers (spec/client.md §4, §7.1): manifests and a signed pointer made by the client from the inputs in ' +
  "'about' (pattern(n) is the content of §3.5); 'bytes' is the canonical encoding, 'value' the same value as JSON " +
  '(maps in key order, byte strings in lowercase hex), uri the CHK of the top block. invalid: encodings the named decoder ' +
  'MUST refuse (InvalidManifestError, code ERR_INVALID_MANIFEST).';
const output = {
  description,
  manifests,
  pointers,
  invalid: invalid.map((item) => ({ ...item, error: 'InvalidManifestError', code: 'ERR_INVALID_MANIFEST' })),
};
writeFileSync(new URL('./manifests.json', import.meta.url), `${JSON.stringify(output, null, 2)}\n`);

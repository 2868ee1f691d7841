import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Packr } from 'msgpackr';
import { randomBytes } from '../../../../protocol/crypto.js';
import { ChkUri } from '../../../../protocol/keys/index.js';
import { InvalidManifestError } from '../../../../node/client/errors.js';
import { decodeManifest, decodePointer, encodeManifest, encodePointer, type FileManifest } from '../../../../node/client/manifest.js';
import { SHARD_BYTES } from '../../../../node/client/segments.js';

const ref = () => ({ routingKey: randomBytes(32), cryptoKey: randomBytes(32) });
/** Arbitrary MessagePack, canonical or not, to feed the decoder. */
const packr = new Packr({ useRecords: false, variableMapSize: true });
/** Byte strings as arrays, so Buffers and Uint8Arrays compare equal. */
const plain = (value: unknown): unknown =>
  value instanceof Uint8Array
    ? [...value]
    : Array.isArray(value)
      ? value.map(plain)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]))
        : value;

function fileManifest(size: number, k = 6, m = 6): FileManifest {
  const segments = [];
  for (let offset = 0; offset < size; offset += k * SHARD_BYTES) {
    const dataLength = Math.min(k * SHARD_BYTES, size - offset);
    segments.push({
      dataLength,
      dataBlocks: Array.from({ length: Math.ceil(dataLength / SHARD_BYTES) }, ref),
      checkBlocks: Array.from({ length: m }, ref),
    });
  }
  return { kind: 'file', size, mime: 'text/plain', contentHash: randomBytes(32), dataBlocksPerSegment: k, segments };
}

describe('node/client/manifest', () => {
  it('round-trips file, directory and pointer records', () => {
    for (const size of [0, 1, SHARD_BYTES, 6 * SHARD_BYTES + 1, 20 * SHARD_BYTES]) {
      const manifest = fileManifest(size);
      assert.deepEqual(plain(decodeManifest(encodeManifest(manifest))), plain(manifest));
    }
    const uri = new ChkUri(randomBytes(32), randomBytes(32));
    const directory = {
      kind: 'directory' as const,
      entries: [
        { name: 'docs', kind: 'directory' as const, uri },
        { name: 'index.html', kind: 'file' as const, uri, mime: 'text/html', size: 12 },
      ],
    };
    const decoded = decodeManifest(encodeManifest(directory));
    assert.equal(decoded.kind, 'directory');
    assert.deepEqual(decoded.kind === 'directory' && decoded.entries.map((e) => [e.name, e.kind, e.uri.toString(), e.mime, e.size]), [
      ['docs', 'directory', uri.toString(), undefined, undefined],
      ['index.html', 'file', uri.toString(), 'text/html', 12],
    ]);
    assert.equal(decodePointer(encodePointer(uri)).toString(), uri.toString());
  });

  it('costs 64 bytes per block reference', () => {
    const small = encodeManifest(fileManifest(6 * SHARD_BYTES)).length;
    const large = encodeManifest(fileManifest(60 * SHARD_BYTES)).length;
    assert.ok((large - small) / (9 * 12) < 70, `${(large - small) / (9 * 12)} bytes per reference`);
  });

  it('writes directory entries sorted by the bytes of their names, and sizes of 2^32 and more', () => {
    const uri = new ChkUri(randomBytes(32), randomBytes(32));
    const names = ['é', 'b', 'Z', 'a'];
    const directory = { kind: 'directory' as const, entries: names.map((name) => ({ name, kind: 'file' as const, uri, mime: '', size: 2 ** 40 })) };
    const decoded = decodeManifest(encodeManifest(directory));
    assert.deepEqual(decoded.kind === 'directory' && decoded.entries.map((entry) => [entry.name, entry.size]), [
      ['Z', 2 ** 40],
      ['a', 2 ** 40],
      ['b', 2 ** 40],
      ['é', 2 ** 40],
    ]);
  });

  it('never throws anything but InvalidManifestError on arbitrary input', () => {
    const typed = (run: () => unknown): void => {
      try {
        run();
      } catch (error) {
        assert.ok(error instanceof InvalidManifestError, String(error));
      }
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        typed(() => decodeManifest(bytes));
        typed(() => decodePointer(bytes));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.anything({ withTypedArray: true }), (value) => {
        typed(() => decodeManifest(packr.pack({ v: 1, kind: 'file', size: 1, mime: value, hash: value, fec: value, segments: value })));
        typed(() => decodeManifest(packr.pack({ v: 1, kind: 'directory', entries: value })));
      }),
      { numRuns: 500 },
    );
  });
});

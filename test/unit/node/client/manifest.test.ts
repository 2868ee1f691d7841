import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Packr } from 'msgpackr';
import { randomBytes } from '../../../../protocol/crypto.js';
import { ChkUri } from '../../../../protocol/keys/index.js';
import { InvalidManifestError } from '../../../../node/client/errors.js';
import { decodeManifest, decodePointer, encodeManifest, encodePointer, type FileManifest } from '../../../../node/client/manifest.js';
import { SHARD_BYTES } from '../../../../node/client/segments.js';

const ref = () => ({ routingKey: randomBytes(32), cryptoKey: randomBytes(32) });
const packr = new Packr({ useRecords: false });
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

  it('refuses malformed manifests with InvalidManifestError', () => {
    const good = packr.unpack(encodeManifest(fileManifest(7 * SHARD_BYTES))) as Record<string, unknown>;
    const cases: Array<Record<string, unknown>> = [
      { ...good, v: 2 },
      { ...good, kind: 'blob' },
      { ...good, size: -1 },
      { ...good, size: 8 * SHARD_BYTES },
      { ...good, hash: new Uint8Array(31) },
      { ...good, fec: { k: 6, shard: 32749 } },
      { ...good, fec: { k: 25, shard: SHARD_BYTES } },
      { ...good, segments: [] },
      { ...good, segments: [[1, new Uint8Array(64), new Uint8Array(0)], ...(good.segments as unknown[]).slice(1)] },
      { ...good, segments: (good.segments as unknown[][]).map((s) => [s[0], s[1], new Uint8Array(7 * 64)]) },
      { v: 1, kind: 'directory', entries: [{ name: '..', kind: 'file', key: new Uint8Array(64), mime: '', size: 0 }] },
      { v: 1, kind: 'directory', entries: [{ name: 'a', kind: 'directory', key: new Uint8Array(64) }, { name: 'a', kind: 'directory', key: new Uint8Array(64) }] },
    ];
    for (const bad of cases) assert.throws(() => decodeManifest(packr.pack(bad)), InvalidManifestError, JSON.stringify(Object.keys(bad)));
    assert.throws(() => decodeManifest(Uint8Array.of(0xc1)), InvalidManifestError);
    assert.throws(() => decodePointer(packr.pack({ v: 1, manifest: new Uint8Array(63) })), InvalidManifestError);
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

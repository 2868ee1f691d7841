import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Packr } from 'msgpackr';
import { randomBytes } from '../../../../protocol/crypto.js';
import { ChkUri } from '../../../../protocol/keys/index.js';
import { InvalidManifestError } from '../../../../node/client/errors.js';
import { decodeManifest, decodePointer, encodeManifest, encodePointer, type FileManifest } from '../../../../node/client/manifest.js';
import { SHARD_BYTES, segmentCheckBlocks, segmentCount, segmentDataBlocks, shardCount } from '../../../../node/client/segments.js';

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

/** A file manifest of code 2 (segments as spec/client.md §2 lays them out), with random references. */
function fileManifest(size: number, k = 128, m = 128): FileManifest {
  const blocks = shardCount(size);
  const segments = [];
  for (let index = 0, offset = 0; index < segmentCount(blocks, k); index++) {
    const dataBlocks = segmentDataBlocks(blocks, k, index);
    const dataLength = Math.min(dataBlocks * SHARD_BYTES, size - offset);
    offset += dataLength;
    const checkBlocks = segmentCheckBlocks(dataBlocks, { dataBlocksPerSegment: k, checkBlocksPerSegment: m });
    segments.push({ dataLength, dataBlocks: Array.from({ length: dataBlocks }, ref), checkBlocks: Array.from({ length: checkBlocks }, ref) });
  }
  return { kind: 'file', size, mime: 'text/plain', contentHash: randomBytes(32), code: 2, dataBlocksPerSegment: k, checkBlocksPerSegment: m, segments };
}

/** A file manifest of code 1, as clients before the wide code wrote them: segments of k, the same m in each. */
function legacyManifest(size: number, k = 6, m = 6): FileManifest {
  const segments = [];
  for (let offset = 0; offset < size; offset += k * SHARD_BYTES) {
    const dataLength = Math.min(k * SHARD_BYTES, size - offset);
    segments.push({ dataLength, dataBlocks: Array.from({ length: shardCount(dataLength) }, ref), checkBlocks: Array.from({ length: m }, ref) });
  }
  return {
    kind: 'file',
    size,
    mime: 'text/plain',
    contentHash: randomBytes(32),
    code: 1,
    dataBlocksPerSegment: k,
    checkBlocksPerSegment: size === 0 ? 0 : m,
    segments,
  };
}

describe('node/client/manifest', () => {
  it('round-trips file, directory and pointer records', () => {
    for (const size of [0, 1, SHARD_BYTES, 6 * SHARD_BYTES + 1, 20 * SHARD_BYTES, 300 * SHARD_BYTES + 7]) {
      for (const manifest of [fileManifest(size), fileManifest(size, 6, 2), legacyManifest(size), legacyManifest(size, 24, 0)]) {
        const encoded = encodeManifest(manifest);
        assert.deepEqual(plain(decodeManifest(encoded)), plain(manifest));
        assert.deepEqual(encodeManifest(decodeManifest(encoded)), encoded);
      }
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

  it('refuses a code-2 manifest whose fec or segments break spec/client.md §2 and §4.1', () => {
    const good = fileManifest(300 * SHARD_BYTES + 7);
    const variants: FileManifest[] = [
      { ...good, checkBlocksPerSegment: 127 },
      { ...good, dataBlocksPerSegment: 129, checkBlocksPerSegment: 128 },
      { ...good, segments: good.segments.slice(1) },
      { ...good, segments: good.segments.map((segment, index) => (index === 1 ? { ...segment, checkBlocks: segment.checkBlocks.slice(1) } : segment)) },
      { ...good, segments: good.segments.map((segment, index) => (index === 2 ? { ...segment, dataLength: segment.dataLength - 1 } : segment)) },
    ];
    for (const variant of variants) assert.throws(() => decodeManifest(encodeManifest(variant)), InvalidManifestError);
    const unknownCode = encodeManifest(good);
    const codeAt = Buffer.from(unknownCode).indexOf(Buffer.from([0xa4, ...Buffer.from('code'), 0x02]));
    unknownCode[codeAt + 5] = 3;
    assert.throws(() => decodeManifest(unknownCode), /fec.code 3 is not a known erasure code/);
  });

  it('lays a 1 GiB file out in 257 segments of 128 + 128, the last two of 77 + 77 and 76 + 76', () => {
    const { segments } = fileManifest(2 ** 30);
    assert.equal(segments.length, 257);
    assert.deepEqual(
      segments.slice(-3).map((segment) => [segment.dataBlocks.length, segment.checkBlocks.length]),
      [
        [128, 128],
        [77, 77],
        [76, 76],
      ],
    );
    assert.deepEqual(
      [1, 5, 6, 7].map((blocks) => fileManifest(blocks * SHARD_BYTES).segments[0]!.checkBlocks.length),
      [6, 6, 6, 7],
    );
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

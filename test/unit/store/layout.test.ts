import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  BLOCK_KEY_BYTES,
  BLOCK_RANGE,
  blockKey,
  decodeFormatVersion,
  decodeIndexRecord,
  DISK_KEY_BYTES,
  diskKeyOfId,
  encodeFormatVersion,
  encodeIndexRecord,
  FORMAT_VERSION_KEY,
  idOfDiskKey,
  idOfKey,
  INDEX_RANGE,
  indexKey,
  SALT_KEY,
  writeBlockKey,
  writeDiskKey,
} from '../../../store/layout.js';

const id = 'ab'.repeat(32);
const inRange = (key: Uint8Array, range: { gte: Uint8Array; lt: Uint8Array }) => Buffer.compare(key, range.gte) >= 0 && Buffer.compare(key, range.lt) < 0;

describe('store/layout', () => {
  it('prefixes metadata with 00, blocks with 01 and index records with 02, each followed by the disk key', () => {
    assert.deepEqual([...FORMAT_VERSION_KEY], [0, 1]);
    assert.deepEqual([...SALT_KEY], [0, 2]);
    assert.deepEqual(Buffer.from(blockKey(id)).toString('hex'), `01${id}`);
    assert.deepEqual(Buffer.from(indexKey(id)).toString('hex'), `02${id}`);
    assert.ok(inRange(blockKey(id), BLOCK_RANGE) && !inRange(blockKey(id), INDEX_RANGE));
    assert.ok(inRange(indexKey(id), INDEX_RANGE) && !inRange(indexKey(id), BLOCK_RANGE));
  });

  it('reads the id back from block and index keys only', () => {
    assert.equal(idOfKey(blockKey(id)), id);
    assert.equal(idOfKey(indexKey(id)), id);
    assert.equal(idOfKey(SALT_KEY), undefined);
    assert.equal(idOfKey(blockKey(id).subarray(0, 32)), undefined);
    assert.equal(idOfDiskKey(diskKeyOfId(id)), id);
  });

  it('writes block and disk keys into reused buffers as blockKey and diskKeyOfId make them', () => {
    const key = Buffer.alloc(BLOCK_KEY_BYTES, 0xff);
    const diskKey = Buffer.alloc(DISK_KEY_BYTES, 0xff);
    for (const each of [id, 'cd'.repeat(32)]) {
      assert.deepEqual([...writeBlockKey(key, each)], [...blockKey(each)]);
      assert.deepEqual([...writeDiskKey(diskKey, each)], [...diskKeyOfId(each)]);
    }
  });

  it('round-trips index records in 15 bytes', () => {
    const record = fc.record({
      id: fc.constant(id),
      partition: fc.constantFrom('store' as const, 'cache' as const),
      size: fc.nat(2 ** 32 - 1),
      sequence: fc.maxSafeNat(),
      bucket: fc.nat(65535),
    });
    fc.assert(
      fc.property(record, (r) => {
        const bytes = encodeIndexRecord(r);
        assert.equal(bytes.length, 15);
        assert.deepEqual(decodeIndexRecord(id, bytes), { ...r });
      }),
    );
    assert.equal(
      Buffer.from(encodeIndexRecord({ id, partition: 'cache', size: 32768, sequence: 2 ** 32 + 5, bucket: 0xbeef })).toString('hex'),
      '01' + '00008000' + '0000000100000005' + 'beef',
    );
  });

  it('refuses records of the wrong length or with an unknown partition or an unsafe sequence', () => {
    const good = encodeIndexRecord({ id, partition: 'store', size: 1, sequence: 1, bucket: 1 });
    assert.equal(decodeIndexRecord(id, good.subarray(1)), undefined);
    const badPartition = Uint8Array.from(good);
    badPartition[0] = 2;
    assert.equal(decodeIndexRecord(id, badPartition), undefined);
    const unsafe = Uint8Array.from(good);
    unsafe.fill(0xff, 5, 13);
    assert.equal(decodeIndexRecord(id, unsafe), undefined);
  });

  it('writes the format version as u32be', () => {
    assert.deepEqual([...encodeFormatVersion(1)], [0, 0, 0, 1]);
    assert.equal(decodeFormatVersion(encodeFormatVersion(70000)), 70000);
    assert.equal(decodeFormatVersion(Uint8Array.of(1)), undefined);
  });
});

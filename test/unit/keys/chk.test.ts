import assert from 'node:assert/strict';
import fc from 'fast-check';
import { randomBytes } from '../../../protocol/crypto.js';
import { ContentTooLargeError, DecryptionError, InvalidBlockError } from '../../../protocol/errors.js';
import { verifyBlock } from '../../../protocol/keys/block.js';
import {
  CHK_BLOCK_BYTES,
  CHK_MAX_CONTENT_BYTES,
  decodeChk,
  encodeChk,
  rememberingChkFormat,
  simulationChkFormat,
  STANDARD_CHK,
  verifyChkBlock,
} from '../../../protocol/keys/chk.js';

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[bit >>> 3]! ^= 1 << (bit & 7);
  return copy;
}

const content = fc.uint8Array({ maxLength: 3000 });

describe('protocol/keys/chk', () => {
  it('holds 32 KiB minus a 19-byte header', () => {
    assert.equal(CHK_BLOCK_BYTES, 32768);
    assert.equal(CHK_MAX_CONTENT_BYTES, 32768 - 19);
  });

  it('round-trips random content and verifies without the crypto key', () => {
    fc.assert(
      fc.property(content, (data) => {
        const { block, routingKey, cryptoKey } = encodeChk(data);
        assert.equal(block.length, CHK_BLOCK_BYTES);
        verifyChkBlock(routingKey, block);
        assert.deepEqual(decodeChk(block, cryptoKey), data);
      }),
    );
  });

  it('is convergent: the same content always gives the same block and keys', () => {
    const data = randomBytes(1000);
    assert.deepEqual(encodeChk(data), encodeChk(Uint8Array.from(data)));
    assert.notDeepEqual(encodeChk(data).routingKey, encodeChk(randomBytes(1000)).routingKey);
  });

  it('handles empty and exactly full content, and refuses one byte more', () => {
    for (const size of [0, CHK_MAX_CONTENT_BYTES]) {
      const data = randomBytes(size);
      const { block, cryptoKey } = encodeChk(data);
      assert.deepEqual(decodeChk(block, cryptoKey), data);
    }
    assert.throws(() => encodeChk(new Uint8Array(CHK_MAX_CONTENT_BYTES + 1)), ContentTooLargeError);
  });

  it('fails verification for any single-bit change to the block or the routing key', () => {
    const { block, routingKey } = encodeChk(randomBytes(500));
    fc.assert(
      fc.property(fc.nat(CHK_BLOCK_BYTES * 8 - 1), fc.nat(255), (blockBit, keyBit) => {
        assert.throws(() => verifyChkBlock(routingKey, flipBit(block, blockBit)), InvalidBlockError);
        assert.throws(() => verifyChkBlock(flipBit(routingKey, keyBit), block), InvalidBlockError);
      }),
    );
  });

  it('refuses blocks of the wrong size or format, and routing keys of the wrong size', () => {
    const { block, routingKey } = encodeChk(randomBytes(10));
    assert.throws(() => verifyChkBlock(routingKey, block.subarray(1)), /must be 32768 bytes/);
    const otherFormat = Uint8Array.from(block);
    otherFormat[0] = 9;
    assert.throws(() => verifyChkBlock(routingKey, otherFormat), /not a CHK block/);
    assert.throws(() => verifyChkBlock(routingKey.subarray(1), block), InvalidBlockError);
  });

  it('gives DecryptionError, never garbage, for a wrong or bit-flipped crypto key', () => {
    const { block, cryptoKey } = encodeChk(randomBytes(200));
    fc.assert(
      fc.property(fc.nat(255), (bit) => {
        assert.throws(() => decodeChk(block, flipBit(cryptoKey, bit)), DecryptionError);
      }),
    );
    assert.throws(() => decodeChk(block, randomBytes(32)), DecryptionError);
    assert.throws(() => decodeChk(block, randomBytes(31)), DecryptionError);
  });

  describe('simulation block size (spec/keys.md §3.6)', () => {
    const small = simulationChkFormat(1024);

    it('builds blocks of the given length that round-trip and verify under that format only', () => {
      const data = new TextEncoder().encode('simulated content');
      const { block, routingKey, cryptoKey } = encodeChk(data, small);
      assert.equal(block.length, 1024);
      assert.equal(small.maxContentBytes, 1024 - 19);
      verifyChkBlock(routingKey, block, small);
      assert.equal(verifyBlock(routingKey, block, small), 'chk');
      assert.deepEqual(decodeChk(block, cryptoKey, small), data);
      assert.throws(() => verifyChkBlock(routingKey, block), InvalidBlockError);
      assert.throws(() => verifyBlock(routingKey, block), InvalidBlockError);
      const standard = encodeChk(data);
      assert.throws(() => verifyChkBlock(standard.routingKey, standard.block, small), InvalidBlockError);
    });

    it('remembers a block it verified, by object, for the key it matched only, and accepts what the format accepts', () => {
      const remembering = rememberingChkFormat(small);
      assert.equal(remembering.blockBytes, small.blockBytes);
      assert.equal(STANDARD_CHK.verified, undefined);
      const { block, routingKey } = encodeChk(new TextEncoder().encode('shared by reference'), remembering);
      const other = encodeChk(new TextEncoder().encode('another block'), remembering);
      verifyChkBlock(routingKey, block, remembering);
      assert.equal(remembering.verified?.get(block), routingKey);
      verifyChkBlock(Uint8Array.from(routingKey), block, remembering);
      assert.throws(() => verifyChkBlock(other.routingKey, block, remembering), InvalidBlockError);
      assert.throws(() => verifyChkBlock(routingKey.subarray(1), block, remembering), InvalidBlockError);
      assert.throws(() => verifyChkBlock(routingKey, flipBit(block, 100), remembering), InvalidBlockError);
      assert.throws(() => verifyChkBlock(routingKey, encodeChk(new Uint8Array(1)).block, remembering), InvalidBlockError);
      assert.equal(remembering.verified?.has(other.block), false);
    });

    it('refuses sizes outside 64 bytes..32 KiB, and 32 KiB is the standard format', () => {
      for (const bytes of [63, 32769, 1000.5]) assert.throws(() => simulationChkFormat(bytes), RangeError);
      assert.equal(simulationChkFormat(CHK_BLOCK_BYTES), STANDARD_CHK);
      assert.throws(() => encodeChk(new Uint8Array(1024 - 18), small), ContentTooLargeError);
    });
  });
});

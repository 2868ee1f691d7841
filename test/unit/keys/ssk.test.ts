import assert from 'node:assert/strict';
import fc from 'fast-check';
import { randomBytes } from '../../../protocol/crypto.js';
import { ContentTooLargeError, InvalidBlockError, InvalidUriError } from '../../../protocol/errors.js';
import {
  decodeSsk,
  encodeSsk,
  SSK_BLOCK_BYTES,
  SSK_MAX_CONTENT_BYTES,
  sskRoutingKey,
  sskWriteKeysFromSeed,
  verifySskBlock,
} from '../../../protocol/keys/ssk.js';

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[bit >>> 3]! ^= 1 << (bit & 7);
  return copy;
}

const PUBLIC_KEY_BITS = { from: 8, to: 8 + 256 };
const SIGNATURE_BITS = { from: (SSK_BLOCK_BYTES - 64) * 8, to: SSK_BLOCK_BYTES * 8 };
const docName = fc
  .string({ minLength: 1, maxLength: 40, unit: 'grapheme' })
  .filter((name) => !/[\u0000-\u001f\u007f/]/.test(name) && name !== '.' && name !== '..');

describe('protocol/keys/ssk', () => {
  const keys = sskWriteKeysFromSeed(randomBytes(32));

  it('round-trips random content and names, and the block verifies from itself alone', () => {
    fc.assert(
      fc.property(docName, fc.uint8Array({ maxLength: SSK_MAX_CONTENT_BYTES }), (name, content) => {
        const { block, routingKey } = encodeSsk(keys, name, content);
        assert.equal(block.length, SSK_BLOCK_BYTES);
        assert.deepEqual(routingKey, sskRoutingKey(keys, name));
        verifySskBlock(routingKey, block);
        assert.deepEqual(decodeSsk(block, keys, name), content);
      }),
    );
  });

  it('is deterministic: the same keys, name and content give the same block', () => {
    const content = randomBytes(100);
    assert.deepEqual(encodeSsk(keys, 'a', content), encodeSsk(keys, 'a', content));
  });

  it('derives the same namespace from the same seed, and different namespaces from different seeds', () => {
    const seed = randomBytes(32);
    assert.deepEqual(sskWriteKeysFromSeed(seed).symmetricKey, sskWriteKeysFromSeed(seed).symmetricKey);
    assert.notDeepEqual(sskRoutingKey(sskWriteKeysFromSeed(seed), 'x'), sskRoutingKey(keys, 'x'));
  });

  it('fails verification for any single-bit change to the block, signature, public key or routing key', () => {
    const { block, routingKey } = encodeSsk(keys, 'doc', randomBytes(300));
    const bitIn = ({ from, to }: { from: number; to: number }) => fc.integer({ min: from, max: to - 1 });
    fc.assert(
      fc.property(fc.nat(SSK_BLOCK_BYTES * 8 - 1), bitIn(SIGNATURE_BITS), bitIn(PUBLIC_KEY_BITS), fc.nat(255), (any, signature, publicKey, key) => {
        for (const bit of [any, signature, publicKey]) {
          assert.throws(() => verifySskBlock(routingKey, flipBit(block, bit)), InvalidBlockError);
        }
        assert.throws(() => verifySskBlock(flipBit(routingKey, key), block), InvalidBlockError);
      }),
    );
  });

  it('refuses a block signed by somebody else for the same routing key', () => {
    const intruder = sskWriteKeysFromSeed(randomBytes(32));
    const genuine = encodeSsk(keys, 'doc', Uint8Array.of(1));
    const forged = encodeSsk({ ...intruder, symmetricKey: keys.symmetricKey }, 'doc', Uint8Array.of(2));
    assert.throws(() => verifySskBlock(genuine.routingKey, forged.block), InvalidBlockError);
    assert.throws(() => decodeSsk(forged.block, keys, 'doc'), InvalidBlockError);
  });

  it('gives a typed error, never garbage, for the wrong symmetric key, public key or name', () => {
    const { block } = encodeSsk(keys, 'doc', randomBytes(50));
    fc.assert(
      fc.property(fc.nat(255), (bit) => {
        assert.throws(() => decodeSsk(block, { ...keys, symmetricKey: flipBit(keys.symmetricKey, bit) }, 'doc'), InvalidBlockError);
        assert.throws(() => decodeSsk(block, { ...keys, publicKey: flipBit(keys.publicKey, bit) }, 'doc'), InvalidBlockError);
      }),
    );
    assert.throws(() => decodeSsk(block, keys, 'other'), InvalidBlockError);
  });

  it('refuses oversized content, bad names and blocks of the wrong size or format', () => {
    assert.throws(() => encodeSsk(keys, 'doc', new Uint8Array(SSK_MAX_CONTENT_BYTES + 1)), ContentTooLargeError);
    assert.throws(() => encodeSsk(keys, 'a/b', Uint8Array.of()), InvalidUriError);
    const { block, routingKey } = encodeSsk(keys, 'doc', Uint8Array.of());
    assert.throws(() => verifySskBlock(routingKey, block.subarray(0, 100)), /must be 1183 bytes/);
    const otherFormat = Uint8Array.from(block);
    otherFormat[0] = 1;
    assert.throws(() => verifySskBlock(routingKey, otherFormat), /not an SSK block/);
  });
});

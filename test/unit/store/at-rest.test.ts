import assert from 'node:assert/strict';
import { AtRestCipher, SEAL_OVERHEAD_BYTES } from '../../../store/at-rest.js';
import { chkBlock } from './blocks.js';

describe('store/at-rest', () => {
  const { routingKey, block } = chkBlock(1);
  const cipher = new AtRestCipher(new Uint8Array(32).fill(1));
  const diskKey = cipher.diskKey(routingKey);

  it('names a slot by a salted keyed hash of the routing key', () => {
    assert.equal(diskKey.length, 32);
    assert.notDeepEqual(diskKey, routingKey);
    assert.deepEqual(cipher.diskKey(routingKey), diskKey);
    assert.notDeepEqual(new AtRestCipher(new Uint8Array(32).fill(2)).diskKey(routingKey), diskKey);
    assert.notDeepEqual(AtRestCipher.withNewSalt().saltBytes, AtRestCipher.withNewSalt().saltBytes);
    assert.deepEqual(cipher.transientDiskKey(routingKey), diskKey);
  });

  it('seals a block under a fresh nonce and opens it with the routing key', () => {
    const sealed = cipher.seal(routingKey, diskKey, block);
    assert.equal(sealed.length, block.length + SEAL_OVERHEAD_BYTES);
    assert.notDeepEqual(cipher.seal(routingKey, diskKey, block), sealed, 'a new nonce each time');
    assert.deepEqual(cipher.open(routingKey, diskKey, Uint8Array.from(sealed)), block);
  });

  it('opens in place: the block is a plain view into the value', () => {
    const sealed = cipher.seal(routingKey, diskKey, block);
    const opened = cipher.open(routingKey, diskKey, Buffer.from(sealed))!;
    assert.equal(Object.getPrototypeOf(opened), Uint8Array.prototype);
    assert.equal(opened.byteOffset, 12);
    assert.deepEqual(opened, block);
  });

  it('seals into a given buffer of the right length, and into a new one otherwise', () => {
    const reused = new Uint8Array(block.length + SEAL_OVERHEAD_BYTES);
    assert.equal(cipher.seal(routingKey, diskKey, block, reused), reused);
    assert.deepEqual(cipher.open(routingKey, diskKey, reused), block);
    const short = new Uint8Array(10);
    assert.notEqual(cipher.seal(routingKey, diskKey, block, short), short);
  });

  it('opens nothing that was altered, moved to another slot, or sealed for another key', () => {
    const sealed = cipher.seal(routingKey, diskKey, block);
    const other = chkBlock(2).routingKey;
    for (const at of [0, 12, 5000, sealed.length - 1]) {
      const altered = Uint8Array.from(sealed);
      altered[at]! ^= 1;
      assert.equal(cipher.open(routingKey, diskKey, altered), undefined, `byte ${at}`);
    }
    assert.equal(cipher.open(routingKey, cipher.diskKey(other), Uint8Array.from(sealed)), undefined);
    assert.equal(cipher.open(other, diskKey, Uint8Array.from(sealed)), undefined);
    assert.equal(cipher.open(routingKey, diskKey, sealed.subarray(0, 20)), undefined);
  });

  it('needs a 32-byte salt', () => {
    assert.throws(() => new AtRestCipher(new Uint8Array(16)), /salt is 32 bytes/);
  });
});

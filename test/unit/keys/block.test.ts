import assert from 'node:assert/strict';
import { randomBytes } from '../../../protocol/crypto.js';
import { InvalidBlockError } from '../../../protocol/errors.js';
import { blockKind, MAX_BLOCK_BYTES, verifyBlock } from '../../../protocol/keys/block.js';
import { encodeChk } from '../../../protocol/keys/chk.js';
import { encodeSsk, sskWriteKeysFromSeed } from '../../../protocol/keys/ssk.js';

describe('protocol/keys/block', () => {
  const chk = encodeChk(randomBytes(10));
  const ssk = encodeSsk(sskWriteKeysFromSeed(randomBytes(32)), 'doc', randomBytes(10));

  it('tells the kinds apart by the format byte', () => {
    assert.equal(blockKind(chk.block), 'chk');
    assert.equal(blockKind(ssk.block), 'ssk');
    assert.throws(() => blockKind(Uint8Array.of(7)), /unknown block format byte 7/);
    assert.throws(() => blockKind(new Uint8Array(0)), /empty/);
  });

  it('verifies a block of either kind against its routing key', () => {
    assert.equal(verifyBlock(chk.routingKey, chk.block), 'chk');
    assert.equal(verifyBlock(ssk.routingKey, ssk.block), 'ssk');
    assert.throws(() => verifyBlock(ssk.routingKey, chk.block), InvalidBlockError);
    assert.throws(() => verifyBlock(chk.routingKey, ssk.block), InvalidBlockError);
  });

  it('knows the largest block', () => {
    assert.equal(MAX_BLOCK_BYTES, 32768);
  });
});

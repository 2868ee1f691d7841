import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ContentTooLargeError, InvalidBlockError } from '../../../protocol/errors.js';
import { maxContentBytes, packFrame, unpackFrame } from '../../../protocol/keys/payload.js';

describe('protocol/keys/payload', () => {
  it('packs a length, the content and zero padding', () => {
    assert.deepEqual(packFrame(Uint8Array.of(7, 8), 6), Uint8Array.of(0, 2, 7, 8, 0, 0));
    assert.equal(maxContentBytes(6), 4);
  });

  it('round-trips content of every length that fits', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (content) => {
        assert.deepEqual(unpackFrame(packFrame(content, 102)), content);
      }),
    );
  });

  it('packs into a reused buffer exactly as into a new one, whatever the buffer held before', () => {
    const into = new Uint8Array(102);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.uint8Array({ minLength: 102, maxLength: 102 }), (content, before) => {
        into.set(before);
        assert.deepEqual(packFrame(content, 102, into), packFrame(content, 102));
      }),
    );
    assert.throws(() => packFrame(Uint8Array.of(1), 6, new Uint8Array(5)), RangeError);
  });

  it('refuses content that does not fit', () => {
    assert.throws(() => packFrame(new Uint8Array(5), 6), ContentTooLargeError);
  });

  it('refuses a length past the end and non-zero padding', () => {
    assert.throws(() => unpackFrame(Uint8Array.of(0, 5, 1, 2)), InvalidBlockError);
    assert.throws(() => unpackFrame(Uint8Array.of(0, 1, 1, 0, 3)), /padding/);
  });
});

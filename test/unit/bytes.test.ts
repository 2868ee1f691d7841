import assert from 'node:assert/strict';
import fc from 'fast-check';
import { keyHex, toHex } from '../../protocol/bytes.js';

describe('protocol/bytes', () => {
  it('names a key in hex as toHex does, the same text each time it is asked for the same key', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (key) => {
        assert.equal(keyHex(key), toHex(key));
        assert.equal(keyHex(key), toHex(key));
        assert.equal(keyHex(Uint8Array.from(key)), toHex(key));
      }),
    );
    const buffer = Uint8Array.from({ length: 64 }, (_, index) => index);
    assert.equal(keyHex(buffer.subarray(32)), toHex(buffer.subarray(32)));
  });
});

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { base58Width, decodeBase58Fixed, encodeBase58Fixed } from '../../../protocol/keys/base58.js';

describe('protocol/keys/base58', () => {
  it('uses 44 characters for 32 bytes, and the smallest sufficient width for other sizes', () => {
    assert.equal(base58Width(32), 44);
    assert.equal(base58Width(1), 2);
    assert.equal(base58Width(0), 0);
  });

  it('encodes known values with fixed width', () => {
    assert.equal(encodeBase58Fixed(new Uint8Array(32)), '1'.repeat(44));
    assert.equal(encodeBase58Fixed(Uint8Array.of(57)), '1z');
    assert.equal(encodeBase58Fixed(Uint8Array.of(58)), '21');
    assert.equal(encodeBase58Fixed(new Uint8Array(32).fill(255)), 'JEKNVnkbo3jma5nREBBJCDoXFVeKkD56V3xKrvRmWxFG');
  });

  it('round-trips any 32-byte value, always at full width', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const text = encodeBase58Fixed(bytes);
        assert.equal(text.length, 44);
        assert.deepEqual(decodeBase58Fixed(text, 32), bytes);
      }),
    );
  });

  it('reports the wrong length, a bad character and an out-of-range value', () => {
    const text = encodeBase58Fixed(new Uint8Array(32).fill(9));
    assert.deepEqual(decodeBase58Fixed(text.slice(1), 32), { problem: 'length', expected: 44, actual: 43 });
    assert.deepEqual(decodeBase58Fixed(`${text.slice(0, 5)}0${text.slice(6)}`, 32), { problem: 'character', character: '0', position: 5 });
    assert.deepEqual(decodeBase58Fixed('z'.repeat(44), 32), { problem: 'range' });
  });
});

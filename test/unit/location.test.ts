import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { fromHex } from '../../protocol/bytes.js';
import { circularDistance, keyLocation, keyLocationBits, locationBitsAt, locationFromBits } from '../../protocol/location.js';

const vectors = JSON.parse(readFileSync(new URL('../../spec/vectors/identity.json', import.meta.url), 'utf8')) as {
  keyLocations: Array<{ routingKey: string; locationBits: string; location: number }>;
  circularDistances: Array<{ a: number; b: number; distance: number }>;
};

const MAX_BITS = (1n << 64n) - 1n;
const unitInterval = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('protocol/location', () => {
  it('stays below 1 for every 64-bit value, all ones included', () => {
    assert.equal(locationFromBits(MAX_BITS), 1 - 2 ** -53);
    assert.equal(keyLocation(new Uint8Array(32).fill(0xff)), 1 - 2 ** -53);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_BITS }), (bits) => {
        const location = locationFromBits(bits);
        assert.ok(location >= 0 && location < 1);
        // The top 53 bits exactly: floor(L / 2^11) / 2^53.
        assert.equal(BigInt(location * 2 ** 53), bits >> 11n);
      }),
    );
  });

  it('orders locations as their 64-bit values', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_BITS }), fc.bigInt({ min: 0n, max: MAX_BITS }), (a, b) => {
        if (a <= b) assert.ok(locationFromBits(a) <= locationFromBits(b));
      }),
    );
  });

  it('reads big-endian 8 bytes at an offset, and refuses what does not fit', () => {
    const bytes = fromHex('ff0102030405060708ff');
    assert.equal(locationBitsAt(bytes, 1), 0x0102030405060708n);
    assert.equal(locationBitsAt(bytes.subarray(1), 0), 0x0102030405060708n);
    assert.throws(() => locationBitsAt(bytes, 3), RangeError);
    assert.throws(() => locationBitsAt(bytes, -1), RangeError);
    assert.throws(() => locationFromBits(-1n), RangeError);
    assert.throws(() => locationFromBits(1n << 64n), RangeError);
  });

  it('takes a key location from the first 8 bytes of a 32-byte routing key', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (routingKey) => {
        assert.equal(keyLocationBits(routingKey), locationBitsAt(routingKey, 0));
        assert.equal(keyLocation(routingKey), locationFromBits(locationBitsAt(routingKey, 0)));
      }),
    );
    assert.throws(() => keyLocation(new Uint8Array(31)), /routing key must be 32 bytes, got 31/);
  });

  it('matches the key-location vectors', () => {
    for (const vector of vectors.keyLocations) {
      const routingKey = fromHex(vector.routingKey);
      assert.equal(keyLocationBits(routingKey).toString(16).padStart(16, '0'), vector.locationBits);
      assert.equal(keyLocation(routingKey), vector.location);
    }
  });

  it('measures circular distance: symmetric, in [0, 0.5], zero on itself, wrapping around 0', () => {
    fc.assert(
      fc.property(unitInterval, unitInterval, (a, b) => {
        const distance = circularDistance(a, b);
        assert.equal(distance, circularDistance(b, a));
        assert.ok(distance >= 0 && distance <= 0.5);
        assert.equal(circularDistance(a, a), 0);
      }),
    );
    fc.assert(
      fc.property(unitInterval, unitInterval, unitInterval, (a, b, c) => {
        assert.ok(circularDistance(a, c) <= circularDistance(a, b) + circularDistance(b, c) + 1e-12);
      }),
    );
    for (const vector of vectors.circularDistances) assert.equal(circularDistance(vector.a, vector.b), vector.distance);
  });
});

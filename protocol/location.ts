/**
 * Locations on the routing ring [0, 1) (spec/identity.md §4).
 *
 * A location is read from 8 bytes of a uniform hash as a 64-bit big-endian
 * unsigned integer L, standing for L / 2^64. The exact form is the bigint L;
 * the number form keeps the top 53 bits, so it is exact in a double and
 * always below 1 (L / 2^64 itself can round to 1.0).
 *
 * - node identities: the last 8 bytes of the proof hash (protocol/identity.ts);
 * - keys: the first 8 bytes of the 32-byte routing key (`keyLocation`).
 */

import { HASH_BYTES } from './crypto.js';

export const LOCATION_BYTES = 8;

const TWO_POW_53 = 2 ** 53;
const TWO_POW_21 = 2 ** 21;

/** The exact location L (a 64-bit unsigned integer, location = L / 2^64) in `bytes[offset..offset+8)`. */
export function locationBitsAt(bytes: Uint8Array, offset: number): bigint {
  if (!Number.isInteger(offset) || offset < 0 || offset + LOCATION_BYTES > bytes.length) {
    throw new RangeError(`a location needs ${LOCATION_BYTES} bytes at offset ${offset} of ${bytes.length}`);
  }
  return new DataView(bytes.buffer, bytes.byteOffset + offset, LOCATION_BYTES).getBigUint64(0, false);
}

/** The number form of an exact location: floor(L / 2^11) / 2^53, in [0, 1). */
export function locationFromBits(bits: bigint): number {
  if (bits < 0n || bits >= 1n << 64n) throw new RangeError('a location is a 64-bit unsigned integer');
  return Number(bits >> 11n) / TWO_POW_53;
}

function checkRoutingKeyLength(routingKey: Uint8Array): void {
  if (routingKey.length !== HASH_BYTES) {
    throw new RangeError(`a routing key must be ${HASH_BYTES} bytes, got ${routingKey.length}`);
  }
}

/** The exact location of a routing key: its first 8 bytes, big-endian. */
export function keyLocationBits(routingKey: Uint8Array): bigint {
  checkRoutingKeyLength(routingKey);
  return locationBitsAt(routingKey, 0);
}

/**
 * The location of a routing key on the ring, in [0, 1): `locationFromBits(keyLocationBits(key))`, read
 * without a bigint (every relay reads one per message): the top 32 bits, then the next 21.
 */
export function keyLocation(routingKey: Uint8Array): number {
  checkRoutingKeyLength(routingKey);
  const high = ((routingKey[0]! << 24) | (routingKey[1]! << 16) | (routingKey[2]! << 8) | routingKey[3]!) >>> 0;
  const next21 = (routingKey[4]! << 13) | (routingKey[5]! << 5) | (routingKey[6]! >>> 3);
  return (high * TWO_POW_21 + next21) / TWO_POW_53;
}

/** Distance on the ring between two locations in [0, 1): min(|a − b|, 1 − |a − b|), in [0, 0.5]. */
export function circularDistance(a: number, b: number): number {
  const direct = Math.abs(a - b);
  return Math.min(direct, 1 - direct);
}

/**
 * Fixed-width base58 for key material in URIs (spec/keys.md §5).
 *
 * A value of n bytes is read as one big-endian unsigned integer and written as
 * exactly `base58Width(n)` digits of the Bitcoin alphabet, most significant first,
 * left-padded with '1' (digit zero). The alphabet has no 0, O, I, l, '+', '/' or
 * '=', so keys survive copy-paste, double-click selection and shells; the fixed
 * width makes a truncated key detectable.
 */
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const DIGIT_VALUES = new Map([...ALPHABET].map((char, index) => [char, BigInt(index)]));
const BASE = 58n;

/** Smallest number of base58 digits that can hold every n-byte value (44 for 32 bytes). */
export function base58Width(byteLength: number): number {
  const limit = 1n << BigInt(8 * byteLength);
  let width = 0;
  for (let capacity = 1n; capacity < limit; capacity *= BASE) width++;
  return width;
}

export function encodeBase58Fixed(bytes: Uint8Array): string {
  let value = bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
  const digits: string[] = [];
  for (let i = base58Width(bytes.length); i > 0; i--) {
    digits.push(ALPHABET[Number(value % BASE)]!);
    value /= BASE;
  }
  return digits.reverse().join('');
}

/** Why a base58 field failed to decode; the URI parser turns it into a message naming the field. */
export type Base58Problem =
  | { problem: 'length'; expected: number; actual: number }
  | { problem: 'character'; character: string; position: number }
  | { problem: 'range' };

export function decodeBase58Fixed(text: string, byteLength: number): Uint8Array | Base58Problem {
  const width = base58Width(byteLength);
  if (text.length !== width) return { problem: 'length', expected: width, actual: text.length };
  let value = 0n;
  for (let position = 0; position < text.length; position++) {
    const character = text[position]!;
    const digit = DIGIT_VALUES.get(character);
    if (digit === undefined) return { problem: 'character', character, position };
    value = value * BASE + digit;
  }
  if (value >> BigInt(8 * byteLength) !== 0n) return { problem: 'range' };
  return Uint8Array.from(Buffer.from(value.toString(16).padStart(2 * byteLength, '0'), 'hex'));
}

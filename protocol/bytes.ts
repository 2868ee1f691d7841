/** Small byte helpers shared by the codecs: hex, comparison, concatenation. */

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
}

const keyHexes = new WeakMap<Uint8Array, string>();

/**
 * `toHex` of a key that is never changed once made (a routing key), remembered by object: a node names
 * a request's key several times while handling it, and a simulator shares one key object among its nodes.
 */
export function keyHex(key: Uint8Array): string {
  let hex = keyHexes.get(key);
  if (hex === undefined) {
    hex = toHex(key);
    keyHexes.set(key, hex);
  }
  return hex;
}

/** Strict hex decoding: even length, hex digits only. */
export function fromHex(text: string): Uint8Array {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) throw new RangeError('not a hex string');
  return new Uint8Array(Buffer.from(text, 'hex'));
}

/** Lexicographic byte comparison: negative, zero or positive. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const difference = a[i]! - b[i]!;
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

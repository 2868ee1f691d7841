/**
 * The canonical MessagePack subset of manifests and pointers (spec/client.md §4): unsigned integers
 * up to 2^53 − 1, UTF-8 strings, byte strings, arrays and string-keyed maps, each in its shortest form.
 * `packCanonical` writes maps in the order of their keys; `unpackCanonical` refuses every other
 * byte string with `InvalidManifestError`: other types, longer forms than needed, repeated keys, invalid
 * UTF-8, lengths past the end, nesting deeper than a manifest's, trailing bytes. Decoded maps are `Map`s.
 */
import { InvalidManifestError } from './errors.js';

export type Packable = number | string | Uint8Array | readonly Packable[] | ReadonlyMap<string, Packable> | { readonly [key: string]: Packable };
export type Unpacked = number | string | Uint8Array | Unpacked[] | Map<string, Unpacked>;

/** Containers inside containers: a manifest map holds arrays of arrays (segments) or of maps (entries). */
const MAX_DEPTH = 3;
const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The bytes of an encoding as they are written, in a buffer that doubles when full: one copy of each byte string. */
class Writer {
  private buffer = new Uint8Array(256);
  private length = 0;

  push(...values: number[]): void {
    this.room(values.length);
    for (const value of values) this.buffer[this.length++] = value;
  }

  append(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private room(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + bytes) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}

/** Header of a value with a length: the short form when `fix` is given and n < `fixLimit`, else 8/16/32-bit length. */
function header(out: Writer, n: number, fix: number | undefined, fixLimit: number, wide: readonly [number, number, number]): void {
  if (fix !== undefined && n < fixLimit) out.push(fix | n);
  else if (n <= 0xff && wide[0] !== 0) out.push(wide[0], n);
  else if (n <= 0xffff) out.push(wide[1], n >> 8, n & 0xff);
  else out.push(wide[2], n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
}

function packInto(out: Writer, value: Packable): void {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`a manifest integer must be 0..2^53 − 1, got ${value}`);
    if (value <= 0xffffffff) return header(out, value, 0x00, 0x80, [0xcc, 0xcd, 0xce]);
    out.push(0xcf);
    for (let shift = 56; shift >= 0; shift -= 8) out.push(Number((BigInt(value) >> BigInt(shift)) & 0xffn));
  } else if (typeof value === 'string') {
    const bytes = utf8.encode(value);
    header(out, bytes.length, 0xa0, 32, [0xd9, 0xda, 0xdb]);
    out.append(bytes);
  } else if (value instanceof Uint8Array) {
    header(out, value.length, undefined, 0, [0xc4, 0xc5, 0xc6]);
    out.append(value);
  } else if (Array.isArray(value)) {
    header(out, value.length, 0x90, 16, [0, 0xdc, 0xdd]);
    for (const item of value as readonly Packable[]) packInto(out, item);
  } else {
    const entries = value instanceof Map ? [...(value as ReadonlyMap<string, Packable>)] : Object.entries(value);
    header(out, entries.length, 0x80, 16, [0, 0xde, 0xdf]);
    for (const [key, item] of entries) {
      packInto(out, key);
      packInto(out, item);
    }
  }
}

/** The canonical encoding of `value`; map keys are written in the order of the `Map` or of the object's own keys. */
export function packCanonical(value: Packable): Uint8Array {
  const out = new Writer();
  packInto(out, value);
  return out.finish();
}

class Reader {
  offset = 0;
  constructor(readonly bytes: Uint8Array) {}

  fail(message: string): never {
    throw new InvalidManifestError(`not canonical MessagePack at byte ${this.offset}: ${message}`);
  }

  /** An unsigned big-endian integer of `width` bytes. */
  uint(width: number): number {
    if (this.offset + width > this.bytes.length) this.fail('truncated');
    let value = 0;
    for (let i = 0; i < width; i++) value = value * 256 + this.bytes[this.offset++]!;
    return value;
  }

  /** A length or count of `width` bytes that a shorter form could not hold, of items of at least `itemBytes` bytes that fit. */
  length(width: number, shortLimit: number, itemBytes: number): number {
    const n = this.uint(width);
    if (n < shortLimit) this.fail(`length ${n} has a shorter form`);
    return this.fits(n, itemBytes);
  }

  fits(n: number, itemBytes: number): number {
    if (n * itemBytes > this.bytes.length - this.offset) this.fail(`declared length ${n} runs past the end`);
    return n;
  }

  take(n: number): Uint8Array {
    const out = this.bytes.slice(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  string(n: number): string {
    try {
      return strictUtf8.decode(this.take(n));
    } catch {
      return this.fail('a string is not valid UTF-8');
    }
  }

  container(n: number, depth: number, read: () => void): void {
    if (depth >= MAX_DEPTH) this.fail('nested deeper than any manifest');
    for (let i = 0; i < n; i++) read();
  }

  array(n: number, depth: number): Unpacked[] {
    const out: Unpacked[] = [];
    this.container(n, depth, () => out.push(this.value(depth + 1)));
    return out;
  }

  map(n: number, depth: number): Map<string, Unpacked> {
    const out = new Map<string, Unpacked>();
    this.container(n, depth, () => {
      const key = this.value(depth + 1);
      if (typeof key !== 'string') this.fail('a map key is not a string');
      if (out.has(key)) this.fail(`key '${key}' appears twice`);
      out.set(key, this.value(depth + 1));
    });
    return out;
  }

  value(depth: number): Unpacked {
    const type = this.uint(1);
    if (type <= 0x7f) return type;
    if (type <= 0x8f) return this.map(this.fits(type & 0x0f, 2), depth);
    if (type <= 0x9f) return this.array(this.fits(type & 0x0f, 1), depth);
    if (type <= 0xbf) return this.string(this.fits(type & 0x1f, 1));
    switch (type) {
      case 0xc4:
        return this.take(this.length(1, 0, 1));
      case 0xc5:
        return this.take(this.length(2, 0x100, 1));
      case 0xc6:
        return this.take(this.length(4, 0x10000, 1));
      case 0xcc:
        return this.integer(1, 0x80);
      case 0xcd:
        return this.integer(2, 0x100);
      case 0xce:
        return this.integer(4, 0x10000);
      case 0xcf:
        return this.integer(8, 0x100000000);
      case 0xd9:
        return this.string(this.length(1, 32, 1));
      case 0xda:
        return this.string(this.length(2, 0x100, 1));
      case 0xdb:
        return this.string(this.length(4, 0x10000, 1));
      case 0xdc:
        return this.array(this.length(2, 16, 1), depth);
      case 0xdd:
        return this.array(this.length(4, 0x10000, 1), depth);
      case 0xde:
        return this.map(this.length(2, 16, 2), depth);
      case 0xdf:
        return this.map(this.length(4, 0x10000, 2), depth);
      default:
        return this.fail(`type byte 0x${type.toString(16)} is not used in manifests`);
    }
  }

  integer(width: number, shortLimit: number): number {
    const value = this.uint(width);
    if (value < shortLimit) this.fail(`integer ${value} has a shorter form`);
    if (!Number.isSafeInteger(value)) this.fail('integer above 2^53 − 1');
    return value;
  }
}

/** Decodes exactly one canonical value filling all of `bytes`. */
export function unpackCanonical(bytes: Uint8Array): Unpacked {
  const reader = new Reader(bytes);
  const value = reader.value(0);
  if (reader.offset !== bytes.length) reader.fail(`${bytes.length - reader.offset} bytes after the value`);
  return value;
}

/**
 * Warren URIs (spec/keys.md §5): copy-pasteable text for every key.
 *
 *   CHK@<routing key>,<crypto key>,1[/path…]
 *   SSK@<public key>,<symmetric key>,1/<document>[/path…]          request (public)
 *   USK@<public key>,<symmetric key>,1/<name>/<edition>[/path…]     request (public)
 *   SSK-INSERT@<seed>,1/<document>[/path…]                           insert (private)
 *   USK-INSERT@<seed>,1/<name>/<edition>[/path…]                     insert (private)
 *
 * Keys are fixed-width base58 (base58.ts); the trailing `1` is the key format version;
 * path segments are percent-encoded. Request URIs hold no secret at all; insert
 * URIs keep their seed private and print redacted unless formatted on purpose.
 */
import { inspect } from 'node:util';
import { HASH_BYTES } from '../crypto.js';
import { InvalidUriError } from '../errors.js';
import { encodeBase58Fixed } from './base58.js';
import { MAX_EDITION, MAX_USK_NAME_BYTES, nameProblem, uskDocName } from './names.js';
import { type SskReadKeys, sskRoutingKey, type SskWriteKeys, sskWriteKeysFromSeed } from './ssk.js';

export const KEY_FORMAT_VERSION = 1;
const KEY_BYTES = HASH_BYTES;

function checkKey(bytes: Uint8Array, field: string): Uint8Array {
  if (bytes.length !== KEY_BYTES) throw new InvalidUriError(`the ${field} must be ${KEY_BYTES} bytes, got ${bytes.length}`);
  return bytes;
}

function checkName(name: string, what: string, maxBytes?: number): string {
  const problem = nameProblem(name, maxBytes);
  if (problem !== undefined) throw new InvalidUriError(`the ${what} '${name}' is not allowed: ${problem}`);
  return name;
}

function checkReadKeys(keys: SskReadKeys): SskReadKeys {
  return { publicKey: checkKey(keys.publicKey, 'public key'), symmetricKey: checkKey(keys.symmetricKey, 'symmetric key') };
}

function checkEdition(edition: number): number {
  if (!Number.isSafeInteger(edition) || edition < 0) throw new InvalidUriError(`the USK edition must be a whole number 0..${MAX_EDITION}`);
  return edition;
}

/** Percent-encodes everything but A-Z a-z 0-9 - . _ ~, so a path survives any shell. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

function formatPath(segments: readonly string[]): string {
  return segments.map((segment) => `/${encodeSegment(segment)}`).join('');
}

const key = encodeBase58Fixed;

/** What every URI has: an optional path, and its text form in logs and the REPL. */
abstract class KeyUri {
  /** A file name, or a path inside a directory manifest; may be empty. */
  readonly path: readonly string[];

  protected constructor(path: readonly string[]) {
    this.path = path.map((segment) => checkName(segment, 'path segment'));
  }

  abstract toString(): string;

  [inspect.custom](): string {
    return `${this.constructor.name} <${this.toString()}>`;
  }
}

export class ChkUri extends KeyUri {
  readonly kind = 'CHK';
  readonly routingKey: Uint8Array;
  readonly cryptoKey: Uint8Array;

  constructor(routingKey: Uint8Array, cryptoKey: Uint8Array, path: readonly string[] = []) {
    super(path);
    this.routingKey = checkKey(routingKey, 'routing key');
    this.cryptoKey = checkKey(cryptoKey, 'crypto key');
  }

  toString(): string {
    return `CHK@${key(this.routingKey)},${key(this.cryptoKey)},${KEY_FORMAT_VERSION}${formatPath(this.path)}`;
  }
}

export class SskUri extends KeyUri {
  readonly kind = 'SSK';
  readonly keys: SskReadKeys;
  readonly docName: string;

  constructor(keys: SskReadKeys, docName: string, path: readonly string[] = []) {
    super(path);
    this.keys = checkReadKeys(keys);
    this.docName = checkName(docName, 'document name');
  }

  get routingKey(): Uint8Array {
    return sskRoutingKey(this.keys, this.docName);
  }

  toString(): string {
    const { publicKey, symmetricKey } = this.keys;
    return `SSK@${key(publicKey)},${key(symmetricKey)},${KEY_FORMAT_VERSION}${formatPath([this.docName, ...this.path])}`;
  }
}

export class UskUri extends KeyUri {
  readonly kind = 'USK';
  readonly keys: SskReadKeys;
  readonly name: string;
  readonly edition: number;

  constructor(keys: SskReadKeys, name: string, edition: number, path: readonly string[] = []) {
    super(path);
    this.keys = checkReadKeys(keys);
    this.name = checkName(name, 'USK name', MAX_USK_NAME_BYTES);
    this.edition = checkEdition(edition);
  }

  withEdition(edition: number): UskUri {
    return new UskUri(this.keys, this.name, edition, this.path);
  }

  /** The routing key of this edition's SSK. */
  get routingKey(): Uint8Array {
    return this.toSskUri().routingKey;
  }

  /** The SSK that holds this edition. */
  toSskUri(): SskUri {
    return new SskUri(this.keys, uskDocName(this.name, this.edition), this.path);
  }

  toString(): string {
    const { publicKey, symmetricKey } = this.keys;
    return `USK@${key(publicKey)},${key(symmetricKey)},${KEY_FORMAT_VERSION}${formatPath([this.name, String(this.edition), ...this.path])}`;
  }
}

/** Shared by both insert URIs: the seed stays in a private field and out of logs. */
abstract class InsertUri extends KeyUri {
  readonly #seed: Uint8Array;

  protected constructor(seed: Uint8Array, path: readonly string[]) {
    super(path);
    this.#seed = Uint8Array.from(checkKey(seed, 'private key'));
  }

  /** The publisher's signing and reading keys, derived from the seed. */
  writeKeys(): SskWriteKeys {
    return sskWriteKeysFromSeed(this.#seed);
  }

  get routingKey(): Uint8Array {
    return this.toRequestUri().routingKey;
  }

  protected formatSeed(): string {
    return key(this.#seed);
  }

  /** The full insert URI, secret included. Only call this to show it to its owner. */
  abstract override toString(): string;
  abstract toRequestUri(): SskUri | UskUri;

  /** Redacted: an insert URI must be printed on purpose, with `toString()`. */
  toJSON(): string {
    return `${this.toString().split('@')[0]}@<redacted>`;
  }

  override [inspect.custom](): string {
    return `${this.constructor.name} <${this.toJSON()}>`;
  }
}

export class SskInsertUri extends InsertUri {
  readonly kind = 'SSK-INSERT';
  readonly docName: string;

  constructor(seed: Uint8Array, docName: string, path: readonly string[] = []) {
    super(seed, path);
    this.docName = checkName(docName, 'document name');
  }

  toRequestUri(): SskUri {
    return new SskUri(this.writeKeys(), this.docName, this.path);
  }

  toString(): string {
    return `SSK-INSERT@${this.formatSeed()},${KEY_FORMAT_VERSION}${formatPath([this.docName, ...this.path])}`;
  }
}

export class UskInsertUri extends InsertUri {
  readonly kind = 'USK-INSERT';
  readonly name: string;
  readonly edition: number;

  constructor(seed: Uint8Array, name: string, edition: number, path: readonly string[] = []) {
    super(seed, path);
    this.name = checkName(name, 'USK name', MAX_USK_NAME_BYTES);
    this.edition = checkEdition(edition);
  }

  toRequestUri(): UskUri {
    return new UskUri(this.writeKeys(), this.name, this.edition, this.path);
  }

  toString(): string {
    return `USK-INSERT@${this.formatSeed()},${KEY_FORMAT_VERSION}${formatPath([this.name, String(this.edition), ...this.path])}`;
  }
}

export type RequestUri = ChkUri | SskUri | UskUri;
export type AnyInsertUri = SskInsertUri | UskInsertUri;
export type WarrenUri = RequestUri | AnyInsertUri;

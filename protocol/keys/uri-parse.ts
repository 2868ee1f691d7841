/**
 * Parsing Warren URIs (spec/keys.md §5) into the classes of uri.ts. Every
 * malformed input gives an `InvalidUriError` whose message says what is wrong.
 */
import { InvalidUriError, RequestUriForInsertError } from '../errors.js';
import { decodeBase58Fixed } from './base58.js';
import { MAX_EDITION } from './names.js';
import { type AnyInsertUri, ChkUri, KEY_FORMAT_VERSION, type RequestUri, SskInsertUri, SskUri, UskInsertUri, UskUri, type WarrenUri } from './uri.js';

const KEY_BYTES = 32;
const KINDS = ['CHK', 'SSK', 'USK', 'SSK-INSERT', 'USK-INSERT'] as const;
type Kind = (typeof KINDS)[number];
const SHAPE = 'a Warren URI looks like CHK@…, SSK@…/name or USK@…/name/edition';

function fail(kind: Kind | undefined, message: string): never {
  throw new InvalidUriError(kind === undefined ? `invalid URI: ${message}` : `invalid ${kind} URI: ${message}`);
}

function decodeKey(kind: Kind, field: string, text: string): Uint8Array {
  const decoded = decodeBase58Fixed(text, KEY_BYTES);
  if (decoded instanceof Uint8Array) return decoded;
  switch (decoded.problem) {
    case 'length': {
      const hint = decoded.actual < decoded.expected ? ' (truncated?)' : '';
      return fail(kind, `the ${field} must be ${decoded.expected} base58 characters, got ${decoded.actual}${hint}`);
    }
    case 'character':
      return fail(
        kind,
        `the ${field} has an invalid character '${decoded.character}' at position ${decoded.position + 1} (base58 has no 0, O, I, l or punctuation)`,
      );
    case 'range':
      return fail(kind, `the ${field} is not a valid ${KEY_BYTES}-byte key (value out of range)`);
  }
}

function checkVersion(kind: Kind, text: string): void {
  if (text === String(KEY_FORMAT_VERSION)) return;
  if (/^\d+$/.test(text)) fail(kind, `key format version ${text} is not supported (this build understands ${KEY_FORMAT_VERSION})`);
  fail(kind, `the last key field must be the format version ${KEY_FORMAT_VERSION}, got '${text}'`);
}

/** The raw segments after the keys' '/'; one trailing '/' (also right after the keys) is ignored. */
function splitSegments(pathText: string | undefined): string[] {
  if (pathText === undefined || pathText === '') return [];
  const raw = pathText.split('/');
  if (raw.length > 1 && raw.at(-1) === '') raw.pop();
  return raw;
}

function decodeSegment(kind: Kind, segment: string): string {
  if (segment === '') fail(kind, 'the path has an empty segment (two slashes in a row?)');
  try {
    return decodeURIComponent(segment);
  } catch {
    return fail(kind, `the path segment '${segment}' has a broken %-escape`);
  }
}

function parseEdition(kind: Kind, text: string | undefined): number {
  if (text === undefined) fail(kind, 'the edition number is missing after the name (…/name/N)');
  if (!/^(0|[1-9]\d*)$/.test(text)) fail(kind, `the edition must be a whole number, got '${text}'`);
  const edition = Number(text);
  if (edition > MAX_EDITION) fail(kind, `the edition ${text} is larger than ${MAX_EDITION}`);
  return edition;
}

/** Fields expected before the version, per kind. */
const KEY_FIELDS: Record<Kind, readonly string[]> = {
  CHK: ['routing key', 'crypto key'],
  SSK: ['public key', 'symmetric key'],
  USK: ['public key', 'symmetric key'],
  'SSK-INSERT': ['private key'],
  'USK-INSERT': ['private key'],
};

/**
 * Splits the raw segments into the kind's leading names (document, or name and edition; none for CHK)
 * and the path, and decodes them; the edition is plain digits, never escaped.
 */
function splitNames(kind: Kind, segments: string[]): { name: string; edition: number; path: string[] } {
  const decode = (segment: string) => decodeSegment(kind, segment);
  if (kind === 'CHK') return { name: '', edition: 0, path: segments.map(decode) };
  const [name, ...rest] = segments;
  if (name === undefined) {
    fail(kind, kind.startsWith('SSK') ? 'a document name must follow the keys (…,1/name)' : 'a name and edition must follow the keys (…,1/name/N)');
  }
  if (kind.startsWith('SSK')) return { name: decode(name), edition: 0, path: rest.map(decode) };
  const [editionText, ...path] = rest;
  return { name: decode(name), edition: parseEdition(kind, editionText), path: path.map(decode) };
}

function build(kind: Kind, keys: Uint8Array[], name: string, edition: number, path: string[]): WarrenUri {
  const [first, second] = keys as [Uint8Array, Uint8Array];
  const readKeys = { publicKey: first, symmetricKey: second };
  switch (kind) {
    case 'CHK':
      return new ChkUri(first, second, path);
    case 'SSK':
      return new SskUri(readKeys, name, path);
    case 'USK':
      return new UskUri(readKeys, name, edition, path);
    case 'SSK-INSERT':
      return new SskInsertUri(first, name, path);
    case 'USK-INSERT':
      return new UskInsertUri(first, name, edition, path);
  }
}

/** Parses any Warren URI; accepts surrounding whitespace and an optional `warren:` scheme. */
export function parseUri(text: string): WarrenUri {
  const trimmed = text.trim().replace(/^warren:/i, '');
  if (trimmed === '') fail(undefined, `it is empty; ${SHAPE}`);
  const at = trimmed.indexOf('@');
  if (at < 0) fail(undefined, `no '@' after the key type; ${SHAPE}`);
  const kindText = trimmed.slice(0, at).toUpperCase();
  const kind = KINDS.find((candidate) => candidate === kindText);
  if (kind === undefined) fail(undefined, `unknown key type '${trimmed.slice(0, at)}@'; expected one of ${KINDS.map((k) => `${k}@`).join(', ')}`);
  const rest = trimmed.slice(at + 1);
  const slash = rest.indexOf('/');
  const keyText = slash < 0 ? rest : rest.slice(0, slash);
  const fieldNames = KEY_FIELDS[kind];
  const fields = keyText.split(',');
  if (fields.length !== fieldNames.length + 1) {
    const expected = [...fieldNames, 'version'].join(', ');
    const hint = fields.length < fieldNames.length + 1 ? ' (truncated?)' : '';
    fail(kind, `expected ${fieldNames.length + 1} comma-separated key fields (${expected}), got ${fields.length}${hint}`);
  }
  const keys = fieldNames.map((field, index) => decodeKey(kind, field, fields[index]!));
  checkVersion(kind, fields.at(-1)!);
  const { name, edition, path } = splitNames(kind, splitSegments(slash < 0 ? undefined : rest.slice(slash + 1)));
  try {
    return build(kind, keys, name, edition, path);
  } catch (error) {
    if (error instanceof InvalidUriError) fail(kind, error.message);
    throw error;
  }
}

/** Parses a URI to fetch with; an insert URI is turned into its request URI. */
export function parseRequestUri(text: string): RequestUri {
  const uri = parseUri(text);
  return uri instanceof SskInsertUri || uri instanceof UskInsertUri ? uri.toRequestUri() : uri;
}

/** Parses a URI to publish with; a request URI is refused with `RequestUriForInsertError`. */
export function parseInsertUri(text: string): AnyInsertUri {
  const uri = parseUri(text);
  if (uri instanceof SskInsertUri || uri instanceof UskInsertUri) return uri;
  if (uri instanceof ChkUri) {
    throw new InvalidUriError(
      'a CHK cannot be inserted into: its key comes from the content; insert the content itself, or use an SSK-INSERT@/USK-INSERT@ key',
    );
  }
  throw new RequestUriForInsertError();
}

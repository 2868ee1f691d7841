/**
 * Names in URIs (spec/keys.md §4.1, §5.4): SSK document names, USK names and path
 * segments follow one rule; and the USK edition → SSK document name mapping.
 */
import { InvalidUriError } from '../errors.js';

export const MAX_NAME_BYTES = 255;
const encoder = new TextEncoder();
const FORBIDDEN = /[\u0000-\u001f\u007f/]|\p{Cs}/u;

/** Why `name` is not a valid document name or path segment (of at most `maxBytes`), or undefined when it is. */
export function nameProblem(name: string, maxBytes = MAX_NAME_BYTES): string | undefined {
  if (name.length === 0) return 'it is empty';
  const forbidden = FORBIDDEN.exec(name);
  if (forbidden !== null) {
    const code = forbidden[0].codePointAt(0)!.toString(16).padStart(4, '0');
    return `it contains ${forbidden[0] === '/' ? "'/'" : `U+${code}`}, which names may not contain`;
  }
  if (name === '.' || name === '..') return `'${name}' is reserved`;
  const bytes = encoder.encode(name).length;
  if (bytes > maxBytes) return `it is ${bytes} bytes of UTF-8; the limit is ${maxBytes}`;
  return undefined;
}

/** UTF-8 bytes of a valid document name; throws `InvalidUriError` otherwise. */
export function encodeDocName(name: string): Uint8Array {
  const problem = nameProblem(name);
  if (problem !== undefined) throw new InvalidUriError(`invalid document name: ${problem}`);
  return encoder.encode(name);
}

/** Largest USK edition: editions are exact in a JavaScript number and in a JSON document. */
export const MAX_EDITION = Number.MAX_SAFE_INTEGER;

/** Longest USK name: room for "-" and the longest edition, so every edition's SSK document name is valid. */
export const MAX_USK_NAME_BYTES = MAX_NAME_BYTES - 1 - String(MAX_EDITION).length;

/** Edition N of USK name `site` is the SSK document `site-N`. */
export function uskDocName(name: string, edition: number): string {
  if (!Number.isSafeInteger(edition) || edition < 0) throw new InvalidUriError(`USK edition must be an integer 0..${MAX_EDITION}`);
  return `${name}-${edition}`;
}

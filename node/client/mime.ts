/**
 * MIME types: from file name extensions (spec/client.md §8), a small fixed table with no content
 * sniffing; and the rule every MIME type stored in a manifest follows (§12.2).
 */
import { InvalidMimeError } from './errors.js';

const BY_EXTENSION: Readonly<Record<string, string>> = {
  html: 'text/html',
  htm: 'text/html',
  css: 'text/css',
  js: 'text/javascript',
  mjs: 'text/javascript',
  json: 'application/json',
  txt: 'text/plain',
  md: 'text/markdown',
  xml: 'application/xml',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  ico: 'image/x-icon',
  pdf: 'application/pdf',
  zip: 'application/zip',
  gz: 'application/gzip',
  tar: 'application/x-tar',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  mp4: 'video/mp4',
  webm: 'video/webm',
  woff2: 'font/woff2',
  wasm: 'application/wasm',
};

export const DEFAULT_MIME = 'application/octet-stream';

export function mimeForName(name: string | undefined): string {
  const dot = name?.lastIndexOf('.') ?? -1;
  if (name === undefined || dot < 0) return DEFAULT_MIME;
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? DEFAULT_MIME;
}

/** Longest MIME type a manifest holds (spec/client.md §4.1). */
export const MAX_MIME_BYTES = 255;
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const QUOTED = '"(?:[ !#-\\[\\]-~]|\\\\[ -~])*"';
/** RFC 9110 §8.3.1 `type/subtype *(OWS ";" OWS name=value)`, with spaces as the only white space. */
const MEDIA_TYPE = new RegExp(`^${TOKEN}/${TOKEN}(?: *; *${TOKEN}=(?:${TOKEN}|${QUOTED}))*$`);

/** Why `mime` may not be stored in a manifest (spec/client.md §12.2), or undefined when it may. */
export function mimeProblem(mime: string): string | undefined {
  if (mime.length > MAX_MIME_BYTES) return `it is ${Buffer.byteLength(mime)} bytes; the limit is ${MAX_MIME_BYTES}`;
  if (!MEDIA_TYPE.test(mime)) return 'it is not type/subtype[; name=value]… of printable ASCII';
  return undefined;
}

/** `mime`, or `InvalidMimeError` saying why it may not be stored. */
export function checkMime(mime: string): string {
  const problem = mimeProblem(mime);
  if (problem !== undefined) throw new InvalidMimeError(`the MIME type ${JSON.stringify(mime.slice(0, 80))} is not allowed: ${problem}`);
  return mime;
}

/** The type to hand on (as a Content-Type): `mime` when it follows §12.2, else the default — a manifest from elsewhere is not trusted to. */
export function servedMime(mime: string): string {
  return mimeProblem(mime) === undefined ? mime : DEFAULT_MIME;
}

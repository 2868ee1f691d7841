/**
 * What the gateway does with each MIME type, and the headers every answer carries (spec/gateway.md §2).
 *
 *   text/html, application/xhtml+xml ──> filtered by html-filter.ts, served as text/html; charset=utf-8
 *   text/css                          ──> filtered by css-filter.ts, served as text/css; charset=utf-8
 *   INLINE types (images it cannot run, audio, video, fonts, plain text) ──> served as they are
 *   anything else (SVG, PDF, JavaScript, archives…) ──> Content-Disposition: attachment, never rendered
 */

export type Treatment = 'html' | 'css' | 'inline' | 'download';

const INLINE = new Set([
  ...['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp', 'image/x-icon', 'image/vnd.microsoft.icon'],
  ...['audio/mpeg', 'audio/ogg', 'audio/wav', 'audio/webm', 'audio/flac', 'video/mp4', 'video/webm', 'video/ogg'],
  ...['font/woff', 'font/woff2', 'font/ttf', 'font/otf', 'text/plain'],
]);

/** The essence of a MIME type: "text/html; charset=x" → "text/html". */
const essence = (mime: string): string => mime.split(';')[0]!.trim().toLowerCase();

export function treatmentOf(mime: string): Treatment {
  const type = essence(mime);
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'text/css') return 'css';
  return INLINE.has(type) ? 'inline' : 'download';
}

/** The Content-Type an inline or downloaded file is served with (text gets an explicit charset: no UTF-7 guessing). */
export function servedType(mime: string): string {
  const type = essence(mime);
  return type === 'text/plain' ? 'text/plain; charset=utf-8' : type;
}

/**
 * No script at all, nothing loaded from outside the gateway's origin, no framing, no connections;
 * sandboxed (same origin kept so its images and stylesheets still count as the gateway's own).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "img-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "media-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  'sandbox allow-same-origin allow-forms allow-downloads',
].join('; ');

/** On every answer, pages and errors included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  // What was read stays out of the browser's disk cache.
  'cache-control': 'no-store',
};

/** `attachment`, with the file's name when it has one (RFC 6266, UTF-8 encoded). */
export function attachment(name: string | undefined): string {
  return name === undefined || name === '' ? 'attachment' : `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
}

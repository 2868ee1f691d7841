/**
 * HTTP range requests (RFC 9110 §14) for `GET /v1/files/<uri>`: one range of bytes,
 * `bytes=a-b`, `bytes=a-` or `bytes=-n`. Several ranges, or a header that is not a byte range,
 * are ignored (the whole file is sent), as the RFC allows; a range that starts past the end is 416.
 * `If-Range` (RFC 9110 §13.1.5) keeps the range only while the entity tag still matches: a download
 * resumed after the URI came to name other content (a newer USK edition) gets the whole new file.
 */
import { RangeNotSatisfiableError } from './errors.js';

/** First and last byte, inclusive. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

const SINGLE = /^bytes=(\d*)-(\d*)$/;

export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  const match = header === undefined ? null : SINGLE.exec(header.trim());
  if (match === null || (match[1] === '' && match[2] === '')) return undefined;
  const [first, last] = [match[1]!, match[2]!];
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) throw new RangeNotSatisfiableError(size);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= size) throw new RangeNotSatisfiableError(size);
  return { start, end };
}

/** Whether a `Range` is to be honoured under `If-Range`: absent, or the current strong entity tag exactly (a date, or the header twice, never matches). */
export function ifRangeHolds(ifRange: string | readonly string[] | undefined, etag: string): boolean {
  return ifRange === undefined || (typeof ifRange === 'string' && ifRange.trim() === etag);
}

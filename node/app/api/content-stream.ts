/**
 * Streaming a file's content into an HTTP answer, shared by the API (files.ts) and the gateway:
 * the segments a byte range needs, the bytes of that range, the whole file with its last chunk held
 * back until the full-content hash has checked out, and an answer whose headers wait for its first chunk.
 */
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FileManifest } from '../../client/manifest.js';
import { RangeNotSatisfiableError } from './errors.js';
import type { ByteRange } from './range.js';

/** The segments that hold `range`, and how many bytes of the first come before it. */
export function sliceFor(manifest: FileManifest, range: ByteRange): { manifest: FileManifest; skip: number } {
  let offset = 0;
  let first = -1;
  let last = -1;
  let skip = 0;
  manifest.segments.forEach((segment, index) => {
    const end = offset + segment.dataLength;
    if (first < 0 && range.start < end) {
      first = index;
      skip = range.start - offset;
    }
    if (last < 0 && range.end < end) last = index;
    offset = end;
  });
  if (first < 0 || last < 0) throw new RangeNotSatisfiableError(manifest.size);
  return { manifest: { ...manifest, segments: manifest.segments.slice(first, last + 1) }, skip };
}

/** `length` bytes after the first `skip`; stops before the source's full-content check (a slice cannot pass it). */
export async function* trimmed(chunks: AsyncIterable<Uint8Array>, skip: number, length: number): AsyncGenerator<Uint8Array> {
  let left = length;
  for await (const chunk of chunks) {
    const part = chunk.subarray(skip, skip + left);
    skip = 0;
    left -= part.length;
    if (part.length > 0) yield part;
    if (left === 0) return;
  }
}

/** Each chunk once the next one has arrived, the last once the source has ended without error. */
export async function* heldBack(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let held: Uint8Array | undefined;
  for await (const chunk of chunks) {
    if (held !== undefined) yield held;
    held = chunk;
  }
  if (held !== undefined) yield held;
}

/** Sends the status and headers once the first chunk is in (so an early failure is still a JSON error), then streams the rest. */
export async function sendStream(
  response: ServerResponse,
  status: number,
  headers: Record<string, string | number>,
  chunks: AsyncIterable<Uint8Array>,
): Promise<void> {
  const iterator = chunks[Symbol.asyncIterator]();
  const first = await iterator.next();
  response.writeHead(status, headers);
  async function* all(): AsyncGenerator<Uint8Array> {
    try {
      if (first.done === true) return;
      yield first.value;
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield next.value;
    } finally {
      await iterator.return?.(undefined);
    }
  }
  await pipeline(Readable.from(all(), { objectMode: false }), response);
}

/**
 * Cuts streamed content into the segments of spec/client.md §2, copying each byte once: into
 * segment-sized buffers in SharedArrayBuffers, which the encoding worker reads in place
 * (segment-encoder.ts). Two segments are held back, so that the last two can share what is left
 * evenly once the content ends; a buffer given out comes back with `release`, for a later segment.
 *
 *   push(chunk) ──fills the held buffers──> each full segment that more content follows two full ones after
 *   finish()    ──> the last one or two segments (the second gathered in the last buffer)
 *   release(segment) ──> its buffer is reused (once its encoding has settled)
 */

export class SegmentCutter {
  /** Buffers given back, for the next segments. */
  private readonly spare: Uint8Array[] = [];
  /** The buffers held back, oldest first: the first is full before the second takes a byte. */
  private readonly held: Uint8Array[] = [];
  /** Bytes held, across the held buffers. */
  private filled = 0;

  constructor(
    private readonly segmentBytes: number,
    private readonly shardBytes: number,
  ) {
    if (!Number.isSafeInteger(shardBytes) || shardBytes < 1 || !Number.isSafeInteger(segmentBytes / shardBytes) || segmentBytes < shardBytes) {
      throw new RangeError(`a segment is a whole number of shards, at least one: ${segmentBytes} bytes of ${shardBytes}-byte shards`);
    }
  }

  /**
   * Writes `chunk` after what is held, yielding each segment it completes in order: the first of two full
   * held segments, once a byte more follows them. A segment yielded is the caller's until it is released.
   */
  *push(chunk: Uint8Array): Generator<Uint8Array> {
    const { segmentBytes } = this;
    for (let offset = 0; offset < chunk.length; ) {
      if (this.filled === 2 * segmentBytes) {
        // More content follows two full segments: the first of them is not one of the last two.
        this.filled -= segmentBytes;
        yield this.held.shift()!;
      }
      const index = this.filled < segmentBytes ? 0 : 1;
      if (this.held[index] === undefined) this.held[index] = this.spare.pop() ?? new Uint8Array(new SharedArrayBuffer(segmentBytes));
      const buffer = this.held[index];
      const at = this.filled - index * segmentBytes;
      const taken = Math.min(segmentBytes - at, chunk.length - offset);
      buffer.set(chunk.subarray(offset, offset + taken), at);
      this.filled += taken;
      offset += taken;
    }
  }

  /**
   * The last segments once the content has ended: none for no content, one if what is held fits a segment,
   * else two sharing it evenly (the first taking the odd shard).
   */
  finish(): Uint8Array[] {
    const { filled, segmentBytes, shardBytes } = this;
    const [head, tail] = this.held;
    if (filled <= segmentBytes) return filled === 0 ? [] : [head!.subarray(0, filled)];
    const first = Math.ceil(Math.ceil(filled / shardBytes) / 2) * shardBytes;
    // The second segment is the head's last bytes followed by the tail's: gathered in the tail's buffer.
    const fromHead = segmentBytes - first;
    const fromTail = filled - segmentBytes;
    tail!.copyWithin(fromHead, 0, fromTail);
    tail!.set(head!.subarray(first), 0);
    return [head!.subarray(0, first), tail!.subarray(0, fromHead + fromTail)];
  }

  /** Takes back the buffer of a segment `push` or `finish` gave out, for a later segment. */
  release(segment: Uint8Array): void {
    if (segment.buffer.byteLength === this.segmentBytes && this.spare.length < 2) this.spare.push(new Uint8Array(segment.buffer));
  }
}

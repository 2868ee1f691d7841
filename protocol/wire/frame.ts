/**
 * Framing (spec/wire.md §2): each frame is an unsigned LEB128 varint length (as protobuf and
 * it-length-prefixed write it) followed by that many payload bytes, one envelope per frame.
 *
 *   encodeFrame(payload)         prefix ‖ payload
 *   FrameDecoder.push(chunk)     bytes as they arrive → the frames they complete
 *   FrameDecoder.finish()        end of stream: a partial frame left over is an error
 *
 * Pure and synchronous: the transport feeds it chunks. The length is checked against
 * MAX_FRAME_BYTES as soon as the prefix is read, before anything is allocated for the payload,
 * so a decoder never holds more than one frame and its prefix.
 */
import type { Uint8ArrayList } from 'uint8arraylist';
import { FrameTooLargeError, WireDecodeError } from '../errors.js';
import { MAX_FRAME_BYTES } from './limits.js';

/** Bytes the varint of MAX_FRAME_BYTES takes: no valid prefix is longer. */
export const MAX_FRAME_PREFIX_BYTES = varintLength(MAX_FRAME_BYTES);

/** Bytes the unsigned LEB128 varint of `value` takes. */
export function varintLength(value: number): number {
  let length = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 0x80);
    length++;
  }
  return length;
}

/** A frame to send: one buffer, or its segments in order (a small header next to the block it carries). */
export type FrameSegments = Uint8Array | Uint8ArrayList;

/** `payload` prefixed with its length. Throws RangeError unless it is 1..MAX_FRAME_BYTES long. */
export function encodeFrame(payload: Uint8Array): Uint8Array {
  if (payload.length === 0 || payload.length > MAX_FRAME_BYTES) {
    throw new RangeError(`frame payload must be 1..${MAX_FRAME_BYTES} bytes, got ${payload.length}`);
  }
  const prefixLength = varintLength(payload.length);
  const frame = new Uint8Array(prefixLength + payload.length);
  let value = payload.length;
  for (let i = 0; i < prefixLength - 1; i++) {
    frame[i] = (value & 0x7f) | 0x80;
    value >>>= 7;
  }
  frame[prefixLength - 1] = value;
  frame.set(payload, prefixLength);
  return frame;
}

export interface FrameDecoderInit {
  /**
   * The caller gives each pushed chunk up: nothing reads or changes it again (bytes fresh from a
   * socket). A frame that lies whole inside one chunk is then returned as a view into it, not a
   * copy; it keeps the chunk's memory alive as long as it is held. Default false.
   */
  readonly ownsChunks?: boolean;
}

/**
 * Splits a byte stream into frame payloads, whatever the chunk boundaries. Each returned frame
 * is a plain Uint8Array the decoder keeps no reference to: a fresh copy, or a view into the
 * chunk it lay in when `ownsChunks` is set (a frame cut across chunks is always assembled in
 * a fresh buffer). The first violation throws a
 * WireDecodeError (FrameTooLargeError for an oversized length) and leaves the decoder failed:
 * every later call throws the same error, frames completed earlier in the failing chunk are
 * not returned, and the connection is to be dropped.
 */
export class FrameDecoder {
  readonly #ownsChunks: boolean;
  /** Length decoded from the prefix bytes read so far. */
  #length = 0;
  #prefixBytes = 0;
  /** The prefix is read and its length allowed: the payload comes next. */
  #prefixComplete = false;
  /** Allocated once the prefix is complete and checked, for a frame cut across chunks. */
  #payload: Uint8Array | null = null;
  #filled = 0;
  #failure: WireDecodeError | null = null;

  constructor(init: FrameDecoderInit = {}) {
    this.#ownsChunks = init.ownsChunks === true;
  }

  /** Bytes held for the frame in progress (prefix and payload so far). */
  get bufferedBytes(): number {
    return this.#prefixBytes + this.#filled;
  }

  push(chunk: Uint8Array): Uint8Array[] {
    this.#throwIfFailed();
    const frames: Uint8Array[] = [];
    let offset = 0;
    try {
      while (offset < chunk.length) {
        if (this.#payload === null) {
          offset = this.#readPrefix(chunk, offset);
          if (!this.#prefixComplete) continue;
          if (this.#ownsChunks && this.#length <= chunk.length - offset) {
            frames.push(asPlainView(chunk.subarray(offset, offset + this.#length)));
            offset += this.#length;
            this.#reset();
            continue;
          }
          this.#payload = new Uint8Array(this.#length);
          continue;
        }
        const take = Math.min(this.#payload.length - this.#filled, chunk.length - offset);
        this.#payload.set(chunk.subarray(offset, offset + take), this.#filled);
        this.#filled += take;
        offset += take;
        if (this.#filled === this.#payload.length) frames.push(this.#completeFrame());
      }
    } catch (error) {
      this.#failure = error as WireDecodeError;
      throw error;
    }
    return frames;
  }

  /** Call at the end of the stream: throws WireDecodeError if a frame was left incomplete. */
  finish(): void {
    this.#throwIfFailed();
    if (this.bufferedBytes > 0) {
      this.#failure = new WireDecodeError(`stream ended inside a frame (${this.bufferedBytes} bytes buffered)`);
      throw this.#failure;
    }
  }

  #throwIfFailed(): void {
    if (this.#failure !== null) throw this.#failure;
  }

  /** Consumes prefix bytes from `chunk`; `#length` is set, and allowed, once the prefix is complete. */
  #readPrefix(chunk: Uint8Array, offset: number): number {
    while (offset < chunk.length) {
      const byte = chunk[offset++]!;
      this.#length += (byte & 0x7f) * 2 ** (7 * this.#prefixBytes);
      this.#prefixBytes++;
      if (byte & 0x80) {
        if (this.#prefixBytes === MAX_FRAME_PREFIX_BYTES) {
          throw new FrameTooLargeError(`frame length prefix is longer than ${MAX_FRAME_PREFIX_BYTES} bytes`);
        }
        continue;
      }
      if (byte === 0 && this.#prefixBytes > 1) throw new WireDecodeError('frame length prefix is not minimal');
      if (this.#length === 0) throw new WireDecodeError('empty frame');
      if (this.#length > MAX_FRAME_BYTES) {
        throw new FrameTooLargeError(`frame of ${this.#length} bytes exceeds the ${MAX_FRAME_BYTES}-byte limit`);
      }
      this.#prefixComplete = true;
      return offset;
    }
    return offset;
  }

  #completeFrame(): Uint8Array {
    const frame = this.#payload!;
    this.#reset();
    return frame;
  }

  #reset(): void {
    this.#payload = null;
    this.#filled = 0;
    this.#length = 0;
    this.#prefixBytes = 0;
    this.#prefixComplete = false;
  }
}

/** A plain Uint8Array over the same bytes (a Node Buffer chunk would otherwise stay a Buffer). */
function asPlainView(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

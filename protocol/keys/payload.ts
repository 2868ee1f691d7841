/**
 * The plaintext frame inside every block (spec/keys.md §3): a 16-bit big-endian
 * content length, the content, then zero padding up to a fixed size. Fixed-size
 * frames make every block of a kind the same length, whatever it holds.
 */
import { ContentTooLargeError, InvalidBlockError } from '../errors.js';

const LENGTH_BYTES = 2;
const ZEROS = Buffer.alloc(65536);

export function maxContentBytes(frameBytes: number): number {
  return frameBytes - LENGTH_BYTES;
}

/**
 * Content → zero-padded frame of exactly `frameBytes` bytes: a new one, or `into` (that length) overwritten
 * whole, for a caller that encrypts the frame at once and reuses one buffer for every block.
 */
export function packFrame(content: Uint8Array, frameBytes: number, into?: Uint8Array): Uint8Array {
  const max = maxContentBytes(frameBytes);
  if (content.length > max) {
    throw new ContentTooLargeError(`content is ${content.length} bytes; one block holds at most ${max}`);
  }
  if (into !== undefined && into.length !== frameBytes) throw new RangeError(`a frame buffer of ${into.length} bytes cannot hold a ${frameBytes}-byte frame`);
  const frame = into ?? new Uint8Array(frameBytes);
  frame[0] = content.length >>> 8;
  frame[1] = content.length & 0xff;
  frame.set(content, LENGTH_BYTES);
  if (into !== undefined) frame.fill(0, LENGTH_BYTES + content.length);
  return frame;
}

/** Frame → content; refuses a length past the end and any non-zero padding (one encoding per content). */
export function unpackFrame(frame: Uint8Array): Uint8Array {
  const length = (frame[0]! << 8) | frame[1]!;
  const end = LENGTH_BYTES + length;
  if (end > frame.length) throw new InvalidBlockError(`block declares ${length} content bytes but holds at most ${frame.length - LENGTH_BYTES}`);
  const padding = frame.subarray(end);
  if (Buffer.compare(padding, ZEROS.subarray(0, padding.length)) !== 0) {
    throw new InvalidBlockError('block padding is not all zeros');
  }
  return frame.subarray(LENGTH_BYTES, end);
}

/**
 * The one place that speaks libp2p v3's MessageStream (events, not an async-iterable duplex):
 * the Noise-secured stream of a link becomes frames in and frames out (spec/wire.md §2, §10.4).
 *
 *   in    'message' → FrameDecoder (length checked before allocation; a frame whole in one chunk
 *         is a view into it) → onFrame, synchronously
 *   out   send(frame, whole or in segments) → queue of at most maxQueueBytes → one MessageStream.send
 *         of the queued segments, uncopied, per microtask;
 *         when that reports a full socket, the queue waits for 'drain'; a queue that held more
 *         than half its bound calls onDrained once it is back at half or below
 *   end   'close' → onClose(error?), once
 *
 * Nothing is buffered without a bound: arriving bytes are decoded as they come (at most one
 * partial frame is held), and frames to send wait in the bounded queue. Below the queue, the
 * stream and socket hold at most one batch past the socket's high-water mark (128 KiB, libp2p.ts).
 */
import type { MessageStream, StreamCloseEvent, StreamMessageEvent } from '@libp2p/interface';
import type { WireDecodeError } from '../../protocol/errors.js';
import { Uint8ArrayList } from 'uint8arraylist';
import { FrameDecoder, type FrameSegments, MAX_FRAME_BYTES, MAX_FRAME_PREFIX_BYTES } from '../../protocol/wire/index.js';

/**
 * Most bytes written in one MessageStream.send: four full frames, which Noise cuts into its own
 * messages of at most 65,519 bytes, gathering each message's segments into the buffer it seals.
 */
const BATCH_BYTES = 4 * (MAX_FRAME_PREFIX_BYTES + MAX_FRAME_BYTES);

export interface FrameStreamInit {
  /** Most bytes of frames waiting to be written; `send` refuses a frame that would exceed it. */
  readonly maxQueueBytes: number;
  /** Each complete frame payload, in order. Not called once the stream is closing. */
  onFrame(frame: Uint8Array): void;
  /** The stream closed: `error` says why when it did not end cleanly (a framing error is a WireDecodeError). */
  onClose(error: Error | undefined): void;
  /** The queue, after holding more than half of `maxQueueBytes`, is back at half or below. */
  onDrained?(): void;
}

/** Calls `callback` once when `stream` closes, however it closes; soon, if it has closed already (its 'close' event is past). */
export function onStreamClose(stream: MessageStream, callback: (error: Error | undefined) => void): void {
  const { status } = stream;
  if (status === 'closed' || status === 'aborted' || status === 'reset') {
    queueMicrotask(() => callback(status === 'closed' ? undefined : new Error(`the stream was ${status} before its close was awaited`)));
    return;
  }
  stream.addEventListener('close', (event: StreamCloseEvent) => callback(event.error), { once: true });
}

export class FrameStream {
  readonly #stream: MessageStream;
  readonly #init: FrameStreamInit;
  // Decrypted chunks are fresh from the socket and read by nothing else: frames may be views into them.
  readonly #decoder = new FrameDecoder({ ownsChunks: true });
  #queue: FrameSegments[] = [];
  #queuedBytes = 0;
  #flushScheduled = false;
  #needsDrain = false;
  /** The queue has held more than half its bound since `onDrained` was last called. */
  #aboveHalf = false;
  #open = true;
  /** Resolves a pending `close` once the queue has been written (or the stream closed). */
  #whenEmpty: (() => void) | undefined;

  constructor(stream: MessageStream, init: FrameStreamInit) {
    this.#stream = stream;
    this.#init = init;
    stream.addEventListener('message', (event: StreamMessageEvent) => this.#receive(event.data));
    stream.addEventListener('drain', () => {
      this.#needsDrain = false;
      this.#flush();
    });
    onStreamClose(stream, (error) => {
      this.#open = false;
      this.#queue = [];
      this.#queuedBytes = 0;
      this.#whenEmpty?.();
      this.#init.onClose(error ?? this.#endOfInputError());
    });
  }

  /** Bytes of frames waiting in the queue. */
  get queuedBytes(): number {
    return this.#queuedBytes;
  }

  /**
   * Queues a complete frame, whole or in segments (never copied: they are written as they are, so
   * the caller leaves them unchanged); false, queueing nothing, when closed or when the queue
   * would exceed its bound.
   */
  send(frame: FrameSegments): boolean {
    if (!this.#open || this.#queuedBytes + frame.byteLength > this.#init.maxQueueBytes) return false;
    this.#queue.push(frame);
    this.#queuedBytes += frame.byteLength;
    if (this.#queuedBytes > this.#init.maxQueueBytes / 2) this.#aboveHalf = true;
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      queueMicrotask(() => {
        this.#flushScheduled = false;
        this.#flush();
      });
    }
    return true;
  }

  /**
   * Stops reading, writes what is queued, then closes the stream cleanly; aborts it instead
   * when `signal` fires first (a peer that does not read).
   */
  async close(signal: AbortSignal): Promise<void> {
    if (!this.#open) return;
    this.#open = false;
    const abortOnSignal = () => this.abort(new Error('closing took too long: queued frames dropped'));
    signal.addEventListener('abort', abortOnSignal, { once: true });
    try {
      if (this.#queue.length > 0) await new Promise<void>((resolve) => (this.#whenEmpty = resolve));
      await this.#stream.close({ signal });
    } catch {
      // Aborted: the stream's 'close' event reports it.
    } finally {
      signal.removeEventListener('abort', abortOnSignal);
    }
  }

  /** Closes at once, dropping whatever is queued. */
  abort(error: Error): void {
    this.#open = false;
    this.#stream.abort(error);
  }

  #receive(data: StreamMessageEvent['data']): void {
    const chunks = data instanceof Uint8Array ? [data] : data;
    try {
      for (const chunk of chunks) {
        for (const frame of this.#decoder.push(chunk)) {
          if (!this.#open) return;
          this.#init.onFrame(frame);
        }
      }
    } catch (error) {
      this.abort(error as WireDecodeError);
    }
  }

  /** A stream that ends inside a frame did not end cleanly either (spec/wire.md §2). */
  #endOfInputError(): Error | undefined {
    try {
      this.#decoder.finish();
      return undefined;
    } catch (error) {
      return error as WireDecodeError;
    }
  }

  #flush(): void {
    while (this.#queue.length > 0 && !this.#needsDrain) {
      let take = 1;
      let bytes = this.#queue[0]!.byteLength;
      while (take < this.#queue.length && bytes + this.#queue[take]!.byteLength <= BATCH_BYTES) {
        bytes += this.#queue[take++]!.byteLength;
      }
      const batch = new Uint8ArrayList(...this.#queue.splice(0, take));
      this.#queuedBytes -= bytes;
      try {
        this.#needsDrain = !this.#stream.send(batch);
      } catch (error) {
        // The stream stopped being writable under us; its 'close' event follows.
        this.abort(error as Error);
        return;
      }
    }
    if (this.#queue.length === 0) this.#whenEmpty?.();
    if (this.#aboveHalf && this.#open && this.#queuedBytes <= this.#init.maxQueueBytes / 2) {
      this.#aboveHalf = false;
      this.#init.onDrained?.();
    }
  }
}

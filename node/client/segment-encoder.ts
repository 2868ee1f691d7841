/**
 * Encodes an inserter's segments (segments.ts `encodeSegment`: a CHK block of each data shard, the check
 * shards, a CHK block of each) on a worker thread, so that the thread inserting or storing one segment's
 * blocks is not also the one hashing and encrypting the next: on two cores the two overlap.
 *
 *   encodeSegmentOffThread(content, m) ──small segment, worker not ready or gone──> encodeSegment here
 *                                      └──> segment-worker.ts (content in a SharedArrayBuffer shared with
 *                                           it, any other a copy moved there; the blocks moved back) ──> EncodedSegment
 *
 * One worker per process, started by the first segment big enough (until it is ready, segments are encoded
 * here) and held only while it encodes: an idle worker does not keep the process alive. Segments queue for
 * it one per inserter at most (an inserter encodes one segment at a time), and it takes one at a time. A
 * worker that fails is not replaced: the segments it held, and every later one, are encoded here.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../protocol/module-worker.js';
import { checkErasureCode } from './erasure.js';
import { type EncodedSegment, encodeSegment, SHARD_BYTES, shardCount } from './segments.js';
import type { SegmentJob, SegmentWorkerMessage } from './segment-worker.js';

/** Segments smaller than this are encoded here: moving them costs more than it frees. */
export const OFF_THREAD_MIN_BYTES = 16 * SHARD_BYTES;

interface Pending {
  /** The caller's bytes, kept to encode here should the worker fail; the job shares them, or moves a copy. */
  readonly content: Uint8Array;
  readonly job: SegmentJob;
  /** What the job's message moves to the worker: the copy, or nothing when the content is shared. */
  readonly transfer: ArrayBuffer[];
  readonly resolve: (encoded: EncodedSegment) => void;
  readonly reject: (error: unknown) => void;
}

class SegmentEncoder {
  private worker: Worker | undefined;
  private state: 'none' | 'starting' | 'ready' | 'failed' = 'none';
  private readonly waiting: Pending[] = [];
  private held: Pending | undefined;

  /** Counts of segments encoded on the worker and here (for tests and benches). */
  readonly counts = { worker: 0, here: 0 };

  encode(content: Uint8Array, checkBlocks: number): Promise<EncodedSegment> {
    try {
      checkErasureCode(Math.max(1, shardCount(content.length)), checkBlocks);
    } catch (error) {
      return Promise.reject(error);
    }
    if (content.length < OFF_THREAD_MIN_BYTES || this.state === 'failed' || availableParallelism() < 2) return this.here(content, checkBlocks);
    if (this.state === 'none') this.start();
    if (this.state !== 'ready') return this.here(content, checkBlocks);
    const shared = content.buffer instanceof SharedArrayBuffer;
    const job = { content: shared ? content : new Uint8Array(content), checkBlocks };
    return new Promise((resolve, reject) => {
      this.waiting.push({ content, job, transfer: shared ? [] : [job.content.buffer as ArrayBuffer], resolve, reject });
      this.dispatch();
    });
  }

  private here(content: Uint8Array, checkBlocks: number): Promise<EncodedSegment> {
    this.counts.here++;
    return encodeSegment(content, checkBlocks);
  }

  private start(): void {
    this.state = 'starting';
    const worker = startModuleWorker(import.meta.url, 'segment-worker');
    this.worker = worker;
    worker.unref();
    worker.on('message', (message: SegmentWorkerMessage) => this.onMessage(message));
    worker.on('error', () => this.retire());
    worker.on('exit', () => this.retire());
  }

  private dispatch(): void {
    if (this.held !== undefined || this.state !== 'ready') return;
    const next = this.waiting.shift();
    if (next === undefined) return;
    this.held = next;
    this.worker!.ref();
    this.worker!.postMessage(next.job, next.transfer);
  }

  private onMessage(message: SegmentWorkerMessage): void {
    if (message.kind === 'ready') {
      this.state = 'ready';
      return;
    }
    const held = this.held;
    this.held = undefined;
    this.worker!.unref();
    if (held !== undefined && message.kind === 'encoded') {
      this.counts.worker++;
      held.resolve(message.encoded);
    } else if (held !== undefined) {
      // The parameters were checked here: a failure there is the worker's own, so this segment is encoded here.
      this.here(held.content, held.job.checkBlocks).then(held.resolve, held.reject);
    }
    this.dispatch();
  }

  /** The worker failed or exited: what it held and what waits is encoded here, and so is every later segment. */
  private retire(): void {
    if (this.state === 'failed') return;
    this.state = 'failed';
    this.worker = undefined;
    const orphans = [...(this.held === undefined ? [] : [this.held]), ...this.waiting.splice(0)];
    this.held = undefined;
    for (const { content, job, resolve, reject } of orphans) this.here(content, job.checkBlocks).then(resolve, reject);
  }
}

const encoder = new SegmentEncoder();

/**
 * `encodeSegment(content, checkBlocks)`, on the process's encoding worker when that pays (above). Content in a
 * SharedArrayBuffer is read there in place, not copied: the caller leaves it unchanged until the promise settles.
 */
export function encodeSegmentOffThread(content: Uint8Array, checkBlocks: number): Promise<EncodedSegment> {
  return encoder.encode(content, checkBlocks);
}

/** Segments encoded on the worker and on the calling thread so far. */
export function segmentEncoderCounts(): { readonly worker: number; readonly here: number } {
  return { ...encoder.counts };
}

/**
 * Worker-thread entry of the segment encoder (segment-encoder.ts): encodes each posted segment with
 * segments.ts's `encodeSegment` and posts the blocks back, their buffers moved rather than copied.
 */
import { parentPort } from 'node:worker_threads';
import { type EncodedSegment, encodeSegment } from './segments.js';

export interface SegmentJob {
  readonly content: Uint8Array;
  readonly checkBlocks: number;
}

/** What the worker posts: once `ready` when it can take segments, then, for each segment in turn, its blocks or why it failed. */
export type SegmentWorkerMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'encoded'; readonly encoded: EncodedSegment }
  | { readonly kind: 'failed'; readonly message: string };

if (parentPort === null) throw new Error('segment-worker must run in a worker thread');
const port = parentPort;

/** The block buffers that can move to the other thread: each block owns its buffer whole. */
function transferable(encoded: EncodedSegment): ArrayBuffer[] {
  return encoded.blocks.flatMap(({ block }) =>
    block.byteOffset === 0 && block.byteLength === block.buffer.byteLength && block.buffer instanceof ArrayBuffer ? [block.buffer] : [],
  );
}

port.on('message', async ({ content, checkBlocks }: SegmentJob) => {
  try {
    const encoded = await encodeSegment(content, checkBlocks);
    port.postMessage({ kind: 'encoded', encoded } satisfies SegmentWorkerMessage, transferable(encoded));
  } catch (error) {
    port.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies SegmentWorkerMessage);
  }
});
port.postMessage({ kind: 'ready' } satisfies SegmentWorkerMessage);

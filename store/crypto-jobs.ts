/**
 * The per-block crypto of a RocksDB store's put as a plain job, so the same code runs
 * on the main thread and on a worker thread (store/crypto-worker.ts): verify the block
 * against its routing key, then seal it for its slot.
 *
 * Jobs and results hold only bytes and strings, so they cross a thread boundary
 * by structured clone; their buffers are handed over rather than copied.
 */
import { InvalidBlockError } from '../protocol/errors.js';
import { type BlockKind, verifyBlock } from '../protocol/keys/index.js';
import type { AtRestCipher } from './at-rest.js';

export interface CryptoJob {
  readonly routingKey: Uint8Array;
  readonly diskKey: Uint8Array;
  readonly block: Uint8Array;
  /** A spare buffer to seal into, when it has the right length. */
  readonly into: Uint8Array | undefined;
  /** The block's kind, when the caller verified it in this process: the job only seals. */
  readonly verified?: BlockKind | undefined;
}

export type CryptoResult =
  | { readonly kind: 'admitted'; readonly blockKind: BlockKind; readonly sealed: Uint8Array }
  /** The block failed verification: the `InvalidBlockError` message. */
  | { readonly kind: 'invalid'; readonly message: string };

export function runCryptoJob(cipher: AtRestCipher, job: CryptoJob): CryptoResult {
  let blockKind: BlockKind;
  try {
    blockKind = job.verified ?? verifyBlock(job.routingKey, job.block);
  } catch (error) {
    if (error instanceof InvalidBlockError) return { kind: 'invalid', message: error.message };
    throw error;
  }
  return { kind: 'admitted', blockKind, sealed: cipher.seal(job.routingKey, job.diskKey, job.block, job.into) };
}

/**
 * `job` made ready to be posted to a worker: every view on a buffer of its own (a view
 * into a larger buffer would send all of it), and the buffers it hands over without a copy.
 */
export function postableJob(job: CryptoJob): { readonly job: CryptoJob; readonly transfer: ArrayBuffer[] } {
  const routingKey = new Uint8Array(job.routingKey);
  const diskKey = new Uint8Array(job.diskKey);
  const block = new Uint8Array(job.block);
  const into = job.into !== undefined && job.into.byteLength === job.into.buffer.byteLength ? job.into : undefined;
  return { job: { ...job, routingKey, diskKey, block, into }, transfer: into === undefined ? [block.buffer] : [block.buffer, into.buffer as ArrayBuffer] };
}

/** The buffers a result hands back without a copy (each is the result's own). */
export function resultTransfer(result: CryptoResult): ArrayBuffer[] {
  return result.kind === 'admitted' ? [result.sealed.buffer as ArrayBuffer] : [];
}

/**
 * The per-block crypto of a RocksDB store as plain jobs, so the same code runs
 * on the main thread and on a worker thread (store/crypto-worker.ts):
 *
 *   admit  put: verify the block against its routing key, then seal it for its slot
 *   open   get: open a sealed value read from its slot
 *
 * Jobs and results hold only bytes and strings, so they cross a thread boundary
 * by structured clone; their buffers are handed over rather than copied.
 */
import { InvalidBlockError } from '../protocol/errors.js';
import { type BlockKind, verifyBlock } from '../protocol/keys/index.js';
import type { AtRestCipher } from './at-rest.js';

export type CryptoJob =
  | {
      readonly kind: 'admit';
      readonly routingKey: Uint8Array;
      readonly diskKey: Uint8Array;
      readonly block: Uint8Array;
      /** A spare buffer to seal into, when it has the right length. */
      readonly into: Uint8Array | undefined;
    }
  | { readonly kind: 'open'; readonly routingKey: Uint8Array; readonly diskKey: Uint8Array; readonly value: Uint8Array };

export type CryptoResult =
  | { readonly kind: 'admitted'; readonly blockKind: BlockKind; readonly sealed: Uint8Array }
  /** The block failed verification: the `InvalidBlockError` message. */
  | { readonly kind: 'invalid'; readonly message: string }
  /** The opened block, or undefined if the value did not open. */
  | { readonly kind: 'opened'; readonly block: Uint8Array | undefined };

export function runCryptoJob(cipher: AtRestCipher, job: CryptoJob): CryptoResult {
  if (job.kind === 'open') return { kind: 'opened', block: cipher.open(job.routingKey, job.diskKey, job.value) };
  let blockKind: BlockKind;
  try {
    blockKind = verifyBlock(job.routingKey, job.block);
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
  if (job.kind === 'open') {
    const value = new Uint8Array(job.value);
    return { job: { ...job, routingKey, diskKey, value }, transfer: [value.buffer] };
  }
  const block = new Uint8Array(job.block);
  const into = job.into !== undefined && job.into.byteLength === job.into.buffer.byteLength ? job.into : undefined;
  return { job: { ...job, routingKey, diskKey, block, into }, transfer: into === undefined ? [block.buffer] : [block.buffer, into.buffer as ArrayBuffer] };
}

/** The buffers a result hands back without a copy (each is the result's own). */
export function resultTransfer(result: CryptoResult): ArrayBuffer[] {
  if (result.kind === 'admitted') return [result.sealed.buffer as ArrayBuffer];
  if (result.kind === 'opened' && result.block !== undefined) return [result.block.buffer as ArrayBuffer];
  return [];
}

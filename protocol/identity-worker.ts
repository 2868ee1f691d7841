/**
 * Worker-thread entry of a nonce search (started by protocol/identity-mint.ts).
 * Searches its share of the nonce space until it finds a nonce or is
 * terminated, posting a `MintWorkerMessage` after every batch.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { NonceSearch, type NonceSearchRange } from './identity-proof.js';

export interface MintWorkerTask extends NonceSearchRange {
  readonly publicKey: Uint8Array;
  readonly difficulty: number;
  readonly batchHashes: number;
}

/** Hashes done since the last message, and the nonce once one meets the difficulty. */
export interface MintWorkerMessage {
  readonly hashes: number;
  readonly nonce?: Uint8Array;
}

if (parentPort === null) throw new Error('identity-worker must run in a worker thread');
const port = parentPort;
const task = workerData as MintWorkerTask;
const search = new NonceSearch(task.publicKey, task.difficulty, task);
for (;;) {
  const { nonce, hashes } = search.run(task.batchHashes);
  if (nonce !== undefined) {
    port.postMessage({ hashes, nonce } satisfies MintWorkerMessage);
    break;
  }
  port.postMessage({ hashes } satisfies MintWorkerMessage);
}

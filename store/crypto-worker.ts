/**
 * Worker-thread entry of a `CryptoPool` (store/crypto-pool.ts): runs each posted
 * batch of crypto jobs with the store's cipher and posts their results back, in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AtRestCipher } from './at-rest.js';
import { type CryptoJob, type CryptoResult, resultTransfer, runCryptoJob } from './crypto-jobs.js';

/** What the worker posts: once `ready` when it can take jobs, then the results of each batch. */
export type CryptoWorkerMessage = { readonly kind: 'ready' } | { readonly kind: 'results'; readonly results: readonly CryptoResult[] };

if (parentPort === null) throw new Error('crypto-worker must run in a worker thread');
const port = parentPort;
const cipher = new AtRestCipher((workerData as { salt: Uint8Array }).salt);
port.on('message', (jobs: readonly CryptoJob[]) => {
  const results = jobs.map((job) => runCryptoJob(cipher, job));
  port.postMessage({ kind: 'results', results } satisfies CryptoWorkerMessage, results.flatMap(resultTransfer));
});
port.postMessage({ kind: 'ready' } satisfies CryptoWorkerMessage);

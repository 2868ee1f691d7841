/**
 * Minting an identity: a key pair and the nonce search that gives it a proof.
 *
 *   mintIdentity ──> searchProofNonce
 *   searchProofNonce ──> inline: NonceSearch batches between event-loop turns
 *                    └─> workers: N × protocol/identity-worker.ts, worker i tries
 *                        nonces i, i+N, i+2N, …; the first to find one wins
 *
 * Both report through one `ProgressMeter` (throttled `onProgress`) and stop on
 * the AbortSignal; every worker is terminated before the promise settles.
 */
import { availableParallelism } from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import { generateSigningKeyPair, signingKeyPairFromSeed } from './crypto.js';
import { type NodeIdentity, verifyIdentityProof } from './identity.js';
import { assertPowDifficulty, NonceSearch } from './identity-proof.js';
import type { MintWorkerMessage, MintWorkerTask } from './identity-worker.js';
import { startModuleWorker } from './module-worker.js';

export interface MintProgress {
  /** Nonces hashed so far, over all workers. */
  readonly hashes: number;
  /** Mean number of hashes a search takes: 2^difficulty. */
  readonly expectedHashes: number;
  readonly elapsedMs: number;
}

export interface NonceSearchOptions {
  readonly publicKey: Uint8Array;
  readonly difficulty: number;
  /** 0 searches inline on the calling thread; n ≥ 1 starts n worker threads. */
  readonly workers: number;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((progress: MintProgress) => void) | undefined;
}

/** Least time between two `onProgress` calls. */
export const PROGRESS_INTERVAL_MS = 100;
/** Hashes between two event-loop turns when searching inline (a few milliseconds). */
const INLINE_BATCH_HASHES = 4096;
/** Hashes between two progress messages from a worker (a few tens of milliseconds). */
const WORKER_BATCH_HASHES = 32768;

class ProgressMeter {
  private hashes = 0;
  private readonly startedAt = performance.now();
  private lastReportAt = this.startedAt;

  constructor(
    private readonly expectedHashes: number,
    private readonly onProgress: ((progress: MintProgress) => void) | undefined,
  ) {}

  add(hashes: number): void {
    this.hashes += hashes;
    if (performance.now() - this.lastReportAt >= PROGRESS_INTERVAL_MS) this.report();
  }

  report(): void {
    this.lastReportAt = performance.now();
    this.onProgress?.({
      hashes: this.hashes,
      expectedHashes: this.expectedHashes,
      elapsedMs: this.lastReportAt - this.startedAt,
    });
  }
}

/**
 * Finds an 8-byte nonce giving `publicKey` a proof with `difficulty` leading
 * zero bits. Rejects with `signal.reason` on abort. Deterministic (the least
 * such nonce) when `workers` is 0 or 1.
 */
export async function searchProofNonce(options: NonceSearchOptions): Promise<Uint8Array> {
  const { publicKey, difficulty, workers, signal } = options;
  if (!Number.isSafeInteger(workers) || workers < 0) throw new RangeError(`workers must be an integer ≥ 0, got ${workers}`);
  assertPowDifficulty(difficulty);
  signal?.throwIfAborted();
  const meter = new ProgressMeter(2 ** difficulty, options.onProgress);
  const nonce =
    workers === 0
      ? await searchInline(new NonceSearch(publicKey, difficulty, { start: 0, stride: 1 }), meter, signal)
      : await searchWithWorkers(publicKey, difficulty, workers, meter, signal);
  meter.report();
  return nonce;
}

async function searchInline(search: NonceSearch, meter: ProgressMeter, signal: AbortSignal | undefined): Promise<Uint8Array> {
  for (;;) {
    const { nonce, hashes } = search.run(INLINE_BATCH_HASHES);
    meter.add(hashes);
    if (nonce !== undefined) return nonce;
    await nextTurn();
    signal?.throwIfAborted();
  }
}

function searchWithWorkers(
  publicKey: Uint8Array,
  difficulty: number,
  workerCount: number,
  meter: ProgressMeter,
  signal: AbortSignal | undefined,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void Promise.allSettled(workers.map((worker) => worker.terminate())).then(outcome);
    };
    const fail = (error: unknown): void => settle(() => reject(error));
    const onAbort = (): void => fail(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });

    const onMessage = (message: MintWorkerMessage): void => {
      if (settled) return;
      try {
        meter.add(message.hashes);
      } catch (error) {
        fail(error);
        return;
      }
      const { nonce } = message;
      if (nonce !== undefined) settle(() => resolve(nonce));
    };
    try {
      for (let index = 0; index < workerCount; index++) {
        const task: MintWorkerTask = { publicKey, difficulty, start: index, stride: workerCount, batchHashes: WORKER_BATCH_HASHES };
        const worker = startModuleWorker(import.meta.url, 'identity-worker', { workerData: task });
        workers.push(worker);
        worker.on('message', onMessage);
        worker.on('error', fail);
        worker.on('exit', (code) => fail(new Error(`identity mint worker exited early (code ${code})`)));
      }
    } catch (error) {
      fail(error);
    }
  });
}

/** Up to this difficulty `mintIdentity` searches inline by default: workers cost more to start. */
export const INLINE_MINT_MAX_DIFFICULTY = 12;

export interface MintIdentityOptions {
  /** Leading zero bits to reach, 0..64. */
  readonly difficulty: number;
  readonly signal?: AbortSignal | undefined;
  /** Called at most every 100 ms while searching, and once at the end. */
  readonly onProgress?: ((progress: MintProgress) => void) | undefined;
  /**
   * Worker threads to search with; 0 searches inline. Default: inline up to
   * difficulty 12, else one per available core.
   */
  readonly workers?: number | undefined;
  /** 32-byte Ed25519 seed; a fresh random one by default. */
  readonly seed?: Uint8Array | undefined;
}

/**
 * Creates an identity: a key pair (from `seed`, or random) and the first nonce
 * found whose proof meets `difficulty`. Rejects with `signal.reason` on abort.
 * With a seed and at most one worker the result is deterministic.
 */
export async function mintIdentity(options: MintIdentityOptions): Promise<NodeIdentity> {
  const { difficulty } = options;
  assertPowDifficulty(difficulty);
  const keyPair = options.seed === undefined ? generateSigningKeyPair() : signingKeyPairFromSeed(options.seed);
  const workers = options.workers ?? (difficulty <= INLINE_MINT_MAX_DIFFICULTY ? 0 : availableParallelism());
  const nonce = await searchProofNonce({
    publicKey: keyPair.publicKey,
    difficulty,
    workers,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  const { location } = verifyIdentityProof({ publicKey: keyPair.publicKey, nonce }, difficulty);
  return { publicKey: keyPair.publicKey, nonce, keyPair, location, difficulty };
}

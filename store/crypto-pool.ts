/**
 * Runs a RocksDB store's put crypto (crypto-jobs.ts: verify and seal) on the main
 * thread and, while puts overlap, on worker threads too: a second core verifies and
 * seals while the first runs the store and RocksDB. (A get's open is not a job: it
 * costs less than the message that would carry it, so the store opens in place.)
 *
 *   run(job) ──> queue ──> an idle worker: up to WORKER_BATCH of the oldest jobs in one
 *                     │    message, once more than one waits (a lone put never pays
 *                     │    for a message)
 *                     └──> main thread: the oldest job left as soon as the calling code
 *                          yields (a microtask), then one per event-loop turn
 *
 * Only jobs that verify go to workers: a seal alone (a block its caller verified) costs less than
 * the hand-off (figures in spec/store.md §5.4), and always runs here.
 *
 * Workers start the first time two jobs wait at once, take jobs once they report
 * ready, and end with `close`. A worker that fails fails the jobs it held with
 * `StoreWorkerError` and is not replaced: the main thread carries on alone. An idle
 * worker does not keep the process alive.
 */
import type { Worker } from 'node:worker_threads';
import { InvalidBlockError } from '../protocol/errors.js';
import type { BlockKind } from '../protocol/keys/index.js';
import { startModuleWorker } from '../protocol/module-worker.js';
import type { AtRestCipher } from './at-rest.js';
import { type CryptoJob, type CryptoResult, postableJob, runCryptoJob } from './crypto-jobs.js';
import type { CryptoWorkerMessage } from './crypto-worker.js';
import { StoreWorkerError } from './errors.js';

/** Most jobs posted to a worker in one message. */
export const WORKER_BATCH = 16;

/** A block that verified, sealed for its slot. */
interface Admitted {
  readonly kind: BlockKind;
  readonly sealed: Uint8Array;
}

interface Waiting {
  readonly job: CryptoJob;
  readonly resolve: (admitted: Admitted) => void;
  readonly reject: (error: unknown) => void;
}

interface PoolWorker {
  readonly thread: Worker;
  ready: boolean;
  /** The jobs posted and not answered yet. */
  held: Waiting[] | undefined;
}

function needsVerifying({ job }: Waiting): boolean {
  return job.verified === undefined;
}

function deliver(waiting: Waiting, result: CryptoResult): void {
  if (result.kind === 'invalid') waiting.reject(new InvalidBlockError(result.message));
  else waiting.resolve({ kind: result.blockKind, sealed: result.sealed });
}

export class CryptoPool {
  private readonly queue: Waiting[] = [];
  private readonly workers: PoolWorker[] = [];
  private workersStarted = false;
  private turnScheduled = false;
  private flushScheduled = false;
  private closing = false;
  /** Jobs run so far, on the main thread and on workers. */
  private readonly counts = { mainThread: 0, workers: 0 };

  /** `workerCount` threads at most (0: everything runs on the main thread). */
  constructor(
    private readonly cipher: AtRestCipher,
    private readonly workerCount: number,
  ) {}

  /**
   * Verifies the job's block against its routing key (`InvalidBlockError` if it does not match)
   * unless the caller already has (`verified`), then seals it for the slot `diskKey`.
   */
  admit(job: CryptoJob): Promise<Admitted> {
    return this.run(job);
  }

  /** Jobs run so far on the main thread and on workers. */
  jobCounts(): { readonly mainThread: number; readonly workers: number } {
    return { ...this.counts };
  }

  /** Ends the workers; call once no job is pending. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map(({ thread }) => thread.terminate()));
  }

  private run(job: CryptoJob): Promise<Admitted> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      if (this.flushScheduled) return;
      this.flushScheduled = true;
      queueMicrotask(() => {
        this.flushScheduled = false;
        this.dispatch();
        this.runOne();
      });
    });
  }

  /** Runs the oldest waiting job here, and schedules the next one for the next event-loop turn. */
  private runOne(): void {
    const waiting = this.queue.shift();
    if (waiting !== undefined) this.runHere(waiting);
    if (this.queue.length === 0 || this.turnScheduled) return;
    this.turnScheduled = true;
    setImmediate(() => {
      this.turnScheduled = false;
      this.runOne();
    });
  }

  private runHere(waiting: Waiting): void {
    this.counts.mainThread += 1;
    try {
      deliver(waiting, runCryptoJob(this.cipher, waiting.job));
    } catch (error) {
      waiting.reject(error);
    }
  }

  /**
   * Posts the oldest waiting jobs that verify to idle workers, unless a lone one waits (the main
   * thread takes it); jobs that only seal stay here.
   */
  private dispatch(): void {
    if (this.closing || this.queue.filter(needsVerifying).length < 2) return;
    if (!this.workersStarted) this.startWorkers();
    for (const worker of this.workers) {
      if (!worker.ready || worker.held !== undefined) continue;
      const held = this.takeForWorker();
      if (held.length === 0) break;
      const posted = held.map(({ job }) => postableJob(job));
      worker.held = held;
      this.counts.workers += held.length;
      worker.thread.ref();
      worker.thread.postMessage(
        posted.map(({ job }) => job),
        posted.flatMap(({ transfer }) => transfer),
      );
    }
  }

  /** Takes the oldest (at most WORKER_BATCH) waiting jobs that verify out of the queue. */
  private takeForWorker(): Waiting[] {
    const taken: Waiting[] = [];
    const kept: Waiting[] = [];
    for (const waiting of this.queue) (taken.length < WORKER_BATCH && needsVerifying(waiting) ? taken : kept).push(waiting);
    this.queue.splice(0, this.queue.length, ...kept);
    return taken;
  }

  private startWorkers(): void {
    this.workersStarted = true;
    for (let index = 0; index < this.workerCount; index++) {
      const worker: PoolWorker = {
        thread: startModuleWorker(import.meta.url, 'crypto-worker', { workerData: { salt: this.cipher.saltBytes } }),
        ready: false,
        held: undefined,
      };
      worker.thread.unref();
      worker.thread.on('message', (message: CryptoWorkerMessage) => this.onMessage(worker, message));
      worker.thread.on('error', (error) => this.retire(worker, new StoreWorkerError(`a store crypto worker failed: ${error.message}`, { cause: error })));
      worker.thread.on('exit', (code) => this.retire(worker, new StoreWorkerError(`a store crypto worker exited (code ${code})`)));
      this.workers.push(worker);
    }
  }

  private onMessage(worker: PoolWorker, message: CryptoWorkerMessage): void {
    if (message.kind === 'results') {
      const held = worker.held ?? [];
      worker.held = undefined;
      worker.thread.unref();
      for (const [index, waiting] of held.entries()) deliver(waiting, message.results[index]!);
    } else {
      worker.ready = true;
    }
    this.dispatch();
  }

  /** Takes a failed worker out of the pool; the jobs it held fail with `error`. */
  private retire(worker: PoolWorker, error: unknown): void {
    const index = this.workers.indexOf(worker);
    if (index < 0) return;
    this.workers.splice(index, 1);
    for (const waiting of worker.held ?? []) waiting.reject(error);
    worker.held = undefined;
  }
}

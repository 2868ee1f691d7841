/**
 * The gateway's fetches (spec/gateway.md §5): one job per key and path, running on its own so that
 * a reader shown the progress page gets the content when the page reloads, not a fetch begun anew.
 *
 *   start(uri) ──existing job (running, or finished less than keepMs ago)──> it
 *              ──else, fewer than maxRunning running──> new job: Client.resolve ──a file of at most
 *                 maxBufferedBytes──> Client.fetchContent into memory (full-content hash checked)
 *              ──else──> TooManyFetchesError
 *   waitFor(job, ms) ──> settled, or still running once ms have passed (Clock timer)
 *
 * Bounds: at most maxRunning jobs run; finished ones are dropped keepMs after they finished, and
 * the oldest first while their buffered bytes pass maxKeptBytes or they are more than maxKeptJobs. A failed job is dropped once its
 * failure has been shown, so reloading tries again. `stop()` aborts every job.
 */
import type { RequestUri } from '../../../protocol/keys/index.js';
import type { Client, ClientFetchProgress, ResolvedUri } from '../../client/client.js';
import { collect } from '../../client/fetch.js';
import type { Clock } from '../../components.js';
import { NodeStoppedError } from '../../errors.js';
import type { DashboardTransfer } from './dashboard.js';
import { TooManyFetchesError } from './errors.js';

export interface GatewayFetchesComponents {
  readonly client: Client;
  readonly clock: Clock;
}

export interface GatewayFetchesInit {
  /** Jobs running at once. */
  readonly maxRunning: number;
  /** Largest file held in memory whole (and so filtered, or sliced for a range); larger ones are streamed. */
  readonly maxBufferedBytes: number;
  /** Bytes of finished files kept in memory at most. */
  readonly maxKeptBytes: number;
  /** How long a finished job is kept for the next request. */
  readonly keepMs: number;
  /** Finished jobs kept at most. */
  readonly maxKeptJobs: number;
}

export class FetchJob {
  state: 'running' | 'done' | 'failed' = 'running';
  stage: 'resolving' | 'fetching' = 'resolving';
  blocksFetched = 0;
  blocksExpected: number | undefined;
  resolved: ResolvedUri | undefined;
  /** The whole content of a file no larger than maxBufferedBytes. */
  content: Uint8Array | undefined;
  error: unknown;
  finishedAt = 0;
  readonly settled: Promise<void>;

  constructor(
    readonly uri: RequestUri,
    readonly startedAt: number,
    run: (job: FetchJob) => Promise<void>,
  ) {
    this.settled = run(this);
  }

  onProgress = (progress: ClientFetchProgress): void => {
    if (progress.type === 'blockFetched') this.blocksFetched++;
  };
}

export class GatewayFetches {
  private readonly jobs = new Map<string, FetchJob>();
  private readonly stopping = new AbortController();

  constructor(
    private readonly components: GatewayFetchesComponents,
    private readonly init: GatewayFetchesInit,
  ) {}

  start(uri: RequestUri): FetchJob {
    this.forgetStale();
    const key = uri.toString();
    const existing = this.jobs.get(key);
    if (existing !== undefined) return existing;
    const running = [...this.jobs.values()].filter((job) => job.state === 'running').length;
    if (running >= this.init.maxRunning) throw new TooManyFetchesError(this.init.maxRunning);
    const job = new FetchJob(uri, this.components.clock.now(), (started) => this.run(started));
    this.jobs.set(key, job);
    return job;
  }

  /** Resolves once the job has settled or `ms` have passed, whichever is first. */
  async waitFor(job: FetchJob, ms: number): Promise<void> {
    if (job.state !== 'running') return;
    let timer: { cancel(): void } | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = this.components.clock.setTimer(ms, resolve);
    });
    try {
      await Promise.race([job.settled, timeout]);
    } finally {
      timer?.cancel();
    }
  }

  /** The jobs running now, for the dashboard. */
  running(): DashboardTransfer[] {
    const now = this.components.clock.now();
    return [...this.jobs.values()]
      .filter((job) => job.state === 'running')
      .map((job) => ({
        kind: 'fetch (gateway)',
        name: job.uri.toString(),
        blocksDone: job.blocksFetched,
        blocksTotal: job.blocksExpected ?? 0,
        seconds: Math.round((now - job.startedAt) / 1000),
      }));
  }

  /** A failure has been shown: the next request for the key fetches again. */
  forget(job: FetchJob): void {
    if (this.jobs.get(job.uri.toString()) === job) this.jobs.delete(job.uri.toString());
  }

  stop(): void {
    this.stopping.abort(new NodeStoppedError());
    this.jobs.clear();
  }

  private async run(job: FetchJob): Promise<void> {
    const { client, clock } = this.components;
    const options = { signal: this.stopping.signal, onProgress: job.onProgress };
    try {
      const resolved = await client.resolve(job.uri, options);
      job.resolved = resolved;
      if (resolved.kind === 'file' && resolved.manifest.size <= this.init.maxBufferedBytes) {
        job.stage = 'fetching';
        job.blocksExpected = resolved.manifest.segments.reduce((sum, segment) => sum + segment.dataBlocks.length, 0);
        job.blocksFetched = 0;
        job.content = await collect(client.fetchContent(resolved.manifest, options), resolved.manifest.size);
      }
      job.state = 'done';
    } catch (error) {
      job.error = error;
      job.state = 'failed';
    } finally {
      job.finishedAt = clock.now();
    }
  }

  /** Drops finished jobs older than keepMs, then the oldest while the kept bytes pass maxKeptBytes. */
  private forgetStale(): void {
    const now = this.components.clock.now();
    const finished = [...this.jobs.entries()].filter(([, job]) => job.state !== 'running').sort(([, a], [, b]) => a.finishedAt - b.finishedAt);
    let kept = finished.reduce((sum, [, job]) => sum + (job.content?.length ?? 0), 0);
    let count = finished.length;
    for (const [key, job] of finished) {
      if (now - job.finishedAt < this.init.keepMs && kept <= this.init.maxKeptBytes && count <= this.init.maxKeptJobs) continue;
      this.jobs.delete(key);
      kept -= job.content?.length ?? 0;
      count--;
    }
  }
}

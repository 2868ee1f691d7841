/**
 * The standard workload (spec/simulator.md §2): `keys` distinct blocks inserted from random
 * nodes, then `requests` requests from random nodes for keys drawn by Zipf popularity, both
 * arriving as Poisson processes in virtual time; measured from the outside by a delivery tap
 * and the outcome of every call (metrics.ts).
 *
 *   runWorkload ──arrivals (clock timers)──> Node.insert / Node.request (the production paths)
 *               ──clock.run in steps──> progress;  TrafficTap ──> hops, messages, bytes, P(originator | HTL)
 *   outcomes + tap + store stats ──> WorkloadMetrics ──workloadFigures──> report figures
 *   runTraffic: the same draws and calls, nothing measured (background traffic) ──> clock events
 *
 * Everything is drawn from `sim.rng.fork('workload/' + label)`, so the same network, seed and
 * parameters give the same metrics.
 */
import { isValidBlock } from '../protocol/keys/block.js';
import { type ChkBlock, encodeChk } from '../protocol/keys/chk.js';
import { WorkloadStalledError } from './errors.js';
import { type AnonymityFigures, posteriorFigures } from './anonymity.js';
import { gini, histogram, summarize, TrafficTap } from './metrics.js';
import type { SimulatedNetwork } from './simulated-network.js';
import type { Figure, Progress } from './report/model.js';
import type { SeededRng } from './rng.js';
import { ZipfSampler } from './zipf.js';

export interface WorkloadInit {
  /** Distinct blocks inserted before the requests. */
  readonly keys: number;
  /** Requests, each for a key drawn with Zipf popularity. */
  readonly requests: number;
  /** Exponent of the popularity (default 1.0; 0 = uniform). */
  readonly zipfExponent?: number;
  /** Mean virtual time between two request starts, and between two insert starts (Poisson arrivals; default 10 ms): bounds concurrency. */
  readonly requestIntervalMs?: number;
  readonly onProgress?: (progress: Progress) => void;
  /** Told of the clock events fired, step by step as the run goes (they add up to `events`): a scenario's `countEvents`. */
  readonly onEvents?: (fired: number) => void;
  /** Indices of the nodes inserts and requests start from (default: every node). */
  readonly origins?: readonly number[];
  /** Names this workload's blocks and draws, so two workloads on one network differ (default 'workload'). */
  readonly label?: string;
  /**
   * Request the blocks of the earlier workload with this label instead of inserting blocks of
   * its own (nothing is inserted): how a scenario asks for the same data again later, e.g.
   * while nodes come and go (default: insert this workload's own blocks first).
   */
  readonly requestBlocksOf?: string;
}

export interface WorkloadMetrics {
  readonly inserts: { readonly attempted: number; readonly succeeded: number };
  readonly requests: number;
  readonly succeeded: number;
  readonly successRate: number;
  /** DataRequest deliveries of each successful request's transaction (0: found in the requester's own store). */
  readonly hops: { readonly mean: number; readonly p50: number; readonly p95: number; readonly histogram: [hops: number, count: number][] };
  /** Virtual time from a successful request's start to its block. */
  readonly latencyMs: { readonly mean: number; readonly p50: number; readonly p95: number };
  /** Messages (and their wire bytes) delivered during the request phase, per successful request. */
  readonly messagesPerSuccess: number;
  readonly bytesPerSuccess: number;
  /** Gini coefficient of the messages each node received during the request phase. */
  readonly loadGini: number;
  /** Mean fraction of each node's store / cache budget in use at the end. */
  readonly storeFill: number;
  readonly cacheFill: number;
  /** Blocks handed to a requester that fail verification: must be 0. */
  readonly invalidBlocksDelivered: number;
  /** P(originator | HTL received) over the DataRequests of the run (spec/simulator.md §3.4): worst case, mean when originator, prior. */
  readonly originator: AnonymityFigures;
  /** Clock events fired while the workload ran. */
  readonly events: number;
}

/** HTLs received fewer times than this are left out of the worst case. */
const MIN_POSTERIOR_SAMPLES = 100;
const DEFAULT_ZIPF_EXPONENT = 1;
const DEFAULT_INTERVAL_MS = 10;
/** Virtual time the clock runs between two progress reports. */
const STEP_MS = 1_000;
/** A transaction's record is kept this long after its first DataRequest: longer than any route can live. */
const TX_HORIZON_MS = 600_000;

/** Uniform waiting time of a Poisson process with mean `meanMs`. */
function exponential(rng: SeededRng, meanMs: number): number {
  return -Math.log(1 - rng.next()) * meanMs;
}

function checkCount(name: string, value: number, minimum: number): void {
  if (!Number.isSafeInteger(value) || value < minimum) throw new RangeError(`${name} must be an integer of at least ${minimum}, got ${value}`);
}

/**
 * Starts `total` operations at Poisson arrivals and runs the clock until every one has
 * ended. Returns the clock events fired. `start` handles the outcomes it expects (a request
 * that fails is a result); an exception it lets through is a bug and rejects the run. Scenarios with operations of their own (retention's
 * daily fetches, eclipse's requests for one key) drive them with it too.
 */
export async function drive(
  sim: SimulatedNetwork,
  phase: string,
  total: number,
  meanIntervalMs: number,
  rng: SeededRng,
  start: (index: number) => Promise<void>,
  onProgress: ((progress: Progress) => void) | undefined,
  onEvents?: (fired: number) => void,
): Promise<number> {
  const { clock } = sim;
  let started = 0;
  let finished = 0;
  let failure: { error: unknown } | undefined;
  const ended = (): void => {
    finished++;
  };
  const failed = (error: unknown): void => {
    failure ??= { error };
    finished++;
  };
  const launch = (): void => {
    start(started++).then(ended, failed);
    if (started < total) clock.setTimer(exponential(rng, meanIntervalMs), launch);
  };
  if (total > 0) clock.setTimer(0, launch);
  let events = 0;
  while (finished < total) {
    const fired = await clock.run({ until: clock.now() + STEP_MS });
    events += fired;
    onEvents?.(fired);
    onProgress?.({ phase, done: finished, total });
    if (failure !== undefined) throw failure.error;
    if (fired === 0 && clock.pendingTimers === 0 && finished < total) throw new WorkloadStalledError(phase, total - finished);
  }
  return events;
}

/** Requests for one (origin, key) pair in flight, and the transaction they travel in. */
interface PairState {
  inFlight: number;
  /** Requests started and not yet matched to a transaction. */
  readonly waiting: number[];
  tx: bigint | undefined;
}

/** What a workload draws from: its origins, arrival times, origin picks, popularity, and its blocks. */
interface WorkloadDraws {
  readonly origins: readonly number[];
  readonly arrivals: SeededRng;
  readonly picks: SeededRng;
  readonly zipf: ZipfSampler;
  readonly blocks: readonly ChkBlock[];
  readonly interval: number;
}

function workloadDraws(sim: SimulatedNetwork, init: WorkloadInit): WorkloadDraws {
  const { keys, requests, zipfExponent = DEFAULT_ZIPF_EXPONENT, requestIntervalMs = DEFAULT_INTERVAL_MS, label = 'workload' } = init;
  checkCount('keys', keys, 1);
  checkCount('requests', requests, 0);
  if (!(requestIntervalMs >= 0 && requestIntervalMs !== Infinity))
    throw new RangeError(`requestIntervalMs must be finite and non-negative, got ${requestIntervalMs}`);
  const origins = init.origins ?? sim.nodes.map((_, index) => index);
  if (origins.length === 0) throw new RangeError('a workload needs at least one origin node');
  const rng = sim.rng.fork(`workload/${label}`);
  const textEncoder = new TextEncoder();
  const blocks: ChkBlock[] = [];
  for (let index = 0; index < keys; index++) {
    blocks.push(encodeChk(textEncoder.encode(`warren-sim/${init.requestBlocksOf ?? label}/${index}`), sim.chkFormat));
  }
  return {
    origins,
    arrivals: rng.fork('arrivals'),
    picks: rng.fork('origins'),
    zipf: new ZipfSampler(keys, zipfExponent, rng.fork('popularity')),
    blocks,
    interval: requestIntervalMs,
  };
}

/** The insert phase: each of the workload's blocks (none with `requestBlocksOf`) from an origin drawn at random; events and blocks stored. */
async function insertPhase(sim: SimulatedNetwork, init: WorkloadInit, draws: WorkloadDraws): Promise<{ events: number; attempted: number; stored: number }> {
  const { blocks, origins, arrivals, picks, interval } = draws;
  const attempted = init.requestBlocksOf === undefined ? blocks.length : 0;
  let stored = 0;
  const insert = async (index: number): Promise<void> => {
    const { routingKey, block } = blocks[index]!;
    await sim.nodes[picks.pick(origins)]!.node.insert(routingKey, block).then(
      () => stored++,
      () => undefined,
    );
  };
  const events = await drive(sim, 'inserting', attempted, interval, arrivals, insert, init.onProgress, init.onEvents);
  return { events, attempted, stored };
}

/**
 * A workload's inserts and requests, with the same draws as `runWorkload`'s and so the same run, measuring
 * nothing: background traffic (a growing opennet's users). Returns the clock events fired.
 */
export async function runTraffic(sim: SimulatedNetwork, init: WorkloadInit): Promise<number> {
  const draws = workloadDraws(sim, init);
  const { origins, arrivals, picks, zipf, blocks, interval } = draws;
  let events = (await insertPhase(sim, init, draws)).events;
  const request = async (): Promise<void> => {
    const origin = picks.pick(origins);
    await sim.nodes[origin]!.node.request(blocks[zipf.next()]!.routingKey).catch(() => undefined);
  };
  events += await drive(sim, 'requesting', init.requests, interval, arrivals, request, init.onProgress, init.onEvents);
  return events;
}

export async function runWorkload(sim: SimulatedNetwork, init: WorkloadInit): Promise<WorkloadMetrics> {
  const { keys, requests, onProgress, onEvents } = init;
  const draws = workloadDraws(sim, init);
  const { origins, arrivals, picks, zipf, blocks, interval } = draws;
  const { clock, chkFormat } = sim;
  const keyIndex = new Map<Uint8Array, number>(blocks.map((block, index) => [block.routingKey, index]));

  // Requests find their transaction through the tap: the first DataRequest of a new tx sent by
  // their node for their key. A request that joined one already in flight at its node shares its tx.
  const pairs = new Map<number, PairState>();
  const requestTx = new Map<number, bigint>();
  const tap = new TrafficTap(
    sim.network,
    () => sim.nodes.map(({ transport }) => transport.peer.id),
    TX_HORIZON_MS,
    (tx, origin, envelope) => {
      if (envelope.body.type !== 'dataRequest') return;
      const key = keyIndex.get(envelope.body.routingKey);
      if (key === undefined) return;
      const pair = pairs.get(origin * keys + key);
      if (pair === undefined) return;
      pair.tx = tx;
      for (const request of pair.waiting) requestTx.set(request, tx);
      pair.waiting.length = 0;
    },
  );

  try {
    const inserted = await insertPhase(sim, init, draws);
    let events = inserted.events;

    tap.resetTraffic();
    let succeeded = 0;
    let invalid = 0;
    const hops: number[] = [];
    const latencies: number[] = [];
    events += await drive(
      sim,
      'requesting',
      requests,
      interval,
      arrivals,
      async (index) => {
        const origin = picks.pick(origins);
        const key = zipf.next();
        const pairKey = origin * keys + key;
        let pair = pairs.get(pairKey);
        if (pair === undefined) {
          pair = { inFlight: 0, waiting: [], tx: undefined };
          pairs.set(pairKey, pair);
        }
        pair.inFlight++;
        pair.waiting.push(index);
        let localHit = false;
        const startedAt = clock.now();
        const { routingKey } = blocks[key]!;
        const block = await sim.nodes[origin]!.node.request(routingKey, {
          onProgress: (progress) => {
            if (progress.type === 'cacheHit') localHit = true;
          },
        }).catch(() => undefined);
        const tx = requestTx.get(index) ?? pair.tx;
        requestTx.delete(index);
        const waitingAt = pair.waiting.indexOf(index);
        if (waitingAt >= 0) pair.waiting.splice(waitingAt, 1);
        if (--pair.inFlight === 0) pairs.delete(pairKey);
        if (block === undefined) return;
        if (!isValidBlock(routingKey, block, chkFormat)) {
          invalid++;
          return;
        }
        succeeded++;
        hops.push(localHit || tx === undefined ? 0 : (tap.tx(tx)?.hops ?? 0));
        latencies.push(clock.now() - startedAt);
      },
      onProgress,
      onEvents,
    );

    const hopSummary = summarize(hops);
    const fill = storeFill(sim);
    return {
      inserts: { attempted: inserted.attempted, succeeded: inserted.stored },
      requests,
      succeeded,
      successRate: requests === 0 ? 0 : succeeded / requests,
      hops: { ...hopSummary, histogram: histogram(hops) },
      latencyMs: summarize(latencies),
      messagesPerSuccess: succeeded === 0 ? 0 : tap.messages / succeeded,
      bytesPerSuccess: succeeded === 0 ? 0 : tap.bytes / succeeded,
      loadGini: gini(tap.received),
      storeFill: fill.store,
      cacheFill: fill.cache,
      invalidBlocksDelivered: invalid,
      originator: posteriorFigures(
        tap.byHtl.received.map((total, htl) => ({ observation: `HTL ${htl}`, total, originator: tap.byHtl.fromOriginator[htl]! })),
        MIN_POSTERIOR_SAMPLES,
      ),
      events,
    };
  } finally {
    tap.stop();
  }
}

/** Mean fraction of the store and cache budgets in use, over the nodes. */
function storeFill(sim: SimulatedNetwork): { store: number; cache: number } {
  let store = 0;
  let cache = 0;
  for (const { store: blockStore } of sim.nodes) {
    const stats = blockStore.stats();
    store += stats.store.bytes / stats.store.budgetBytes;
    cache += stats.cache.bytes / stats.cache.budgetBytes;
  }
  const count = Math.max(1, sim.nodes.length);
  return { store: store / count, cache: cache / count };
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** The workload's figures, in a fixed order and rounded to what they can show, for a scenario report. */
export function workloadFigures(metrics: WorkloadMetrics): Figure[] {
  const ratio = (value: number) => round(value, 4);
  const tenths = (value: number) => round(value, 2);
  return [
    { name: 'inserts stored', value: ratio(metrics.inserts.attempted === 0 ? 0 : metrics.inserts.succeeded / metrics.inserts.attempted), unit: 'ratio' },
    { name: 'success rate', value: ratio(metrics.successRate), unit: 'ratio' },
    { name: 'hops, mean', value: tenths(metrics.hops.mean), unit: 'hops' },
    { name: 'hops, p50', value: metrics.hops.p50, unit: 'hops' },
    { name: 'hops, p95', value: metrics.hops.p95, unit: 'hops' },
    { name: 'latency, mean', value: tenths(metrics.latencyMs.mean), unit: 'ms' },
    { name: 'latency, p50', value: tenths(metrics.latencyMs.p50), unit: 'ms' },
    { name: 'latency, p95', value: tenths(metrics.latencyMs.p95), unit: 'ms' },
    { name: 'messages per successful request', value: tenths(metrics.messagesPerSuccess), unit: 'messages' },
    { name: 'bytes per successful request', value: Math.round(metrics.bytesPerSuccess), unit: 'bytes' },
    { name: 'load per node, Gini', value: ratio(metrics.loadGini), unit: '' },
    { name: 'store fill', value: ratio(metrics.storeFill), unit: 'ratio' },
    { name: 'cache fill', value: ratio(metrics.cacheFill), unit: 'ratio' },
    { name: 'invalid blocks delivered', value: metrics.invalidBlocksDelivered, unit: 'count' },
    {
      name: `P(originator | HTL received), worst over HTLs with ≥ ${MIN_POSTERIOR_SAMPLES} requests`,
      value: ratio(metrics.originator.worst.value),
      unit: 'ratio',
      reference: { value: ratio(metrics.originator.prior), source: 'share of DataRequests sent by their originator (guessing without looking)' },
    },
    { name: 'P(originator | HTL received), mean when the sender is the originator', value: ratio(metrics.originator.meanWhenOriginator), unit: 'ratio' },
  ];
}

/**
 * A flash crowd (spec/simulator.md, "Flash crowd"): a publisher inserts one file, then a tenth of
 * the network fetches it as the client does (sim/file-transfer.ts: window 32, k blocks a segment,
 * retries), all starting within `windowMs` of the insert — ten minutes for the crowd, a week for
 * the quiet case the crowd is compared with (same network, fetchers and order; only the spread).
 *
 *   insert (publisher, all nodes online) ──> first holders: the nodes that stored a block of it (store partition)
 *   fetchers start at uniform times over windowMs ──fetchFile──> completion time each
 *   delivery tap ──> per node: DataRequests received, DataFound sent (blocks uploaded)
 *   at the end ──> nodes holding a block of the file (store or cache)
 */
import type { NodeInit } from '../node/node.js';
import type { PeerId } from '../node/transport.js';
import { DEFAULT_WINDOW } from '../node/client/types.js';
import { Window } from '../node/client/window.js';
import type { ChkBlock } from '../protocol/keys/chk.js';
import type { Partition } from '../store/block-store.js';
import { fetchFile } from './file-transfer.js';
import { encodeFile, shardBytes } from './files.js';
import { ENVELOPE_HEADER_BYTES } from './memory-network.js';
import { percentileOfSorted, type Summary, summarize } from './metrics.js';
import type { Progress } from './report/model.js';
import { SeededRng } from './rng.js';
import { createSimulatedNetwork, type SimulatedNetwork } from './simulated-network.js';
import { idealLocations, smallWorldEdges } from './topology.js';

export const TEN_MINUTES_MS = 600_000;
export const WEEK_MS = 7 * 86_400_000;

export interface FlashCrowdInit {
  readonly seed: string;
  readonly nodes: number;
  /** Nodes that fetch the file (default a tenth of the network). */
  readonly fetchers?: number;
  /** Fetch starts are uniform over this much virtual time after the insert. */
  readonly windowMs: number;
  /** Segments of the file the simulation keeps, each 128 data + 128 check blocks (default 1). */
  readonly segments?: number;
  readonly dataBlocksPerSegment?: number;
  readonly checkBlocksPerSegment?: number;
  /** Block requests each fetcher keeps in flight (default 32, the client's). */
  readonly window?: number;
  /** Fetch attempts before a fetcher gives up, and the time between them (default 3, 60 s). */
  readonly attempts?: number;
  readonly retryDelayMs?: number;
  readonly degree?: number;
  readonly blockBytes?: number;
  /**
   * Blocks each node can upload per second of virtual time (default 16: 512 KiB/s of 32 KiB blocks, about
   * half of a 10 Mbit/s residential uplink); other envelopes cost the uplink ENVELOPE_HEADER_BYTES each.
   */
  readonly uploadBlocksPerSecond?: number;
  /** Store and cache budgets of each node, in blocks (default 512 each: room for the whole file). */
  readonly storeBlocks?: number;
  readonly cacheBlocks?: number;
  readonly node?: Omit<NodeInit, 'location' | 'chkFormat'>;
  readonly onProgress?: (progress: Progress) => void;
}

export interface NodeLoad {
  readonly max: number;
  readonly mean: number;
}

export interface FlashCrowdRun {
  readonly fetchers: number;
  readonly completed: number;
  /** Virtual ms from each completed fetcher's start to its last needed block. */
  readonly completionMs: Summary & { readonly max: number };
  /** Completion times at every 5th percentile, 0 to 100 (for the distribution chart). */
  readonly completionPercentiles: readonly number[];
  readonly blocks: number;
  readonly firstHolders: number;
  /** Blocks each node uploaded (DataFound sent) during the fetches: over the first holders, and over every node. */
  readonly uploadsFirstHolders: NodeLoad;
  readonly uploadsAll: NodeLoad;
  /** DataRequests each node received during the fetches. */
  readonly requestsFirstHolders: NodeLoad;
  readonly requestsAll: NodeLoad;
  /** Nodes holding at least one block of the file at the end, and at least k blocks of every segment. */
  readonly nodesHolding: number;
  readonly nodesHoldingWhole: number;
  readonly blockRequests: number;
  readonly events: number;
}

export const FLASH_CROWD_DEFAULTS = {
  segments: 1,
  dataBlocksPerSegment: 128,
  checkBlocksPerSegment: 128,
  window: DEFAULT_WINDOW,
  attempts: 3,
  retryDelayMs: 60_000,
  degree: 10,
  blockBytes: 1024,
  uploadBlocksPerSecond: 16,
  storeBlocks: 512,
  cacheBlocks: 512,
} as const;

const PUBLISHER = 0;
const BOTH_PARTITIONS: readonly Partition[] = ['store', 'cache'];
const STEP_MS = 1_000;
/** The fetch phase runs the clock in steps of at least 1 s and at most a thousandth of the start window (a week: 10 min). */
const STEPS_PER_WINDOW = 1_000;

function loadOf(values: Float64Array, indices: readonly number[]): NodeLoad {
  let max = 0;
  let sum = 0;
  for (const index of indices) {
    max = Math.max(max, values[index]!);
    sum += values[index]!;
  }
  return { max, mean: indices.length === 0 ? 0 : sum / indices.length };
}

/** How many of `blocks` each node holds, in `partitions`. */
function blocksHeld(sim: SimulatedNetwork, blocks: readonly ChkBlock[], partitions: readonly Partition[]): number[] {
  return sim.nodes.map(({ store }) => blocks.filter(({ routingKey }) => partitions.includes(store.partitionOf(routingKey)!)).length);
}

/** Runs the clock in steps of `stepMs` until `done()`; progress once a step. */
async function runUntil(sim: SimulatedNetwork, stepMs: number, done: () => boolean, progress: () => void): Promise<number> {
  let events = 0;
  while (!done()) {
    events += await sim.clock.run({ until: sim.clock.now() + stepMs });
    progress();
  }
  return events;
}

export async function runFlashCrowd(init: FlashCrowdInit): Promise<FlashCrowdRun> {
  const settings = { ...FLASH_CROWD_DEFAULTS, ...init };
  const { seed, nodes, windowMs, onProgress } = settings;
  const fetcherCount = init.fetchers ?? Math.max(1, Math.round(nodes / 10));
  if (fetcherCount >= nodes) throw new RangeError(`fetchers must be fewer than the nodes, got ${fetcherCount} of ${nodes}`);
  const rng = new SeededRng(`${seed}/flash-crowd`);
  const edges = smallWorldEdges(nodes, rng.fork('edges'), { degree: settings.degree });
  const sim = await createSimulatedNetwork({
    seed,
    locations: idealLocations(nodes),
    edges,
    blockBytes: settings.blockBytes,
    uploadBytesPerSecond: settings.uploadBlocksPerSecond * (settings.blockBytes + ENVELOPE_HEADER_BYTES),
    storeBudgetBytes: settings.storeBlocks * settings.blockBytes,
    cacheBudgetBytes: settings.cacheBlocks * settings.blockBytes,
    ...(init.node === undefined ? {} : { node: init.node }),
  });
  const k = settings.dataBlocksPerSegment;
  const contentRng = rng.fork('content');
  const content = Uint8Array.from({ length: settings.segments * k * shardBytes(sim.chkFormat) }, () => contentRng.int(256));
  const file = await encodeFile(content, settings.segments, sim.chkFormat, { dataBlocksPerSegment: k, checkBlocksPerSegment: settings.checkBlocksPerSegment });
  const blocks = file.segments.flat();
  const publisher = sim.nodes[PUBLISHER]!.node;

  let events = 0;
  const inserts = new Window(settings.window);
  let inserted = 0;
  const insertAll = Promise.all(blocks.map((block) => inserts.run(() => publisher.insert(block.routingKey, block.block).finally(() => inserted++))));
  events += await runUntil(
    sim,
    STEP_MS,
    () => inserted === blocks.length,
    () => onProgress?.({ phase: 'inserting the file', done: inserted, total: blocks.length }),
  );
  await insertAll;
  const heldAfterInsert = blocksHeld(sim, blocks, ['store']);
  const firstHolders = heldAfterInsert.flatMap((held, index) => (held > 0 ? [index] : []));

  const indexOf = new Map<PeerId, number>(sim.nodes.map(({ transport }, index) => [transport.peer.id, index]));
  const uploads = new Float64Array(nodes);
  const requestsReceived = new Float64Array(nodes);
  const untap = sim.network.onDelivery(({ from, to, envelope }) => {
    if (envelope.body.type === 'dataFound') uploads[indexOf.get(from) ?? PUBLISHER]!++;
    else if (envelope.body.type === 'dataRequest') requestsReceived[indexOf.get(to) ?? PUBLISHER]!++;
  });

  const order = rng.fork('fetchers');
  const fetchers = order.shuffle(Array.from({ length: nodes - 1 }, (_, index) => index + 1)).slice(0, fetcherCount);
  const completions: number[] = [];
  let finished = 0;
  let blockRequests = 0;
  const started = sim.clock.now();
  for (const fetcher of fetchers) {
    sim.clock.setTimer(order.next() * windowMs, () => {
      const start = sim.clock.now();
      fetchFile(sim.nodes[fetcher]!.node, file, sim.clock, settings).then(
        (fetched) => {
          blockRequests += fetched.requests;
          if (fetched.retrievable) completions.push(sim.clock.now() - start);
          finished++;
        },
        (error: unknown) => {
          sim.clock.setTimer(0, () => {
            throw error;
          });
        },
      );
    });
  }
  events += await runUntil(
    sim,
    Math.max(STEP_MS, windowMs / STEPS_PER_WINDOW),
    () => finished === fetcherCount,
    () => onProgress?.({ phase: `${fetcherCount} fetchers over ${Math.round((sim.clock.now() - started) / 1000)} s`, done: finished, total: fetcherCount }),
  );
  untap();
  const heldAtEnd = blocksHeld(sim, blocks, BOTH_PARTITIONS);
  const heldBySegment = file.segments.map((segment) => blocksHeld(sim, segment, BOTH_PARTITIONS));
  const holdsWhole = sim.nodes.filter((_, index) => heldBySegment.every((held) => held[index]! >= k)).length;
  await sim.stop();

  const sorted = [...completions].sort((a, b) => a - b);
  const everyone = Array.from({ length: nodes }, (_, index) => index);
  return {
    fetchers: fetcherCount,
    completed: completions.length,
    completionMs: { ...summarize(completions), max: sorted.at(-1) ?? 0 },
    completionPercentiles: Array.from({ length: 21 }, (_, step) => percentileOfSorted(sorted, step / 20)),
    blocks: blocks.length,
    firstHolders: firstHolders.length,
    uploadsFirstHolders: loadOf(uploads, firstHolders),
    uploadsAll: loadOf(uploads, everyone),
    requestsFirstHolders: loadOf(requestsReceived, firstHolders),
    requestsAll: loadOf(requestsReceived, everyone),
    nodesHolding: heldAtEnd.filter((held) => held > 0).length,
    nodesHoldingWhole: holdsWhole,
    blockRequests,
    events,
  };
}

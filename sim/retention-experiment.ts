/**
 * Retention over simulated days (spec/simulator.md, "Retention"): a publisher inserts files
 * (real CHK blocks, Reed-Solomon segments) into a small world, then the network churns for
 * `days` days and the files are fetched back, block by block, through the production request
 * path.
 *
 *   insert every block from the publisher (all nodes online)
 *   Churn starts ──> each day: other content inserted from random online nodes, filling
 *                    stores (farthest-first eviction) and caches (LRU); then at midnight:
 *     without healing: the day's cohort (files i with i mod days = day − 1) is fetched, once in
 *                      its life, so fetching never refreshes what is measured
 *     with healing:    the publisher fetches every file and re-inserts each block that failed
 *   ──> per day: files retrievable (every segment ≥ k blocks), blocks retrievable, re-inserts
 *
 * The publisher (node 0) never leaves; it does not keep its own inserts (no node does), so
 * its fetches go to the network like anyone's.
 */
import type { NodeInit } from '../node/node.js';
import type { Redundancy } from '../node/client/segments.js';
import { type ChkBlock, encodeChk } from '../protocol/keys/chk.js';
import { Churn, type ChurnCounts } from './churn-model.js';
import { encodeFile, isRetrievable, type SimulatedFile, SMALL_FILE_REDUNDANCY, shardBytes } from './files.js';
import { Membership } from './membership.js';
import { createSimulatedNetwork } from './simulated-network.js';
import type { Progress } from './report/model.js';
import { SeededRng } from './rng.js';
import { idealLocations, smallWorldEdges } from './topology.js';
import { drive } from './workload.js';

export const DAY_MS = 86_400_000;

export interface RetentionInit {
  readonly seed: string;
  readonly nodes: number;
  readonly files: number;
  readonly healing: boolean;
  /** Simulated days (default 30). */
  readonly days?: number;
  readonly segmentsPerFile?: number;
  readonly redundancy?: Partial<Redundancy>;
  /** Links per node of the small world (default 10). */
  readonly degree?: number;
  /** Simulation CHK block size (default 1 KiB). */
  readonly blockBytes?: number;
  /** Weibull scale of sessions (default 1 h), availability (default 0.7), mean membership (default 60 days). */
  readonly sessionScaleMs?: number;
  readonly availability?: number;
  readonly meanMembershipMs?: number;
  /** Mean virtual time between two block fetches or inserts of the publisher (default 100 ms). */
  readonly operationIntervalMs?: number;
  /** Blocks of other content inserted each day from random online nodes, per node (default 1): what fills stores and caches. */
  readonly backgroundInsertsPerNodePerDay?: number;
  /** Store and cache budgets of each node, in blocks (default 64 each). */
  readonly storeBlocks?: number;
  readonly cacheBlocks?: number;
  readonly node?: Omit<NodeInit, 'location' | 'chkFormat'>;
  readonly onProgress?: (progress: Progress) => void;
}

export interface RetentionDay {
  readonly day: number;
  readonly filesChecked: number;
  readonly filesRetrievable: number;
  readonly blocksChecked: number;
  readonly blocksRetrievable: number;
  readonly blocksReinserted: number;
  readonly nodesOnline: number;
}

export interface RetentionRun {
  readonly blocksInserted: { readonly attempted: number; readonly succeeded: number };
  readonly days: readonly RetentionDay[];
  readonly churn: ChurnCounts;
  readonly events: number;
}

export const RETENTION_DEFAULTS = {
  days: 30,
  segmentsPerFile: 1,
  degree: 10,
  blockBytes: 1024,
  sessionScaleMs: 3_600_000,
  availability: 0.7,
  meanMembershipMs: 60 * DAY_MS,
  operationIntervalMs: 100,
  backgroundInsertsPerNodePerDay: 1,
  storeBlocks: 64,
  cacheBlocks: 64,
} as const;

const PUBLISHER = 0;

export async function runRetention(init: RetentionInit): Promise<RetentionRun> {
  const settings = { ...RETENTION_DEFAULTS, ...init };
  const { seed, nodes, files: fileCount, healing, days, onProgress } = settings;
  const rng = new SeededRng(`${seed}/retention`);
  const edges = smallWorldEdges(nodes, rng.fork('edges'), { degree: settings.degree });
  const budgets = { storeBudgetBytes: settings.storeBlocks * settings.blockBytes, cacheBudgetBytes: settings.cacheBlocks * settings.blockBytes };
  const nodeInit = init.node === undefined ? {} : { node: init.node };
  const sim = await createSimulatedNetwork({ seed, locations: idealLocations(nodes), edges, blockBytes: settings.blockBytes, ...budgets, ...nodeInit });
  const membership = new Membership(sim, edges, { ...budgets, ...nodeInit });
  const publisher = (): Membership['nodes'][number] => membership.nodes[PUBLISHER]!;
  const operations = rng.fork('operations');

  const files: SimulatedFile[] = [];
  const contentRng = rng.fork('content');
  for (let index = 0; index < fileCount; index++) {
    const length =
      settings.segmentsPerFile * (settings.redundancy?.dataBlocksPerSegment ?? SMALL_FILE_REDUNDANCY.dataBlocksPerSegment) * shardBytes(sim.chkFormat);
    const content = new Uint8Array(length);
    for (let offset = 0; offset < length; offset++) content[offset] = contentRng.int(256);
    files.push(await encodeFile(content, settings.segmentsPerFile, sim.chkFormat, settings.redundancy));
  }

  let events = 0;
  const insertAll = async (blocks: readonly ChkBlock[], phase: string): Promise<number> => {
    let stored = 0;
    events += await drive(
      sim,
      phase,
      blocks.length,
      settings.operationIntervalMs,
      operations,
      async (index) => {
        const { routingKey, block } = blocks[index]!;
        await publisher()
          .node.insert(routingKey, block)
          .then(
            () => stored++,
            () => undefined,
          );
      },
      onProgress,
    );
    return stored;
  };
  const allBlocks = files.flatMap((file) => file.segments.flat());
  const inserted = await insertAll(allBlocks, 'inserting files');

  const churn = new Churn(sim.clock, rng.fork('churn'), membership, {
    sessionScaleMs: settings.sessionScaleMs,
    availability: settings.availability,
    meanMembershipMs: settings.meanMembershipMs,
    exempt: new Set([PUBLISHER]),
  });
  const start = sim.clock.now();
  churn.start();
  const results: RetentionDay[] = [];
  try {
    const background = Math.round(settings.backgroundInsertsPerNodePerDay * nodes);
    const textEncoder = new TextEncoder();
    for (let day = 1; day <= days; day++) {
      // Other users' inserts at uniform times over the rest of the day, each from whoever is online then.
      const dayLeftMs = start + day * DAY_MS - sim.clock.now();
      for (let index = 0; index < background; index++) {
        const { routingKey, block } = encodeChk(textEncoder.encode(`warren-sim/retention-background/${day}/${index}`), sim.chkFormat);
        sim.clock.setTimer(operations.next() * dayLeftMs, () => {
          const origin = operations.pick(membership.onlineIndices());
          membership.nodes[origin]!.node.insert(routingKey, block).catch(() => undefined);
        });
      }
      events += await sim.clock.run({ until: Math.max(sim.clock.now(), start + day * DAY_MS) });
      const checked = healing ? files : files.filter((_, index) => index % days === day - 1);
      const blocks = checked.flatMap((file) => file.segments.flat());
      const found = new Set<ChkBlock>();
      events += await drive(
        sim,
        `day ${day}: fetching`,
        blocks.length,
        settings.operationIntervalMs,
        operations,
        async (index) => {
          const block = blocks[index]!;
          await publisher()
            .node.request(block.routingKey)
            .then(
              () => found.add(block),
              () => undefined,
            );
        },
        onProgress,
      );
      const missing = blocks.filter((block) => !found.has(block));
      if (healing) await insertAll(missing, `day ${day}: re-inserting`);
      results.push({
        day,
        filesChecked: checked.length,
        filesRetrievable: checked.filter((file) => isRetrievable(file, (block) => found.has(block))).length,
        blocksChecked: blocks.length,
        blocksRetrievable: found.size,
        blocksReinserted: healing ? missing.length : 0,
        nodesOnline: membership.onlineIndices().length,
      });
      onProgress?.({ phase: healing ? 'retention with healing' : 'retention', done: day, total: days });
    }
  } finally {
    churn.stop();
    await membership.view.stop();
  }
  return { blocksInserted: { attempted: allBlocks.length, succeeded: inserted }, days: results, churn: { ...churn.counts }, events };
}

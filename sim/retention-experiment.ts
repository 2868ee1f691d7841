/**
 * Retention over simulated days (spec/simulator.md, "Retention"): a publisher inserts a mix of
 * files (real CHK blocks, the client's Reed-Solomon segments, sizes from small pages to 1 GiB in
 * simulated blocks), then the network churns for `days` days while other content fills stores and
 * caches, and the files are fetched back through the production request path. One run is one arm:
 *
 *   no-fetch: nobody asks for the files until the last day; then every block of every file is asked
 *             for (the blocks figure Freenet's measurement is compared with) and each file judged
 *   fetch:    the publisher fetches every file every day as the client does (k blocks a segment,
 *             window 32): caching along the way is all that keeps it
 *   heal:     the same fetches, and the blocks each fetch asked for in vain are re-inserted for every
 *             segment it could rebuild, through the client's healer with its caps (Freenet's healing,
 *             sim/file-transfer.ts); a file simulated by some of its segments gets their share of the
 *             cap on the blocks one fetch may heal
 *
 * A fetch that leaves a segment short tries again `fetchAttempts` times, `retryDelayMs` apart, before
 * the file counts as lost. The publisher (node 0) never leaves and keeps none of its own inserts.
 */
import { DEFAULT_HEAL_BLOCKS_PER_FETCH, Healer } from '../node/client/healer.js';
import type { NodeInit } from '../node/node.js';
import { type ChkBlock, encodeChk } from '../protocol/keys/chk.js';
import { Churn, type ChurnCounts } from './churn-model.js';
import { fetchFile, healFile } from './file-transfer.js';
import { encodeFile, type SimulatedFile, shardBytes } from './files.js';
import { Membership } from './membership.js';
import type { Progress } from './report/model.js';
import { classLayout, DAY_MS, FILE_CLASSES, type FileClass, RETENTION_CALIBRATION, type RetentionModel } from './retention-calibration.js';
import { SeededRng } from './rng.js';
import { createSimulatedNetwork } from './simulated-network.js';
import { idealLocations, smallWorldEdges } from './topology.js';
import { drive } from './workload.js';

export type RetentionArm = 'no-fetch' | 'fetch' | 'heal';

export interface RetentionInit extends Partial<Omit<RetentionModel, 'sessionShape'>> {
  readonly seed: string;
  readonly nodes: number;
  readonly files: number;
  readonly arm: RetentionArm;
  /** Simulated days (default 30). */
  readonly days?: number;
  /** Size classes, assigned to files in proportion to `per20` (default FILE_CLASSES). */
  readonly classes?: readonly FileClass[];
  /** Links per node of the small world (default 10). */
  readonly degree?: number;
  /** Simulation CHK block size (default 1 KiB). */
  readonly blockBytes?: number;
  /** Mean virtual time between two file fetches, or two block inserts, of the publisher (default 30 s and 100 ms). */
  readonly fileIntervalMs?: number;
  readonly insertIntervalMs?: number;
  readonly node?: Omit<NodeInit, 'location' | 'chkFormat'>;
  readonly onProgress?: (progress: Progress) => void;
}

/** One day's checks of one size class. */
export interface ClassDay {
  readonly files: number;
  readonly retrievable: number;
  /** Retrievable at the first attempt, without the retries. */
  readonly firstAttempt: number;
  readonly segments: number;
  readonly segmentsRetrievable: number;
  readonly blocksRequested: number;
  readonly blocksFound: number;
  readonly blocksReinserted: number;
  /** Rebuilt blocks healing did not take (its caps) or could not insert. */
  readonly blocksNotHealed: number;
}

export interface RetentionDay {
  readonly day: number;
  /** By class, in the order of `classes`; empty on days nothing is checked. */
  readonly classes: readonly ClassDay[];
  readonly nodesOnline: number;
}

export interface RetentionRun {
  readonly arm: RetentionArm;
  readonly classes: readonly FileClass[];
  readonly blocksInserted: { readonly attempted: number; readonly succeeded: number };
  readonly days: readonly RetentionDay[];
  readonly churn: ChurnCounts;
  readonly events: number;
}

export const RETENTION_DEFAULTS = {
  ...RETENTION_CALIBRATION,
  days: 30,
  degree: 10,
  blockBytes: 1024,
  fileIntervalMs: 30_000,
  insertIntervalMs: 100,
} as const;

const PUBLISHER = 0;

interface ClassedFile {
  readonly classIndex: number;
  readonly file: SimulatedFile;
}

/** `count` files, classes drawn in proportion to `per20` (a shuffled repeat of the 20-file pattern). */
async function makeFiles(count: number, classes: readonly FileClass[], format: Parameters<typeof shardBytes>[0], rng: SeededRng): Promise<ClassedFile[]> {
  const pattern = classes.flatMap((fileClass, index) => Array.from({ length: fileClass.per20 }, () => index));
  const order: number[] = [];
  while (order.length < count) order.push(...rng.shuffle([...pattern]));
  const files: ClassedFile[] = [];
  for (const classIndex of order.slice(0, count)) {
    const { k, m } = classLayout(classes[classIndex]!);
    const segments = classes[classIndex]!.simulatedSegments;
    const content = new Uint8Array(segments * k * shardBytes(format));
    for (let offset = 0; offset < content.length; offset++) content[offset] = rng.int(256);
    files.push({ classIndex, file: await encodeFile(content, segments, format, { dataBlocksPerSegment: k, checkBlocksPerSegment: m }) });
  }
  return files;
}

const emptyDay = (): { -readonly [K in keyof ClassDay]: number } => ({
  files: 0,
  retrievable: 0,
  firstAttempt: 0,
  segments: 0,
  segmentsRetrievable: 0,
  blocksRequested: 0,
  blocksFound: 0,
  blocksReinserted: 0,
  blocksNotHealed: 0,
});

/** The cap on the blocks one fetch of a file of `fileClass` heals: the client's, or its simulated segments' share of it (at least 1). */
export function healCap(fileClass: FileClass): number {
  return Math.max(1, Math.floor((DEFAULT_HEAL_BLOCKS_PER_FETCH * fileClass.simulatedSegments) / classLayout(fileClass).segments));
}

export async function runRetention(init: RetentionInit): Promise<RetentionRun> {
  const settings = { ...RETENTION_DEFAULTS, ...init };
  const { seed, nodes, arm, days, onProgress } = settings;
  const classes = init.classes ?? FILE_CLASSES;
  const rng = new SeededRng(`${seed}/retention`);
  const edges = smallWorldEdges(nodes, rng.fork('edges'), { degree: settings.degree });
  const budgets = { storeBudgetBytes: settings.storeBlocks * settings.blockBytes, cacheBudgetBytes: settings.cacheBlocks * settings.blockBytes };
  const nodeInit = init.node === undefined ? {} : { node: init.node };
  const sim = await createSimulatedNetwork({ seed, locations: idealLocations(nodes), edges, blockBytes: settings.blockBytes, ...budgets, ...nodeInit });
  const membership = new Membership(sim, edges, { ...budgets, ...nodeInit });
  const publisher = () => membership.nodes[PUBLISHER]!.node;
  const healer = new Healer({ node: publisher() });
  const healCaps = classes.map(healCap);
  const operations = rng.fork('operations');
  const files = await makeFiles(settings.files, classes, sim.chkFormat, rng.fork('content'));

  let events = 0;
  const allBlocks: ChkBlock[] = files.flatMap(({ file }) => file.segments.flat());
  let stored = 0;
  events += await drive(
    sim,
    'inserting files',
    allBlocks.length,
    settings.insertIntervalMs,
    operations,
    async (index) => {
      const { routingKey, block } = allBlocks[index]!;
      await publisher()
        .insert(routingKey, block)
        .then(
          () => stored++,
          () => undefined,
        );
    },
    onProgress,
  );

  const churn = new Churn(sim.clock, rng.fork('churn'), membership, {
    shape: RETENTION_CALIBRATION.sessionShape,
    sessionScaleMs: settings.sessionScaleMs,
    availability: settings.availability,
    meanMembershipMs: settings.meanMembershipMs,
    exempt: new Set([PUBLISHER]),
  });
  const start = sim.clock.now();
  churn.start();
  const results: RetentionDay[] = [];
  const fetchSettings = { attempts: settings.fetchAttempts, retryDelayMs: settings.retryDelayMs };
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
      const checking = arm !== 'no-fetch' || day === days;
      const byClass = classes.map(emptyDay);
      if (checking) {
        events += await drive(
          sim,
          `${arm}, day ${day}: fetching`,
          files.length,
          settings.fileIntervalMs,
          operations,
          async (index) => {
            const { classIndex, file } = files[index]!;
            const fetched = await fetchFile(publisher(), file, sim.clock, { ...fetchSettings, everyBlock: arm === 'no-fetch' });
            const tally = byClass[classIndex]!;
            tally.files++;
            if (fetched.retrievable) tally.retrievable++;
            if (fetched.firstAttemptRetrievable) tally.firstAttempt++;
            tally.segments += file.segments.length;
            tally.segmentsRetrievable += file.segments.filter(
              (blocks) => blocks.filter((block) => fetched.found.has(block)).length >= file.redundancy.dataBlocksPerSegment,
            ).length;
            tally.blocksRequested += fetched.found.size + fetched.failed.size;
            tally.blocksFound += fetched.found.size;
            if (arm === 'heal') {
              const healed = await healFile(healer, file, fetched, healCaps[classIndex]);
              tally.blocksReinserted += healed.inserted;
              tally.blocksNotHealed += healed.rebuilt - healed.inserted;
            }
          },
          onProgress,
        );
      }
      results.push({ day, classes: checking ? byClass : [], nodesOnline: membership.onlineIndices().length });
      onProgress?.({ phase: `retention, ${arm}`, done: day, total: days });
    }
  } finally {
    healer.stop();
    churn.stop();
    await membership.view.stop();
  }
  return { arm, classes, blocksInserted: { attempted: allBlocks.length, succeeded: stored }, days: results, churn: { ...churn.counts }, events };
}

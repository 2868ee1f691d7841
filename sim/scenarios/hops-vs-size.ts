/**
 * Scenario `hops-vs-size`: how Warren's routing scales. For each network size on a ladder
 * (1,000 → 100,000 by default), the same workload runs on an ideal small world, on the same
 * graph with random locations, and on an opennet grown from seeds; the report charts mean
 * hops and success against size.
 *
 *   size ──smallWorldEdges──> ideal / random locations ──createSimulatedNetwork──> runWorkload
 *   one GrownOpennet ──grow (arrivals ∝ size, traffic after each interval) to each size up to opennetMaxNodes──> runWorkload
 *   (size, metrics) per topology ──> charts (log x), table, notes
 */
import { createSimulatedNetwork, type SimulatedNetwork } from '../simulated-network.js';
import {
  DEFAULT_JOIN_INTERVAL_MS,
  DEFAULT_OPENNET_SEEDS,
  GrownOpennet,
  harmonicLongLinkShare,
  LONG_LINK_DISTANCE,
  longLinkShare,
  type OpennetGrowthInit,
} from '../grown-opennet.js';
import { DEFAULT_MAX_PEERS, DEFAULT_MIN_PEERS } from '../../node/opennet.js';
import type { Chart, Figure, Progress, Scenario, ScenarioOptions, ScenarioReport } from '../report/model.js';
import { SeededRng } from '../rng.js';
import { idealLocations, randomLocations, smallWorldEdges } from '../topology.js';
import { runTraffic, runWorkload, type WorkloadMetrics } from '../workload.js';

/** The sizes the issue asks for; a run goes up to its `nodes`. */
export const SIZE_LADDER = [1_000, 3_000, 10_000, 30_000, 100_000] as const;

/**
 * Mean degree of the ideal and random topologies at a size where no opennet is grown; where one
 * is, they take the opennet's mean degree there (rounded), so the three compare.
 */
export const HOPS_VS_SIZE_DEGREE = 12;

/** Simulation block size: routing does not depend on it. */
export const HOPS_VS_SIZE_BLOCK_BYTES = 1_024;

export type Topology = 'ideal' | 'random' | 'opennet';
const TOPOLOGIES: readonly Topology[] = ['ideal', 'random', 'opennet'];

export interface HopsVsSizeOptions extends ScenarioOptions {
  /** Network sizes to run (default: the ladder up to `nodes`, and `nodes` itself). */
  readonly sizes?: readonly number[];
  /** The largest size an opennet is grown to (default: every size). */
  readonly opennetMaxNodes?: number;
}

/**
 * How the opennet grows: each 10 s, newcomers numbering 0.5 % of the network (at least one) join,
 * spread over the 10 s, so it grows as one whose arrivals are proportional to its size (doubling
 * in about 23 minutes of virtual time) and every node's timers run once per group of newcomers,
 * not once per newcomer: growing costs about the same per newcomer at any size.
 */
export const OPENNET_ARRIVAL_RATE = 0.005;

/**
 * One more of the oldest nodes serves as a seed for each 100 nodes: a seed takes newcomers only
 * while it has fewer than 20 peers in their grace period (2 min), so 3 seeds could not take a
 * growth proportional to size. Each seed sees one newcomer every 20 s (3 seeds of one newcomer
 * every 10 s: one every 30 s).
 */
export const OPENNET_NODES_PER_SEED = 100;

/**
 * Traffic while the opennet grows, in requests per node and interval: after each interval's
 * joins, new blocks numbering 1 % of the network are inserted from random nodes and requested
 * from random nodes (each node requests about once every 1,000 s of virtual time). Without it
 * only announcements shape the links and those are short ones (toward the newcomer's location):
 * path folding on successful requests is what gives an opennet its long links, and successes are
 * what keep a useful link from being replaced. 2 % made a better network but ran the heap out at
 * 100,000 nodes: every block inserted stays in the stores (spec/simulator.md).
 */
export const OPENNET_TRAFFIC_RATE = 0.01;

/** Sizes of the ladder up to `nodes`, ending with `nodes`. */
export function sizesUpTo(nodes: number): number[] {
  const sizes: number[] = SIZE_LADDER.filter((size) => size < nodes);
  return [...sizes, nodes];
}

interface Measurement {
  readonly topology: Topology;
  readonly nodes: number;
  readonly metrics: WorkloadMetrics;
  readonly meanDegree: number;
  /** Share of links at least LONG_LINK_DISTANCE long (the ideal's and random's: of their drawn graph). */
  readonly longLinks: number;
}

/** The workload on `sim` as it is; `label` names its blocks (a grown network is measured at several sizes). */
async function measure(sim: SimulatedNetwork, options: HopsVsSizeOptions, phase: string, label: string): Promise<WorkloadMetrics> {
  const { requests, onProgress, countEvents } = options;
  const metrics = await runWorkload(sim, {
    keys: requests,
    requests,
    zipfExponent: 0,
    label,
    ...(onProgress ? { onProgress: (progress: Progress) => onProgress({ ...progress, phase: `${phase}: ${progress.phase}` }) } : {}),
  });
  countEvents?.(metrics.events);
  return metrics;
}

async function smallWorld(options: HopsVsSizeOptions, nodes: number, topology: 'ideal' | 'random', degree: number): Promise<Measurement> {
  const rng = new SeededRng(`${options.seed}/${nodes}`);
  const edges = smallWorldEdges(nodes, rng.fork('graph'), { degree });
  const locations = topology === 'ideal' ? idealLocations(nodes) : rng.fork('shuffle').shuffle(randomLocations(nodes, rng.fork('locations')));
  const phase = `${topology}, ${nodes} nodes`;
  options.onProgress?.({ phase: `${phase}: starting nodes`, done: 0, total: nodes });
  const sim = await createSimulatedNetwork({ seed: `${options.seed}/${topology}/${nodes}`, locations, edges, blockBytes: HOPS_VS_SIZE_BLOCK_BYTES });
  const longLinks = longLinkShare(edges.map(([a, b]) => [{ location: locations[a]! }, { location: locations[b]! }] as const));
  try {
    return { topology, nodes, metrics: await measure(sim, options, phase, 'workload'), meanDegree: (2 * edges.length) / nodes, longLinks };
  } finally {
    await sim.stop();
  }
}

/** An opennet that grows as this scenario grows it (OPENNET_ARRIVAL_RATE, OPENNET_NODES_PER_SEED). */
export function growingOpennet(seed: string, init: Pick<OpennetGrowthInit, 'node' | 'blockBytes' | 'storeBudgetBytes' | 'cacheBudgetBytes'>): GrownOpennet {
  return new GrownOpennet({ seed, ...init, arrivalRate: OPENNET_ARRIVAL_RATE, nodesPerSeed: OPENNET_NODES_PER_SEED });
}

/** Grows `opennet` to `nodes` nodes, with OPENNET_TRAFFIC_RATE traffic after each interval's joins. */
export async function growWithTraffic(
  opennet: GrownOpennet,
  nodes: number,
  phase: string,
  options: Pick<ScenarioOptions, 'onProgress' | 'countEvents'>,
): Promise<void> {
  const { onProgress, countEvents } = options;
  const eventsBefore = opennet.events;
  await opennet.grow(nodes - opennet.nodes.length, async (grown) => {
    onProgress?.({ phase: `${phase}: growing`, done: grown, total: nodes });
    const requests = Math.floor(grown * OPENNET_TRAFFIC_RATE);
    if (requests === 0) return;
    // Run first, then count: `countEvents?.(await runTraffic(…))` would skip the traffic itself when nobody counts.
    const events = await runTraffic(opennet, { keys: requests, requests, zipfExponent: 0, label: `traffic/${grown}` });
    countEvents?.(events);
  });
  countEvents?.(opennet.events - eventsBefore);
}

/** One opennet grown through the sizes in turn, measured at each (its links as folding left them). */
async function grownOpennet(options: HopsVsSizeOptions, sizes: readonly number[]): Promise<Measurement[]> {
  const opennet = growingOpennet(`${options.seed}/opennet`, { blockBytes: HOPS_VS_SIZE_BLOCK_BYTES });
  const measurements: Measurement[] = [];
  try {
    for (const nodes of sizes) {
      const phase = `opennet, ${nodes} nodes`;
      await growWithTraffic(opennet, nodes, phase, options);
      const meanDegree = opennet.degrees().reduce((sum, degree) => sum + degree, 0) / nodes;
      const longLinks = longLinkShare(opennet.links());
      measurements.push({ topology: 'opennet', nodes, metrics: await measure(opennet, options, phase, `opennet/${nodes}`), meanDegree, longLinks });
    }
  } finally {
    await opennet.stop();
  }
  return measurements;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

function chart(measurements: readonly Measurement[], title: string, yLabel: string, value: (metrics: WorkloadMetrics) => number): Chart {
  return {
    title,
    xLabel: 'nodes',
    yLabel,
    kind: 'line',
    logX: true,
    series: TOPOLOGIES.map((topology) => ({
      label: topology === 'opennet' ? 'opennet-grown' : `${topology} locations`,
      points: measurements.filter((entry) => entry.topology === topology).map(({ nodes, metrics }) => [nodes, value(metrics)] as const),
    })).filter((series) => series.points.length > 0),
  };
}

export async function runHopsVsSize(options: HopsVsSizeOptions): Promise<ScenarioReport> {
  const sizes = options.sizes ?? sizesUpTo(options.nodes);
  const opennetSizes = sizes.filter((nodes) => nodes <= (options.opennetMaxNodes ?? Infinity));
  const opennets = await grownOpennet(options, opennetSizes);
  const measurements: Measurement[] = [];
  for (const nodes of sizes) {
    const opennet = opennets.find((entry) => entry.nodes === nodes);
    const degree = opennet === undefined ? HOPS_VS_SIZE_DEGREE : Math.round(opennet.meanDegree);
    for (const topology of ['ideal', 'random'] as const) measurements.push(await smallWorld(options, nodes, topology, degree));
  }
  measurements.push(...opennets);
  const largest = (topology: Topology) => measurements.filter((entry) => entry.topology === topology).at(-1);
  const figures: Figure[] = TOPOLOGIES.flatMap((topology) => {
    const last = largest(topology);
    if (last === undefined) return [];
    return [
      { name: `${topology}, ${last.nodes} nodes: mean hops`, value: round(last.metrics.hops.mean, 3), unit: 'hops' as const },
      { name: `${topology}, ${last.nodes} nodes: success`, value: round(last.metrics.successRate, 4), unit: 'ratio' as const },
    ];
  });
  return {
    scenario: 'hops-vs-size',
    seed: options.seed,
    parameters: {
      sizes: sizes.join(','),
      opennetSizes: opennetSizes.join(','),
      requestsPerRun: options.requests,
      keysPerRun: options.requests,
      zipfExponent: 0,
      degree: HOPS_VS_SIZE_DEGREE,
      blockBytes: HOPS_VS_SIZE_BLOCK_BYTES,
      opennetArrivalRate: OPENNET_ARRIVAL_RATE,
      opennetNodesPerSeed: OPENNET_NODES_PER_SEED,
      opennetTrafficRate: OPENNET_TRAFFIC_RATE,
    },
    figures,
    tables: [
      {
        title: 'Warren routing against network size',
        columns: ['topology', 'nodes', 'success', 'mean hops', 'p50 hops', 'p95 hops', 'mean degree', 'long links', '1/d long links'],
        rows: measurements.map(({ topology, nodes, metrics, meanDegree, longLinks }) => [
          topology,
          nodes,
          round(metrics.successRate, 4),
          round(metrics.hops.mean, 3),
          metrics.hops.p50,
          metrics.hops.p95,
          round(meanDegree, 2),
          round(longLinks, 4),
          round(harmonicLongLinkShare(nodes), 4),
        ]),
      },
    ],
    charts: [
      chart(measurements, 'Mean hops against network size', 'mean hops (successful requests)', (metrics) => round(metrics.hops.mean, 3)),
      chart(measurements, 'Success against network size', 'success rate', (metrics) => round(metrics.successRate, 4)),
    ],
    notes: [
      `Ideal: a Kleinberg small world (ring links plus links ∝ 1/d) with node i at i / n, of the opennet's mean degree at that size (rounded; ` +
        `${HOPS_VS_SIZE_DEGREE} where no opennet is grown). Random: the same graph with uniform locations drawn independently of it.`,
      `Long links: the share of links at least ${LONG_LINK_DISTANCE} of the ring long; "1/d long links" is that share when link lengths follow ` +
        `1/d from one node spacing to half the ring, ln 5 / ln(n / 2): the navigable distribution.`,
      `Opennet: grown from an empty network through ${opennetSizes.join(', ') || 'no size'} nodes (sim/grown-opennet.ts): every ` +
        `${DEFAULT_JOIN_INTERVAL_MS / 1000} s of virtual time, ` +
        `newcomers numbering ${100 * OPENNET_ARRIVAL_RATE} % of the network (at least one) join, spread over the interval, each through one seed drawn at ` +
        `random among the oldest ` +
        `max(${DEFAULT_OPENNET_SEEDS}, n / ${OPENNET_NODES_PER_SEED}) nodes (announcement toward its own location); after each interval, ` +
        `${100 * OPENNET_TRAFFIC_RATE} % of the network inserts a new block and as many ` +
        `request one (path folding). The node's own limits: ${DEFAULT_MIN_PEERS} to ${DEFAULT_MAX_PEERS} peers a node; ` +
        `measured at each size as it stands, path folding from the earlier measurements included.`,
      `Each run inserts ${options.requests} distinct ${HOPS_VS_SIZE_BLOCK_BYTES}-byte blocks from random nodes, then requests each once (uniform ` +
        `popularity) from a random node; hops are DataRequest messages per successful request (HTL 18, backtracking included).`,
    ],
  };
}

export const hopsVsSizeScenario: Scenario = {
  name: 'hops-vs-size',
  summary: "Mean hops and success of Warren's routing against network size (1,000 → 100,000) on ideal, random-location and opennet-grown topologies",
  defaults: { nodes: 100_000, requests: 2_000 },
  run: runHopsVsSize,
};

/**
 * Scenario `baseline`: the standard workload (sim/workload.ts) on an ideal small world, the
 * reference every other scenario is read against; `random-locations` runs the same graph
 * with its locations shuffled (random-locations.ts), through the same function here.
 *
 *   seed ──smallWorldEdges──> graph ──ideal or shuffled locations──> createSimulatedNetwork
 *        ──runWorkload──> WorkloadMetrics ──> figures, hops histogram, notes
 */
import { createSimulatedNetwork, type SimulatedNetwork, type SimulatedNetworkInit } from '../simulated-network.js';
import type { Chart, Scenario, ScenarioOptions, ScenarioReport } from '../report/model.js';
import { SeededRng } from '../rng.js';
import { idealLocations, smallWorldEdges } from '../topology.js';
import { runWorkload, type WorkloadInit, type WorkloadMetrics, workloadFigures } from '../workload.js';

/** The simulation parameters of both scenarios (spec/simulator.md §1.1). */
export const SMALL_WORLD_WORKLOAD = {
  /** Mean links per node: ring neighbours plus long links ∝ 1/d. */
  degree: 10,
  /** Simulation CHK block size: small enough that a relay's hash of it is one call. */
  blockBytes: 512,
  /** Per-node store and cache budgets, in blocks. */
  storeBlocks: 64,
  cacheBlocks: 64,
  zipfExponent: 1,
  requestIntervalMs: 10,
  /** One key per this many nodes (at least 100). */
  nodesPerKey: 10,
  latencyMs: 10,
} as const;

export function keysFor(nodes: number): number {
  return Math.max(100, Math.round(nodes / SMALL_WORLD_WORKLOAD.nodesPerKey));
}

export type Placement = 'ideal' | 'shuffled';

/** The seeded small world of `nodes` nodes both scenarios run on, its nodes started and linked. */
export async function buildSmallWorld(nodes: number, seed: string, placement: Placement, node?: SimulatedNetworkInit['node']): Promise<SimulatedNetwork> {
  const settings = SMALL_WORLD_WORKLOAD;
  const rng = new SeededRng(seed);
  const edges = smallWorldEdges(nodes, rng.fork('graph'), { degree: settings.degree });
  const locations = idealLocations(nodes);
  if (placement === 'shuffled') rng.fork('locations').shuffle(locations);
  return createSimulatedNetwork({
    seed,
    locations,
    edges,
    blockBytes: settings.blockBytes,
    storeBudgetBytes: settings.storeBlocks * settings.blockBytes,
    cacheBudgetBytes: settings.cacheBlocks * settings.blockBytes,
    latencyMs: settings.latencyMs,
    ...(node === undefined ? {} : { node }),
  });
}

/** The workload both scenarios run for `nodes` nodes and `requests` requests. */
export function smallWorldWorkload(
  nodes: number,
  requests: number,
  onProgress?: ScenarioOptions['onProgress'] | undefined,
  onEvents?: ScenarioOptions['countEvents'] | undefined,
): WorkloadInit {
  const settings = SMALL_WORLD_WORKLOAD;
  return {
    keys: keysFor(nodes),
    requests,
    zipfExponent: settings.zipfExponent,
    requestIntervalMs: settings.requestIntervalMs,
    ...(onProgress === undefined ? {} : { onProgress }),
    ...(onEvents === undefined ? {} : { onEvents }),
  };
}

/** Runs the standard workload on a seeded small world of `options.nodes` nodes. */
export async function runSmallWorldWorkload(options: ScenarioOptions, placement: Placement): Promise<{ metrics: WorkloadMetrics; keys: number }> {
  const { nodes, requests, seed, onProgress, countEvents } = options;
  onProgress?.({ phase: 'starting nodes', done: 0, total: nodes });
  const sim = await buildSmallWorld(nodes, seed, placement);
  try {
    const init = smallWorldWorkload(nodes, requests, onProgress, countEvents);
    const metrics = await runWorkload(sim, init);
    return { metrics, keys: init.keys };
  } finally {
    await sim.stop();
  }
}

export function hopsChart(metrics: WorkloadMetrics, label: string): Chart {
  return {
    title: 'Hops per successful request',
    xLabel: 'hops (DataRequest messages of the request)',
    yLabel: 'requests',
    kind: 'bar',
    series: [{ label, points: metrics.hops.histogram }],
  };
}

/** The report both scenarios give, with the sentences that say what was simulated. */
export function smallWorldReport(name: string, options: ScenarioOptions, placement: Placement, metrics: WorkloadMetrics, keys: number): ScenarioReport {
  const settings = SMALL_WORLD_WORKLOAD;
  const where =
    placement === 'ideal'
      ? 'node i sits at location i / n, so the graph is navigable by greedy routing'
      : 'the same graph and the same set of locations, shuffled over the nodes, so links no longer follow ring distance';
  return {
    scenario: name,
    seed: options.seed,
    parameters: {
      nodes: options.nodes,
      requests: options.requests,
      keys,
      placement,
      degree: settings.degree,
      blockBytes: settings.blockBytes,
      storeBlocks: settings.storeBlocks,
      cacheBlocks: settings.cacheBlocks,
      zipfExponent: settings.zipfExponent,
      requestIntervalMs: settings.requestIntervalMs,
      latencyMs: settings.latencyMs,
    },
    figures: workloadFigures(metrics),
    tables: [],
    charts: [hopsChart(metrics, placement === 'ideal' ? 'ideal small world' : 'shuffled locations')],
    notes: [
      `A Kleinberg small world of ${options.nodes} real Warren nodes, mean degree ${settings.degree} (ring links plus long links with probability ∝ 1/d); ` +
        `${where}.`,
      `${keys} distinct blocks are inserted from random nodes, then ${options.requests} requests from random nodes pick keys with Zipf popularity ` +
        `(exponent ${settings.zipfExponent}); both arrive as Poisson processes, one every ${settings.requestIntervalMs} ms of virtual time on average, ` +
        `with ${settings.latencyMs} ms one-way latency.`,
      `Simulation parameters: CHK blocks of ${settings.blockBytes} bytes instead of 32 KiB (built and verified by the production functions), stores of ` +
        `${settings.storeBlocks} and caches of ${settings.cacheBlocks} blocks per node, locations placed instead of mined. Routing, HTL, backtracking, ` +
        `caching, verification, eviction and load limits are the production code.`,
      'Hops are the DataRequest messages of a successful request (backtracking included; 0 when the requester held the block). Latency is virtual time. ' +
        'Messages and bytes count every envelope of the request phase, bytes as encoded frames.',
      'Anonymity: for each HTL a relay can receive, the share of DataRequests received at it whose sender started the request ' +
        '(P(originator | HTL received), from the ground truth); the worst case over HTLs received at least 100 times, the mean over the ' +
        'requests whose sender is the originator, and the prior (the share of all DataRequests sent by their originator). ' +
        '`warren sim --scenario anonymity` conditions on more (the link, retries, inserts, colluders).',
    ],
  };
}

export const baselineScenario: Scenario = {
  name: 'baseline',
  summary: 'Inserts then Zipf-popular requests on an ideal small world: success, hops, latency, cost, load, fill, anonymity',
  defaults: { nodes: 10_000, requests: 100_000 },
  async run(options) {
    const { metrics, keys } = await runSmallWorldWorkload(options, 'ideal');
    return smallWorldReport('baseline', options, 'ideal', metrics, keys);
  },
};

/**
 * Scenario `hops-vs-size`: how Warren's routing scales. For each network size on a ladder
 * (1,000 → 100,000 by default), the same workload runs on an ideal small world, on the same
 * graph with random locations, and on an opennet grown from seeds; the report charts mean
 * hops and success against size.
 *
 *   size ──smallWorldEdges──> ideal / random locations ──createSimulatedNetwork──> runWorkload
 *        ──growOpennet (up to opennetMaxNodes)──────────────────────────────────> runWorkload
 *   (size, metrics) per topology ──> charts (log x), table, notes
 */
import { createSimulatedNetwork, type SimulatedNetwork } from '../nodes.js';
import type { Chart, Figure, Progress, Scenario, ScenarioOptions, ScenarioReport } from '../report/model.js';
import { SeededRng } from '../rng.js';
import { idealLocations, randomLocations, smallWorldEdges } from '../topology.js';
import { runWorkload, type WorkloadMetrics } from '../workload.js';

/** The sizes the issue asks for; a run goes up to its `nodes`. */
export const SIZE_LADDER = [1_000, 3_000, 10_000, 30_000, 100_000] as const;

/** Links per node of the ideal and random topologies. */
export const HOPS_VS_SIZE_DEGREE = 10;

/** Simulation block size: routing does not depend on it. */
export const HOPS_VS_SIZE_BLOCK_BYTES = 1_024;

export type Topology = 'ideal' | 'random' | 'opennet';
const TOPOLOGIES: readonly Topology[] = ['ideal', 'random', 'opennet'];

export interface HopsVsSizeOptions extends ScenarioOptions {
  /** Network sizes to run (default: the ladder up to `nodes`, and `nodes` itself). */
  readonly sizes?: readonly number[];
}

/** Sizes of the ladder up to `nodes`, ending with `nodes`. */
export function sizesUpTo(nodes: number): number[] {
  const sizes: number[] = SIZE_LADDER.filter((size) => size < nodes);
  return [...sizes, nodes];
}

interface Measurement {
  readonly topology: Topology;
  readonly nodes: number;
  readonly metrics: WorkloadMetrics;
}

async function measure(sim: SimulatedNetwork, options: HopsVsSizeOptions, phase: string): Promise<WorkloadMetrics> {
  const { requests, onProgress, countEvents } = options;
  try {
    const metrics = await runWorkload(sim, {
      keys: requests,
      requests,
      zipfExponent: 0,
      ...(onProgress ? { onProgress: (progress: Progress) => onProgress({ ...progress, phase: `${phase}: ${progress.phase}` }) } : {}),
    });
    countEvents?.(metrics.events);
    return metrics;
  } finally {
    await sim.stop();
  }
}

async function smallWorld(options: HopsVsSizeOptions, nodes: number, topology: 'ideal' | 'random'): Promise<WorkloadMetrics> {
  const rng = new SeededRng(`${options.seed}/${nodes}`);
  const edges = smallWorldEdges(nodes, rng.fork('graph'), { degree: HOPS_VS_SIZE_DEGREE });
  const locations = topology === 'ideal' ? idealLocations(nodes) : rng.fork('shuffle').shuffle(randomLocations(nodes, rng.fork('locations')));
  const phase = `${topology}, ${nodes} nodes`;
  options.onProgress?.({ phase: `${phase}: starting nodes`, done: 0, total: nodes });
  const sim = await createSimulatedNetwork({ seed: `${options.seed}/${topology}/${nodes}`, locations, edges, blockBytes: HOPS_VS_SIZE_BLOCK_BYTES });
  return measure(sim, options, phase);
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
  const measurements: Measurement[] = [];
  for (const nodes of sizes) {
    for (const topology of ['ideal', 'random'] as const) measurements.push({ topology, nodes, metrics: await smallWorld(options, nodes, topology) });
  }
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
    parameters: { sizes: sizes.join(','), requestsPerRun: options.requests, keysPerRun: options.requests, zipfExponent: 0, degree: HOPS_VS_SIZE_DEGREE, blockBytes: HOPS_VS_SIZE_BLOCK_BYTES },
    figures,
    tables: [{
      title: 'Warren routing against network size',
      columns: ['topology', 'nodes', 'success', 'mean hops', 'p50 hops', 'p95 hops'],
      rows: measurements.map(({ topology, nodes, metrics }) => [topology, nodes, round(metrics.successRate, 4), round(metrics.hops.mean, 3), metrics.hops.p50, metrics.hops.p95]),
    }],
    charts: [
      chart(measurements, 'Mean hops against network size', 'mean hops (successful requests)', (metrics) => round(metrics.hops.mean, 3)),
      chart(measurements, 'Success against network size', 'success rate', (metrics) => round(metrics.successRate, 4)),
    ],
    notes: [
      `Ideal: a Kleinberg small world of mean degree ${HOPS_VS_SIZE_DEGREE} (ring links plus links ∝ 1/d) with node i at i / n. Random: the same graph with uniform locations drawn independently of it.`,
      `Each run inserts ${options.requests} distinct ${HOPS_VS_SIZE_BLOCK_BYTES}-byte blocks from random nodes, then requests each once (uniform popularity) from a random node; hops are DataRequest messages per successful request (HTL 18, backtracking included).`,
    ],
  };
}

export const hopsVsSizeScenario: Scenario = {
  name: 'hops-vs-size',
  summary: "Mean hops and success of Warren's routing against network size (1,000 → 100,000) on ideal, random-location and opennet-grown topologies",
  defaults: { nodes: 100_000, requests: 2_000 },
  run: runHopsVsSize,
};

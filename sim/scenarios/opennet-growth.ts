/**
 * Scenario `opennet-growth`: an opennet grown from an empty network (sim/grown-opennet.ts) —
 * seeds first, then nodes joining one by one through a seed's announcement — measured as it
 * grows, then put to work with baseline's workload, whose successful requests fold paths; the
 * same workload on baseline's ideal small world of the same size is the reference.
 *
 *   GrownOpennet.grow ──at each checkpoint (n/16, n/8, … n)──> topology + probe workload
 *   ──> runWorkload (smallWorldWorkload) ──> probe again at n (what folding changed)
 *   runSmallWorldWorkload (baseline, ideal) ──> references
 *   ──> figures (workload, degree, short links), table and charts against nodes joined
 */
import { circularDistance } from '../../protocol/location.js';
import { DEFAULT_MAX_PEERS, DEFAULT_MIN_PEERS } from '../../node/opennet.js';
import { DEFAULT_JOIN_INTERVAL_MS, DEFAULT_OPENNET_SEEDS, GrownOpennet, harmonicLongLinkShare, LONG_LINK_DISTANCE, longLinkShare } from '../grown-opennet.js';
import type { Chart, Figure, Progress, Scenario, ScenarioOptions, ScenarioReport } from '../report/model.js';
import { runWorkload, type WorkloadMetrics, workloadFigures } from '../workload.js';
import { hopsChart, runSmallWorldWorkload, SMALL_WORLD_WORKLOAD, smallWorldWorkload } from './baseline.js';
/** A link shorter than this (ring distance) is "short"; in a random graph 2 × this share of links is. */
export const SHORT_LINK_DISTANCE = 0.05;
const CHECKPOINT_DIVISORS = [16, 8, 4, 2, 1];

/** What the network looked like, and how a probe workload fared, at one size. */
interface Checkpoint {
  readonly stage: 'growing' | 'after workload';
  readonly nodes: number;
  readonly links: number;
  readonly meanDegree: number;
  readonly minDegree: number;
  readonly maxDegree: number;
  readonly shortLinks: number;
  readonly longLinks: number;
  readonly connected: boolean;
  readonly probe: WorkloadMetrics;
}

/** Network sizes measured while growing: n/16, n/8, n/4, n/2 and n, above the seeds. */
export function checkpointsFor(nodes: number, seeds: number): number[] {
  return [...new Set(CHECKPOINT_DIVISORS.map((divisor) => Math.round(nodes / divisor)))].filter((size) => size > seeds);
}

/** Requests (and keys) of each probe: a fifth of the run's requests, 50 to 2,000. */
export function probeRequestsFor(requests: number): number {
  return Math.min(2_000, Math.max(50, Math.round(requests / 5)));
}

function withPhase(options: ScenarioOptions, prefix: string): ((progress: Progress) => void) | undefined {
  const { onProgress } = options;
  return onProgress && ((progress) => onProgress({ ...progress, phase: `${prefix}: ${progress.phase}` }));
}

/** A probe: `requests` new blocks inserted, then as many requests with uniform popularity. */
async function probe(sim: GrownOpennet, options: ScenarioOptions, label: string, requests: number): Promise<WorkloadMetrics> {
  const onProgress = withPhase(options, label);
  const { countEvents } = options;
  return runWorkload(sim, {
    keys: requests,
    requests,
    zipfExponent: 0,
    label,
    ...(onProgress ? { onProgress } : {}),
    ...(countEvents ? { onEvents: countEvents } : {}),
  });
}

/** Baseline's workload on the grown network. */
async function mainWorkload(sim: GrownOpennet, options: ScenarioOptions): Promise<WorkloadMetrics> {
  return runWorkload(sim, smallWorldWorkload(options.nodes, options.requests, withPhase(options, 'workload'), options.countEvents));
}

/** The workload's figures, each next to the same figure of baseline's ideal small world (unless it has a reference of its own). */
function figuresAgainstBaseline(metrics: WorkloadMetrics, baseline: WorkloadMetrics, nodes: number): Figure[] {
  const reference = new Map(workloadFigures(baseline).map((figure) => [figure.name, figure.value]));
  const source = `baseline: ideal small world of ${nodes} nodes, degree ${SMALL_WORLD_WORKLOAD.degree}`;
  return workloadFigures(metrics).map((figure) =>
    figure.reference !== undefined || !reference.has(figure.name) ? figure : { ...figure, reference: { value: reference.get(figure.name)!, source } },
  );
}

async function checkpoint(sim: GrownOpennet, options: ScenarioOptions, stage: Checkpoint['stage'], probeRequests: number): Promise<Checkpoint> {
  const links = sim.links();
  const degrees = sim.degrees();
  const nodes = sim.nodes.length;
  const shape = {
    stage,
    nodes,
    links: links.length,
    meanDegree: (2 * links.length) / nodes,
    minDegree: Math.min(...degrees),
    maxDegree: Math.max(...degrees),
    shortLinks: links.filter(([a, b]) => circularDistance(a.location, b.location) < SHORT_LINK_DISTANCE).length / Math.max(1, links.length),
    longLinks: longLinkShare(links),
    connected: sim.connected(),
  };
  const label = stage === 'growing' ? `probe at ${nodes} nodes` : `probe at ${nodes} nodes after the workload`;
  return { ...shape, probe: await probe(sim, options, label, probeRequests) };
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

function growthChart(checkpoints: readonly Checkpoint[], title: string, yLabel: string, value: (checkpoint: Checkpoint) => number): Chart {
  const growing = checkpoints.filter(({ stage }) => stage === 'growing');
  const after = checkpoints.filter(({ stage }) => stage === 'after workload');
  return {
    title,
    xLabel: 'nodes joined',
    yLabel,
    kind: 'line',
    logX: true,
    series: [
      { label: 'while growing', points: growing.map((entry) => [entry.nodes, round(value(entry), 4)] as const) },
      { label: 'after the workload (path folding)', points: after.map((entry) => [entry.nodes, round(value(entry), 4)] as const) },
    ],
  };
}

export async function runOpennetGrowth(options: ScenarioOptions): Promise<ScenarioReport> {
  const { nodes, requests, seed } = options;
  const seeds = DEFAULT_OPENNET_SEEDS;
  if (nodes <= seeds) throw new RangeError(`opennet-growth needs more nodes than its ${seeds} seeds, got ${nodes}`);
  const probeRequests = probeRequestsFor(requests);
  const sizes = checkpointsFor(nodes, seeds);
  const { blockBytes, storeBlocks, cacheBlocks, latencyMs, zipfExponent } = SMALL_WORLD_WORKLOAD;
  const sim = new GrownOpennet({ seed, seeds, blockBytes, storeBudgetBytes: storeBlocks * blockBytes, cacheBudgetBytes: cacheBlocks * blockBytes, latencyMs });
  const checkpoints: Checkpoint[] = [];
  let main: WorkloadMetrics;
  try {
    let counted = 0;
    await sim.grow(nodes, async (joined) => {
      options.countEvents?.(sim.events - counted);
      counted = sim.events;
      options.onProgress?.({ phase: 'growing the opennet', done: joined, total: nodes });
      if (sizes.includes(joined)) checkpoints.push(await checkpoint(sim, options, 'growing', probeRequests));
    });
    main = await mainWorkload(sim, options);
    checkpoints.push(await checkpoint(sim, options, 'after workload', probeRequests));
  } finally {
    await sim.stop();
  }
  const onBaselineProgress = withPhase(options, 'baseline (reference)');
  const { metrics: baseline, keys } = await runSmallWorldWorkload(
    { ...options, seed: `${seed}/baseline`, ...(onBaselineProgress ? { onProgress: onBaselineProgress } : {}) },
    'ideal',
  );
  const grown = checkpoints.find(({ stage, nodes: size }) => stage === 'growing' && size === nodes)!;
  const folded = checkpoints.at(-1)!;
  const [maxPeers, minPeers] = [DEFAULT_MAX_PEERS, DEFAULT_MIN_PEERS];
  const figures: Figure[] = [
    ...figuresAgainstBaseline(main, baseline, nodes),
    {
      name: 'mean degree after the workload',
      value: round(folded.meanDegree, 3),
      unit: '',
      reference: { value: round(grown.meanDegree, 3), source: 'just grown, before the workload' },
    },
    {
      name: 'short links after the workload',
      value: round(folded.shortLinks, 4),
      unit: 'ratio',
      reference: { value: 2 * SHORT_LINK_DISTANCE, source: 'random graph' },
    },
    {
      name: `long links (≥ ${LONG_LINK_DISTANCE} of the ring) after the workload`,
      value: round(folded.longLinks, 4),
      unit: 'ratio',
      reference: { value: round(harmonicLongLinkShare(nodes), 4), source: 'link lengths ∝ 1/d (navigable small world)' },
    },
    {
      name: 'probe after the workload: mean hops',
      value: round(folded.probe.hops.mean, 3),
      unit: 'hops',
      reference: { value: round(grown.probe.hops.mean, 3), source: 'same probe, just grown' },
    },
    {
      name: 'probe after the workload: success rate',
      value: round(folded.probe.successRate, 4),
      unit: 'ratio',
      reference: { value: round(grown.probe.successRate, 4), source: 'same probe, just grown' },
    },
  ];
  return {
    scenario: 'opennet-growth',
    seed,
    parameters: {
      nodes,
      requests,
      keys,
      zipfExponent,
      seeds,
      joinIntervalMs: DEFAULT_JOIN_INTERVAL_MS,
      maxPeers,
      minPeers,
      blockBytes,
      storeBlocks,
      cacheBlocks,
      latencyMs,
      probeRequests,
      checkpoints: sizes.join(','),
    },
    figures,
    tables: [
      {
        title: 'Topology and routing as the network grew',
        columns: [
          'stage',
          'nodes',
          'links',
          'mean degree',
          'min degree',
          'max degree',
          'short links',
          'long links',
          'connected',
          'probe success',
          'probe mean hops',
          'probe p95 hops',
        ],
        rows: checkpoints.map((entry) => [
          entry.stage,
          entry.nodes,
          entry.links,
          round(entry.meanDegree, 2),
          entry.minDegree,
          entry.maxDegree,
          round(entry.shortLinks, 3),
          round(entry.longLinks, 3),
          entry.connected ? 'yes' : 'no',
          round(entry.probe.successRate, 4),
          round(entry.probe.hops.mean, 3),
          entry.probe.hops.p95,
        ]),
      },
    ],
    charts: [
      growthChart(checkpoints, 'Mean hops against nodes joined', 'mean hops (probe)', ({ probe }) => probe.hops.mean),
      growthChart(checkpoints, 'Success against nodes joined', 'success rate (probe)', ({ probe }) => probe.successRate),
      growthChart(checkpoints, 'Mean degree against nodes joined', 'mean degree', ({ meanDegree }) => meanDegree),
      {
        ...hopsChart(main, 'grown opennet'),
        series: [main, baseline].map((metrics, index) => hopsChart(metrics, ['grown opennet', 'baseline: ideal small world'][index]!).series[0]!),
      },
    ],
    notes: [
      `The network starts empty: ${seeds} seeds, then one node every ${DEFAULT_JOIN_INTERVAL_MS / 1000} s of virtual time joins through one seed drawn at ` +
        `random (announcement toward its own location); each node's location comes from its identity (proof-of-work difficulty 0 in the simulation). ` +
        `Nodes keep ${minPeers} to ${maxPeers} peers.`,
      `At each checkpoint a probe inserts ${probeRequests} new blocks from random nodes and makes ${probeRequests} requests for them (uniform popularity) ` +
        `from random nodes; the probes' own successful requests fold paths too, as a network in use does.`,
      `Then baseline's workload: ${keys} blocks inserted, ${requests} requests with Zipf(${zipfExponent}) popularity, Poisson arrivals; a last probe shows ` +
        `what its path folding changed. The references are the same workload on baseline's ideal small world of ${nodes} nodes (mean degree ` +
        `${SMALL_WORLD_WORKLOAD.degree}, seed "${seed}/baseline"). Hops are DataRequest messages per successful request (0 when the requester had the ` +
        `block).`,
      `Simulation parameters as baseline's: CHK blocks of ${blockBytes} bytes, stores of ${storeBlocks} and caches of ${cacheBlocks} blocks per node, ` +
        `${latencyMs} ms one-way latency.`,
      `Short links are links shorter than ${SHORT_LINK_DISTANCE} of the ring: a navigable small world has many more of them than the ` +
        `${100 * 2 * SHORT_LINK_DISTANCE}% of a random graph.`,
    ],
  };
}

export const opennetGrowthScenario: Scenario = {
  name: 'opennet-growth',
  summary:
    "an opennet grown from an empty network through seeds and path folding: success, hops and degree as it grows, then baseline's workload next to baseline",
  defaults: { nodes: 1_000, requests: 5_000 },
  run: runOpennetGrowth,
};

/**
 * Scenario `darknet`: a friend-to-friend network whose nodes find their locations by swapping
 * (Sandberg 2006), measured against the same graph with random and with ideal locations.
 *
 *   for each graph model (kleinberg: sandbergEdges; social: socialEdges) and each size of the ladder:
 *     random locations ──SwapSimulation × rounds──> swapped locations (log-sum of link distances sampled)
 *     {random, swapped, ideal} × greedyRouting {stop, continue} (+ warrenRouting up to warrenMaxNodes)
 *   ──> ScenarioReport (his figures at 64,000 nodes next to the swapped Kleinberg rows)
 *
 * spec/simulator.md ("Darknet: location swapping") says what is simulated and what is simplified.
 */
import { SWAP_DEFENCE_DEFAULTS, swapWalkHops } from '../../node/swap-policy.js';
import { adjacencyOf, clusteringCoefficient, degreesOf } from '../adjacency.js';
import { type GreedyResult, greedyRouting } from '../greedy.js';
import type { Chart, Figure, Scenario, ScenarioOptions, ScenarioReport, Series } from '../report/model.js';
import { SeededRng } from '../rng.js';
import { defenceParameters, type SwapDefences, SwapSimulation } from '../swapping.js';
import { type Edge, idealLocations, randomLocations, sandbergEdges, socialEdges } from '../topology.js';
import type { WorkloadMetrics } from '../workload.js';
import { SANDBERG_REFERENCE, warrenRouting } from './sandberg.js';

export const DARKNET_SIZES = [1_000, 4_000, 16_000] as const;
export const GRAPH_MODELS = ['kleinberg', 'social'] as const;
export type GraphModel = (typeof GRAPH_MODELS)[number];
const POSITIONS = ['random', 'swapped', 'ideal'] as const;
type Positions = (typeof POSITIONS)[number];

/** Swap rounds by default: every honest node starts one swap a round. */
export const DARKNET_ROUNDS = 400;
/** Largest size at which Warren's own routing runs on top of greedy routing (it starts real nodes). */
export const DARKNET_WARREN_MAX_NODES = 16_000;
/** Times the log-sum of link distances is sampled while swapping runs. */
const LOG_SUM_SAMPLES = 20;

export interface DarknetOptions extends ScenarioOptions {
  readonly rounds?: number;
  /** Sizes to run (default: the ladder up to `nodes`, ending with `nodes`). */
  readonly sizes?: readonly number[];
  readonly models?: readonly GraphModel[];
  readonly warrenMaxNodes?: number;
  /** The nodes' Pitch Black defences while swapping (default: a darknet node's, SWAP_DEFENCE_DEFAULTS). */
  readonly defences?: SwapDefences;
}

interface Row {
  readonly model: GraphModel;
  readonly nodes: number;
  readonly positions: Positions;
  readonly stop: GreedyResult;
  readonly continued: GreedyResult;
  readonly warren?: WorkloadMetrics;
  readonly meanLogDistance: number;
}

interface Run {
  readonly rows: Row[];
  readonly logSum: Series;
  readonly meanDegree: number;
  readonly clustering: number;
  readonly acceptedShare: number;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** Sizes of the ladder below `nodes`, then `nodes`. */
export function darknetSizes(nodes: number): number[] {
  return [...DARKNET_SIZES.filter((size) => size < nodes), nodes];
}

/**
 * Mean degree of the social model: a friend count a darknet user could keep up (Freenet's darknet
 * asks for about ten friends or more). At Sandberg's degree (62 at 1,000 nodes) closing triangles
 * adds no clustering over the small world's own (0.066 against 0.080 at 4,000 nodes); at 12 it
 * does (0.178 against 0.044).
 */
export const SOCIAL_DEGREE = 12;

function graphOf(model: GraphModel, n: number, rng: SeededRng): Edge[] {
  return model === 'kleinberg' ? sandbergEdges(n, rng) : socialEdges(n, rng, { degree: SOCIAL_DEGREE });
}

async function runOne(options: DarknetOptions, model: GraphModel, n: number): Promise<Run> {
  const { requests, seed, onProgress } = options;
  const rounds = options.rounds ?? DARKNET_ROUNDS;
  const rng = new SeededRng(`${seed}/${model}/${n}`);
  const edges = graphOf(model, n, rng.fork('graph'));
  const graph = adjacencyOf(n, edges);
  const maxDegree = Math.max(...degreesOf(graph));
  const random = rng.fork('shuffle').shuffle(randomLocations(n, rng.fork('locations')));
  const swapped = Float64Array.from(random);
  const swapping = new SwapSimulation(graph, swapped, rng.fork('swap'), {
    walkHops: swapWalkHops(n),
    ...(options.defences ?? SWAP_DEFENCE_DEFAULTS),
  });
  const edgeCount = edges.length;
  const points: [number, number][] = [[0, round(swapping.logLinkDistanceSum() / edgeCount, 4)]];
  let accepted = 0;
  let attempts = 0;
  const phase = `${model}, ${n} nodes`;
  for (let done = 1; done <= rounds; done++) {
    const stats = swapping.runRound();
    accepted += stats.accepted;
    attempts += stats.attempts;
    if (done % Math.max(1, Math.floor(rounds / LOG_SUM_SAMPLES)) === 0 || done === rounds) {
      points.push([done, round(swapping.logLinkDistanceSum() / edgeCount, 4)]);
      onProgress?.({ phase: `${phase}: swapping`, done, total: rounds });
    }
  }
  const positions: Record<Positions, readonly number[]> = { random, swapped: Array.from(swapped), ideal: idealLocations(n) };
  const rows: Row[] = [];
  for (const which of POSITIONS) {
    const greedy = (mode: 'stop' | 'continue') => greedyRouting(graph, positions[which], rng.fork(`greedy/${which}/${mode}`), { mode, routes: requests });
    const warren =
      n <= (options.warrenMaxNodes ?? DARKNET_WARREN_MAX_NODES)
        ? await warrenRouting(
            { ...options, ...(onProgress ? { onProgress: (progress) => onProgress({ ...progress, phase: `${phase}, ${which}: ${progress.phase}` }) } : {}) },
            edges,
            positions[which],
            maxDegree,
            `${seed}/${model}/${n}/${which}/warren`,
          )
        : undefined;
    const meanLogDistance = meanLogLinkDistance(edges, positions[which]);
    rows.push({ model, nodes: n, positions: which, stop: greedy('stop'), continued: greedy('continue'), meanLogDistance, ...(warren ? { warren } : {}) });
  }
  return {
    rows,
    logSum: { label: `${model}, ${n.toLocaleString('en-US')} nodes`, points },
    meanDegree: (2 * edgeCount) / n,
    clustering: clusteringCoefficient(graph, rng.fork('clustering'), 1_000),
    acceptedShare: attempts === 0 ? 0 : accepted / attempts,
  };
}

function meanLogLinkDistance(edges: readonly Edge[], positions: readonly number[]): number {
  let sum = 0;
  for (const [i, j] of edges) {
    const direct = Math.abs(positions[i]! - positions[j]!);
    sum += Math.log(Math.max(2 ** -53, Math.min(direct, 1 - direct)));
  }
  return round(sum / edges.length, 4);
}

function rowCells(row: Row): (string | number)[] {
  const reference = row.model === 'kleinberg' && row.positions === 'swapped';
  return [
    row.model,
    row.nodes,
    row.positions,
    round(row.stop.successRate, 4),
    round(row.stop.meanSteps, 3),
    round(row.continued.successRate, 4),
    round(row.continued.meanSteps, 3),
    row.warren ? round(row.warren.successRate, 4) : '',
    row.warren ? round(row.warren.hops.mean, 3) : '',
    row.meanLogDistance,
    reference ? `${SANDBERG_REFERENCE.stop.success} / ${SANDBERG_REFERENCE.stop.steps}` : '',
    reference ? `${SANDBERG_REFERENCE.continue.success} / ${SANDBERG_REFERENCE.continue.steps}` : '',
  ];
}

function sizeChart(rows: readonly Row[], title: string, yLabel: string, value: (row: Row) => number): Chart {
  const series: Series[] = [];
  for (const model of GRAPH_MODELS) {
    for (const which of POSITIONS) {
      const points = rows.filter((row) => row.model === model && row.positions === which).map((row): [number, number] => [row.nodes, value(row)]);
      if (points.length > 0) series.push({ label: `${model}, ${which}`, points });
    }
  }
  return { title, xLabel: 'nodes', yLabel, kind: 'line', logX: true, series };
}

export async function runDarknet(options: DarknetOptions): Promise<ScenarioReport> {
  const sizes = options.sizes ?? darknetSizes(options.nodes);
  const models = options.models ?? GRAPH_MODELS;
  const rounds = options.rounds ?? DARKNET_ROUNDS;
  const runs: { model: GraphModel; nodes: number; run: Run }[] = [];
  for (const model of models) for (const nodes of sizes) runs.push({ model, nodes, run: await runOne(options, model, nodes) });
  const rows = runs.flatMap(({ run }) => run.rows);
  const figures: Figure[] = [];
  for (const model of models) {
    const largest = rows.filter((row) => row.model === model && row.nodes === sizes.at(-1));
    for (const row of largest) {
      const label = `${model}, ${row.nodes} nodes, ${row.positions}`;
      const source = row.positions === 'swapped' && model === 'kleinberg' ? SANDBERG_REFERENCE.source : undefined;
      const ref = (value: number) => (source ? { reference: { value, source } } : {});
      figures.push(
        { name: `${label}: greedy stop success`, value: round(row.stop.successRate, 4), unit: 'ratio', ...ref(SANDBERG_REFERENCE.stop.success) },
        { name: `${label}: greedy continue success`, value: round(row.continued.successRate, 4), unit: 'ratio', ...ref(SANDBERG_REFERENCE.continue.success) },
        { name: `${label}: greedy continue mean steps`, value: round(row.continued.meanSteps, 3), unit: 'hops', ...ref(SANDBERG_REFERENCE.continue.steps) },
      );
      if (row.warren) figures.push({ name: `${label}: Warren success`, value: round(row.warren.successRate, 4), unit: 'ratio' });
    }
  }
  return {
    scenario: 'darknet',
    seed: options.seed,
    parameters: {
      sizes: sizes.join(','),
      models: models.join(','),
      rounds,
      routes: options.requests,
      warrenMaxNodes: options.warrenMaxNodes ?? DARKNET_WARREN_MAX_NODES,
      ...defenceParameters(options.defences ?? SWAP_DEFENCE_DEFAULTS),
      walkHops: sizes.map(swapWalkHops).join(','),
    },
    figures,
    tables: [
      {
        title: 'Routing on darknet graphs: random, swapped and ideal locations on the same graph',
        columns: [
          'graph',
          'nodes',
          'locations',
          'greedy stop: success',
          'steps',
          'greedy continue: success',
          'steps',
          'Warren: success',
          'hops',
          'mean log link distance',
          'Sandberg swapped, stop (64,000)',
          'Sandberg swapped, continue (64,000)',
        ],
        rows: rows.map(rowCells),
      },
      {
        title: 'Graphs',
        columns: ['graph', 'nodes', 'mean degree', 'clustering coefficient', 'swaps accepted per attempt'],
        rows: runs.map(({ model, nodes, run }) => [model, nodes, round(run.meanDegree, 2), round(run.clustering, 4), round(run.acceptedShare, 4)]),
      },
    ],
    charts: [
      {
        title: 'Mean log link distance as swapping proceeds',
        xLabel: 'swap rounds',
        yLabel: 'mean ln(link distance)',
        kind: 'line',
        series: runs.map(({ run }) => run.logSum),
      },
      sizeChart(rows, 'Greedy routing (continue past dead ends): success against size', 'success', (row) => round(row.continued.successRate, 4)),
      sizeChart(rows, 'Greedy routing (continue past dead ends): mean steps against size', 'mean steps', (row) => round(row.continued.meanSteps, 3)),
    ],
    notes: [
      `kleinberg: Sandberg's ring (ring links plus round(3·log2 n) contacts per node at ring distance ∝ 1/d). social: mean degree ${SOCIAL_DEGREE}, half ` +
        'from the same kind of small world, the other half by triadic closure (a friend of a friend), which gives the clustering a trust graph has.',
      'Ideal locations: node i at i / n, the ring the graph was drawn on. Random: uniform locations shuffled over the nodes, drawn independently of the ' +
        `graph; swapping starts from them. Swapped: after ${rounds} rounds, in each of which every node starts one swap with the node at the end of a ` +
        'random walk of round(log2(n) / 2) hops (node/swap-policy.ts), accepted by Metropolis–Hastings on the product of both nodes’ link distances ' +
        '(node/location-swap.ts).',
      'Greedy routing as in the sandberg scenario (stop at dead ends; continue to the closest unvisited neighbour up to (log2 n)² steps), between ' +
        `${options.requests} random pairs. Warren: real nodes on the same graph and locations, HTL 18 with backtracking, ${options.requests} blocks ` +
        `inserted and each requested once, up to ${options.warrenMaxNodes ?? DARKNET_WARREN_MAX_NODES} nodes.`,
      `Sandberg's figures are his for swapped locations at ${SANDBERG_REFERENCE.nodes.toLocaleString('en-US')} nodes (a larger network than these).`,
    ],
  };
}

export const darknetScenario: Scenario = {
  name: 'darknet',
  summary: 'Darknet: location swapping on a Kleinberg and a clustered social trust graph; greedy and Warren routing on random, swapped and ideal locations',
  defaults: { nodes: 4_000, requests: 2_000 },
  run: runDarknet,
};

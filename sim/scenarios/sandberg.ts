/**
 * Scenario `sandberg`: reproduces the routing experiment of Sandberg, "Distributed routing
 * in small-world networks" (ALENEX 2006), then runs Warren's own routing on the same graph.
 *
 *   sandbergEdges(n) ──adjacencyOf──> greedyRouting × {ideal, random positions} × {stop, continue}
 *                    ──createSimulatedNetwork(ideal locations)──> runWorkload (HTL 18, backtracking)
 *   results + his swapping-restored figures at 64,000 nodes ──> ScenarioReport
 *
 * spec/simulator.md ("Sandberg 2006 and hops against size") says how the paper's setup is read.
 */
import { adjacencyOf, degreesOf } from '../adjacency.js';
import { greedyRouting, type GreedyMode, type GreedyResult, defaultMaxSteps } from '../greedy.js';
import { createSimulatedNetwork } from '../simulated-network.js';
import type { Figure, Scenario, ScenarioOptions, ScenarioReport } from '../report/model.js';
import { SeededRng } from '../rng.js';
import { type Edge, idealLocations, randomLocations, sandbergContacts, sandbergEdges } from '../topology.js';
import { runWorkload, type WorkloadMetrics } from '../workload.js';

/** His figures for positions restored by swapping, at this network size. */
export const SANDBERG_REFERENCE = {
  nodes: 64_000,
  source: 'Sandberg 2006, positions restored by swapping, 64,000 nodes',
  stop: { success: 0.668, steps: 4.059 },
  continue: { success: 0.996, steps: 6.039 },
} as const;

/** Simulation block size for the Warren-routing part: routing does not depend on it. */
export const SANDBERG_BLOCK_BYTES = 1_024;

export interface SandbergOptions extends ScenarioOptions {
  /** Long-range contacts drawn per node (default 3·log2 n). */
  readonly contacts?: number;
  /** Skip the Warren-routing part (pure greedy only). */
  readonly greedyOnly?: boolean;
}

type Positions = 'ideal' | 'random';

interface GreedyCase {
  readonly positions: Positions;
  readonly mode: GreedyMode;
  readonly result: GreedyResult;
}

const ratio = (value: number) => Number(value.toFixed(4));
const steps = (value: number) => Number(value.toFixed(3));

/** A greedy case's figures, each next to his figure for the same mode (at 64,000 nodes, whatever `n` is). */
function greedyFigures({ positions, mode, result }: GreedyCase): Figure[] {
  const reference = SANDBERG_REFERENCE[mode];
  const source = SANDBERG_REFERENCE.source;
  const label = `greedy (${mode} at dead ends), ${positions} positions`;
  return [
    { name: `${label}: success`, value: ratio(result.successRate), unit: 'ratio', reference: { value: reference.success, source } },
    { name: `${label}: mean steps`, value: steps(result.meanSteps), unit: 'hops', reference: { value: reference.steps, source } },
  ];
}

export async function runSandberg(options: SandbergOptions): Promise<ScenarioReport> {
  const { nodes: n, requests, seed, onProgress } = options;
  const contacts = options.contacts ?? sandbergContacts(n);
  const rng = new SeededRng(seed);
  onProgress?.({ phase: 'building the graph', done: 0, total: 1 });
  const edges = sandbergEdges(n, rng.fork('graph'), { contacts });
  const graph = adjacencyOf(n, edges);
  const maxDegree = Math.max(...degreesOf(graph));
  const positions: Record<Positions, readonly number[]> = {
    ideal: idealLocations(n),
    random: rng.fork('random positions').shuffle(randomLocations(n, rng.fork('random locations'))),
  };

  const cases: GreedyCase[] = [];
  for (const which of ['ideal', 'random'] as const) {
    for (const mode of ['stop', 'continue'] as const) {
      const phase = `greedy ${mode}, ${which} positions`;
      const result = greedyRouting(graph, positions[which], rng.fork(`greedy/${which}/${mode}`), {
        mode,
        routes: requests,
        onProgress: (done) => onProgress?.({ phase, done, total: requests }),
      });
      cases.push({ positions: which, mode, result });
    }
  }

  const warren = options.greedyOnly ? undefined : await warrenRouting(options, edges, idealLocations(n), maxDegree, `${seed}/warren`);
  const figures: Figure[] = cases.flatMap(greedyFigures);
  if (warren !== undefined) {
    figures.push(
      { name: 'Warren routing, ideal positions: success', value: ratio(warren.successRate), unit: 'ratio' },
      { name: 'Warren routing, ideal positions: mean hops', value: steps(warren.hops.mean), unit: 'hops' },
      { name: 'Warren routing, ideal positions: p95 hops', value: warren.hops.p95, unit: 'hops' },
      { name: 'Warren routing: invalid blocks delivered', value: warren.invalidBlocksDelivered, unit: 'count' },
    );
  }
  const referenceCells = (mode: GreedyMode) => [SANDBERG_REFERENCE[mode].success, SANDBERG_REFERENCE[mode].steps];
  return {
    scenario: 'sandberg',
    seed,
    parameters: {
      nodes: n,
      requests,
      contactsPerNode: contacts,
      meanDegree: ratio((edges.length * 2) / n),
      maxDegree,
      continueMaxSteps: defaultMaxSteps(n),
      warrenRouting: warren !== undefined,
      ...(warren !== undefined ? { warrenKeys: requests, warrenZipfExponent: 0, blockBytes: SANDBERG_BLOCK_BYTES } : {}),
    },
    figures,
    tables: [
      {
        title: `Routing on Sandberg's ring of ${n.toLocaleString('en-US')} nodes (${contacts} contacts per node)`,
        columns: ['routing', 'positions', 'success', 'mean steps', 'Sandberg restored: success', 'Sandberg restored: steps'],
        rows: [
          ...cases.map(({ positions: which, mode, result }) => [
            `greedy, ${mode} at dead ends`,
            which,
            ratio(result.successRate),
            steps(result.meanSteps),
            ...referenceCells(mode),
          ]),
          ...(warren !== undefined ? [['Warren (HTL 18, backtracking)', 'ideal', ratio(warren.successRate), steps(warren.hops.mean), '', '']] : []),
        ],
      },
    ],
    charts: [],
    notes: [
      `Graph: a ring of ${n} nodes, each linked to its two ring neighbours and drawing ${contacts} = round(3·log2 n) long-range contacts at ring distance ` +
        `d with probability ∝ 1/d; links are undirected, so the mean degree is ${ratio((edges.length * 2) / n)}.`,
      "Greedy routing goes from a random source toward a random target node's position, each step to the neighbour closest to it, and succeeds on " +
        'reaching the target node. "stop": a node with no neighbour closer than itself ends the route as a failure. ' +
        `"continue": each step goes to the closest neighbour not yet visited, up to (log2 n)² = ${defaultMaxSteps(n)} steps. Mean steps count successful ` +
        `routes only.`,
      'Ideal positions: node i at i / n. Random positions: uniform on the ring, drawn independently of the graph. With ideal positions the ring link ' +
        'toward the target is always closer, so greedy routing never meets a dead end.',
      `Sandberg's figures are for positions restored by his swapping algorithm on the same kind of graph at ${SANDBERG_REFERENCE.nodes} nodes; ideal ` +
        `positions bound what swapping can reach, random ones are where it starts.`,
      ...(warren !== undefined
        ? [
            `Warren routing: real nodes on the same graph with ideal locations, ${requests} distinct ${SANDBERG_BLOCK_BYTES}-byte blocks inserted from ` +
              `random nodes, then one request for each key (uniform popularity) from a random node; hops are DataRequest messages per successful request, ` +
              `backtracking included.`,
          ]
        : []),
    ],
  };
}

/**
 * Warren's routing on a fixed graph with the given locations: real nodes, `requests` blocks
 * inserted and each requested once (uniform), every link kept and no path folding. The `darknet`
 * scenario runs it on swapped and random locations too.
 */
export async function warrenRouting(
  options: ScenarioOptions,
  edges: readonly Edge[],
  locations: readonly number[],
  maxDegree: number,
  networkSeed: string,
): Promise<WorkloadMetrics> {
  const { requests, onProgress, countEvents } = options;
  onProgress?.({ phase: 'starting nodes', done: 0, total: locations.length });
  const sim = await createSimulatedNetwork({
    seed: networkSeed,
    locations,
    edges,
    blockBytes: SANDBERG_BLOCK_BYTES,
    // Every link of the graph is kept (no peer limit below a node's degree); nodes have no
    // identity to offer, so path folding adds no links: routing runs on his graph as drawn.
    node: { maxPeers: maxDegree },
  });
  try {
    const metrics = await runWorkload(sim, { keys: requests, requests, zipfExponent: 0, ...(onProgress ? { onProgress } : {}) });
    countEvents?.(metrics.events);
    return metrics;
  } finally {
    await sim.stop();
  }
}

export const sandbergScenario: Scenario = {
  name: 'sandberg',
  summary:
    "Sandberg 2006: greedy routing (stop / continue at dead ends) on a ring with 3·log2 n contacts per node, ideal vs random positions, then Warren's " +
    'routing on the same graph',
  defaults: { nodes: SANDBERG_REFERENCE.nodes, requests: 10_000 },
  run: runSandberg,
};

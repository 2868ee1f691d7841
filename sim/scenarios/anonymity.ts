/**
 * Scenario `anonymity`: how well a relay, or up to 10 % of the nodes colluding, can tell that the
 * neighbour handing it a request or an insert started it (spec/simulator.md §3.4). Each HTL design
 * (node/htl.ts) runs on the same seeded networks — the ideal small world, and an opennet grown as
 * `hops-vs-size` grows it (path folding shapes its links) — with the same workload, so the cost of
 * the default design (v2) is read against the previous one (v1) in one run; `options.design`
 * (`warren sim --design`) runs one design alone, so a large run's designs can take a process each.
 *
 *   per network, per design: buildSmallWorld | growingOpennet + growWithTraffic
 *       ──AnonymityTap──> runWorkload (inserts, Zipf requests)
 *       ──> runWorkload (inserts only: samples for inserts) ──> anonymityOf × colluder shares
 *   ──> table of worst-case and mean P(originator | observation), table of cost (success, hops, latency)
 */
import { HTL_POLICY_V1, HTL_POLICY_V2, type HtlPolicy } from '../../node/htl.js';
import { OPENNET_NODE_SETTINGS } from '../grown-opennet.js';
import { type AnonymityFigures, AnonymityTap, anonymityOf, type OperationKind } from '../anonymity.js';
import type { Figure, Scenario, ScenarioOptions, ScenarioReport } from '../report/model.js';
import { SeededRng } from '../rng.js';
import type { WorkloadMetrics } from '../workload.js';
import { runWorkload } from '../workload.js';
import type { SimulatedNetwork } from '../simulated-network.js';
import { buildSmallWorld, SMALL_WORLD_WORKLOAD, smallWorldWorkload } from './baseline.js';
import { growingOpennet, growWithTraffic } from './hops-vs-size.js';

/** An HTL design, as the nodes are configured for it. */
export interface Design {
  /** What `--design` calls it. */
  readonly name: string;
  readonly label: string;
  readonly policy: HtlPolicy;
}

const DESIGNS: readonly Design[] = [
  { name: 'v1', label: 'v1 (previous)', policy: HTL_POLICY_V1 },
  { name: 'v2', label: 'v2 (default)', policy: HTL_POLICY_V2 },
];

/** The designs `options` asks for: the one named by `design`, or all. */
function designsOf(options: ScenarioOptions): readonly Design[] {
  if (options.design === undefined) return DESIGNS;
  const chosen = DESIGNS.filter(({ name }) => name === options.design);
  if (chosen.length === 0) throw new RangeError(`unknown design ${JSON.stringify(options.design)}; known: ${DESIGNS.map(({ name }) => name).join(', ')}`);
  return chosen;
}

/** The networks each design runs on. */
export type AnonymityNetwork = 'small world' | 'grown opennet';
const NETWORKS: readonly AnonymityNetwork[] = ['small world', 'grown opennet'];
const NETWORK_DESCRIPTIONS: Record<AnonymityNetwork, (nodes: number) => string> = {
  'small world': (nodes) => `the baseline's ideal small world of ${nodes} nodes`,
  'grown opennet': (nodes) =>
    `an opennet grown to ${nodes} nodes as hops-vs-size grows it (arrivals proportional to its size, traffic while it grows, path folding)`,
};

/** Shares of the nodes that collude (0: every node on its own). */
const COLLUDING = [0, 0.01, 0.05, 0.1] as const;
/** Observations with fewer samples than this are left out of the worst case. */
export const MIN_SAMPLES = 100;
/** Inserts of the insert-only workload, per request of the main one. */
const INSERTS_PER_REQUEST = 0.1;

export interface DesignResult {
  readonly network: AnonymityNetwork;
  readonly design: Design;
  readonly requests: WorkloadMetrics;
  readonly insertsStored: number;
  /** By colluding share, in COLLUDING order. */
  readonly anonymity: readonly Record<OperationKind, AnonymityFigures>[];
}

/** Colluding sets drawn per share: their samples are pooled, so the estimate does not hang on one placement. */
const COLLUDER_DRAWS = 4;

/** The `draw`th set of colluding nodes for `share`: seeded, the same for every design. */
function colluders(nodes: number, share: number, seed: string, draw: number): Uint8Array {
  const flags = new Uint8Array(nodes);
  const order = new SeededRng(seed).fork(`colluders/${share}/${draw}`).shuffle([...Array(nodes).keys()]);
  for (const index of order.slice(0, Math.max(1, Math.round(share * nodes)))) flags[index] = 1;
  return flags;
}

/** The `network` of `options` with its nodes on `design`: an opennet is grown to its size first, with the same traffic for every design. */
async function buildNetwork(options: ScenarioOptions, network: AnonymityNetwork, design: Design, phase: string): Promise<SimulatedNetwork> {
  const { nodes, seed, onProgress } = options;
  onProgress?.({ phase: `${phase}: starting nodes`, done: 0, total: nodes });
  if (network === 'small world') return buildSmallWorld(nodes, seed, 'ideal', { htlPolicy: design.policy });
  const { blockBytes, storeBlocks, cacheBlocks } = SMALL_WORLD_WORKLOAD;
  const opennet = growingOpennet(`${seed}/opennet`, {
    node: { ...OPENNET_NODE_SETTINGS, htlPolicy: design.policy },
    blockBytes,
    storeBudgetBytes: storeBlocks * blockBytes,
    cacheBudgetBytes: cacheBlocks * blockBytes,
  });
  try {
    await growWithTraffic(opennet, nodes, phase, options);
  } catch (error) {
    await opennet.stop();
    throw error;
  }
  return opennet;
}

/** Runs the workloads on `network` (default the small world) of `options` with the nodes on `design`, and measures. */
export async function runDesign(options: ScenarioOptions, design: Design, network: AnonymityNetwork = 'small world'): Promise<DesignResult> {
  const { nodes, requests, seed, onProgress, countEvents } = options;
  const label = `${network}, ${design.label}`;
  const sim = await buildNetwork(options, network, design, label);
  const tap = new AnonymityTap(
    sim.network,
    sim.nodes.map(({ transport }) => transport.peer.id),
  );
  try {
    const progress = onProgress === undefined ? undefined : (p: Parameters<typeof onProgress>[0]) => onProgress({ ...p, phase: `${label}: ${p.phase}` });
    const metrics = await runWorkload(sim, smallWorldWorkload(nodes, requests, progress, countEvents));
    const inserts = Math.max(1, Math.round(requests * INSERTS_PER_REQUEST));
    const insertOnly = await runWorkload(sim, {
      keys: inserts,
      requests: 0,
      label: 'anonymity-inserts',
      ...(progress === undefined ? {} : { onProgress: progress }),
      ...(countEvents === undefined ? {} : { onEvents: countEvents }),
    });
    const anonymity = COLLUDING.map((share) =>
      anonymityOf(tap, share === 0 ? [] : Array.from({ length: COLLUDER_DRAWS }, (_, draw) => colluders(nodes, share, seed, draw)), MIN_SAMPLES),
    );
    return { network, design, requests: metrics, insertsStored: insertOnly.inserts.succeeded / Math.max(1, insertOnly.inserts.attempted), anonymity };
  } finally {
    tap.stop();
    await sim.stop();
  }
}

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const percent = (value: number): string => `${(100 * value).toFixed(1)} %`;
const round = (value: number, digits: number): number => Number(value.toFixed(digits));

function anonymityRows(results: readonly DesignResult[], networks: readonly AnonymityNetwork[]): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (const network of networks)
    for (const kind of ['request', 'insert'] as const)
      for (const [index, share] of COLLUDING.entries())
        for (const { design, anonymity } of results.filter((result) => result.network === network)) {
          const figures = anonymity[index]![kind];
          const { worst } = figures;
          rows.push([
            network,
            kind,
            percent(share),
            design.label,
            figures.observations,
            figures.groups,
            worst.samples === 0 ? '–' : percent(worst.value),
            worst.samples === 0 ? '–' : `${percent(worst.low)} – ${percent(worst.high)}`,
            worst.samples === 0 ? '–' : `${worst.observation} (${worst.samples})`,
            percent(figures.meanWhenOriginator),
            percent(figures.prior),
          ]);
        }
  return rows;
}

/** The worst case over every colluding share for `kind`, with at least MIN_SAMPLES samples. */
function worstOf(result: DesignResult, kind: OperationKind): number {
  return Math.max(...result.anonymity.map((figures) => figures[kind].worst.value));
}

/** Per network, the default design's figures (v2) with the previous design's (v1) of the same run as reference. */
function figuresOf(results: readonly DesignResult[], networks: readonly AnonymityNetwork[]): Figure[] {
  return networks.flatMap((network) => {
    const ofNetwork = results.filter((result) => result.network === network);
    const candidate = ofNetwork.find(({ design }) => design.policy === HTL_POLICY_V2);
    const reference = ofNetwork.find(({ design }) => design.policy === HTL_POLICY_V1);
    if (candidate === undefined) return [];
    const figure = (name: string, unit: Figure['unit'], value: (result: DesignResult) => number): Figure => ({
      name: `${name}, ${candidate.design.label}, ${network}`,
      value: value(candidate),
      unit,
      ...(reference === undefined ? {} : { reference: { value: value(reference), source: `the ${reference.design.label} design, same run` } }),
    });
    return [
      figure('worst P(originator | observation), requests, any colluding share', 'ratio', (result) => round(worstOf(result, 'request'), 4)),
      figure('worst P(originator | observation), inserts, any colluding share', 'ratio', (result) => round(worstOf(result, 'insert'), 4)),
      figure('success rate', 'ratio', (result) => round(result.requests.successRate, 4)),
      figure('hops, mean', 'hops', (result) => round(result.requests.hops.mean, 2)),
      figure('latency, mean', 'ms', (result) => round(result.requests.latencyMs.mean, 1)),
      figure('inserts stored', 'ratio', (result) => round(result.insertsStored, 4)),
    ];
  });
}

/** The scenario on `networks`: both by default; one alone where the other is not wanted at the size (`--design` splits it further). */
function anonymityOn(name: string, networks: readonly AnonymityNetwork[], where: string): Scenario {
  return {
    name,
    summary:
      'What a neighbour, or colluding nodes, can tell of who started a request or insert: ' +
      `worst-case P(originator | observation), per HTL design, ${where}`,
    defaults: { nodes: 1_000, requests: 5_000 },
    designs: DESIGNS.map(({ name }) => name),
    async run(options): Promise<ScenarioReport> {
      const designs = designsOf(options);
      const results: DesignResult[] = [];
      for (const network of networks) for (const design of designs) results.push(await runDesign(options, design, network));
      return {
        scenario: 'anonymity',
        seed: options.seed,
        parameters: {
          nodes: options.nodes,
          requests: options.requests,
          inserts: Math.round(options.requests * INSERTS_PER_REQUEST),
          minSamples: MIN_SAMPLES,
          designs: designs.map(({ label }) => label).join(', '),
          networks: networks.join(', '),
        },
        figures: figuresOf(results, networks),
        tables: [
          {
            title: 'P(originator | observation): worst case over observations with enough samples, and mean',
            columns: [
              'network',
              'kind',
              'colluding',
              'design',
              'observations',
              `observations with ≥ ${MIN_SAMPLES} samples`,
              'worst',
              'Wilson 95 %',
              'worst observation (samples)',
              'mean when originator',
              'prior',
            ],
            rows: anonymityRows(results, networks),
          },
          {
            title: 'Cost of each design',
            columns: ['network', 'design', 'success rate', 'hops, mean', 'hops, p95', 'latency, mean (ms)', 'messages per success', 'inserts stored'],
            rows: results.map(({ network, design, requests, insertsStored }) => [
              network,
              design.label,
              percent(requests.successRate),
              round(requests.hops.mean, 2),
              requests.hops.p95,
              round(requests.latencyMs.mean, 1),
              round(requests.messagesPerSuccess, 1),
              percent(insertsStored),
            ]),
          },
        ],
        charts: [],
        notes: [
          `${capitalized(networks.map((network) => NETWORK_DESCRIPTIONS[network](options.nodes)).join(', and '))}; ` +
            `on ${networks.length > 1 ? 'each' : 'it'}, ` +
            `the baseline workload (inserts, then ${options.requests} Zipf-popular requests), ` +
            `then ${Math.round(options.requests * INSERTS_PER_REQUEST)} inserts of new blocks from random nodes, once per design on the same seed` +
            (designs.length < DESIGNS.length ? ` (this run: ${designs.map(({ label }) => label).join(', ')} alone).` : '.'),
          'An observation is what the receiving node reads of a DataRequest or InsertRequest and its link: the kind, the HTL, whether the link ' +
            'already carried this transaction (a retry) and how many requests and inserts the link carried before. The truth is whether the sender ' +
            'started the transaction. P(originator | observation) is the share of deliveries with that observation whose sender is the originator: ' +
            'the Bayes-optimal guess of an adversary that knows the design. Probable innocence requires it ≤ 1/2 for every observation.',
          'Colluding 0 %: every node is an adversary on its own and every delivery counts. Otherwise a seeded share of the nodes pools what it ' +
            'sees: for each transaction started by an honest node, the first delivery to a colluder counts, ' +
            'by its kind and HTL (one sample per transaction).',
          `The worst case is taken over observations with at least ${MIN_SAMPLES} samples; "mean when originator" is the adversary's mean ` +
            'P(originator | observation) over the deliveries whose sender is the originator; "prior" is the share of all deliveries sent by the originator.',
        ],
      };
    },
  };
}

export const anonymityScenario = anonymityOn('anonymity', NETWORKS, 'on the ideal small world and a grown opennet');
export const anonymitySmallWorldScenario = anonymityOn('anonymity-small-world', ['small world'], 'on the ideal small world only');
export const anonymityOpennetScenario = anonymityOn(
  'anonymity-opennet',
  ['grown opennet'],
  'on a grown opennet only (--design runs one design, so large runs can take one process per core)',
);

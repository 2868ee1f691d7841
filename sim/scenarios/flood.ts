/**
 * Scenario `flood`: peers send DataRequests for random keys to one node as fast as a rate
 * allows, while honest clients keep fetching blocks through the network (sim/flood-experiment.ts). Per
 * flood (flooders × rate): honest fetches per virtual second against the unflooded figure, and
 * what the target's load limiter did with the flood.
 */
import { runFloodExperiment } from '../flood-experiment.js';
import type { Figure, Scenario, ScenarioOptions, ScenarioReport } from '../report/model.js';

export interface Flood {
  readonly flooders: number;
  /** DataRequests per virtual second from each flooder. */
  readonly perSecond: number;
}

/** The floods measured; the first, no flood, is the reference. */
export const FLOODS: readonly Flood[] = [
  { flooders: 0, perSecond: 0 },
  { flooders: 1, perSecond: 8_000 },
  { flooders: 1, perSecond: 32_000 },
  { flooders: 4, perSecond: 32_000 },
  { flooders: 16, perSecond: 32_000 },
];
/** Honest fetches must keep at least this share of their unflooded rate. */
export const HONEST_FLOOR = 0.8;
export const FLOOD_DURATION_MS = 5_000;

const round = (value: number, digits: number): number => Number(value.toFixed(digits));
const describe = ({ flooders, perSecond }: Flood): string => (flooders === 0 ? 'no flood' : `${flooders} × ${perSecond}/s`);

export async function runFloodScenario(options: ScenarioOptions, floods: readonly Flood[] = FLOODS, durationMs = FLOOD_DURATION_MS): Promise<ScenarioReport> {
  const reports = [];
  for (const [index, flood] of floods.entries()) {
    options.onProgress?.({ phase: `flood: ${describe(flood)}`, done: index, total: floods.length });
    const report = await runFloodExperiment({
      seed: options.seed,
      nodes: options.nodes,
      blocks: options.requests,
      durationMs,
      floodPerSecond: flood.perSecond,
      flooders: flood.flooders,
    });
    reports.push({ flood, report });
  }
  options.onProgress?.({ phase: 'flood', done: floods.length, total: floods.length });
  const quiet = reports[0]!.report.honestPerSecond;
  const share = (honest: number): number => (quiet === 0 ? 0 : honest / quiet);
  const figures: Figure[] = reports.slice(1).map(({ flood, report }) => ({
    name: `honest fetches against unflooded, flood ${describe(flood)}`,
    value: share(report.honestPerSecond),
    unit: 'ratio',
    reference: { value: HONEST_FLOOR, source: 'required: at least 80% of the unflooded rate' },
  }));
  return {
    scenario: 'flood',
    seed: options.seed,
    parameters: { nodes: options.nodes, requests: options.requests, blocks: options.requests, durationMs, floods: floods.map(describe).join(', ') },
    figures,
    tables: [
      {
        title: 'Honest fetches against the flood',
        columns: [
          'flood',
          'flood requests/s in all',
          'honest fetches/s',
          'against unflooded',
          'honest failures',
          'flood sent',
          'RejectedOverload',
          'flood admitted',
          'target: most routes',
          'most for one flooder',
          'route share per peer',
        ],
        rows: reports.map(({ flood, report }) => [
          describe(flood),
          flood.flooders * flood.perSecond,
          round(report.honestPerSecond, 1),
          round(share(report.honestPerSecond), 3),
          report.honestFailures,
          report.flood.sent,
          report.flood.rejectedOverload,
          report.flood.otherReplies,
          report.target.maxActiveTransactions,
          report.target.maxFlooderRoutes,
          report.target.routesPerPeer,
        ]),
      },
    ],
    charts: [
      {
        title: 'Honest fetches against the flood rate',
        xLabel: 'flood (requests per virtual second, all flooders)',
        yLabel: 'honest fetches per second',
        kind: 'line',
        series: [{ label: 'honest fetches', points: reports.map(({ flood, report }) => [flood.flooders * flood.perSecond, report.honestPerSecond] as const) }],
      },
    ],
    notes: [
      `Flooders are bare peers of one target node; each sends DataRequests for random keys at its rate for ${durationMs / 1000} virtual seconds and ` +
        `answers nothing. Honest clients (20) fetch the ${options.requests} inserted blocks one after another from random nodes meanwhile.`,
      "Caches hold one block, so every honest fetch crosses the network. The target answers what exceeds a flooder's token bucket with RejectedOverload " +
        'before any lookup, and shares its routes among its peers (spec/routing.md §8).',
      'Virtual time has no CPU cost: a flood costs the target routes and table space here, not processor time.',
    ],
  };
}

export const floodScenario: Scenario = {
  name: 'flood',
  summary: 'peers flood one node with requests: honest fetches per second hold against the flood',
  defaults: { nodes: 30, requests: 200 },
  run: (options) => runFloodScenario(options),
};

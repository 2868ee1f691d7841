/**
 * The report of an attacker-fraction run (fractions.ts): one row per fraction, the success
 * rate at each fraction next to the attack-free figure, the chart "success against attacker
 * fraction", and the count of invalid blocks delivered to requesters (which must be 0).
 */
import type { Figure, Scenario, ScenarioReport } from '../report/model.js';
import { type AttackerKind, FRACTIONS_DEFAULTS, type FractionResult, runAttackerFractions } from './fractions.js';

const ATTACKERS: Record<AttackerKind, { readonly plural: string; readonly behaviour: string }> = {
  blackhole: { plural: 'black holes', behaviour: 'take every data request and never answer it (they store inserts, so what they hold is lost)' },
  stall: {
    plural: 'stallers',
    behaviour: 'take every data request on (RequestAccepted) and never answer it, so that their upstream waits the whole hop timeout',
  },
  poison: { plural: 'poisoners', behaviour: 'answer every data request at once with a block that does not verify against its key' },
};

const percent = (fraction: number): string => `${Math.round(fraction * 100)}%`;
const round = (value: number, digits: number): number => Number(value.toFixed(digits));

function report(kind: AttackerKind, seed: string, parameters: ScenarioReport['parameters'], results: readonly FractionResult[]): ScenarioReport {
  const { plural, behaviour } = ATTACKERS[kind];
  const clean = results.find((result) => result.fraction === 0);
  const figures: Figure[] = results
    .filter((result) => result.fraction > 0)
    .map((result) => ({
      name: `success rate, ${percent(result.fraction)} ${plural}`,
      value: result.metrics.successRate,
      unit: 'ratio',
      ...(clean === undefined ? {} : { reference: { value: clean.metrics.successRate, source: 'same network and workload without attackers' } }),
    }));
  figures.push({
    name: 'invalid blocks delivered to requesters',
    value: results.reduce((sum, result) => sum + result.metrics.invalidBlocksDelivered, 0),
    unit: 'count',
    reference: { value: 0, source: 'required: every block is verified' },
  });
  return {
    scenario: kind,
    seed,
    parameters,
    figures,
    tables: [
      {
        title: `Success and hops against the fraction of ${plural}`,
        columns: [
          'attackers',
          'nodes',
          'success',
          'hops mean',
          'hops p50',
          'hops p95',
          'latency p50 (ms)',
          'messages per success',
          'requests intercepted',
          'attacker links kept',
          'invalid blocks delivered',
        ],
        rows: results.map(({ fraction, attackers, intercepted, attackerLinks, metrics }) => [
          percent(fraction),
          attackers,
          round(metrics.successRate, 4),
          round(metrics.hops.mean, 2),
          metrics.hops.p50,
          metrics.hops.p95,
          round(metrics.latencyMs.p50, 0),
          round(metrics.messagesPerSuccess, 1),
          intercepted,
          attackers === 0 ? '—' : `${attackerLinks.after} of ${attackerLinks.before}`,
          metrics.invalidBlocksDelivered,
        ]),
      },
    ],
    charts: [
      {
        title: 'Success against attacker fraction',
        xLabel: `${plural} (% of nodes)`,
        yLabel: 'success rate',
        kind: 'line',
        series: [{ label: plural, points: results.map((result) => [result.fraction * 100, result.metrics.successRate] as const) }],
      },
      {
        title: 'Hops against attacker fraction',
        xLabel: `${plural} (% of nodes)`,
        yLabel: 'mean hops of a successful request',
        kind: 'line',
        series: [{ label: plural, points: results.map((result) => [result.fraction * 100, result.metrics.hops.mean] as const) }],
      },
    ],
    notes: [
      `Attackers ${behaviour}; otherwise they run the production node behind a wrapped transport. Honest nodes run the production code unchanged.`,
      'Attacker sets are nested (the 10% are among the 20%); only honest nodes insert and request. Each fraction is a fresh network on the same graph with ' +
        'the same workload.',
      'Every block a requester receives is verified against its key; "invalid blocks delivered" counts those that failed.',
      '"Attacker links kept": the attackers\' links at the end of the workload, of those they had when it began (a node drops a peer after 3 invalid blocks).',
    ],
  };
}

/** A scenario running the attacker fractions for `kind`. */
export function attackerScenario(kind: AttackerKind, summary: string): Scenario {
  return {
    name: kind,
    summary,
    defaults: { nodes: 1_000, requests: 4_000 },
    async run(options) {
      const keys = Math.max(1, Math.round(options.requests / 4));
      let events = 0;
      const results = await runAttackerFractions({
        kind,
        seed: options.seed,
        nodes: options.nodes,
        requests: options.requests,
        keys,
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      });
      for (const result of results) events += result.metrics.events;
      options.countEvents?.(events);
      const parameters = {
        nodes: options.nodes,
        requests: options.requests,
        keys,
        ...FRACTIONS_DEFAULTS,
        fractions: results.map((result) => percent(result.fraction)).join(' '),
      };
      return report(kind, options.seed, parameters, results);
    },
  };
}

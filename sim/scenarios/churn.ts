/**
 * Scenario `churn`: the standard workload on a small world whose nodes come and go with
 * Weibull session times (shape 0.48, Freenet's fit), over a lossy network with a spread of
 * latencies. Blocks are inserted while every node is online; then churn starts, and the same
 * blocks are requested in windows spaced in time, so success and hops can be followed as the
 * nodes that hold them come and go. The same network and windows without churn are the reference.
 *
 *   createSimulatedNetwork(loss, latency) ──> Membership ──> Churn (every node but the clients)
 *   runWorkload(insert only) ──churn starts──> window 1 … W: runWorkload(requestBlocksOf) ──> success, hops per window
 */
import type { LatencyFunction } from '../memory-network.js';
import { Churn, type ChurnCounts, FREENET_SESSION_SHAPE } from '../churn-model.js';
import { Membership } from '../membership.js';
import { createSimulatedNetwork } from '../simulated-network.js';
import type { Figure, Progress, Scenario, ScenarioReport } from '../report/model.js';
import { SeededRng } from '../rng.js';
import { idealLocations, smallWorldEdges } from '../topology.js';
import { runWorkload, type WorkloadMetrics } from '../workload.js';

export interface ChurnScenarioInit {
  readonly seed: string;
  readonly nodes: number;
  readonly requests: number;
  /** false: the same run without churn (the reference). */
  readonly churn: boolean;
  readonly windows?: number;
  /** Virtual time from the inserts to the start of window 1, and between window starts. */
  readonly windowGapMs?: number;
  /** Share of nodes that are clients: they never leave, and all requests and inserts start there. */
  readonly clientShare?: number;
  readonly sessionScaleMs?: number;
  readonly availability?: number;
  /** Mean time a node stays a member before a newcomer with an empty store replaces it (exponential). */
  readonly meanMembershipMs?: number;
  readonly lossRate?: number;
  /** Latency of an envelope: this minimum plus an exponential draw of mean `latencySpreadMs`. */
  readonly latencyMinMs?: number;
  readonly latencySpreadMs?: number;
  readonly requestIntervalMs?: number;
  readonly degree?: number;
  readonly blockBytes?: number;
  readonly onProgress?: (progress: Progress) => void;
}

export interface ChurnWindow {
  readonly window: number;
  /** Virtual time at the window's end, in minutes since the inserts. */
  readonly endMinutes: number;
  readonly nodesOnline: number;
  readonly metrics: WorkloadMetrics;
}

export interface ChurnRun {
  readonly windows: readonly ChurnWindow[];
  readonly churn: ChurnCounts;
  /** Clock events fired over the whole run. */
  readonly events: number;
}

export const CHURN_DEFAULTS = {
  windows: 6,
  windowGapMs: 300_000,
  clientShare: 0.1,
  sessionScaleMs: 300_000,
  availability: 0.7,
  meanMembershipMs: 7_200_000,
  lossRate: 0.01,
  latencyMinMs: 10,
  latencySpreadMs: 40,
  requestIntervalMs: 50,
  degree: 10,
  blockBytes: 1024,
} as const;

export async function runChurn(init: ChurnScenarioInit): Promise<ChurnRun> {
  const settings = { ...CHURN_DEFAULTS, ...init };
  const { seed, nodes, requests, windows, onProgress } = settings;
  const rng = new SeededRng(`${seed}/churn`);
  const edges = smallWorldEdges(nodes, rng.fork('edges'), { degree: settings.degree });
  const latencyMs: LatencyFunction = (_from, _to, draw) => settings.latencyMinMs - settings.latencySpreadMs * Math.log(1 - draw.next());
  const sim = await createSimulatedNetwork({
    seed,
    locations: idealLocations(nodes),
    edges,
    blockBytes: settings.blockBytes,
    lossRate: settings.lossRate,
    latencyMs,
  });
  const membership = new Membership(sim, edges);
  const order = rng.fork('clients').shuffle(Array.from({ length: nodes }, (_, index) => index));
  const clients = order.slice(0, Math.max(1, Math.round(settings.clientShare * nodes))).sort((a, b) => a - b);
  const churn = new Churn(sim.clock, rng.fork('sessions'), membership, {
    shape: FREENET_SESSION_SHAPE,
    sessionScaleMs: settings.sessionScaleMs,
    availability: settings.availability,
    meanMembershipMs: settings.meanMembershipMs,
    exempt: new Set(clients),
  });
  const results: ChurnWindow[] = [];
  const keys = Math.max(1, Math.round(requests / 4));
  const progress = (phase: string) => (report: Progress) =>
    onProgress?.({ ...report, phase: `${settings.churn ? 'churn' : 'no churn'}, ${phase}: ${report.phase}` });
  let events = 0;
  try {
    const inserted = await runWorkload(membership.view, {
      keys,
      requests: 0,
      origins: clients,
      requestIntervalMs: settings.requestIntervalMs,
      label: 'churn',
      onProgress: progress('inserting'),
    });
    events += inserted.events;
    const start = sim.clock.now();
    if (settings.churn) churn.start();
    const perWindow = Math.max(1, Math.floor(requests / windows));
    for (let window = 1; window <= windows; window++) {
      // Window w starts w gaps after the inserts (or when the previous one ends, if later).
      events += await sim.clock.run({ until: Math.max(sim.clock.now(), start + window * settings.windowGapMs) });
      const metrics = await runWorkload(membership.view, {
        keys,
        requests: perWindow,
        origins: clients,
        requestIntervalMs: settings.requestIntervalMs,
        label: `window ${window}`,
        requestBlocksOf: 'churn',
        onProgress: progress(`window ${window}/${windows}`),
      });
      events += metrics.events;
      results.push({ window, endMinutes: (sim.clock.now() - start) / 60_000, nodesOnline: membership.onlineIndices().length, metrics });
    }
  } finally {
    churn.stop();
    await membership.view.stop();
  }
  return { windows: results, churn: { ...churn.counts }, events };
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** Success and hops over all windows: requests weighted equally. */
function overall(run: ChurnRun): { success: number; hops: number; invalid: number } {
  let requests = 0;
  let succeeded = 0;
  let hopSum = 0;
  let invalid = 0;
  for (const { metrics } of run.windows) {
    requests += metrics.requests;
    succeeded += metrics.succeeded;
    hopSum += metrics.hops.mean * metrics.succeeded;
    invalid += metrics.invalidBlocksDelivered;
  }
  return { success: requests === 0 ? 0 : succeeded / requests, hops: succeeded === 0 ? 0 : hopSum / succeeded, invalid };
}

function report(seed: string, parameters: ScenarioReport['parameters'], churned: ChurnRun, steady: ChurnRun): ScenarioReport {
  const withChurn = overall(churned);
  const without = overall(steady);
  const figures: Figure[] = [
    {
      name: 'success rate under churn',
      value: withChurn.success,
      unit: 'ratio',
      reference: { value: without.success, source: 'same network and workload without churn' },
    },
    {
      name: 'hops, mean, under churn',
      value: withChurn.hops,
      unit: 'hops',
      reference: { value: without.hops, source: 'same network and workload without churn' },
    },
    {
      name: 'invalid blocks delivered',
      value: withChurn.invalid + without.invalid,
      unit: 'count',
      reference: { value: 0, source: 'required: every block is verified' },
    },
    { name: 'nodes leaving', value: churned.churn.leaves, unit: 'count' },
    { name: 'nodes returning', value: churned.churn.rejoins, unit: 'count' },
    { name: 'nodes replaced by newcomers', value: churned.churn.replacements, unit: 'count' },
  ];
  const series = (run: ChurnRun, label: string, pick: (window: ChurnWindow) => number) => ({
    label,
    points: run.windows.map((window) => [round(window.endMinutes, 2), pick(window)] as const),
  });
  return {
    scenario: 'churn',
    seed,
    parameters,
    figures,
    tables: [
      {
        title: 'Requests during churn, window by window',
        columns: ['window', 'ends at (min)', 'nodes online', 'success', 'hops mean', 'hops p50', 'hops p95', 'latency p50 (ms)', 'success without churn'],
        rows: churned.windows.map((window, index) => {
          const { metrics } = window;
          return [
            window.window,
            round(window.endMinutes, 1),
            window.nodesOnline,
            round(metrics.successRate, 4),
            round(metrics.hops.mean, 2),
            metrics.hops.p50,
            metrics.hops.p95,
            round(metrics.latencyMs.p50, 0),
            round(steady.windows[index]?.metrics.successRate ?? 0, 4),
          ];
        }),
      },
    ],
    charts: [
      {
        title: 'Success over time',
        xLabel: 'minutes since the inserts',
        yLabel: 'success rate',
        kind: 'line',
        series: [
          series(churned, 'with churn', (window) => window.metrics.successRate),
          series(steady, 'without churn', (window) => window.metrics.successRate),
        ],
      },
      {
        title: 'Hops over time',
        xLabel: 'minutes since the inserts',
        yLabel: 'mean hops of a successful request',
        kind: 'line',
        series: [series(churned, 'with churn', (window) => window.metrics.hops.mean), series(steady, 'without churn', (window) => window.metrics.hops.mean)],
      },
    ],
    notes: [
      `Session and down times are Weibull with shape ${FREENET_SESSION_SHAPE} (Freenet's measured fit); down times are scaled so a node is online ` +
        `${CHURN_DEFAULTS.availability * 100}% of the time. Every node starts online and draws a fresh session when churn starts, right after the inserts.`,
      'A node that leaves stops cleanly (its peers see it go) and keeps its store; when it returns it has the same identity and location and links again ' +
        'to its original graph neighbours that are online.',
      `A node stays a member for an exponential time of mean ${CHURN_DEFAULTS.meanMembershipMs / 3_600_000} h; at the end of that session a newcomer with ` +
        `a new identity and an empty store joins in its place.`,
      `Clients (${CHURN_DEFAULTS.clientShare * 100}% of nodes) never leave; every insert and request starts at one of them. Window w starts w × ` +
        `${CHURN_DEFAULTS.windowGapMs / 60_000} min after the inserts and requests the same blocks with Zipf popularity (its own draws).`,
      `Every envelope is lost with probability ${CHURN_DEFAULTS.lossRate} and takes ${CHURN_DEFAULTS.latencyMinMs} ms plus an exponential delay of mean ` +
        `${CHURN_DEFAULTS.latencySpreadMs} ms.`,
    ],
  };
}

export const churnScenario: Scenario = {
  name: 'churn',
  summary: 'nodes leave and return with Weibull sessions (shape 0.48), lossy links: success and hops over time',
  defaults: { nodes: 1_000, requests: 6_000 },
  async run(options) {
    const base = {
      seed: options.seed,
      nodes: options.nodes,
      requests: options.requests,
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    };
    const churned = await runChurn({ ...base, churn: true });
    const steady = await runChurn({ ...base, churn: false });
    options.countEvents?.(churned.events + steady.events);
    return report(options.seed, { nodes: options.nodes, requests: options.requests, ...CHURN_DEFAULTS, sessionShape: FREENET_SESSION_SHAPE }, churned, steady);
  },
};

/**
 * Flood benchmark: `npx tsx bench/flood.ts`.
 *
 * One peer sends DataRequests for random keys at 8,000 a second to a target node while honest
 * peers fetch blocks through it; printed: the honest fetch rate unflooded (the same-run
 * reference) and flooded, their ratio, and how much of the flood the target refused. The flooder
 * also never answers what is routed to it (a black hole): an honest fetch the target sends its
 * way waits one hop timeout before the target backs it off, which is part of the flooded figure.
 *
 *   simulator  30-node small world in virtual time (sim/flood-experiment.ts), deterministic; once more
 *              with the per-peer budgets lifted, to show what they prevent
 *   TCP        three real nodes on loopback, the flooder in a worker thread (wall time)
 */
import '../node/polyfills.js';
import { encodeChk } from '../protocol/keys/chk.js';
import { type FloodReport, runFloodExperiment } from '../sim/flood-experiment.js';
import { startFloodPeer } from '../test/support/flood-peer.js';
import { DIFFICULTY, fetchAtRate, sampleTarget, startNode, until } from '../test/support/flood-setup.js';
import { formatCount, percentile, printRows } from './support.js';

const FLOOD_PER_SECOND = 8_000;
const BLOCKS = 200;
/** 16 outstanding blocks of 32 KiB fit in a TCP send queue (1 MiB): an honest peer is never a slow reader. */
const HONEST = { perSecond: 300, maxInFlight: 16, windowMs: 5_000 };
/** Budgets no flooder reaches: load management off, the route table bound (MAX_ACTIVE) alone. */
const UNLIMITED = { requestsPerSecondPerPeer: 1e9, requestBurstPerPeer: 1e9, minRoutesPerPeer: 1e9 };

const percent = (part: number, whole: number): string => `${((100 * part) / Math.max(1, whole)).toFixed(1)}%`;

async function simulated(): Promise<void> {
  const run = (floodPerSecond: number, node = {}): Promise<FloodReport> => runFloodExperiment({ seed: 'bench/flood', floodPerSecond, node });
  const quiet = await run(0);
  const flooded = await run(FLOOD_PER_SECOND);
  const unlimited = await run(FLOOD_PER_SECOND, UNLIMITED);
  const refused = (report: FloodReport): string => `${percent(report.flood.rejectedOverload, report.flood.sent)} of ${formatCount(report.flood.sent)} refused`;
  printRows('Simulator: 30-node small world, 20 honest clients, 5 virtual s (deterministic)', [
    ['honest fetches, unflooded', `${quiet.honestPerSecond.toFixed(1)}/s`, `${quiet.honestFailures} failed (reference)`],
    [
      'honest fetches, flooded',
      `${flooded.honestPerSecond.toFixed(1)}/s`,
      `${flooded.honestFailures} failed, ratio ${(flooded.honestPerSecond / quiet.honestPerSecond).toFixed(3)}`,
    ],
    ['flooder', `${formatCount(FLOOD_PER_SECOND)}/s`, refused(flooded)],
    [
      'target peak routes',
      formatCount(flooded.target.maxActiveTransactions),
      `flooder's ${flooded.target.maxFlooderRoutes}, share ${flooded.target.routesPerPeer}`,
    ],
    ['without budgets: honest', `${unlimited.honestPerSecond.toFixed(1)}/s`, `${unlimited.honestFailures} failed`],
    ['without budgets: flooder', `${formatCount(FLOOD_PER_SECOND)}/s`, `${refused(unlimited)}; target peak routes ${unlimited.target.maxActiveTransactions}`],
  ]);
}

async function overTcp(): Promise<void> {
  const [target, ...clients] = [await startNode(), await startNode(), await startNode()] as const;
  try {
    const chks = Array.from({ length: BLOCKS }, (_, index) => encodeChk(new TextEncoder().encode(`bench flood ${index}`)));
    for (const { routingKey, block } of chks) await target.store.put(routingKey, block, { partition: 'store' });
    for (const client of clients) await client.transport.dial(target.transport.addresses[0]!);
    await until(() => target.node.peers.size === 2, 'the client links');
    const keys = chks.map(({ routingKey }) => routingKey);
    const honest = clients.map(({ node }) => node);

    const rssBefore = process.memoryUsage().rss;
    const quiet = await fetchAtRate(honest, keys, HONEST);
    const flooder = await startFloodPeer({ address: target.transport.addresses[0]!, difficulty: DIFFICULTY, perSecond: FLOOD_PER_SECOND });
    await until(() => target.node.peers.size === 3, 'the flooder link');
    const sampler = sampleTarget(target.node, flooder.peerId);
    const flooded = await fetchAtRate(honest, keys, HONEST);
    const peaks = sampler.stop();
    const rssFlooded = process.memoryUsage().rss;
    const flood = await flooder.stop();
    const latency = (report: typeof quiet): string =>
      `p50 ${percentile(report.latenciesMs, 0.5).toFixed(1)} ms, p99 ${percentile(report.latenciesMs, 0.99).toFixed(1)} ms`;
    printRows(`TCP: 3 nodes on loopback, 2 honest peers asking ${HONEST.perSecond}/s each, ${HONEST.windowMs / 1000} s each way`, [
      ['honest fetches, unflooded', `${quiet.perSecond.toFixed(1)}/s`, `${quiet.failed} failed, ${latency(quiet)} (reference)`],
      [
        'honest fetches, flooded',
        `${flooded.perSecond.toFixed(1)}/s`,
        `${flooded.failed} failed, ${latency(flooded)}, ratio ${(flooded.perSecond / quiet.perSecond).toFixed(3)}`,
      ],
      [
        'flooder sent',
        `${formatCount(flood.sent / flood.seconds)}/s`,
        `${formatCount(flood.sent)} in ${flood.seconds.toFixed(1)} s${flood.disconnected ? ', then disconnected' : ''}`,
      ],
      [
        'flooder refused',
        percent(flood.rejectedOverload, flood.sent),
        `${formatCount(flood.rejectedOverload)} RejectedOverload, ${formatCount(flood.otherReplies)} other replies`,
      ],
      ['target peak routes', formatCount(peaks.maxActive), `flooder's ${peaks.maxFlooderRoutes}, share ${peaks.routesPerPeer}`],
      ['process RSS, flooded', `${(rssFlooded / 2 ** 20).toFixed(0)} MiB`, `${(rssBefore / 2 ** 20).toFixed(0)} MiB before the flood (all three nodes)`],
    ]);
  } finally {
    for (const { node } of [target, ...clients]) await node.stop();
  }
}

await simulated();
await overTcp();

/**
 * Simulator scale benchmark: the `baseline` scenario's network and workload (sim/scenarios/baseline.ts)
 * at full size, timed phase by phase.
 *
 *   node --max-semi-space-size=64 --import tsx bench/sim.ts [nodes] [requests] [--htl=v1]      (default 10000 100000)
 *   node --max-semi-space-size=64 --max-old-space-size=16000 --import tsx bench/sim.ts 100000 1000000
 *
 * Prints the build rate (nodes/s), the run's wall and CPU time, clock events per second, requests per
 * second, peak RSS and the workload's success and hops. The same-run reference is the bare MemoryNetwork
 * and VirtualClock moving envelopes between as many transports that only receive them: the engine's
 * ceiling, whatever the node code costs. A larger young generation (--max-semi-space-size=64) saves
 * most of the garbage collector's time; at 100,000 nodes an old space of 8 GiB is too tight (the
 * collector runs almost without pause over the second half), 16 GB is not. The figures say which
 * flags the run had. `--htl=v1` runs the nodes with HTL design v1 (node/htl.ts), the design the earlier
 * figures of spec/simulator.md §5 were measured with, instead of the default.
 */
import { HTL_POLICY_V1 } from '../node/htl.js';
import { VirtualClock } from '../sim/clock.js';
import { MemoryNetwork } from '../sim/memory-network.js';
import { SeededRng } from '../sim/rng.js';
import { buildSmallWorld, keysFor, SMALL_WORLD_WORKLOAD, smallWorldWorkload } from '../sim/scenarios/baseline.js';
import { buildNetwork, idealLocations, smallWorldEdges } from '../sim/topology.js';
import { runWorkload } from '../sim/workload.js';
import { formatCount, printRows } from './support.js';

const positional = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const nodes = Number(positional[0] ?? 10_000);
const requests = Number(positional[1] ?? 100_000);
const htlV1 = process.argv.includes('--htl=v1');
const SEED = 'bench/sim';
const REFERENCE_ENVELOPES = 500_000;

const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1e6;
};
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

let lastProgressAt = 0;
function progress({ phase, done, total }: { phase: string; done: number; total: number }): void {
  const now = performance.now();
  if (now - lastProgressAt < 5_000) return;
  lastProgressAt = now;
  process.stderr.write(`  ${phase}: ${formatCount(done)} / ${formatCount(total)}, ${seconds(now - startedAt)}, rss ${mib(process.memoryUsage().rss)}\n`);
}

const startedAt = performance.now();
const buildCpu = process.cpuUsage();
const sim = await buildSmallWorld(nodes, SEED, 'ideal', htlV1 ? { htlPolicy: HTL_POLICY_V1 } : undefined);
const buildMs = performance.now() - startedAt;
const buildCpuSeconds = cpuSeconds(buildCpu);
const builtRss = process.memoryUsage().rss;

const runStartedAt = performance.now();
const runCpu = process.cpuUsage();
const metrics = await runWorkload(sim, smallWorldWorkload(nodes, requests, progress));
const runMs = performance.now() - runStartedAt;
const runCpuSeconds = cpuSeconds(runCpu);
const totalMs = performance.now() - startedAt;
const peakRss = process.resourceUsage().maxRSS * 1024;
await sim.stop();

/** Envelopes per second, of wall time and of CPU time, through the bare network: transports that only receive, on the same graph. */
async function bareNetworkRate(): Promise<{ wall: number; cpu: number }> {
  const clock = new VirtualClock();
  const network = new MemoryNetwork({ clock, rng: new SeededRng(`${SEED}/bare`) }, { latencyMs: SMALL_WORLD_WORKLOAD.latencyMs });
  const noop = { peerConnected: () => undefined, peerDisconnected: () => undefined, message: () => undefined, drained: () => undefined };
  const edges = smallWorldEdges(nodes, new SeededRng(`${SEED}/bare-edges`), { degree: SMALL_WORLD_WORKLOAD.degree });
  const transports = await buildNetwork(network, idealLocations(nodes), edges, (transport) => transport.start(noop));
  await clock.run({ until: 0 });
  const body = { type: 'dataRequest', keyType: 'chk', routingKey: new Uint8Array(32), htl: 10 } as const;
  const peersOf = transports.map((transport) => transport.connectedPeers);
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let sent = 0; sent < REFERENCE_ENVELOPES; sent += 1_000) {
    for (let i = 0; i < 1_000; i++) {
      const index = (sent + i) % nodes;
      transports[index]!.send(peersOf[index]![0]!, { tx: BigInt(sent + i), body });
    }
    await clock.run({ until: clock.now() + 1 });
  }
  await clock.run();
  return { wall: REFERENCE_ENVELOPES / ((performance.now() - started) / 1000), cpu: REFERENCE_ENVELOPES / cpuSeconds(cpu) };
}
const bareRate = await bareNetworkRate();

const eventsPerSecond = metrics.events / (runMs / 1000);
const eventsPerCpuSecond = metrics.events / runCpuSeconds;
const totalCpuSeconds = buildCpuSeconds + runCpuSeconds;
const flags = process.execArgv.filter((flag) => flag.startsWith('--max')).join(' ') || 'no V8 flags';
const target = nodes >= 100_000 ? 600_000 : nodes >= 10_000 ? 60_000 : undefined;
printRows(
  `simulator, baseline scenario: ${formatCount(nodes)} nodes, ${formatCount(keysFor(nodes))} keys, ${formatCount(requests)} requests, ` +
    `HTL design ${htlV1 ? 'v1' : 'v2 (the default)'}, one core (${flags})`,
  [
    [
      'build: nodes started and linked',
      `${formatCount(nodes / (buildMs / 1000))} nodes/s`,
      `${seconds(buildMs)} wall, ${buildCpuSeconds.toFixed(1)} s CPU, rss after ${mib(builtRss)}`,
    ],
    ['run: inserts then requests', seconds(runMs), `wall; ${runCpuSeconds.toFixed(1)} s CPU`],
    ['  clock events', `${formatCount(eventsPerSecond)} events/s`, `${formatCount(metrics.events)} events; ${formatCount(eventsPerCpuSecond)} per CPU second`],
    [
      '  reference: bare MemoryNetwork + VirtualClock',
      `${formatCount(bareRate.wall)} events/s`,
      `${formatCount(bareRate.cpu)} per CPU second: the nodes run at ${(eventsPerCpuSecond / bareRate.cpu).toFixed(2)}× the bare engine's rate (CPU)`,
    ],
    [
      '  requests',
      `${formatCount(requests / (runMs / 1000))} /s`,
      `${(100 * metrics.successRate).toFixed(2)}% succeeded, ${metrics.messagesPerSuccess.toFixed(1)} messages each`,
    ],
    [
      'total (build + run)',
      seconds(totalMs),
      target === undefined ? '' : `wall; target ${seconds(target)}: ${totalMs <= target ? 'met' : 'NOT met'} (${(totalMs / target).toFixed(2)}× of it)`,
    ],
    [
      '  CPU time (the process, GC helper threads included)',
      `${totalCpuSeconds.toFixed(1)} s`,
      target === undefined
        ? ''
        : `target ${seconds(target)}: ${totalCpuSeconds * 1000 <= target ? 'met' : 'NOT met'} (${((totalCpuSeconds * 1000) / target).toFixed(2)}× of it)`,
    ],
    ['peak RSS', mib(peakRss), `${formatCount(peakRss / nodes)} bytes per node`],
    ['hops (successful requests)', `mean ${metrics.hops.mean.toFixed(2)}`, `p50 ${metrics.hops.p50}, p95 ${metrics.hops.p95}`],
    ['invalid blocks delivered', String(metrics.invalidBlocksDelivered), 'must be 0'],
  ],
);

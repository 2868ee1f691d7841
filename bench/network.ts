/**
 * Network benchmark: `npx tsx bench/network.ts`.
 *
 * A chain of real nodes over TCP + Noise on loopback, each relay and the holder in its own process
 * (test/support/node-process-child.ts), the originator in this one:
 *
 *   originator ── R1 ── R2 ── R3 ── R4 ── R5 ── holder      (linked explicitly: each dials the next)
 *
 * Every fetch asks for a block only the holder has (fresh random blocks, each fetched once, so no
 * relay cache helps; relays past the first two hops cache what they pass, as they would).
 * Printed: 32 KiB fetch latency through the chain, p50/p99, one at a time; bulk fetch of 64 MiB
 * (2,048 blocks) with N requests in flight, in MB/s of blocks, next to the same-run reference of
 * bench/transport.ts: one Noise-secured stream carrying the same number of DataFound frames, both
 * ends in this process (bench/links.ts), and one link between two nodes both in this process (what
 * one hop costs, against the same reference); the CPU time each process spends per MB moved, next
 * to the raw link's, and what they add up to: the most the chain could move if it had every CPU of
 * the machine to itself (a relay decrypts, verifies, caches and re-encrypts every block, each at
 * least what one end of the raw link costs, and seven processes share the machine's cores) and the
 * floor no relay code can go below (six links, each costing what the raw link does); connection
 * setup (dial to a verified Hello) p50/p99; the idle resident set of a node process. Bulk rounds and
 * reference rounds alternate; each figure is the median of its rounds.
 */
import '../node/polyfills.js';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fromHex } from '../protocol/bytes.js';
import { loopbackNodeArgs } from '../node/app/cli/testnet-command.js';
import { startNode, until } from '../test/support/flood-setup.js';
import { storeFreshBlocks } from '../test/support/fresh-blocks.js';
import { blockEnvelope, framesOf, type Load, noisePipe, pump, setupTimes } from './links.js';
import { NodeProcess } from '../test/support/node-process.js';
import { median, p50p99, printRows } from './support.js';

const RELAYS = 5;
const LATENCY_SAMPLES = 200;
const BULK_BLOCKS = 2_048;
const IN_FLIGHT = [16, 64] as const;
const ROUNDS = 3;
const SETUPS = 100;
const WARM_UP = 64;
const BLOCK_BYTES = 32 * 1024;

const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** CPU milliseconds each process spends while `run` moves megabytes: this process first, then `children` in order. */
async function cpuPerMegabyte(children: readonly NodeProcess[], run: () => Promise<number>): Promise<number[]> {
  const before = [cpuMicros(), ...(await Promise.all(children.map((child) => child.cpuMicros())))];
  const megabytes = await run();
  const after = [cpuMicros(), ...(await Promise.all(children.map((child) => child.cpuMicros())))];
  return after.map((micros, i) => (micros - before[i]!) / 1000 / megabytes);
}

/** Fetches `keys` through `fetch` keeping `inFlight` outstanding; resolves with the seconds taken and failures. */
async function fetchAll(fetch: (key: Uint8Array) => Promise<unknown>, keys: readonly Uint8Array[], inFlight: number) {
  const startedAt = performance.now();
  let next = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < keys.length) await fetch(keys[next++]!).catch(() => failed++);
    }),
  );
  return { seconds: (performance.now() - startedAt) / 1000, failed };
}

/** Idle resident set of `warren node` (dist build, RocksDB store) started in a fresh data directory. */
async function daemonIdleRss(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'warren-bench-'));
  const daemon = spawn(process.execPath, ['dist/node/app/cli/main.js', ...loopbackNodeArgs(dataDir)], { stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    let log = '';
    daemon.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4096)));
    for (const deadline = performance.now() + 30_000; !/listening/.test(log); await sleep(50)) {
      if (performance.now() > deadline || daemon.exitCode !== null)
        return `not measured (no "listening" from the daemon: ${log.trim().split('\n').at(-1) ?? 'no output'})`;
    }
    await sleep(2_000);
    const status = await readFile(`/proc/${daemon.pid}/status`, 'utf8');
    const kib = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
    return `${(kib / 1024).toFixed(1)} MiB`;
  } finally {
    // A daemon that already exited (no build in dist/) has no 'exit' left to wait for.
    if (daemon.exitCode === null && daemon.signalCode === null) {
      daemon.kill('SIGTERM');
      await once(daemon, 'exit');
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}

// The chain: the holder last, each node dialling the next.
const processes = Array.from({ length: RELAYS + 1 }, () => new NodeProcess());
const addresses = await Promise.all(processes.map(async (child) => (await child.ask({ type: 'start' }, 'started')).address));
const originator = await startNode();
await originator.transport.dial(addresses[0]!);
for (let i = 0; i < RELAYS; i++) await processes[i]!.ask({ type: 'dial', address: addresses[i + 1]! }, 'dialled');
await until(() => originator.node.peers.size === 1, 'the first link');
const holder = processes[RELAYS]!;
await sleep(1_000);
const idleRss = (await holder.ask({ type: 'rss' }, 'rss')).rss;

const needed = WARM_UP + LATENCY_SAMPLES + ROUNDS * IN_FLIGHT.length * BULK_BLOCKS;
const keys = (await holder.ask({ type: 'store', count: needed }, 'stored')).keys.map(fromHex);
const take = (count: number) => keys.splice(0, count);
const fetch = (key: Uint8Array) => originator.node.request(key);

await fetchAll(fetch, take(WARM_UP), 16);
const latencies: number[] = [];
for (const key of take(LATENCY_SAMPLES)) {
  const startedAt = performance.now();
  await fetch(key);
  latencies.push(performance.now() - startedAt);
}

// One hop, both nodes in this process like both ends of the raw link.
const pair = { originator: await startNode(), holder: await startNode() };
await pair.originator.transport.dial(pair.holder.transport.addresses[0]!);
await until(() => pair.holder.node.peers.size === 1, 'the one-link pair');
const pairKeys = await storeFreshBlocks(pair.holder.store, ROUNDS * BULK_BLOCKS + WARM_UP);
const pairFetch = (key: Uint8Array) => pair.originator.node.request(key);
await fetchAll(pairFetch, pairKeys.splice(0, WARM_UP), 16);

const load: Load = { name: 'DataFound 32 KiB', envelope: blockEnvelope, count: BULK_BLOCKS, window: 64 };
const noise = await noisePipe(load);
await pump(noise, load.count / 4, load.window); // warm-up
const rates = { noise: [] as number[], pair: [] as number[], ...Object.fromEntries(IN_FLIGHT.map((n) => [n, [] as number[]])) } as Record<string, number[]>;
/** CPU milliseconds per MB moved, per round: the raw link and the pair (this process), the chain at its widest window (every process). */
const cpu = { noise: [] as number[], pair: [] as number[], chain: [] as number[][] };
let failed = 0;
for (let round = 0; round < ROUNDS; round++) {
  const noiseCpu = await cpuPerMegabyte([], async () => {
    const rate = ((await pump(noise, load.count, load.window)) * BLOCK_BYTES) / 1e6;
    rates.noise!.push(rate);
    return (load.count * BLOCK_BYTES) / 1e6;
  });
  cpu.noise.push(noiseCpu[0]!);
  const pairCpu = await cpuPerMegabyte([], async () => {
    const pairRun = await fetchAll(pairFetch, pairKeys.splice(0, BULK_BLOCKS), 64);
    failed += pairRun.failed;
    rates.pair!.push(((BULK_BLOCKS - pairRun.failed) * BLOCK_BYTES) / 1e6 / pairRun.seconds);
    return ((BULK_BLOCKS - pairRun.failed) * BLOCK_BYTES) / 1e6;
  });
  cpu.pair.push(pairCpu[0]!);
  for (const n of IN_FLIGHT) {
    const chainCpu = await cpuPerMegabyte(processes, async () => {
      const run = await fetchAll(fetch, take(BULK_BLOCKS), n);
      failed += run.failed;
      rates[n]!.push(((BULK_BLOCKS - run.failed) * BLOCK_BYTES) / 1e6 / run.seconds);
      return ((BULK_BLOCKS - run.failed) * BLOCK_BYTES) / 1e6;
    });
    if (n === IN_FLIGHT.at(-1)) cpu.chain.push(chainCpu);
  }
}
await noise.close();
const rawLink = median(rates.noise!);

const times = await setupTimes(SETUPS);
for (const child of processes) await child.stop();
await Promise.all([originator, pair.originator, pair.holder].map(({ node }) => node.stop()));
const daemonRss = await daemonIdleRss();

const { frameBytes } = framesOf(load);
const mbps = (value: number) => `${value.toFixed(1)} MB/s`;
console.log(
  `\n${RELAYS}-relay chain on loopback: originator (this process) – R1 … R${RELAYS} – holder, one process per node; ` +
    `${availableParallelism()} CPUs, load average ${loadavg()[0]!.toFixed(1)} at the end`,
);
printRows(`32 KiB block fetch through the chain, one at a time, ${LATENCY_SAMPLES} fresh blocks (p50 / p99)`, [['fetch latency, 6 links', p50p99(latencies)]]);
printRows(
  `bulk fetch: ${BULK_BLOCKS} fresh blocks (64 MiB) per round, median of ${ROUNDS} rounds, MB/s of blocks${failed > 0 ? `; ${failed} fetches failed` : ''}`,
  [
    ...IN_FLIGHT.map(
      (n) => [`chain, ${n} requests in flight`, mbps(median(rates[n]!)), `${(median(rates[n]!) / rawLink).toFixed(2)}× raw Noise link`] as const,
    ),
    ['one link, both nodes in this process, 64 in flight', mbps(median(rates.pair!)), `${(median(rates.pair!) / rawLink).toFixed(2)}× raw Noise link`],
    ['reference: raw Noise link, DataFound frames', mbps(rawLink), `${frameBytes}-byte frames, 64 in flight, both ends in one process`],
  ],
);
const chainCpu = cpu.chain[0]!.map((_, i) => median(cpu.chain.map((round) => round[i]!)));
const chainTotal = chainCpu.reduce((sum, value) => sum + value, 0);
const cores = availableParallelism();
const ceiling = (cores * 1000) / chainTotal;
// The raw link runs on one thread: what its CPU cost allows there, measured the same way (load slows rates, not CPU per MB).
const rawLinkCeiling = 1000 / median(cpu.noise);
// Every link of the chain carries each block once through Noise, at least what the raw link costs.
const LINKS = RELAYS + 1;
const noiseOnlyCeiling = (cores * 1000) / (LINKS * median(cpu.noise));
const perMb = (value: number) => `${value.toFixed(1)} ms`;
printRows(`CPU time per MB of blocks moved, median of ${ROUNDS} rounds (user + system, each process)`, [
  ['chain, originator (this process)', perMb(chainCpu[0]!), `${IN_FLIGHT.at(-1)} requests in flight`],
  ...chainCpu.slice(1, -1).map((value, i) => [`chain, relay R${i + 1}`, perMb(value)] as const),
  ['chain, holder', perMb(chainCpu.at(-1)!)],
  [
    `chain, all ${RELAYS + 2} processes`,
    perMb(chainTotal),
    `so at most ${mbps(ceiling)} on ${cores} CPUs if nothing else ran: ` +
      `${(ceiling / rawLinkCeiling).toFixed(2)}× the raw link's ${mbps(rawLinkCeiling)} on one`,
  ],
  ['one link, both nodes in this process', perMb(median(cpu.pair))],
  ['reference: raw Noise link, both ends', perMb(median(cpu.noise)), 'a relay decrypts and encrypts every block too'],
  [
    `floor: ${LINKS} such links, nothing else`,
    perMb(LINKS * median(cpu.noise)),
    `so even relays that cost only their Noise could move at most ${mbps(noiseOnlyCeiling)} on ${cores} CPUs: ${(noiseOnlyCeiling / rawLink).toFixed(2)}× ` +
      `the raw link measured`,
  ],
]);
printRows(`connection setup over loopback, ${SETUPS} of each in rotation (p50 / p99)`, [
  ['dial to a verified Hello (TCP + Noise XX + Hello)', p50p99(times.transport)],
  ['reference: TCP + Noise XX, no Hello', p50p99(times.noise)],
  ['reference: bare TCP connect', p50p99(times.tcp)],
]);
printRows('idle resident set of one node', [
  ['holder process (tsx, MemoryBlockStore, 1 peer, empty store)', `${(idleRss / 1024 / 1024).toFixed(1)} MiB`],
  ['`warren node` (dist build, RocksDB, no peers)', daemonRss],
]);

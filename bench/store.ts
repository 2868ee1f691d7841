/**
 * Block store benchmark: `npx tsx bench/store.ts`.
 *
 * `RocksBlockStore` put and get of 32 KiB CHK blocks (encoded before timing),
 * into each partition, one at a time and with 8 and 32 calls in flight:
 * blocks per second (median of rounds), p50/p99 latency of a call and the
 * process CPU time (every thread) a call costs. The data set is larger than
 * both budgets together, so every put round evicts.
 *
 * The store runs with its default crypto workers (one fewer than the cores, at
 * most two): while puts overlap, verifying and sealing are shared between the
 * calling thread and the workers (the split is printed); a get opens in place.
 *
 * Same-run reference, with the same calls in flight: bare `rocksdb-native`,
 * one write batch per put of the block's bytes under a 33-byte key, one read
 * batch per get of such a key; no verification, no encryption, no index, no
 * eviction. Rounds of the store and of the reference alternate. Last, the
 * checks and sealing a call must do, alone on one thread, per second of CPU
 * time (a loaded machine that takes the core away mid-round would otherwise
 * inflate the open against the CPU-time figures of the reads): the store's
 * ceiling without workers, and from those the most a get could reach against
 * the reference if reading and opening were all it did, and each get row's
 * fraction of that ceiling (its ratio ÷ the ceiling's). The load average is
 * printed: the machine is shared, and a busy one slows the store (more CPU
 * per call) more than the reference.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import RocksDB from 'rocksdb-native';
import { encodeChk } from '../protocol/keys/chk.js';
import { CHK_BLOCK_BYTES, verifyBlock } from '../protocol/keys/index.js';
import { AtRestCipher } from '../store/at-rest.js';
import type { Partition } from '../store/block-store.js';
import { RocksBlockStore } from '../store/rocks-block-store.js';
import { formatCount, measureRate, median, percentile } from './support.js';

const BLOCKS = 3072;
const BUDGET_BYTES = 24 * 1024 * 1024;
const ROUNDS = 5;
const CALLS_PER_ROUND = 1200;
const IN_FLIGHT = [1, 8, 32] as const;

interface Figures {
  readonly rate: number;
  readonly p50: number;
  readonly p99: number;
  /** Process CPU time (all threads) per call, in µs: what a call costs when the cores are contended. */
  readonly cpu: number;
}

/** `count` calls of `call`, `inFlight` at a time: calls per second and each call's latency in ms. */
async function runRound(count: number, inFlight: number, call: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  let next = 0;
  const startedAt = performance.now();
  const cpuAtStart = process.cpuUsage();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const callStartedAt = performance.now();
      await call(i);
      latencies.push(performance.now() - callStartedAt);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const { user, system } = process.cpuUsage(cpuAtStart);
  return { rate: (count * 1000) / (performance.now() - startedAt), latencies, cpu: (user + system) / count };
}

/** Alternating rounds of `subject` and `reference`, after one warm-up round of each. */
async function compare(inFlight: number, subject: (i: number) => Promise<unknown>, reference: (i: number) => Promise<unknown>) {
  const samples = [subject, reference].map(() => ({ rates: [] as number[], latencies: [] as number[], cpus: [] as number[] }));
  for (let round = -1; round < ROUNDS; round++) {
    for (const [index, call] of [subject, reference].entries()) {
      const { rate, latencies, cpu } = await runRound(CALLS_PER_ROUND, inFlight, call);
      if (round < 0) continue;
      samples[index]!.rates.push(rate);
      samples[index]!.latencies.push(...latencies);
      samples[index]!.cpus.push(cpu);
    }
  }
  const [ours, bare] = samples.map(
    ({ rates, latencies, cpus }): Figures => ({
      rate: median(rates),
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      cpu: median(cpus),
    }),
  );
  return { ours: ours!, bare: bare! };
}

const loadAtStart = loadavg()[0]!;
const directory = await mkdtemp(join(tmpdir(), 'warren-bench-store-'));
const pool = Array.from({ length: BLOCKS }, (_, n) => encodeChk(new TextEncoder().encode(`bench block ${n}`)));
const bareKeys = pool.map(({ routingKey }) => Uint8Array.of(1, ...routingKey));

const store = await RocksBlockStore.open(
  {},
  {
    path: join(directory, 'store'),
    nodeLocation: 0.5,
    storeBudgetBytes: BUDGET_BYTES,
    cacheBudgetBytes: BUDGET_BYTES,
  },
);
const bare = new RocksDB(join(directory, 'bare'));
await bare.ready();

let putCursor = 0;
const lastPartition = new Map<number, Partition>();
const storePut = (partition: Partition) => async () => {
  const n = putCursor++ % BLOCKS;
  const result = await store.put(pool[n]!.routingKey, pool[n]!.block, { partition });
  if (result.outcome === 'stored') lastPartition.set(n, result.partition);
};
let bareCursor = 0;
const barePut = async () => {
  const n = bareCursor++ % BLOCKS;
  const batch = bare.write({ capacity: 1 });
  batch.tryPut(bareKeys[n]!, pool[n]!.block);
  await batch.flush();
  batch.destroy();
};

const rows: [string, number, { ours: Figures; bare: Figures }][] = [];
for (const partition of ['store', 'cache'] as const) {
  for (const inFlight of IN_FLIGHT) rows.push([`put ${partition}`, inFlight, await compare(inFlight, storePut(partition), barePut)]);
}

const held = async (partition: Partition) => {
  const present = await Promise.all(pool.map(({ routingKey }) => store.has(routingKey)));
  return [...lastPartition].filter(([n, where]) => where === partition && present[n]).map(([n]) => n);
};
for (const partition of ['store', 'cache'] as const) {
  const targets = await held(partition);
  const storeGet = (i: number) => store.get(pool[targets[i % targets.length]!]!.routingKey);
  const bareGet = async (i: number) => {
    const batch = bare.read({ capacity: 1 });
    const value = batch.get(bareKeys[targets[i % targets.length]!]!);
    batch.tryFlush();
    await value;
    batch.destroy();
  };
  for (const inFlight of IN_FLIGHT) rows.push([`get ${partition} (${targets.length} held)`, inFlight, await compare(inFlight, storeGet, bareGet)]);
}

/** The checks and sealing every call must do, alone on one thread: a ceiling for the store on this machine. */
const sample = pool[0]!;
const cipher = AtRestCipher.withNewSalt();
const diskKey = cipher.diskKey(sample.routingKey);
const sealed = cipher.seal(sample.routingKey, diskKey, sample.block);
/** An open overwrites its value: each one opens a fresh copy, or all but the first would fail their tag. */
const opened = new Uint8Array(sealed.length);
const cryptoRates = {
  put: measureRate(
    () => {
      verifyBlock(sample.routingKey, sample.block);
      cipher.seal(sample.routingKey, cipher.diskKey(sample.routingKey), sample.block);
    },
    { clock: 'cpu' },
  ),
  get: measureRate(
    () => {
      opened.set(sealed);
      if (cipher.open(sample.routingKey, cipher.diskKey(sample.routingKey), opened) === undefined) throw new Error('the sample did not open');
    },
    { clock: 'cpu' },
  ),
};

const stats = store.stats();
const cryptoJobs = store.cryptoJobCounts();
await store.close();
await bare.close();
await rm(directory, { recursive: true, force: true });

const ms = (value: number) => `${value.toFixed(2)} ms`;
const µs = (value: number) => `${value.toFixed(0)} µs`;
const table = [
  ['operation', 'in flight', 'Warren /s', 'p50', 'p99', 'cpu', 'bare /s', 'p50', 'p99', 'cpu', 'ratio'],
  ...rows.map(([label, inFlight, { ours, bare: reference }]) => [
    label,
    String(inFlight),
    formatCount(ours.rate),
    ms(ours.p50),
    ms(ours.p99),
    µs(ours.cpu),
    formatCount(reference.rate),
    ms(reference.p50),
    ms(reference.p99),
    µs(reference.cpu),
    `${(ours.rate / reference.rate).toFixed(2)}×`,
  ]),
];
const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
console.log(
  `\nRocksBlockStore, ${CHK_BLOCK_BYTES / 1024} KiB CHK blocks: ${BLOCKS} blocks (${(BLOCKS * CHK_BLOCK_BYTES) / 2 ** 20} MiB) through ` +
    `budgets of ${BUDGET_BYTES / 2 ** 20} MiB (store) + ${BUDGET_BYTES / 2 ** 20} MiB (cache); median of ${ROUNDS} rounds of ${CALLS_PER_ROUND} calls`,
);
for (const row of table)
  console.log(`  ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')}`);
console.log(
  `\n  at the end: store ${stats.store.blocks} blocks / ${formatCount(stats.store.bytes)} bytes, cache ${stats.cache.blocks} blocks / ` +
    `${formatCount(stats.cache.bytes)} bytes; ` +
    `RSS ${formatCount(process.memoryUsage().rss / 2 ** 20)} MiB`,
);
console.log('  reference: bare rocksdb-native, one write batch per put and one read batch per get, same calls in flight');
console.log('  cpu: process CPU time (every thread) per call, median of rounds: on a busy machine the ratio of rates tends to that of cpu');
console.log(
  `  put crypto jobs (verify + seal): ${formatCount(cryptoJobs.mainThread)} on the calling thread, ${formatCount(cryptoJobs.workers)} on worker threads; ` +
    `${availableParallelism()} cores, load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end`,
);
console.log(
  `  crypto alone, one thread, per CPU second: put (verify + disk key + seal) ${formatCount(cryptoRates.put)} /s, ` +
    `get (disk key + open) ${formatCount(cryptoRates.get)} /s`,
);
/**
 * A get must do the bare read and open the value: with the cores saturated, rates go as the
 * inverse of CPU per call, so even a get that cost nothing else could reach at most
 * bare cpu / (bare cpu + open cpu) of the reference.
 */
const widestGets = rows.filter(([label, inFlight]) => label.startsWith('get') && inFlight === IN_FLIGHT.at(-1));
const bareGetCpu = median(widestGets.map(([, , { bare: reference }]) => reference.cpu));
const openCpu = 1e6 / cryptoRates.get;
const ceiling = bareGetCpu / (bareGetCpu + openCpu);
console.log(
  `  ceiling of a get at ${IN_FLIGHT.at(-1)} in flight, were the read and the open all it did: bare ${µs(bareGetCpu)} of cpu + ` +
    `open ${µs(openCpu)} → ${ceiling.toFixed(2)}× bare`,
);
for (const [label, , { ours, bare: reference }] of widestGets) {
  const ratio = ours.rate / reference.rate;
  console.log(
    `  ${label.replace(/ \(.*/, '')} at ${IN_FLIGHT.at(-1)} in flight: ${ratio.toFixed(2)}× bare = ${(ratio / ceiling).toFixed(2)} of the ceiling; ` +
      `cpu beyond its own read and the open ${µs(ours.cpu - reference.cpu - openCpu)}`,
  );
}

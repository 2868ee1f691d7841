/**
 * Warren next to GNUnet on this machine: `npm run build && node --import tsx bench/side-by-side.ts [MiB]
 * [--publish-only]` (default 64 MiB; `--publish-only`: operations 1 and 2 alone, the publishing side, in a
 * few minutes). Skipped, with a message, where GNUnet is not installed (`apt-get install gnunet`).
 *
 * Each repetition makes fresh random files (so no cache helps) and runs every operation for Warren, then
 * for GNUnet, before the next operation:
 *   1. encode + store locally: Warren's client code straight into a node's RocksDB store
 *      (bench/side-by-side-warren.ts) | gnunet-publish into peer A's datastore (inserted, not indexed)
 *   3. fetch from the other node: `warren get` through the other node of a 2-node network, the file held by
 *      the node stored into in 1 | gnunet-download through peer B, anonymity 1 and 0, the file published on A
 *   2. `warren put` of a second file into the same 2-node network, then of a fourth, timed apart: the first
 *      put after the nodes started and a put into nodes that have done one, as a node that runs for more
 *      than one transfer (GNUnet's peers run throughout) | gnunet-publish of the second on A
 *   4. line: `warren get` through the far end of a line of 5 nodes (4 hops) whose other end holds the file |
 *      gnunet-download through peer C of the line A – B – C (2 hops), anonymity 1
 *   5. `warren put` of a third file into a 5-node mesh (test/support/client-network.ts) | —
 * The Warren nodes are started for each operation and stopped after it; the three GNUnet peers
 * (bench/side-by-side-gnunet.ts) run throughout. Printed: medians and ranges in MB/s (10⁶ bytes of the
 * file per second of wall time), Warren ÷ GNUnet from the same run next to the project's targets, and the
 * CPU seconds and peak resident set of every process taking part (bench/process-usage.ts), with the load
 * average. Every process the bench starts is stopped when it ends, on an error or on Ctrl-C as well.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataDirPaths } from '../node/app/daemon/data-dir.js';
import { builtMain, type LoopbackNetwork, peerCounts, startLoopbackLine, startLoopbackNetwork } from '../test/support/client-network.js';
import { download, type GnunetPeer, gnunetInstalled, publish, startGnunetLine } from './side-by-side-gnunet.js';
import { encodeAndStore, get, nodesOf, put } from './side-by-side-warren.js';
import { CommandTimeoutError } from './errors.js';
import { metered, TIME_BINARY, type Usage } from './process-usage.js';
import { median, printRows, randomFile } from './support.js';

const PUBLISH_ONLY = process.argv.includes('--publish-only');
const sizeArgument = process.argv.slice(2).find((argument) => !argument.startsWith('--'));
const FILE_MIB = Number(sizeArgument ?? 64);
if (!Number.isSafeInteger(FILE_MIB) || FILE_MIB < 1 || FILE_MIB > 4096)
  throw new Error(`the file size must be a whole number of MiB from 1 to 4096, got ${sizeArgument}`);
const SIZE = FILE_MIB * 2 ** 20;
const REPETITIONS = 3;
const STORE_BYTES = 4 * SIZE + 2 ** 28;
const NODE_FLAGS = ['--store-bytes', String(STORE_BYTES), '--cache-bytes', String(STORE_BYTES), '--log-level', 'warn'];
const LINE_NODES = 5;

if (!(await gnunetInstalled())) {
  console.log('side-by-side: skipped, GNUnet is not installed here (no gnunet-arm on PATH; Debian: apt-get install gnunet)');
  process.exit(0);
}
for (const [path, fix] of [
  [builtMain, 'run npm run build first'],
  [TIME_BINARY, 'install GNU time (Debian: apt-get install time)'],
] as const) {
  if (!existsSync(path)) throw new Error(`side-by-side needs ${path}: ${fix}`);
}

interface Sample {
  readonly seconds: number;
  readonly usage: readonly Usage[];
  /** Cut off at its time limit (`seconds`): its rate is an upper bound. */
  readonly unfinished?: boolean;
}

/** A GNUnet download slower than this is ended and counted at its limit (GNUnet's back-off can stall one for many minutes). */
const GNUNET_FLOOR_MBPS = 0.1;
const GNUNET_LIMIT_MS = Math.max(120_000, (SIZE / 1e6 / GNUNET_FLOOR_MBPS) * 1000);

/** A GNUnet download, its content checked; one cut off at the limit counts as taking that long. */
async function gnunetDownload(input: string, fetch: () => Promise<Sample>, output: string, what: string): Promise<Sample> {
  try {
    const sample = await fetch();
    await checkFetched(input, output, what);
    return sample;
  } catch (error) {
    if (!(error instanceof CommandTimeoutError)) throw error;
    await rm(output, { force: true });
    return { seconds: error.seconds, usage: [], unfinished: true };
  }
}

const KEYS = ['store', 'put2First', 'put2', 'fetch', 'line', 'mesh', 'gStore', 'gPut2', 'gFetch1', 'gFetch0', 'gLine'] as const;
const samples = Object.fromEntries(KEYS.map((key) => [key, [] as Sample[]])) as Record<(typeof KEYS)[number], Sample[]>;

/** Keeps a sample, and says on stderr how long it took (progress of a run of many minutes). */
function record(key: (typeof KEYS)[number], sample: Sample): void {
  samples[key].push(sample);
  console.error(`side-by-side: ${key} ${sample.seconds.toFixed(1)} s${sample.unfinished === true ? ', cut off unfinished' : ''}`);
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Throws unless `output` holds what `input` does; then removes it. */
async function checkFetched(input: string, output: string, what: string): Promise<void> {
  if ((await sha256(input)) !== (await sha256(output))) throw new Error(`${what}: the file fetched differs from the file stored`);
  await rm(output);
}

const root = await mkdtemp(join(tmpdir(), 'side-by-side-'));
const gnunetPeers: GnunetPeer[] = [];
const running = new Set<LoopbackNetwork>();
// Node processes are killed at exit by test/support/children.ts; GNUnet's by pid here.
process.on('exit', () => {
  for (const peer of gnunetPeers) peer.kill();
});
async function cleanUp(): Promise<void> {
  await Promise.all([...running].map((network) => network.stop()));
  await Promise.all(gnunetPeers.map((peer) => peer.stop()));
  await rm(root, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

async function started(network: Promise<LoopbackNetwork>): Promise<LoopbackNetwork> {
  const value = await network;
  running.add(value);
  return value;
}
async function stopped(network: LoopbackNetwork): Promise<void> {
  await network.stop();
  running.delete(network);
}

const loadAtStart = loadavg();
const startedAt = performance.now();
try {
  const [peerA, peerB, peerC] = (await startGnunetLine(join(root, 'gnunet'), 3, (peer) => gnunetPeers.push(peer))) as [GnunetPeer, GnunetPeer, GnunetPeer];
  const gnunetProcesses = async (...peers: GnunetPeer[]) => (await Promise.all(peers.map((peer) => peer.processes()))).flat();
  /** Before each download: fresh fs services on every peer (bench/side-by-side-gnunet.ts says why). */
  const freshFs = () => Promise.all([peerA, peerB, peerC].map((peer) => peer.restartFs()));
  for (let repetition = 0; repetition < REPETITIONS; repetition++) {
    const dir = join(root, `repetition-${repetition}`);
    await mkdir(dir);
    const [file, second, third, fourth] = await Promise.all(['first', 'second', 'third', 'fourth'].map((name) => randomFile(join(dir, `${name}.bin`), SIZE)));
    const output = join(dir, 'fetched.bin');
    const options = { built: true, flags: NODE_FLAGS };

    // 1. encode + store locally
    const stored = await encodeAndStore(file!, join(dir, 'pair', 'seed'), STORE_BYTES);
    record('store', stored);
    const published = await metered(await gnunetProcesses(peerA), () => publish(peerA, file!));
    record('gStore', published);

    // 3. fetch from the other node
    const pair = await started(startLoopbackNetwork(join(dir, 'pair'), 2, options));
    const pairNodes = nodesOf(pair.processes, ['node holding the file', 'other node']);
    if (!PUBLISH_ONLY) {
      record('fetch', await metered(pairNodes, () => get(pair.dirs[1]!, stored.uri, output)));
      await checkFetched(file!, output, 'warren get from the other node');
      for (const [anonymity, key] of [
        [1, 'gFetch1'],
        [0, 'gFetch0'],
      ] as const) {
        const fetch = () => download(peerB, published.uri, anonymity, output, GNUNET_LIMIT_MS);
        await freshFs();
        record(
          key,
          await metered(await gnunetProcesses(peerA, peerB), () => gnunetDownload(file!, fetch, output, `gnunet-download -a ${anonymity} from the other peer`)),
        );
      }
    }

    // 2. put into the 2-node network | local publish
    record('put2First', await metered(pairNodes, () => put(pair.dirs[1]!, second!)));
    record('put2', await metered(pairNodes, () => put(pair.dirs[1]!, fourth!)));
    record('gPut2', await metered(await gnunetProcesses(peerA), () => publish(peerA, second!)));
    await stopped(pair);
    if (PUBLISH_ONLY) {
      await rm(dir, { recursive: true, force: true });
      continue;
    }

    // 4. a line: the node stored into in 1 at its far end
    const holder = pair.dirs[0]!;
    await rm(dataDirPaths(holder).peers, { force: true });
    const lineDirs = [...Array.from({ length: LINE_NODES - 1 }, (_, index) => join(dir, 'line', `node-${index}`)), holder];
    const line = await started(startLoopbackLine(lineDirs, options));
    // Started from the holder back to the fetching end.
    const lineNodes = nodesOf(line.processes, [
      'holding the file',
      ...Array.from({ length: LINE_NODES - 2 }, (_, index) => `relay ${LINE_NODES - 2 - index}`),
      'fetching',
    ]);
    record(
      'line',
      await metered(
        lineNodes.map((node) => ({ ...node, name: `line node ${node.name}` })),
        () => get(lineDirs[0]!, stored.uri, output),
      ),
    );
    await checkFetched(file!, output, 'warren get along the line');
    const counts = await peerCounts(lineDirs);
    if (counts.join() !== [1, ...Array(LINE_NODES - 2).fill(2), 1].join()) throw new Error(`the line changed during the fetch: peers ${counts.join(', ')}`);
    await stopped(line);
    const fetchAlongLine = () => download(peerC, published.uri, 1, output, GNUNET_LIMIT_MS);
    await freshFs();
    record(
      'gLine',
      await metered(await gnunetProcesses(peerA, peerB, peerC), () => gnunetDownload(file!, fetchAlongLine, output, 'gnunet-download along the line')),
    );

    // 5. put into a 5-node mesh
    const mesh = await started(startLoopbackNetwork(join(dir, 'mesh'), 5, options));
    const meshNodes = nodesOf(mesh.processes, ['mesh seed', 'mesh node 1 (put through)', 'mesh node 2', 'mesh node 3', 'mesh node 4']);
    record('mesh', await metered(meshNodes, () => put(mesh.dirs[1]!, third!)));
    await stopped(mesh);
    await rm(dir, { recursive: true, force: true });
    console.error(`side-by-side: repetition ${repetition + 1} of ${REPETITIONS} done, ${((performance.now() - startedAt) / 60_000).toFixed(1)} min`);
  }
} finally {
  await cleanUp();
}

// ---- figures ----
const rates = (list: readonly Sample[]) => list.map((sample) => SIZE / 1e6 / sample.seconds);
/** The median rate and range, with a note of the samples cut off at the limit (printed beside, not in the figure column). */
const rate = (list: readonly Sample[]): readonly [string] | readonly [string, string] => {
  const values = rates(list);
  const unfinished = list.filter((sample) => sample.unfinished === true).length;
  const figure = `${median(values).toFixed(2)} MB/s (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`;
  if (unfinished === 0) return [figure];
  return [figure, `${unfinished} of ${list.length} ended unfinished at ${(GNUNET_LIMIT_MS / 1000).toFixed(0)} s, counted as taking that long`];
};
const ratio = (warren: readonly Sample[], gnunet: readonly Sample[], target?: number) => {
  const value = median(rates(warren)) / median(rates(gnunet));
  return `${value.toFixed(2)}×${target === undefined ? '' : ` (target ≥ ${target}×: ${value >= target ? 'met' : 'not met'})`}`;
};

/** Each process's median CPU seconds and peak RSS over the repetitions; processes under 0.05 s of CPU summed in one row. */
function processRows(system: string, list: readonly Sample[]): Array<[string, string, string]> {
  const byName = new Map<string, Usage[]>();
  for (const sample of list) for (const usage of sample.usage) byName.set(usage.name, [...(byName.get(usage.name) ?? []), usage]);
  const rows: Array<[string, string, string]> = [];
  let quiet = { count: 0, cpu: 0, peak: 0 };
  for (const [name, usages] of byName) {
    const cpu = median(usages.map((usage) => usage.cpuSeconds));
    const peak = median(usages.map((usage) => usage.peakMiB ?? Number.NaN));
    if (cpu >= 0.05) rows.push([`    ${system} ${name}`, `${cpu.toFixed(2)} s CPU`, `peak RSS ${peak.toFixed(0)} MiB`]);
    else quiet = { count: quiet.count + 1, cpu: quiet.cpu + cpu, peak: Math.max(quiet.peak, peak) };
  }
  if (quiet.count > 0)
    rows.push([
      `    ${system}: ${quiet.count} more processes, each under 0.05 s`,
      `${quiet.cpu.toFixed(2)} s CPU`,
      `largest peak RSS ${quiet.peak.toFixed(0)} MiB`,
    ]);
  return rows;
}

console.log(
  `\nWarren and GNUnet side by side: a ${FILE_MIB} MiB file (MB = 10⁶ bytes), medians of ${REPETITIONS} interleaved repetitions (range), ` +
    `${availableParallelism()} CPUs; load average ${loadAtStart.map((value) => value.toFixed(1)).join(' ')} at the start, ` +
    `${loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')} at the end; ${((performance.now() - startedAt) / 60_000).toFixed(1)} min`,
);
const operation = (title: string, warren: readonly Sample[], gnunet: readonly Sample[] | undefined, target?: number) =>
  printRows(title, [
    ['Warren', ...rate(warren)],
    ...(gnunet === undefined
      ? []
      : ([
          ['GNUnet', ...rate(gnunet)],
          ['Warren ÷ GNUnet', ratio(warren, gnunet, target)],
        ] as const)),
    ['  CPU seconds and peak resident set of each process (medians):', ''],
    ...processRows('Warren', warren),
    ...(gnunet === undefined ? [] : processRows('GNUnet', gnunet)),
  ]);
operation("encode + store locally (Warren's client code straight into a node's store | gnunet-publish -n)", samples.store, samples.gStore, 1.0);
operation("`warren put` into a 2-node network, the nodes' first put since they started | GNUnet's local publish", samples.put2First, samples.gPut2);
operation("`warren put` into a 2-node network, nodes that have done a put before | GNUnet's local publish", samples.put2, samples.gPut2, 0.5);
if (!PUBLISH_ONLY) {
  operation('fetch through the other node | gnunet-download -a 1 through the other peer', samples.fetch, samples.gFetch1, 20);
  operation('fetch through the other node | gnunet-download -a 0 through the other peer', samples.fetch, samples.gFetch0, 5);
  operation(`a line: Warren ${LINE_NODES - 1} hops | GNUnet 2 hops, anonymity 1`, samples.line, samples.gLine);
  operation('`warren put` into a 5-node mesh | no GNUnet counterpart', samples.mesh, undefined);
}

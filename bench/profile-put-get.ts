/**
 * Where the CPU of a put and a get goes: `npm run build && node --import tsx bench/profile-put-get.ts [MiB]`
 * (default 64). The operations of bench/side-by-side.ts, every process under `node --cpu-prof`:
 *
 *   put: a 2-node loopback network (test/support/client-network.ts) ──`warren put` through node 1──> stop
 *   get: the client stores a file straight into the seed's store (bench/side-by-side-warren.ts)
 *        ──2-node network──> `warren get` through node 1, checked ──> stop
 *   each process's .cpuprofile (written as it exits) ──> its busy CPU seconds and the entries with the
 *   most self time, as shares of the busy time (idle left out)
 *
 * A node's profile covers its whole life: start-up (module loading) and shut-down as well as the transfer.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LoopbackNetwork, startLoopbackNetwork } from '../test/support/client-network.js';
import { encodeAndStore, get, put } from './side-by-side-warren.js';
import { printRows, randomFile } from './support.js';

const FILE_MIB = Number(process.argv[2] ?? 64);
if (!Number.isSafeInteger(FILE_MIB) || FILE_MIB < 1 || FILE_MIB > 4096)
  throw new Error(`the file size must be a whole number of MiB from 1 to 4096, got ${process.argv[2]}`);
const SIZE = FILE_MIB * 2 ** 20;
const STORE_BYTES = 4 * SIZE + 2 ** 28;
const NODE_FLAGS = ['--store-bytes', String(STORE_BYTES), '--cache-bytes', String(STORE_BYTES), '--log-level', 'warn'];
/** Entries printed per process. */
const TOP = 12;

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** A profile's busy seconds and its entries by self time, largest first (function, file, line). */
function selfTimes(profile: CpuProfile): { busySeconds: number; entries: Array<[string, number]> } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, index) => {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') return;
    const micros = profile.timeDeltas[index] ?? 0;
    busy += micros;
    const entry = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
    self.set(entry, (self.get(entry) ?? 0) + micros);
  });
  return { busySeconds: busy / 1e6, entries: [...self].sort((a, b) => b[1] - a[1]) };
}

async function printProfiles(title: string, dir: string, names: ReadonlyMap<number, string>): Promise<void> {
  for (const file of (await readdir(dir)).sort()) {
    const pid = Number(file.split('.')[3]);
    const { busySeconds, entries } = selfTimes(JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile);
    // The command's own process (started under /usr/bin/time) is the one that is neither node.
    printRows(`${title}: ${names.get(pid) ?? `the warren ${title} command`}, ${busySeconds.toFixed(2)} s busy`, [
      ...entries.slice(0, TOP).map(([entry, micros]) => [`  ${entry}`, `${((100 * micros) / 1e6 / busySeconds).toFixed(1)} %`] as const),
    ]);
  }
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const root = await mkdtemp(join(tmpdir(), 'profile-put-get-'));
const profiled = (name: string) => ['--cpu-prof', `--cpu-prof-dir=${join(root, 'profiles', name)}`];
const names = new Map<number, string>();
const named = (network: LoopbackNetwork, first: string, second: string) => {
  names.set(network.processes[0]!.pid!, first);
  names.set(network.processes[1]!.pid!, second);
};
let network: LoopbackNetwork | undefined;
try {
  const [file, second] = await Promise.all(['first', 'second'].map((name) => randomFile(join(root, `${name}.bin`), SIZE)));

  network = await startLoopbackNetwork(join(root, 'put'), 2, { built: true, flags: NODE_FLAGS, nodeOptions: profiled('put') });
  named(network, 'seed node', 'node 1 (put through)');
  const putRun = await put(network.dirs[1]!, second!, profiled('put'));
  await network.stop();

  const stored = await encodeAndStore(file!, join(root, 'get', 'seed'), STORE_BYTES);
  network = await startLoopbackNetwork(join(root, 'get'), 2, { built: true, flags: NODE_FLAGS, nodeOptions: profiled('get') });
  named(network, 'seed node (holds the file)', 'node 1 (fetched through)');
  const output = join(root, 'fetched.bin');
  const getRun = await get(network.dirs[1]!, stored.uri, output, profiled('get'));
  if ((await sha256(output)) !== (await sha256(file!))) throw new Error('the file fetched differs from the file stored');
  await network.stop();
  network = undefined;

  console.log(
    `\nCPU profiles, a ${FILE_MIB} MiB file: warren put into 2 nodes ${putRun.seconds.toFixed(1)} s, ` +
      `warren get through the other node ${getRun.seconds.toFixed(1)} s`,
  );
  for (const operation of ['put', 'get'] as const) await printProfiles(operation, join(root, 'profiles', operation), names);
} finally {
  await network?.stop();
  await rm(root, { recursive: true, force: true });
}

/**
 * A loopback network of real `warren node` processes (TCP, Noise, RocksDB) and the real
 * `warren` command, for the client's integration tests, bench/client-memory.ts and bench/side-by-side.ts.
 *
 *   startLoopbackNetwork(root, n) ──spawn seed──> seed address ──spawn n−1 with --seed──> wait:
 *     the seed knows every node, each node has two peers ──> LoopbackNetwork { dirs, pids, stop }
 *   startLoopbackLine(dirs) ──the last first, each other seeded with the next, --max-peers 1 at the ends, 2
 *     between──> a line (peer counts checked)
 *   warren(...args) ──spawn──> { code, stdout, stderr }   (the CLI, to its end)
 *   warrenWhileProgressing(stallMs, ...args): the same, killed if it prints nothing for stallMs (a hang, not a slow machine)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchStatus } from '../../node/app/api/client.js';
import type { NodeStatus } from '../../node/app/api/status.js';
import { localEndpoint } from '../../node/app/cli/endpoint.js';
import { loopbackNodeArgs } from '../../node/app/cli/testnet-command.js';
import { stopChild, tracked } from './children.js';
import { eventually, PROCESS_START_MS } from './until.js';

const main = fileURLToPath(new URL('../../node/app/cli/main.ts', import.meta.url));
/** The command as installed (`npm run build` makes it): no TypeScript loader in the process. */
export const builtMain = fileURLToPath(new URL('../../dist/node/app/cli/main.js', import.meta.url));

export interface SpawnOptions {
  /** Node.js options (e.g. `--cpu-prof`, to profile the process). */
  readonly nodeOptions?: readonly string[] | undefined;
  /** Run the built command (dist/) instead of the sources through tsx. */
  readonly built?: boolean | undefined;
}

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `warren …` (the process, for callers that watch it). */
export function spawnWarren(args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const entry = options.built === true ? [builtMain] : ['--import', 'tsx', main];
  return tracked(spawn(process.execPath, [...(options.nodeOptions ?? []), ...entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** Runs `warren …` to its end. */
export function warren(...args: string[]): Promise<Run> {
  return finished(spawnWarren(args));
}

/**
 * Runs `warren …` to its end, as long as it keeps printing: a put or get whose stderr is not a terminal
 * prints a progress line a second, so `stallMs` of silence is a hang however slow a busy machine makes
 * the transfer. A stalled command is killed and the promise rejects.
 */
export function warrenWhileProgressing(stallMs: number, ...args: string[]): Promise<Run> {
  const child = spawnWarren(args);
  let stalled = false;
  let guard: NodeJS.Timeout | undefined;
  const rearm = (): void => {
    clearTimeout(guard);
    guard = setTimeout(() => {
      stalled = true;
      child.kill('SIGKILL');
    }, stallMs);
  };
  rearm();
  child.stdout!.on('data', rearm);
  child.stderr!.on('data', rearm);
  return finished(child).then(
    (run) => {
      clearTimeout(guard);
      if (stalled) throw new Error(`warren ${args[0]} printed nothing for ${stallMs} ms and was stopped:\n${run.stderr.slice(-2000)}`);
      return run;
    },
    (error: unknown) => {
      clearTimeout(guard);
      throw error;
    },
  );
}

/** What a `warren` process printed, once it has exited. */
export function finished(child: ChildProcess): Promise<Run> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The node's status once it has `peers` peers. */
function readyWith(dataDir: string, peers: number): Promise<NodeStatus> {
  return eventually(
    `the node in ${dataDir} to have ${peers} peers`,
    async () => {
      const status = await fetchStatus(await localEndpoint(dataDir));
      return status.peers.length >= peers ? status : undefined;
    },
    { timeoutMs: PROCESS_START_MS, pollMs: 200 },
  );
}

export interface LoopbackNetwork {
  /** Data directories: the seed's first. */
  readonly dirs: readonly string[];
  readonly processes: readonly ChildProcess[];
  /** SIGINT to every node, and their exits (SIGKILL for one that does not exit). */
  stop(): Promise<void>;
}

export interface LoopbackOptions extends SpawnOptions {
  /** More `warren node` flags for every node (e.g. `--store-bytes`). */
  readonly flags?: readonly string[];
}

/** Starts `warren node` processes with the options' flags; `stop` ends every one started. */
function nodeStarter(options: LoopbackOptions) {
  const processes: ChildProcess[] = [];
  const start = (dataDir: string, ...extra: string[]): void => {
    const args = [...loopbackNodeArgs(dataDir), ...(options.flags ?? []), ...extra];
    const child = spawnWarren(args, options);
    child.stdout!.resume();
    child.stderr!.resume();
    processes.push(child);
  };
  const stop = async (): Promise<void> => {
    await Promise.all(processes.map((child) => stopChild(child, 'SIGINT')));
  };
  return { processes, start, stop };
}

/** `count` nodes at difficulty 8 under `root`, listening on loopback; resolves once they have met. */
export async function startLoopbackNetwork(root: string, count: number, options: LoopbackOptions = {}): Promise<LoopbackNetwork> {
  const dirs = Array.from({ length: count }, (_, index) => join(root, index === 0 ? 'seed' : `node-${index}`));
  const { processes, start, stop } = nodeStarter(options);
  try {
    start(dirs[0]!);
    const seed = (await readyWith(dirs[0]!, 0)).addresses[0]!;
    for (const dir of dirs.slice(1)) start(dir, '--seed', seed);
    // The seed knows every node; the nodes meet more of each other through it (opennet).
    await Promise.all([readyWith(dirs[0]!, count - 1), ...dirs.slice(1).map((dir) => readyWith(dir, Math.min(2, count - 1)))]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { dirs, processes, stop };
}

/** How many peers each node in `dirs` has now. */
export async function peerCounts(dirs: readonly string[]): Promise<number[]> {
  return Promise.all(dirs.map(async (dir) => (await fetchStatus(await localEndpoint(dir))).peers.length));
}

/**
 * Nodes in a line, `dirs[0]` – `dirs[1]` – … – `dirs[n−1]` (n ≥ 2): the last is started first and each other
 * one with the next as its seed; the ends keep at most one peer and the others two (`--max-peers`), so no
 * node meets any but its neighbours. Resolves once each has its neighbours; throws if one has others.
 */
export async function startLoopbackLine(dirs: readonly string[], options: LoopbackOptions = {}): Promise<LoopbackNetwork> {
  const { processes, start, stop } = nodeStarter(options);
  const neighbours = (index: number) => (index === 0 || index === dirs.length - 1 ? 1 : 2);
  try {
    let seed: string | undefined;
    for (let index = dirs.length - 1; index >= 0; index--) {
      const limit = String(neighbours(index));
      start(dirs[index]!, '--max-peers', limit, '--min-peers', limit, ...(seed === undefined ? [] : ['--seed', seed]));
      seed = (await readyWith(dirs[index]!, seed === undefined ? 0 : 1)).addresses[0]!;
    }
    await Promise.all(dirs.map((dir, index) => readyWith(dir, neighbours(index))));
    const counts = await peerCounts(dirs);
    if (counts.some((count, index) => count !== neighbours(index))) throw new Error(`the nodes did not form a line: peers ${counts.join(', ')}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { dirs, processes, stop };
}

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

/** How much of a starting node's stderr is kept, to say why it exited. */
const STDERR_TAIL_CHARS = 4_000;

/** A started node: its process and the end of what it printed on stderr. */
interface StartedNode {
  readonly dataDir: string;
  readonly child: ChildProcess;
  readonly stderrTail: () => string;
}

/** The node's status once it has `peers` peers; rejects at once, with its last words, if the process exits. */
function readyWith(node: StartedNode, peers: number): Promise<NodeStatus> {
  const joined = eventually(
    `the node in ${node.dataDir} to have ${peers} peers`,
    async () => {
      const status = await fetchStatus(await localEndpoint(node.dataDir));
      return status.peers.length >= peers ? status : undefined;
    },
    { timeoutMs: PROCESS_START_MS, pollMs: 200 },
  );
  return Promise.race([joined, exited(node)]);
}

/** Rejects when the node's process ends (never resolves). */
function exited(node: StartedNode): Promise<never> {
  return new Promise((_, reject) => {
    const fail = (): void => {
      const how = node.child.exitCode ?? node.child.signalCode;
      reject(new Error(`the node in ${node.dataDir} exited (${how}) while starting:\n${node.stderrTail()}`));
    };
    if (node.child.exitCode !== null || node.child.signalCode !== null) fail();
    else node.child.once('exit', fail);
  });
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
  const start = (dataDir: string, ...extra: string[]): StartedNode => {
    const args = [...loopbackNodeArgs(dataDir), ...(options.flags ?? []), ...extra];
    const child = spawnWarren(args, options);
    let tail = '';
    child.stdout!.resume();
    child.stderr!.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-STDERR_TAIL_CHARS)));
    processes.push(child);
    return { dataDir, child, stderrTail: () => tail };
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
    const seedNode = start(dirs[0]!);
    const seed = (await readyWith(seedNode, 0)).addresses[0]!;
    const others = dirs.slice(1).map((dir) => start(dir, '--seed', seed));
    // The seed knows every node; the nodes meet more of each other through it (opennet).
    await Promise.all([readyWith(seedNode, count - 1), ...others.map((node) => readyWith(node, Math.min(2, count - 1)))]);
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
    const nodes: StartedNode[] = [];
    for (let index = dirs.length - 1; index >= 0; index--) {
      const limit = String(neighbours(index));
      const node = start(dirs[index]!, '--max-peers', limit, '--min-peers', limit, ...(seed === undefined ? [] : ['--seed', seed]));
      nodes[index] = node;
      seed = (await readyWith(node, seed === undefined ? 0 : 1)).addresses[0]!;
    }
    await Promise.all(nodes.map((node, index) => readyWith(node, neighbours(index))));
    const counts = await peerCounts(dirs);
    if (counts.some((count, index) => count !== neighbours(index))) throw new Error(`the nodes did not form a line: peers ${counts.join(', ')}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { dirs, processes, stop };
}

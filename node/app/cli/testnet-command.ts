/**
 * `warren testnet --nodes N`: a network of N real `warren node` processes on loopback, for a newcomer
 * to see the network work on one machine. It prints each node's data directory, API and gateway, and
 * stops them all on Ctrl-C (SIGINT or SIGTERM).
 *
 *   start node 0 (the seed) ──its status: address──> start nodes 1…N−1 with --seed
 *     ──every node answers its status with a peer──> print the table ──signal──> SIGINT each, await exits
 *
 * Each node listens on 127.0.0.1 with free ports, at proof-of-work difficulty 8 (minted in a moment),
 * and logs to `node.log` in its data directory; run from the sources, the nodes run from the compiled
 * build when it is up to date (node-launch.ts). Nothing here is needed by a real node.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fetchStatus } from '../api/client.js';
import type { NodeStatus } from '../api/status.js';
import { localEndpoint } from './endpoint.js';
import { InterruptedError, UsageError } from './errors.js';
import { type NodeLaunch, nodeLaunch } from './node-launch.js';

export interface TestnetOptions {
  readonly nodes?: string;
  /** Where the data directories go (default: a new temporary directory). */
  readonly root?: string;
}

/** The most nodes one machine is asked to run. */
const MAX_NODES = 64;
const TESTNET_DIFFICULTY = '8';
/** How long a node may take to answer with a peer before the testnet gives up. */
const START_TIMEOUT_MS = 300_000;

function nodeCount(text: string | undefined): number {
  const count = Number(text ?? 4);
  if (!Number.isSafeInteger(count) || count < 2 || count > MAX_NODES)
    throw new UsageError(`--nodes must be a whole number from 2 to ${MAX_NODES}, got ${text}`);
  return count;
}

/**
 * The arguments of `warren node` for a test node in `dataDir`: loopback, ports the system picks, identities
 * at the testnet's difficulty (the testnet, the tests' loopback networks and the benches start nodes so).
 */
export function loopbackNodeArgs(dataDir: string): string[] {
  const args = ['node', '--data-dir', dataDir, '--listen', '/ip4/127.0.0.1/tcp/0', '--api-port', '0'];
  return [...args, '--gateway-port', '0', '--pow-difficulty', TESTNET_DIFFICULTY];
}

/** This command, run again as `warren node …` (node-launch.ts: from the compiled build when it is up to date). */
function startNode(launch: NodeLaunch, dataDir: string, seed: string | undefined): ChildProcess {
  const args = loopbackNodeArgs(dataDir);
  if (seed !== undefined) args.push('--seed', seed);
  const log = createWriteStream(join(dataDir, 'node.log'));
  // A process group of its own: Ctrl-C reaches the testnet alone, which then stops each node once
  // (a second SIGINT would make a node skip its orderly shutdown).
  const child = spawn(process.execPath, [...launch.args, ...args], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  child.stderr!.pipe(log);
  return child;
}

/** The node's status once it answers with at least `peers` peers; rejects if it exits or takes too long. */
async function ready(dataDir: string, child: ChildProcess, peers: number, signal: AbortSignal): Promise<NodeStatus> {
  const deadline = performance.now() + START_TIMEOUT_MS;
  for (;;) {
    signal.throwIfAborted();
    if (child.exitCode !== null) throw new Error(`the node in ${dataDir} exited with ${child.exitCode}: see ${join(dataDir, 'node.log')}`);
    const status = await localEndpoint(dataDir).then(fetchStatus, () => undefined);
    if (status !== undefined && status.peers.length >= peers) return status;
    if (performance.now() > deadline) throw new Error(`the node in ${dataDir} did not join in time: see ${join(dataDir, 'node.log')}`);
    await sleep(200);
  }
}

async function stopAll(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGINT');
        }),
    ),
  );
}

/** Starts the network and prints it; resolves once a signal has stopped every node. */
export async function runTestnet(options: TestnetOptions, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const count = nodeCount(options.nodes);
  const root = options.root === undefined ? await mkdtemp(join(tmpdir(), 'warren-testnet-')) : resolve(options.root);
  const children: ChildProcess[] = [];
  const stopping = new AbortController();
  const stopped = new Promise<void>((done) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        stopping.abort(new InterruptedError(`${signal} received while starting: every node stopped`));
        done();
      });
    }
  });
  try {
    const dirs = Array.from({ length: count }, (_, index) => join(root, `node-${index}`));
    for (const dir of dirs) await mkdir(dir, { recursive: true });
    const launch = await nodeLaunch(process.argv[1]!, process.execArgv);
    children.push(startNode(launch, dirs[0]!, undefined));
    const seed = (await ready(dirs[0]!, children[0]!, 0, stopping.signal)).addresses[0]!;
    for (const dir of dirs.slice(1)) children.push(startNode(launch, dir, seed));
    const statuses = await Promise.all(dirs.map((dir, index) => ready(dir, children[index]!, 1, stopping.signal)));
    out.write(`${count} nodes on loopback${launch.fromBuild ? ' (run from the compiled build, dist/)' : ''}, joined through ${seed}:\n`);
    for (const [index, status] of statuses.entries()) out.write(`  ${dirs[index]}  gateway ${status.gateway ?? 'off'}  pid ${children[index]!.pid}\n`);
    out.write(`Try: warren put FILE --data-dir ${dirs[1]}, then warren get URI --data-dir ${dirs.at(-1)}. Ctrl-C stops them all.\n`);
    await stopped;
  } finally {
    await stopAll(children);
  }
}

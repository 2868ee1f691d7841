/**
 * Testnet start-up benchmark: `npm run build && node --import tsx bench/testnet.ts [nodes]` (default 8).
 *
 * Times `warren testnet --nodes N` from its start to the table of joined nodes it prints, run as
 * installed (the compiled command, dist/) and from the TypeScript sources (through tsx; its nodes then
 * run from the compiled build, which `npm run build` has just made up to date: node-launch.ts). Next to
 * them, the same-run references: one `warren node` from the compiled build, and one through tsx, from
 * start to its API answering. Rounds alternate; each figure is the median of 3. The load average is
 * printed before and after, since the machine may be shared. It asserts nothing.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fetchStatus } from '../node/app/api/client.js';
import { localEndpoint } from '../node/app/cli/endpoint.js';
import { loopbackNodeArgs } from '../node/app/cli/testnet-command.js';
import { stopChild } from '../test/support/children.js';
import { spawnWarren } from '../test/support/client-network.js';
import { median, printRows } from './support.js';

const NODES = Number(process.argv[2] ?? 8);
const ROUNDS = 3;
/** A hang guard on one start-up. */
const GIVE_UP_MS = 600_000;

const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');

/** Seconds from now until `done` answers true, polled; the child is stopped with SIGINT after. */
async function timeUntil(child: ChildProcess, done: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the process exited with ${child.exitCode}`);
      if (await done().catch(() => false)) return (performance.now() - started) / 1000;
      if (performance.now() - started > GIVE_UP_MS) throw new Error('gave up waiting');
      await sleep(50);
    }
  } finally {
    await stopChild(child, 'SIGINT');
  }
}

async function testnetSeconds(root: string, built: boolean): Promise<number> {
  const child = spawnWarren(['testnet', '--nodes', String(NODES), '--root', join(root, 'net')], { built });
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.resume();
  return timeUntil(child, async () => stdout.includes('Ctrl-C stops them all'));
}

async function nodeSeconds(root: string, built: boolean): Promise<number> {
  const dataDir = join(root, 'node');
  const child = spawnWarren(loopbackNodeArgs(dataDir), { built });
  child.stdout!.resume();
  child.stderr!.resume();
  return timeUntil(child, async () => (await fetchStatus(await localEndpoint(dataDir))).identity !== undefined);
}

const runs = {
  'testnet, as installed (dist/)': (root: string) => testnetSeconds(root, true),
  'testnet, from the sources (tsx)': (root: string) => testnetSeconds(root, false),
  'reference: one node, dist/': (root: string) => nodeSeconds(root, true),
  'reference: one node, tsx': (root: string) => nodeSeconds(root, false),
};

const loadBefore = load();
const seconds = new Map<string, number[]>(Object.keys(runs).map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of Object.entries(runs)) {
    const root = await mkdtemp(join(tmpdir(), 'warren-bench-testnet-'));
    try {
      seconds.get(name)!.push(await run(root));
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }
}
printRows(
  `warren testnet --nodes ${NODES}: start to the table of joined nodes, median of ${ROUNDS} (load average ${loadBefore} before, ${load()} after)`,
  [...seconds].map(([name, values]) => [name, `${median(values).toFixed(1)} s`, `rounds: ${values.map((value) => value.toFixed(1)).join(', ')} s`]),
);
process.exit(0);

/**
 * Real `warren node` processes on loopback that can be SIGKILLed and restarted on their data
 * directories, for the crash-safety loop (crash-loop.ts). Each node keeps its TCP and API ports
 * across restarts, as a node with configured ports does, so its peers redial it where it was and
 * the traffic driver finds its API again; the store budgets are fixed (`CRASH_STORE_BUDGETS`) so
 * that a store opened outside the node (crash-store-check.ts) opens exactly as the node opens it.
 *
 *   CrashNodes.start(root, n) ──reserve two ports a node──> seed ──> n−1 nodes with --seed ──> all linked
 *   kill(node) ──SIGKILL──> exit (generation + 1)
 *   restart(node) ──spawn on the same directory and ports──> API answers (store open) ──> peers > 0 (rejoined)
 *   stop() ──SIGINT to every node up──> exits
 *   every node's stderr ──warnings of its block store──> storeWarnings
 */
import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type ApiEndpoint, fetchStatus } from '../../node/app/api/client.js';
import type { NodeStatus } from '../../node/app/api/status.js';
import { dataDirPaths } from '../../node/app/daemon/data-dir.js';
import { exitOf, hasExited, stopChild, tracked } from './children.js';
import { spawnWarren } from './client-network.js';
import { eventually } from './until.js';

/** Byte budgets of every node's store and cache: room for the whole run, so nothing is evicted. */
export const CRASH_STORE_BUDGETS = { storeBudgetBytes: 2 ** 30, cacheBudgetBytes: 2 ** 29 } as const;
/** A hang guard on a node starting (tsx compiles the sources at every start; the machine may be busy). */
const COME_BACK_GUARD_MS = 180_000;
/** Log kept of each node's process, for the message when it does not come back. */
const LOG_TAIL_CHARS = 8_000;

export interface CrashNode {
  /** `seed`, `node-1`, … */
  readonly name: string;
  readonly index: number;
  readonly dataDir: string;
  readonly listen: string;
  readonly endpoint: ApiEndpoint;
  /** The node's ring location, from its first status. */
  readonly location: number;
  /** Whether it runs (false from the kill until it answers again). */
  readonly up: boolean;
  /** Incremented at every kill: an operation that began in an earlier generation was cut by a kill. */
  readonly generation: number;
}

/** How a restarted node came back, in milliseconds from its spawn. */
export interface ComeBack {
  /** Until its API answered: the store opened (the API starts after it). */
  readonly storeOpenMs: number;
  /** Until it had a peer again. */
  readonly rejoinMs: number;
  readonly peers: number;
}

interface Slot {
  name: string;
  index: number;
  dataDir: string;
  listen: string;
  apiPort: number;
  endpoint: ApiEndpoint;
  location: number;
  up: boolean;
  generation: number;
  child?: ChildProcess;
  log: string;
}

/** A warning the node's block store logged (component `store`, pino level 40 or above): a repair, a damaged block. */
function storeWarning(line: string): boolean {
  if (!line.includes('"component":"store"')) return false;
  try {
    return ((JSON.parse(line) as { level?: number }).level ?? 0) >= 40;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export class CrashNodes {
  /** Every warning a node's block store logged while it ran, prefixed with the node's name. */
  readonly storeWarnings: string[] = [];

  private constructor(
    private readonly slots: Slot[],
    private readonly seed: string,
  ) {}

  /** `count` nodes under `root` at difficulty 8, the first the others' seed; resolves once each has a peer and the seed all of them. */
  static async start(root: string, count: number): Promise<CrashNodes> {
    const slots: Slot[] = [];
    for (let index = 0; index < count; index++) {
      const name = index === 0 ? 'seed' : `node-${index}`;
      const apiPort = await freePort();
      slots.push({
        name,
        index,
        dataDir: join(root, name),
        listen: `/ip4/127.0.0.1/tcp/${await freePort()}`,
        apiPort,
        endpoint: { url: `http://127.0.0.1:${apiPort}`, token: '' },
        location: Number.NaN,
        up: false,
        generation: 0,
        log: '',
      });
    }
    const nodes = new CrashNodes(slots, slots[0]!.listen);
    try {
      for (const slot of slots) {
        nodes.spawn(slot);
        await nodes.answering(slot);
      }
      await Promise.all(slots.map((slot) => nodes.peered(slot, slot.index === 0 ? count - 1 : 1)));
      for (const slot of slots) slot.up = true;
    } catch (error) {
      await nodes.stop();
      throw error;
    }
    return nodes;
  }

  get all(): readonly CrashNode[] {
    return this.slots;
  }

  /** The nodes running now. */
  running(): CrashNode[] {
    return this.slots.filter((slot) => slot.up);
  }

  /** SIGKILL, at once; resolves once the process is gone. */
  async kill(node: CrashNode): Promise<void> {
    const slot = this.slots[node.index]!;
    slot.up = false;
    slot.generation += 1;
    if (slot.child !== undefined) await stopChild(slot.child, 'SIGKILL');
  }

  /** Starts the node again on its data directory and ports; resolves once it has a peer. */
  async restart(node: CrashNode): Promise<ComeBack> {
    const slot = this.slots[node.index]!;
    const startedAt = performance.now();
    this.spawn(slot);
    await this.answering(slot);
    const storeOpenMs = performance.now() - startedAt;
    const peers = (await this.peered(slot, 1)).peers.length;
    slot.up = true;
    return { storeOpenMs, rejoinMs: performance.now() - startedAt, peers };
  }

  /** SIGINT to every node running, and their exits. */
  async stop(): Promise<void> {
    await Promise.all(
      this.slots.map(async (slot) => {
        slot.up = false;
        if (slot.child !== undefined) await stopChild(slot.child, 'SIGINT');
      }),
    );
  }

  private spawn(slot: Slot): void {
    const args = [
      'node',
      '--data-dir',
      slot.dataDir,
      '--pow-difficulty',
      '8',
      '--listen',
      slot.listen,
      '--api-port',
      String(slot.apiPort),
      '--gateway-port',
      'off',
    ];
    args.push('--store-bytes', String(CRASH_STORE_BUDGETS.storeBudgetBytes), '--cache-bytes', String(CRASH_STORE_BUDGETS.cacheBudgetBytes));
    if (slot.index !== 0) args.push('--seed', this.seed);
    const child = tracked(spawnWarren(args));
    slot.log = '';
    child.stdout!.resume();
    child.stderr!.on('data', (chunk: Buffer) => (slot.log = (slot.log + chunk.toString()).slice(-LOG_TAIL_CHARS)));
    createInterface({ input: child.stderr! }).on('line', (line) => storeWarning(line) && this.storeWarnings.push(`${slot.name}: ${line}`));
    slot.child = child;
  }

  /** The node's status once its API answers (fails at once if the process ended instead). */
  private async answering(slot: Slot): Promise<NodeStatus> {
    const status = await this.probe(slot, () => true, 'its API to answer');
    slot.location = status.identity.location;
    return status;
  }

  private peered(slot: Slot, peers: number): Promise<NodeStatus> {
    return this.probe(slot, (status) => status.peers.length >= peers, `${peers} peer(s)`);
  }

  /** Polls the node's status until `done`; rejects at once if its process ends first. */
  private probe(slot: Slot, done: (status: NodeStatus) => boolean, what: string): Promise<NodeStatus> {
    const child = slot.child!;
    const ended = exitOf(child).then(() => {
      throw new Error(`${slot.name} exited (${child.exitCode ?? child.signalCode}) before it had ${what}; its log ends:\n${slot.log}`);
    });
    const polled = eventually(
      `${slot.name} (${slot.dataDir}) to have ${what}`,
      async () => {
        if (hasExited(child)) return undefined;
        if (slot.endpoint.token === '') {
          slot.endpoint = { ...slot.endpoint, token: (await readFile(dataDirPaths(slot.dataDir).apiToken, 'utf8')).trim() };
        }
        const status = await fetchStatus(slot.endpoint);
        return done(status) ? status : undefined;
      },
      { pollMs: 100, timeoutMs: COME_BACK_GUARD_MS },
    );
    return Promise.race([polled, ended]);
  }
}

/**
 * A real network on loopback: twelve `warren node` processes (TCP, Noise, RocksDB,
 * difficulty 8) bootstrapped from one seed through the opennet. Each step builds on the one
 * before: the network converges, 300 CHK blocks inserted through random nodes are fetched
 * through others, fetches go on while a relay is killed, and the relay restarts without a
 * seed, rejoining through its saved peers with its store intact.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '../../protocol/bytes.js';
import { randomBytes } from '../../protocol/crypto.js';
import { encodeChk } from '../../protocol/keys/index.js';
import type { NodeStatus } from '../../node/app/api/status.js';
import { stopChild } from '../support/children.js';
import { useTeardown } from '../support/teardown.js';
import { api, type DaemonProcess, type Ready, ready, startNode, status, until } from './daemon-process.js';

const NODES = 12;
const BLOCKS = 300;
const MIN_PEERS_EACH = 3;
const CONCURRENCY = 12;
/**
 * A hang guard. Convergence usually takes under a second; a node whose first announcement found
 * too few peers announces again at its next maintenance round (60 s, spec/routing.md §9): the
 * wait allows for two, on a loaded machine.
 */
const CONVERGENCE_MS = 150_000;
/** A seed keeps more peers than the others, so that every newcomer can reach it first. */
const SEED_FLAGS = ['--max-peers', '16'];
/**
 * Room for a late joiner: no node can be full. With 8 the earlier nodes were, now and then,
 * all at their limit when the last one announced, and a full node only makes room for a
 * newcomer by dropping a peer past its grace period (5 minutes, spec/routing.md §9).
 */
const NODE_FLAGS = ['--max-peers', String(NODES), '--min-peers', String(MIN_PEERS_EACH)];

interface Member {
  daemon: DaemonProcess;
  ready: Ready;
  readonly name: string;
}

interface Block {
  readonly path: string;
  readonly block: Uint8Array;
  readonly insertedVia: number;
}

interface Fetches {
  readonly succeeded: number;
  readonly total: number;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** Runs `work` on each item with at most `limit` at once. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/** Whether every node has enough peers and the links, taken together, connect them all. */
function converged(statuses: readonly NodeStatus[]): boolean {
  if (statuses.some((node) => node.peers.length < MIN_PEERS_EACH)) return false;
  const links = new Map(statuses.map((node) => [node.identity.publicKey, node.peers.map((peer) => peer.id)]));
  for (const [from, peers] of links) for (const to of peers) links.get(to)?.push(from);
  const reached = new Set([statuses[0]!.identity.publicKey]);
  const queue = [...reached];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    for (const next of links.get(id) ?? []) {
      if (reached.has(next)) continue;
      reached.add(next);
      queue.push(next);
    }
  }
  return reached.size === statuses.length;
}

/** Fetches each block through a random member other than `avoid` and the inserter; `during` runs after `at` fetches. */
async function fetchAll(
  members: readonly Member[],
  blocks: readonly Block[],
  avoid: ReadonlySet<number>,
  during?: { at: number; run: () => void },
): Promise<Fetches> {
  let succeeded = 0;
  let done = 0;
  await pool(blocks, CONCURRENCY, async (entry) => {
    const via = pick(members.map((_, index) => index).filter((index) => index !== entry.insertedVia && !avoid.has(index)));
    const response = await api(members[via]!.ready, entry.path).catch(() => undefined);
    const body = response?.ok ? new Uint8Array(await response.arrayBuffer()) : undefined;
    if (body !== undefined && toHex(body) === toHex(entry.block)) succeeded++;
    if (++done === during?.at) during.run();
  });
  return { succeeded, total: blocks.length };
}

function report(what: string, fetches: Fetches): number {
  const rate = fetches.succeeded / fetches.total;
  console.log(`      ${what}: ${fetches.succeeded}/${fetches.total} (${(rate * 100).toFixed(1)}%)`);
  return rate;
}

describe('a network of twelve processes on loopback', function () {
  // Each step takes seconds on an idle machine: a hang guard, with the margin for a loaded one.
  this.timeout(600_000);
  let root: string;
  const members: Member[] = [];
  const blocks: Block[] = [];
  let victim: number;
  let victimStore: NodeStatus['store']['store'];
  const defer = useTeardown('all');
  /** Each step builds on the one before: once one fails, the later ones are skipped. */
  let failed = false;
  beforeEach(function () {
    if (failed) this.skip();
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });

  const spawn = (name: string, extra: readonly string[]): DaemonProcess => {
    const daemon = startNode(join(root, name), extra);
    defer(() => stopChild(daemon.child));
    return daemon;
  };

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'warren-network-'));
    defer(() => rm(root, { recursive: true, force: true }));
  });

  it(`converges: ${NODES} nodes from one seed, each with at least ${MIN_PEERS_EACH} peers, all connected`, async () => {
    const seed = spawn('node-0', SEED_FLAGS);
    const seedReady = await ready(seed);
    members.push({ daemon: seed, ready: seedReady, name: 'node-0' });
    const seedAddress = seedReady.status.addresses[0]!;
    const names = Array.from({ length: NODES - 1 }, (_, index) => `node-${index + 1}`);
    const others = names.map((name) => spawn(name, [...NODE_FLAGS, '--seed', seedAddress]));
    const readies = await Promise.all(others.map((daemon) => ready(daemon)));
    members.push(...others.map((daemon, index) => ({ daemon, ready: readies[index]!, name: names[index]! })));
    let latest: NodeStatus[] = [];
    const statuses = await until(
      'the network to converge',
      async () => {
        latest = await Promise.all(members.map((member) => status(member.ready)));
        return converged(latest) ? latest : undefined;
      },
      CONVERGENCE_MS,
    ).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}; peers per node: ${latest.map((node) => node.peers.length).join(' ')}`);
    });
    console.log(`      converged; peers per node: ${statuses.map((node) => node.peers.length).join(' ')}`);
  });

  it(`fetches ${BLOCKS} blocks inserted through random nodes, through other nodes`, async () => {
    await pool(Array.from({ length: BLOCKS }), CONCURRENCY, async () => {
      const chk = encodeChk(randomBytes(1 + Math.floor(Math.random() * 4096)));
      const insertedVia = Math.floor(Math.random() * members.length);
      const path = `/v1/blocks/${toHex(chk.routingKey)}?type=chk`;
      const put = await api(members[insertedVia]!.ready, path, { method: 'PUT', body: chk.block });
      assert.equal(put.status, 200, await put.clone().text());
      blocks.push({ path, block: chk.block, insertedVia });
    });
    const rate = report('fetched', await fetchAll(members, blocks, new Set()));
    assert.ok(rate >= 0.99);
  });

  it('reroutes around a relay killed during a batch of fetches', async () => {
    const statuses = await Promise.all(members.map((member) => status(member.ready)));
    // The best-linked node other than the seed: the relay most routes pass through.
    victim = statuses
      .map((node, index) => ({ index, peers: node.peers.length }))
      .slice(1)
      .sort((a, b) => b.peers - a.peers)[0]!.index;
    victimStore = statuses[victim]!.store.store;
    const fetches = await fetchAll(members, blocks, new Set([victim]), {
      at: Math.floor(BLOCKS / 4),
      run: () => members[victim]!.daemon.child.kill('SIGKILL'),
    });
    assert.equal(await members[victim]!.daemon.exited, null, 'killed');
    const rate = report(`fetched while ${members[victim]!.name} (${statuses[victim]!.peers.length} peers) was killed`, fetches);
    assert.ok(rate >= 0.99);
  });

  it('restarts the killed relay without a seed: it rejoins through its saved peers, its store intact', async () => {
    const { name } = members[victim]!;
    const saved = JSON.parse(await readFile(join(root, name, 'peers.json'), 'utf8')) as { peers: unknown[] };
    assert.ok(saved.peers.length > 0, 'peers were saved after joining');
    const daemon = spawn(name, NODE_FLAGS);
    const again = await ready(daemon);
    const rejoined = await until('a peer after the restart', async () => {
      const current = await status(again);
      return current.peers.length >= 1 ? current : undefined;
    });
    console.log(
      `      ${name} rejoined with ${rejoined.peers.length} peers (${saved.peers.length} saved); ` +
        `store ${victimStore.blocks} blocks, ${victimStore.bytes} bytes`,
    );
    assert.deepEqual(rejoined.store.store, victimStore);
  });
});

/**
 * A darknet of eight `warren node --darknet` processes on loopback (spec/routing.md §11.5): their
 * friends, exchanged with `warren noderef` / `warren friend add` and the API, form a ring with
 * chords; placed on it so that their identities' locations give the worst arrangement there is,
 * they swap locations over TCP until the log-sum of link distances is at least halfway to the best
 * arrangement of the same locations, announcing nothing; then a block inserted at one node is
 * fetched at a node that is not its friend.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { toHex } from '../../protocol/bytes.js';
import { randomBytes } from '../../protocol/crypto.js';
import { encodeChk } from '../../protocol/keys/chk.js';
import { circularDistance } from '../../protocol/location.js';
import { stopChild } from '../support/children.js';
import { useTeardown } from '../support/teardown.js';
import { HANG_GUARD_MS, PROCESS_START_MS } from '../support/until.js';
import { api, type Ready, ready, startNode, status, until, WARREN_MAIN } from './daemon-process.js';

const NODES = 8;
/** The trust graph over positions 0..7: the ring, and a chord to the node three further on. */
const EDGES: ReadonlyArray<readonly [number, number]> = Array.from({ length: NODES }, (_, i) => [
  [i, (i + 1) % NODES] as const,
  [i, (i + 3) % NODES] as const,
]).flat();
/** Longest a CLI command may run: a hang guard (each starts a TypeScript loader). */
const COMMAND_GUARD_MS = 120_000;

/** Σ ln d over the graph's links, `locationAt[p]` the location of the node at position p. */
function logSum(locationAt: readonly number[]): number {
  return EDGES.reduce((sum, [a, b]) => sum + Math.log(circularDistance(locationAt[a]!, locationAt[b]!)), 0);
}

function* permutations(items: readonly number[]): Generator<number[]> {
  if (items.length <= 1) return yield [...items];
  for (let i = 0; i < items.length; i++) {
    for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)])) yield [items[i]!, ...rest];
  }
}

async function warren(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', WARREN_MAIN, ...args], { timeout: COMMAND_GUARD_MS });
  return stdout;
}

describe('integration: a darknet of eight node processes swaps its locations over TCP', function () {
  // Hang guards only: the processes start, link, swap and route, and nothing asserts how soon.
  this.timeout(PROCESS_START_MS + 4 * COMMAND_GUARD_MS + 5 * HANG_GUARD_MS);
  const defer = useTeardown();

  it('friends only, swapped to shorter links, no announcement, then a put at one node is fetched at a node not its friend', async () => {
    const root = await mkdtemp(join(tmpdir(), 'warren-darknet-swap-'));
    defer(() => rm(root, { recursive: true, force: true }));
    const daemons = Array.from({ length: NODES }, (_, i) => startNode(join(root, `n${i}`), ['--darknet', '--swap-interval', '250', '--log-level', 'warn']));
    for (const daemon of daemons) defer(() => stopChild(daemon.child, 'SIGTERM'));
    const nodes = await Promise.all(daemons.map((daemon) => ready(daemon)));

    // Positions on the trust graph: the identities' locations in the worst arrangement there is.
    const identityLocations = nodes.map((node) => node.status.identity.location);
    let worst: number[] = [];
    let start = -Infinity;
    let best = Infinity;
    for (const order of permutations([...identityLocations.keys()])) {
      const sum = logSum(order.map((index) => identityLocations[index]!));
      if (sum > start) [worst, start] = [order, sum];
      best = Math.min(best, sum);
    }
    const at: Ready[] = worst.map((index) => nodes[index]!);
    const goal = (start + best) / 2;

    // Friends: position 0 through the command line, the others through the API; each side adds the other.
    const references = await Promise.all(
      at.map(async (node, p) => (p === 0 ? warren('noderef', '--data-dir', daemons[worst[0]!]!.dataDir) : (await api(node, '/v1/noderef')).text())),
    );
    for (const [a, b] of EDGES) {
      for (const [from, to] of [
        [a, b],
        [b, a],
      ] as const) {
        if (from === 0) {
          const file = join(root, `ref-${to}`);
          await writeFile(file, references[to]!);
          assert.match(await warren('friend', 'add', file, '--data-dir', daemons[worst[0]!]!.dataDir), /^friend added: [0-9a-f]{64}/);
        } else {
          const added = await api(at[from]!, '/v1/friends', { method: 'POST', body: references[to]! });
          assert.equal(added.status, 200, await added.clone().text());
        }
      }
    }
    const degree = (p: number) => EDGES.filter(([a, b]) => a === p || b === p).length;
    await until('every friend linked', async () =>
      (await Promise.all(at.map(status))).every((node, p) => node.peers.length === degree(p)) ? true : undefined,
    );

    let latest = start;
    await until(
      `the log-sum of link distances at most ${goal.toFixed(2)} (${start.toFixed(2)} at the start, ${best.toFixed(2)} at best)`,
      async () => {
        const locations = (await Promise.all(at.map(status))).map((node) => node.identity.location);
        // Swaps exchange locations: a snapshot taken halfway through one shows a location twice, not a shorter sum.
        if (new Set(locations).size !== NODES) return undefined;
        latest = logSum(locations);
        return latest <= goal ? latest : undefined;
      },
      4 * HANG_GUARD_MS,
    );
    console.log(`      log-sum of link distances: ${start.toFixed(2)} at the start, ${latest.toFixed(2)} after swapping, ${best.toFixed(2)} at best`);

    // The goal can be reached through the swaps of a few nodes before a busy one has started its first.
    const statuses = await until('every node has started a swap of its own', async () => {
      const now = await Promise.all(at.map(status));
      return now.every((node) => (node.swaps?.started ?? 0) > 0) ? now : undefined;
    });
    for (const [p, node] of statuses.entries()) {
      // Friends only, and nothing announced or requested: only swaps have run.
      const friends = EDGES.filter(([a, b]) => a === p || b === p).map(([a, b]) => (a === p ? statuses[b]! : statuses[a]!).identity.publicKey);
      assert.deepEqual(node.peers.map((peer) => peer.id).sort(), friends.sort());
      for (const peer of node.peers) assert.equal(peer.stats.requestsSent, 0);
    }
    assert.ok(statuses.some((node) => (node.swaps?.swapped ?? 0) > 0));

    // Position 4 is not a friend of position 0: the block crosses the darknet.
    const chk = encodeChk(randomBytes(3000));
    const path = `/v1/blocks/${toHex(chk.routingKey)}?type=chk`;
    const put = await api(at[0]!, path, { method: 'PUT', body: chk.block });
    assert.equal(put.status, 200, await put.clone().text());
    const got = await api(at[4]!, path);
    assert.equal(got.status, 200, await got.clone().text());
    assert.deepEqual(new Uint8Array(await got.arrayBuffer()), chk.block);
  });
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '../../protocol/bytes.js';
import { encodeChk } from '../../protocol/keys/index.js';
import { circularDistance, keyLocation } from '../../protocol/location.js';
import type { NodeStatus } from '../../node/app/api/status.js';
import { stopChild } from '../support/children.js';
import { useTeardown } from '../support/teardown.js';
import { api, type DaemonProcess, type Ready, ready, startNode, status, until, WARREN_MAIN } from './daemon-process.js';

async function peersOf(node: Ready, count: number): Promise<NodeStatus> {
  return until(`${count} peers`, async () => {
    const current = await status(node);
    return current.peers.length >= count ? current : undefined;
  });
}

describe('warren node (three processes on loopback)', function () {
  // A hang guard: node processes start slowly on a loaded machine.
  this.timeout(600_000);
  let root: string;
  const defer = useTeardown('all');

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'warren-daemon-'));
    defer(() => rm(root, { recursive: true, force: true }));
  });

  it('joins through a seed, serves blocks through the API, stops on SIGTERM and rejoins after a restart', async () => {
    const spawnNode = (name: string, ...extra: string[]): DaemonProcess => {
      const daemon = startNode(join(root, name), extra);
      defer(() => stopChild(daemon.child));
      return daemon;
    };
    const a = spawnNode('a');
    const first = await ready(a);
    const seed = first.status.addresses[0]!;
    assert.match(seed, /^\/ip4\/127\.0\.0\.1\/tcp\/\d+$/);
    const b = spawnNode('b', '--seed', seed);
    const c = spawnNode('c', '--seed', seed);
    const [second, third] = await Promise.all([ready(b), ready(c)]);
    await peersOf(first, 2);
    await peersOf(second, 1);
    await peersOf(third, 1);

    // The inserting node never keeps its own insert (spec/routing.md §5), and the first hops do not
    // cache: in a network of three the block is kept only if another node is the closest to its key.
    const nodes = [first, second, third].map((node) => node.status.identity.location);
    const closest = (location: number): number =>
      nodes.reduce((best, node, index) => (circularDistance(node, location) < circularDistance(nodes[best]!, location) ? index : best), 0);
    let chk = encodeChk(new TextEncoder().encode('hello from a real network'));
    for (let attempt = 1; closest(keyLocation(chk.routingKey)) === 1; attempt++)
      chk = encodeChk(new TextEncoder().encode(`hello from a real network, ${attempt}`));
    const path = `/v1/blocks/${toHex(chk.routingKey)}?type=chk`;
    const put = await api(second, path, { method: 'PUT', body: chk.block });
    assert.equal(put.status, 200, await put.clone().text());
    const got = await api(third, path);
    assert.equal(got.status, 200, await got.clone().text());
    assert.deepEqual(new Uint8Array(await got.arrayBuffer()), chk.block);

    const printed = spawnSync(process.execPath, ['--import', 'tsx', WARREN_MAIN, 'status', '--data-dir', c.dataDir, '--json'], { encoding: 'utf8' });
    assert.equal(printed.status, 0, printed.stderr);
    const printedStatus = JSON.parse(printed.stdout) as NodeStatus;
    assert.equal(printedStatus.identity.publicKey, third.status.identity.publicKey);
    assert.equal(printedStatus.requests.requests.succeeded, 1);

    // A second node on the same data directory is refused with a clear message.
    const twin = spawnNode('c');
    assert.equal(await twin.exited, 1);
    assert.match(twin.stderr.join(''), /another Warren node is already using the data directory/);

    c.child.kill('SIGTERM');
    assert.equal(await c.exited, 0, c.stderr.join(''));
    assert.equal(c.stdout.join(''), '', 'stdout stays clean');
    const logs = c.stderr
      .join('')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string });
    assert.ok(logs.some((line) => line.msg === 'stopped'));
    assert.equal(existsSync(join(c.dataDir, 'api.json')), false);
    const saved = JSON.parse(await readFile(join(c.dataDir, 'peers.json'), 'utf8')) as { peers: { publicKey: string }[] };
    // The seed, and the other node if the announcement through the seed introduced it.
    const expectedPeers = [first.status.identity.publicKey, second.status.identity.publicKey].sort();
    const savedPeers = saved.peers.map((peer) => peer.publicKey).sort();
    assert.ok(savedPeers.includes(first.status.identity.publicKey) && savedPeers.every((key) => expectedPeers.includes(key)), savedPeers.join());

    const restarted = spawnNode('c');
    const again = await ready(restarted);
    assert.equal(again.status.identity.publicKey, third.status.identity.publicKey);
    const rejoined = await peersOf(again, savedPeers.length);
    assert.deepEqual(rejoined.peers.map((peer) => peer.id).sort(), savedPeers);
    const cached = await api(again, path);
    assert.equal(cached.status, 200, 'fetched again after the restart');

    for (const daemon of [a, b, restarted]) daemon.child.kill('SIGINT');
    assert.deepEqual(await Promise.all([a.exited, b.exited, restarted.exited]), [0, 0, 0]);
  });

  it('exits with 2 and names the setting and its source for a bad value', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', WARREN_MAIN, 'node', '--data-dir', join(root, 'bad')], {
      encoding: 'utf8',
      env: { ...process.env, WARREN_STORE_BYTES: '1GiB' },
    });
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^warren: invalid storeBytes from environment variable WARREN_STORE_BYTES: must be a whole number/);
  });
});

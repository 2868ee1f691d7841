/**
 * A mixed network of six `warren node` processes on loopback (spec/node.md §5, spec/routing.md §9.9):
 * three darknet nodes whose friends form a line D0 ─ D1 ─ D2, and an opennet of a seed S, a node O
 * and a mixed node M, which joined through S and is also D0's friend. Files cross between the two
 * through M: one put at O is fetched byte for byte at D2, the darknet node farthest from M, and one
 * put at D2 is fetched at S.
 *
 *   S ─ O, M (opennet, joined through S)      M ═ D0 ─ D1 ─ D2 (friends; the D's darknet only)
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from '../../protocol/crypto.js';
import { stopChild } from '../support/children.js';
import { useTeardown } from '../support/teardown.js';
import { HANG_GUARD_MS, PROCESS_START_MS } from '../support/until.js';
import { api, type DaemonProcess, type Ready, ready, startNode, status, until } from './daemon-process.js';

/** A file of a few segments' worth of blocks: enough for its blocks to spread over both sides. */
const FILE_BYTES = 200_000;

/** Adds each node as the other's friend, through the API, with the reference the other's API gives. */
async function befriend(a: Ready, b: Ready): Promise<void> {
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    const reference = await (await api(to, '/v1/noderef')).text();
    const added = await api(from, '/v1/friends', { method: 'POST', body: reference });
    assert.equal(added.status, 200, await added.clone().text());
  }
}

async function putFile(node: Ready, name: string, content: Uint8Array): Promise<string> {
  const put = await api(node, `/v1/files?name=${name}`, { method: 'POST', body: content });
  assert.equal(put.status, 200, await put.clone().text());
  return ((await put.json()) as { uri: string }).uri;
}

async function getFile(node: Ready, uri: string): Promise<Uint8Array> {
  const got = await api(node, `/v1/files/${encodeURIComponent(uri)}`);
  assert.equal(got.status, 200, await got.clone().text());
  return new Uint8Array(await got.arrayBuffer());
}

describe('integration: a mixed node links a darknet of three to an opennet of three, and files cross both ways', function () {
  // Hang guards only: the processes start, link and route, and nothing asserts how soon.
  this.timeout(2 * PROCESS_START_MS + 6 * HANG_GUARD_MS);
  const defer = useTeardown();

  it('a file put at an opennet node is fetched at the farthest darknet node, and one put there at an opennet node', async () => {
    const root = await mkdtemp(join(tmpdir(), 'warren-mixed-'));
    defer(() => rm(root, { recursive: true, force: true }));
    const start = (name: string, extra: readonly string[]): DaemonProcess => {
      const daemon = startNode(join(root, name), [...extra, '--log-level', 'warn']);
      defer(() => stopChild(daemon.child, 'SIGTERM'));
      return daemon;
    };
    const seed = await ready(start('seed', []));
    const viaSeed = ['--seed', seed.status.addresses[0]!];
    const darknet = ['--darknet', '--swap-interval', '250'];
    const [opennet, mixed, d0, d1, d2] = await Promise.all([
      ready(start('opennet', viaSeed)),
      ready(start('mixed', viaSeed)),
      ready(start('d0', darknet)),
      ready(start('d1', darknet)),
      ready(start('d2', darknet)),
    ]);
    await befriend(mixed, d0);
    await befriend(d0, d1);
    await befriend(d1, d2);

    const idOf = (node: Ready) => node.status.identity.publicKey;
    const peersOf = async (node: Ready) => (await status(node)).peers.map((peer) => peer.id).sort();
    // Each darknet node is linked to its friends and to nobody else.
    for (const [node, friends] of [
      [d0, [mixed, d1]],
      [d1, [d0, d2]],
      [d2, [d1]],
    ] as const) {
      const expected = friends.map(idOf).sort();
      await until(`${idOf(node).slice(0, 8)} linked to its friends only`, async () => {
        const peers = await peersOf(node);
        return peers.length === expected.length ? peers : undefined;
      });
      assert.deepEqual(await peersOf(node), expected);
    }
    // The mixed node joined the opennet beside its friend, and every opennet node has a peer.
    await until('the mixed node linked to its friend and the opennet', async () => {
      const peers = await peersOf(mixed);
      return peers.includes(idOf(d0)) && peers.length >= 2 ? true : undefined;
    });
    for (const node of [seed, opennet]) await until('an opennet node linked', async () => ((await peersOf(node)).length > 0 ? true : undefined));

    const mixedStatus = await status(mixed);
    // The mixed node does not swap: it stays where its identity puts it; no announcement went to its friend.
    assert.equal(mixedStatus.swaps, undefined);
    assert.equal(mixedStatus.identity.location, mixed.status.identity.location);
    assert.equal(mixedStatus.peers.find((peer) => peer.id === idOf(d0))!.stats.requestsSent, 0);

    const fromOpennet = randomBytes(FILE_BYTES);
    const openUri = await putFile(opennet, 'from-opennet.bin', fromOpennet);
    assert.deepEqual(await getFile(d2, openUri), fromOpennet);

    const fromDarknet = randomBytes(FILE_BYTES);
    const darkUri = await putFile(d2, 'from-darknet.bin', fromDarknet);
    assert.deepEqual(await getFile(seed, darkUri), fromDarknet);

    // The darknet nodes kept to their friends throughout.
    assert.deepEqual(await peersOf(d2), [idOf(d1)]);
    assert.deepEqual(await peersOf(d0), [idOf(mixed), idOf(d1)].sort());
  });
});

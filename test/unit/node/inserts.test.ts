import assert from 'node:assert/strict';
import type { Envelope } from '../../../protocol/wire/messages.js';
import { DEFAULT_HOP_TIMEOUT_PER_HTL_MS } from '../../../node/context.js';
import { MAX_HTL } from '../../../node/htl.js';
import type { MemoryTransport } from '../../../sim/memory-network.js';
import type { SimulatedNetwork } from '../../../sim/simulated-network.js';
import { chkNear } from '../../support/node-fixtures.js';
import { GREEDY_FROM_ORIGINATOR, useSimulatedNetworks } from '../../support/simulated-networks.js';

/** Every pair of the first `n` nodes linked: each insert meets loops at almost every peer it tries. */
function completeGraph(n: number): Array<[number, number]> {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n - i - 1 }, (_, j) => [i, i + j + 1] as [number, number])).flat();
}

/** Messages delivered, as [from index, to index, envelope] (-1 for a bare transport). */
function recordDeliveries(sim: SimulatedNetwork): Array<[number, number, Envelope]> {
  const indexOf = new Map(sim.nodes.map(({ transport }, index) => [transport.peer.id, index]));
  const deliveries: Array<[number, number, Envelope]> = [];
  sim.network.onDelivery(({ from, to, envelope }) => deliveries.push([indexOf.get(from) ?? -1, indexOf.get(to) ?? -1, envelope]));
  return deliveries;
}

/** A bare transport linked to node 0 of `sim`, handing what it receives to `onMessage`. */
async function barePeer(sim: SimulatedNetwork, onMessage: (transport: MemoryTransport, envelope: Envelope) => void): Promise<MemoryTransport> {
  const transport = sim.network.createTransport({ location: 0.9 });
  await transport.start({ peerConnected: () => undefined, peerDisconnected: () => undefined, message: (_from, envelope) => onMessage(transport, envelope) });
  sim.network.link(transport, sim.nodes[0]!.transport);
  await sim.clock.run();
  return transport;
}

/** How long each side waits for the other's step of an insert, at the default hop timeout. */
const STEP_TIMEOUT_MS = 2 * DEFAULT_HOP_TIMEOUT_PER_HTL_MS;

describe('node/inserts: the block follows only once a peer accepts', () => {
  const simulate = useSimulatedNetworks();

  const key = chkNear(0.5);

  it('sends a block across a link only to a peer that accepted: one per node, not one per peer tried', async () => {
    // Greedy from the originator, so the insert reaches every node below the maximum HTL, where each keeps it.
    const locations = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
    const sim = await simulate({ seed: 'two-step', locations, edges: completeGraph(8), node: GREEDY_FROM_ORIGINATOR });
    const deliveries = recordDeliveries(sim);
    const inserted = sim.nodes[0]!.node.insert(key.routingKey, key.block);
    await sim.clock.run();
    assert.deepEqual(await inserted, { endedBy: 'routes' });
    const count = (type: string) => deliveries.filter(([, , { body }]) => body.type === type).length;
    const accepted = deliveries.filter(([, , { body }]) => body.type === 'insertAccepted').map(([from, to]) => `${to}→${from}`);
    const blocksSent = deliveries.filter(([, , { body }]) => body.type === 'insertData').map(([from, to]) => `${from}→${to}`);
    assert.deepEqual(blocksSent, accepted, 'each block follows an acceptance on the same link, once');
    assert.equal(
      new Set(deliveries.filter(([, , { body }]) => body.type === 'insertData').map(([, to]) => to)).size,
      7,
      'every other node received the block once',
    );
    assert.equal(count('insertData'), 7);
    assert.ok(count('rejectedLoop') >= 20, `the insert met ${count('rejectedLoop')} loops, none of which cost a block`);
    for (const node of sim.nodes.slice(1)) assert.ok(await node.store.has(key.routingKey));
  });

  it('gives up on an accepted insert whose block never comes: RouteNotFound, and what it held is freed', async () => {
    const sim = await simulate({ seed: 'no-data', locations: [0.5], edges: [] });
    const received: string[] = [];
    const peer = await barePeer(sim, (_transport, { body }) => received.push(body.type === 'routeNotFound' ? `routeNotFound ${body.htl}` : body.type));
    peer.send(sim.nodes[0]!.transport.peer.id, { tx: 7n, body: { type: 'insertRequest', keyType: 'chk', routingKey: key.routingKey, htl: 5 } });
    await sim.clock.advance(STEP_TIMEOUT_MS - 100);
    assert.deepEqual(received, ['insertAccepted']);
    assert.equal(sim.nodes[0]!.node.load.heldBy(peer.peer.id), 1, 'the accepted insert counts against its peer');
    await sim.clock.advance(200);
    assert.deepEqual(received, ['insertAccepted', 'routeNotFound 5'], 'the sender may try elsewhere, with its HTL');
    assert.equal(sim.nodes[0]!.node.load.heldBy(peer.peer.id), 0);
    assert.equal(sim.clock.pendingTimers, 0);
    peer.send(sim.nodes[0]!.transport.peer.id, { tx: 7n, body: { type: 'insertData', block: key.block } });
    await sim.clock.run();
    assert.deepEqual(received, ['insertAccepted', 'routeNotFound 5'], 'a block after the wait is dropped');
    assert.equal(await sim.nodes[0]!.store.has(key.routingKey), false);
  });

  it('sends the block once however many InsertAccepted a peer answers', async () => {
    const sim = await simulate({ seed: 'accept-twice', locations: [0.1], edges: [] });
    const blocks: Uint8Array[] = [];
    await barePeer(sim, (transport, { tx, body }) => {
      const node = sim.nodes[0]!.transport.peer.id;
      if (body.type === 'insertRequest') for (let i = 0; i < 3; i++) transport.send(node, { tx, body: { type: 'insertAccepted' } });
      if (body.type === 'insertData') {
        blocks.push(body.block);
        transport.send(node, { tx, body: { type: 'insertReply', outcome: 'stored' } });
      }
    });
    const inserted = sim.nodes[0]!.node.insert(key.routingKey, key.block);
    await sim.clock.run();
    assert.deepEqual(await inserted, { endedBy: 'htl' });
    assert.deepEqual(blocks, [key.block]);
  });

  it('tries the next peer when one does not accept within the step timeout, not the whole hop timeout', async () => {
    const sim = await simulate({ seed: 'silent', locations: [0.1, 0.3], edges: [[0, 1]] });
    const nearSilentPeer = chkNear(0.88);
    const silentAt: number[] = [];
    await barePeer(sim, () => silentAt.push(sim.clock.now()));
    const triedNextAt: number[] = [];
    sim.network.onDelivery(({ to, envelope }) => {
      if (to === sim.nodes[1]!.transport.peer.id && envelope.body.type === 'insertRequest') triedNextAt.push(sim.clock.now());
    });
    const startedAt = sim.clock.now();
    const inserted = sim.nodes[0]!.node.insert(nearSilentPeer.routingKey, nearSilentPeer.block);
    await sim.clock.run();
    assert.deepEqual(await inserted, { endedBy: 'routes' });
    assert.equal(silentAt.length, 1, 'the silent peer, closest to the key, was tried');
    assert.equal(triedNextAt.length, 1);
    const waited = triedNextAt[0]! - startedAt;
    assert.ok(
      waited >= STEP_TIMEOUT_MS && waited < STEP_TIMEOUT_MS + 100,
      `the next peer was tried after ${waited} ms (hop timeout at HTL 17: ${DEFAULT_HOP_TIMEOUT_PER_HTL_MS * MAX_HTL} ms)`,
    );
    assert.ok(await sim.nodes[1]!.store.has(nearSilentPeer.routingKey));
  });

  it('drops a block nobody accepted, and one from a peer other than the inserter', async () => {
    const sim = await simulate({ seed: 'unsolicited', locations: [0.5], edges: [] });
    const received: string[] = [];
    const inserter = await barePeer(sim, (_transport, { body }) => received.push(body.type));
    const stranger = await barePeer(sim, (_transport, { body }) => received.push(body.type));
    const node = sim.nodes[0]!.transport.peer.id;
    stranger.send(node, { tx: 9n, body: { type: 'insertData', block: key.block } });
    inserter.send(node, { tx: 8n, body: { type: 'insertRequest', keyType: 'chk', routingKey: key.routingKey, htl: 5 } });
    await sim.clock.advance(1);
    stranger.send(node, { tx: 8n, body: { type: 'insertData', block: key.block } });
    await sim.clock.run();
    assert.deepEqual(received, ['insertAccepted', 'routeNotFound'], "the stranger's block is not the one awaited");
    assert.equal(await sim.nodes[0]!.store.has(key.routingKey), false);
    assert.equal(sim.clock.pendingTimers, 0);
  });

  describe('an accepted insert whose block never comes costs its sender (spec/routing.md §5)', () => {
    const insertRequest = (routingKey: Uint8Array): Envelope['body'] => ({ type: 'insertRequest', keyType: 'chk', routingKey, htl: 5 });

    it("refuses a peer's inserts as an overload of this node while as many of its accepted inserts wait for their blocks as it may have", async () => {
      const sim = await simulate({ seed: 'pending-cap', locations: [0.5], edges: [], node: { maxPendingInsertsPerPeer: 3 } });
      const received: string[] = [];
      const peer = await barePeer(sim, (_transport, { tx, body }) =>
        received.push(`${tx} ${body.type === 'rejectedOverload' ? `rejectedOverload local ${body.local}` : body.type}`),
      );
      const keys = ['a', 'b', 'c', 'd'].map((label) => chkNear(0.5, 0.01, label));
      for (const [index, { routingKey }] of keys.entries())
        peer.send(sim.nodes[0]!.transport.peer.id, { tx: BigInt(index + 1), body: insertRequest(routingKey) });
      await sim.clock.advance(100);
      assert.deepEqual(received, ['1 insertAccepted', '2 insertAccepted', '3 insertAccepted', '4 rejectedOverload local true']);
      peer.send(sim.nodes[0]!.transport.peer.id, { tx: 1n, body: { type: 'insertData', block: keys[0]!.block } });
      await sim.clock.advance(100);
      peer.send(sim.nodes[0]!.transport.peer.id, { tx: 5n, body: insertRequest(keys[3]!.routingKey) });
      await sim.clock.advance(100);
      // The insert whose block came went on (and, with no other peer here, ran out of routes).
      assert.deepEqual(received.slice(4), ['1 routeNotFound', '5 insertAccepted'], 'a block that came frees its place');
    });

    it('counts each block that does not come against the peer, shrinking its share, and disconnects it at the limit', async () => {
      const sim = await simulate({ seed: 'no-data-flood', locations: [0.5], edges: [], node: { maxPendingInsertsPerPeer: 4, misbehaviourLimit: 6 } });
      const peer = await barePeer(sim, () => undefined);
      const target = sim.nodes[0]!;
      const share = target.node.load.shareOf(peer.peer.id);
      let tx = 0n;
      const sendFour = (): void => {
        for (let i = 0; i < 4; i++) peer.send(target.transport.peer.id, { tx: ++tx, body: insertRequest(chkNear(0.5, 0.01, `flood ${tx}`).routingKey) });
      };
      sendFour();
      await sim.clock.advance(STEP_TIMEOUT_MS + 100);
      assert.equal(Math.round(target.node.load.misbehaviourOf(peer.peer.id)), 4, 'four blocks never came (the score decays slowly)');
      assert.ok(target.node.load.shareOf(peer.peer.id) <= share / 5, 'its share shrank');
      assert.deepEqual(target.transport.connectedPeers, [peer.peer.id], 'below the limit it stays');
      sendFour();
      await sim.clock.advance(STEP_TIMEOUT_MS + 100);
      assert.deepEqual(target.transport.connectedPeers, [], 'past the limit it is disconnected');
    });
  });
});

describe('node/inserts: where an insert is kept', () => {
  const simulate = useSimulatedNetworks();

  it('keeps an insert whose originator is the node closest to its key at a node it reached, wherever mixing sent it first', async () => {
    // Node 0 sits alone on half the ring, the others bunched: for keys near node 0 each of them has node 0
    // as a closer peer, and node 0 never keeps its own insert. Node 0's peers answer RejectedLoop for it.
    const sim = await simulate({ seed: 'originator-closest', locations: [0.15, 0.5, 0.576, 0.619], edges: completeGraph(4) });
    for (let index = 0; index < 40; index++) {
      const { routingKey, block } = chkNear(0.1, 0.05, `originator closest ${index}`);
      const inserted = sim.nodes[0]!.node.insert(routingKey, block);
      await sim.clock.run();
      await inserted;
      const holders = await Promise.all(sim.nodes.map(({ store }) => store.has(routingKey)));
      assert.deepEqual(holders[0], false, 'the originator does not keep its own insert');
      assert.ok(holders.includes(true), `insert ${index} is kept by a node it reached`);
      const fetched = sim.nodes[2]!.node.request(routingKey);
      await sim.clock.run();
      assert.deepEqual(await fetched, block);
    }
  });
});

import assert from 'node:assert/strict';
import { circularDistance } from '../../../protocol/location.js';
import type { WireMessage } from '../../../protocol/wire/messages.js';
import type { FriendSet } from '../../../node/friends.js';
import { swapCommitment } from '../../../node/location-swap.js';
import { Node } from '../../../node/node.js';
import type { SimulatedNetwork } from '../../../sim/simulated-network.js';
import type { Edge } from '../../../sim/topology.js';
import { MemoryBlockStore } from '../../../store/memory-block-store.js';
import { useSimulatedNetworks } from '../../support/simulated-networks.js';
import { useTeardown } from '../../support/teardown.js';

/** A ring of `n` with chords to the node 3 further on: a trust graph whose ideal locations are i / n. */
function ringWithChords(n: number): Edge[] {
  return Array.from({ length: n }, (_, i): Edge[] => [
    [i, (i + 1) % n],
    [i, (i + 3) % n],
  ]).flat();
}

/** Σ ln d over the links: swapping drives it down. */
function logSum(locations: readonly number[], edges: readonly Edge[]): number {
  return edges.reduce((sum, [a, b]) => sum + Math.log(circularDistance(locations[a]!, locations[b]!)), 0);
}

describe('node/swapping: location swapping between real nodes on a memory network', () => {
  const defer = useTeardown();
  const simulate = useSimulatedNetworks(defer);

  it('swaps locations over the wire until the links are shorter, and every node knows where its peers now are', async () => {
    const n = 16;
    const edges = ringWithChords(n);
    // Ring order scrambled: node i starts at the place of node 7i mod 16, so neighbours start far apart.
    const start = Array.from({ length: n }, (_, i) => ((7 * i) % n) / n + 0.01);
    const ideal = logSum(
      Array.from({ length: n }, (_, i) => i / n),
      edges,
    );
    const sim = await simulate({ seed: 'swapping', locations: start, edges, node: { swapping: { startEveryMs: 1_000, walkHops: 2 } } });
    const before = logSum(start, edges);
    await sim.clock.run({ until: sim.clock.now() + 400_000 });
    const after = sim.nodes.map(({ node }) => node.location);
    // At least halfway from the scrambled start to the ideal ring.
    assert.ok(logSum(after, edges) < (before + ideal) / 2, `log-sum ${logSum(after, edges)}: ${before} at the start, ${ideal} ideal`);
    // Swaps exchange locations: the same ones, each held once.
    assert.deepEqual([...after].sort(), [...start].sort());
    const byId = new Map(sim.nodes.map(({ node, transport }) => [transport.addresses[0], node.location]));
    for (const { node } of sim.nodes) {
      for (const peer of node.peers) assert.equal(peer.location, byId.get(peer.node.addresses[0]));
    }
    const counts = sim.nodes.map(({ node }) => node.swapCounts!);
    assert.ok(counts.reduce((sum, count) => sum + count.swapped, 0) > 0);
  });

  it('keeps its location when the other end reveals an offer other than the one it committed to', async () => {
    const sim = await simulate({ seed: 'swap-cheat', locations: [0.2], edges: [], node: { swapping: { startEveryMs: 1_000 } } });
    const honest = sim.nodes[0]!;
    const cheat = sim.network.createTransport({ location: 0.7 });
    const committed = { nonce: new Uint8Array(32), location: 0.7, neighbourLocations: [0.21] };
    const seen: WireMessage['type'][] = [];
    await cheat.start({
      peerConnected: () => undefined,
      peerDisconnected: () => undefined,
      message: (from, { tx, body }) => {
        seen.push(body.type);
        if (body.type === 'swapRequest') cheat.send(from, { tx, body: { type: 'swapCommit', commitment: swapCommitment(committed) } });
        // The reveal claims a nonce of its choosing, after seeing the honest node's.
        if (body.type === 'swapReveal') cheat.send(from, { tx, body: { type: 'swapReveal', ...committed, nonce: new Uint8Array(32).fill(7) } });
      },
    });
    sim.network.link(cheat, honest.transport);
    await sim.clock.run({ until: sim.clock.now() + 1_500 });
    assert.deepEqual(seen.slice(0, 3), ['locationUpdate', 'swapRequest', 'swapReveal']);
    assert.equal(honest.node.location, 0.2);
    assert.equal(honest.node.swapCounts!.rejected, seen.filter((type) => type === 'swapReveal').length);
    assert.equal(honest.node.swapCounts!.swapped, 0);
  });

  it("relays no more of a flooding peer's swap walks than its walk budget, and refuses the rest", async () => {
    // A large interval: the two honest nodes start no swaps of their own during the test.
    const sim = await simulate({ seed: 'swap-flood', locations: [0.2, 0.6], edges: [[0, 1]], node: { swapping: { startEveryMs: 3_600_000 } } });
    const [relay, beyond] = sim.nodes as [(typeof sim.nodes)[0], (typeof sim.nodes)[0]];
    const flooder = sim.network.createTransport({ location: 0.9 });
    const answers: WireMessage['type'][] = [];
    await flooder.start({ peerConnected: () => undefined, peerDisconnected: () => undefined, message: (_from, { body }) => answers.push(body.type) });
    sim.network.link(flooder, relay.transport);
    await sim.clock.run({ until: sim.clock.now() + 10 });
    const relayId = [...beyond.node.peers][0]!.id;
    const beyondId = [...relay.node.peers].find((peer) => peer.location === 0.6)!.id;
    let relayed = 0;
    sim.network.onDelivery(({ to, envelope }) => {
      if (to === beyondId && envelope.body.type === 'swapRequest') relayed++;
    });
    const walks = 10;
    for (let tx = 1n; tx <= BigInt(walks); tx++) flooder.send(relayId, { tx, body: { type: 'swapRequest', commitment: new Uint8Array(32).fill(1), hops: 2 } });
    await sim.clock.run({ until: sim.clock.now() + 100 });
    // Only the walks within the flooder's budget (a burst of 3) are passed on; the node beyond takes
    // part in one of them and refuses the others as busy; the relay refuses the rest.
    assert.equal(relayed, 3);
    assert.equal(answers.filter((type) => type === 'swapCommit').length, 1);
    assert.equal(answers.filter((type) => type === 'swapRejected').length, walks - 1);
    assert.equal(beyond.node.swapCounts!.started, 0);
  });

  /** A node that does not swap (an opennet node's settings) on `sim`'s network, whose friends are `friends`. */
  async function nonSwappingNode(sim: SimulatedNetwork, location: number, friends: FriendSet) {
    const transport = sim.network.createTransport({ location });
    const store = new MemoryBlockStore({}, { nodeLocation: location });
    const node = new Node({ transport, store, clock: sim.clock, rng: sim.rng.fork('not swapping'), friends }, { location });
    await node.start();
    defer(() => node.stop());
    return { node, transport };
  }

  it('at a node that does not swap, declines a walk at once and takes a location only from a friend', async () => {
    const sim = await simulate({ seed: 'no-swap', locations: [], edges: [] });
    const [friend, stranger] = [sim.network.createTransport({ location: 0.6 }), sim.network.createTransport({ location: 0.9 })];
    const mixed = await nonSwappingNode(sim, 0.2, { has: (peer) => peer === friend.peer.id });
    const answers: WireMessage[] = [];
    for (const transport of [friend, stranger]) {
      await transport.start({ peerConnected: () => undefined, peerDisconnected: () => undefined, message: (_from, { body }) => answers.push(body) });
      sim.network.link(transport, mixed.transport);
    }
    await sim.clock.run({ until: sim.clock.now() + 10 });
    const mixedId = mixed.transport.peer.id;
    friend.send(mixedId, { tx: 1n, body: { type: 'locationUpdate', location: 0.5 } });
    stranger.send(mixedId, { tx: 2n, body: { type: 'locationUpdate', location: 0.4 } });
    stranger.send(mixedId, { tx: 3n, body: { type: 'swapRequest', commitment: new Uint8Array(32), hops: 1 } });
    await sim.clock.run({ until: sim.clock.now() + 1_000 });
    // The friend's location moves by swapping; the stranger's is the one its identity gives.
    assert.equal(mixed.node.peers.get(friend.peer.id)!.location, 0.5);
    assert.equal(mixed.node.peers.get(stranger.peer.id)!.location, 0.9);
    assert.equal(mixed.node.location, 0.2);
    assert.deepEqual(answers, [{ type: 'swapRejected', notSwapping: true }]);
  });

  it('ends a walk a node that does not swap declines at once, relayed or not, and sends it no walk again', async () => {
    // D2 ── D ── M: D2 and D swap; M, D's friend, does not. A swap not decided would wait an hour.
    const swapping = { startEveryMs: 1_000, walkHops: 2, swapTimeoutMs: 3_600_000 };
    const sim = await simulate({ seed: 'swap-decline', locations: [0.2, 0.6], edges: [[0, 1]], node: { swapping } });
    const [d2, d] = sim.nodes as [(typeof sim.nodes)[0], (typeof sim.nodes)[0]];
    const mixed = await nonSwappingNode(sim, 0.9, { has: (peer) => peer === d.transport.peer.id });
    sim.network.link(d.transport, mixed.transport);
    const walksToMixed: WireMessage[] = [];
    sim.network.onDelivery(({ to, envelope }) => {
      if (to === mixed.transport.peer.id && envelope.body.type === 'swapRequest') walksToMixed.push(envelope.body);
    });
    await sim.clock.run({ until: sim.clock.now() + 60_000 });
    // The first walk to reach M (D's own, or D2's relayed by D) was declined; D sent it no other.
    assert.equal(walksToMixed.length, 1);
    // Both darknet nodes went on swapping: none waited on M.
    for (const { node } of [d, d2]) assert.ok(node.swapCounts!.started >= 30, `${node.swapCounts!.started} swaps started in 60 rounds`);
    assert.equal(d.node.swapCounts!.rejected + d2.node.swapCounts!.rejected, 1);
  });
});

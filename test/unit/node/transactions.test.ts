import assert from 'node:assert/strict';
import { MAX_HTL } from '../../../node/htl.js';
import type { Envelope } from '../../../protocol/wire/messages.js';
import type { MemoryTransport } from '../../../sim/memory-network.js';
import type { SimulatedNetwork } from '../../../sim/simulated-network.js';
import { chkNear } from '../../support/node-fixtures.js';
import { GREEDY_FROM_ORIGINATOR, useSimulatedNetworks } from '../../support/simulated-networks.js';

describe('node/transactions', () => {
  // Coalescing and failed keys act below the maximum HTL: these requests go greedy from the originator on.
  const simulate = useSimulatedNetworks(undefined, GREEDY_FROM_ORIGINATOR);

  const key = chkNear(0.5);

  it('coalesces two local requests for one key into one upstream request', async () => {
    const sim = await simulate({
      seed: 'coalesce-local',
      locations: [0.1, 0.3, 0.5],
      edges: [
        [0, 1],
        [1, 2],
      ],
    });
    await sim.nodes[2]!.store.put(key.routingKey, key.block, { partition: 'store' });
    let sentByOriginator = 0;
    sim.network.onDelivery(({ from, envelope }) => {
      if (from === sim.nodes[0]!.transport.peer.id && envelope.body.type === 'dataRequest') sentByOriginator++;
    });
    const both = [sim.nodes[0]!.node.request(key.routingKey), sim.nodes[0]!.node.request(key.routingKey)];
    await sim.clock.run();
    for (const block of await Promise.all(both)) assert.deepEqual(block, key.block);
    assert.equal(sentByOriginator, 1);
  });

  it('coalesces requests from two peers at a relay into one request downstream', async () => {
    // 0 (0.1) and 1 (0.2) both ask relay 2 (0.3), which asks 3 (0.5).
    const sim = await simulate({
      seed: 'coalesce-relay',
      locations: [0.1, 0.2, 0.3, 0.5],
      edges: [
        [0, 2],
        [1, 2],
        [2, 3],
      ],
    });
    await sim.nodes[3]!.store.put(key.routingKey, key.block, { partition: 'store' });
    let reachingHolder = 0;
    sim.network.onDelivery(({ to, envelope }) => {
      if (to === sim.nodes[3]!.transport.peer.id && envelope.body.type === 'dataRequest') reachingHolder++;
    });
    const both = [sim.nodes[0]!.node.request(key.routingKey), sim.nodes[1]!.node.request(key.routingKey)];
    await sim.clock.run();
    for (const block of await Promise.all(both)) assert.deepEqual(block, key.block);
    assert.equal(reachingHolder, 1);
  });

  it('answers repeats of a key that just failed without routing them, but still routes local requests', async () => {
    // A chain longer than the HTL, so the search ends with DataNotFound.
    const length = 30;
    const sim = await simulate({
      seed: 'failed',
      locations: Array.from({ length }, (_, i) => 0.3 + (0.6 * i) / length),
      edges: Array.from({ length: length - 1 }, (_, i) => [i, i + 1] as const),
    });
    const missing = chkNear(0.95, 0.01, 'missing');
    let requests = 0;
    sim.network.onDelivery(({ envelope }) => {
      if (envelope.body.type === 'dataRequest') requests++;
    });
    const first = sim.nodes[0]!.node.request(missing.routingKey).catch((error: unknown) => error);
    await sim.clock.run();
    assert.equal(((await first) as Error).name, 'DataNotFoundError');
    const afterFirst = requests;
    const second = sim.nodes[0]!.node.request(missing.routingKey).catch((error: unknown) => error);
    await sim.clock.run();
    assert.equal(((await second) as Error).name, 'DataNotFoundError');
    assert.ok(requests - afterFirst <= 2, `the repeat was routed again: ${requests - afterFirst} requests`);
    assert.ok(requests - afterFirst >= 1, 'a local request is never refused without asking the network');
  });

  it('refuses requests beyond its table bound with RejectedOverload', async () => {
    const sim = await simulate({
      seed: 'bound',
      locations: [0.1, 0.3, 0.5],
      edges: [
        [0, 1],
        [1, 2],
      ],
      node: { maxActive: 1 },
    });
    const overloads: string[] = [];
    sim.network.onDelivery(({ envelope }) => {
      if (envelope.body.type === 'rejectedOverload') overloads.push(String(envelope.tx));
    });
    // Nodes 0 and 2 each hold one local route; each one's request meets a full table at the next node.
    const requests = [sim.nodes[0]!.node.request(chkNear(0.45, 0.01, 'a').routingKey), sim.nodes[2]!.node.request(chkNear(0.05, 0.01, 'b').routingKey)].map(
      (request) => request.catch((error: unknown) => error),
    );
    // A local request beyond the bound fails at once instead of queueing.
    await assert.rejects(sim.nodes[0]!.node.request(chkNear(0.46, 0.01, 'c').routingKey), { name: 'OverloadedError' });
    await sim.clock.run();
    await Promise.all(requests);
    assert.ok(overloads.length >= 1);
    for (const { node } of sim.nodes) assert.equal(node.activeTransactions, 0);
  });
});

describe('node/transactions at the maximum HTL', () => {
  // Links never decrement the maximum, so the node mixes every request that reaches it at the maximum.
  const simulate = useSimulatedNetworks(undefined, { htlPolicy: { decrementAtMax: 0, mixAtMax: true } });

  /** A bare transport linked to node 0 of `sim`, handing what it receives to `onMessage`. */
  async function barePeer(sim: SimulatedNetwork, location: number, onMessage: (transport: MemoryTransport, envelope: Envelope) => void) {
    const transport = sim.network.createTransport({ location });
    await transport.start({ peerConnected: () => undefined, peerDisconnected: () => undefined, message: (_from, envelope) => onMessage(transport, envelope) });
    sim.network.link(transport, sim.nodes[0]!.transport);
    await sim.clock.run();
    return transport;
  }

  it('does not remember a DataNotFound its mixing route met: a later request below the maximum is routed', async () => {
    const sim = await simulate({ seed: 'mixing-failure', locations: [0.1], edges: [] });
    const key = chkNear(0.5);
    // A peer that answers DataNotFound to every request, as an eclipsing sybil would.
    let reachedSybil = 0;
    // Its peers sit next to it, so the key is outside its neighbourhood: it does not doubt (spec/routing.md §10).
    await barePeer(sim, 0.12, (sybil, envelope) => {
      if (envelope.body.type !== 'dataRequest') return;
      reachedSybil++;
      sybil.send(sim.nodes[0]!.transport.peer.id, { tx: envelope.tx, body: { type: 'dataNotFound' } });
    });
    const answers: string[] = [];
    const requester = await barePeer(sim, 0.14, (_transport, envelope) => answers.push(envelope.body.type));
    const ask = async (tx: bigint, htl: number) => {
      requester.send(sim.nodes[0]!.transport.peer.id, { tx, body: { type: 'dataRequest', keyType: 'chk', routingKey: key.routingKey, htl } });
      await sim.clock.run();
    };
    await ask(1n, MAX_HTL);
    assert.equal(reachedSybil, 1, 'the mixing node sent the request to its only other peer');
    assert.ok(answers.includes('dataNotFound'));
    await ask(2n, MAX_HTL - 1);
    assert.equal(reachedSybil, 2, 'the request below the maximum was routed, not answered from the failure table');
  });
});

import assert from 'node:assert/strict';
import { toHex } from '../../../protocol/bytes.js';
import type { WireMessage } from '../../../protocol/wire/messages.js';
import { RouteNotFoundError } from '../../../node/errors.js';
import type { SimulatedNetwork } from '../../../sim/simulated-network.js';
import { blackHole, chkNear, denier, poisoner } from '../../support/node-fixtures.js';
import { GREEDY_FROM_ORIGINATOR, useSimulatedNetworks } from '../../support/simulated-networks.js';

/** Every delivered message as "from→to:type", by node index (-1 for bare transports). */
function recordTrace(sim: SimulatedNetwork): string[] {
  const indexOf = new Map(sim.nodes.map(({ transport }, index) => [transport.peer.id, index]));
  const trace: string[] = [];
  sim.network.onDelivery(({ from, to, envelope }) => trace.push(`${indexOf.get(from) ?? -1}→${indexOf.get(to) ?? -1}:${envelope.body.type}`));
  return trace;
}

async function assertNothingLeftBehind(sim: SimulatedNetwork): Promise<void> {
  await sim.clock.run();
  for (const { node } of sim.nodes) assert.equal(node.activeTransactions, 0);
  assert.equal(sim.clock.pendingTimers, 0);
}

describe('node/route', () => {
  // These tests follow requests along the paths their locations give: greedy from the originator on.
  const simulate = useSimulatedNetworks(undefined, GREEDY_FROM_ORIGINATOR);

  const key = chkNear(0.5);

  it('backtracks past a dead end and finds the data another way', async () => {
    // 0 (0.1) links to 1 (0.48, a dead end) and 2 (0.25); 2 → 3 (0.4) → 4 (0.5, holds the block).
    const sim = await simulate({
      seed: 'backtrack',
      locations: [0.1, 0.48, 0.25, 0.4, 0.5],
      edges: [
        [0, 1],
        [0, 2],
        [2, 3],
        [3, 4],
      ],
    });
    await sim.nodes[4]!.store.put(key.routingKey, key.block, { partition: 'store' });
    const trace = recordTrace(sim);
    const fetched = sim.nodes[0]!.node.request(key.routingKey);
    await sim.clock.run();
    assert.deepEqual(await fetched, key.block);
    assert.deepEqual(trace.slice(0, 4), ['0→1:dataRequest', '1→0:requestAccepted', '1→0:routeNotFound', '0→2:dataRequest']);
    assert.ok(trace.includes('3→4:dataRequest'));
    await assertNothingLeftBehind(sim);
  });

  it('catches a loop with RejectedLoop and ends with RouteNotFound', async () => {
    const sim = await simulate({
      seed: 'loop',
      locations: [0.1, 0.3, 0.45],
      edges: [
        [0, 1],
        [1, 2],
        [0, 2],
      ],
    });
    const trace = recordTrace(sim);
    const fetched = sim.nodes[0]!.node.request(chkNear(0.9).routingKey);
    await sim.clock.run();
    await assert.rejects(fetched, RouteNotFoundError);
    assert.ok(trace.includes('0→2:rejectedLoop'), trace.join(' '));
    await assertNothingLeftBehind(sim);
  });

  it('rejects a poisoned block at the next honest hop and still delivers the real one', async () => {
    // 0 → 1 (0.3); 1 links to the poisoner (0.5) and to 2 (0.47, holds the block).
    const sim = await simulate({
      seed: 'poison',
      locations: [0.1, 0.3, 0.47],
      edges: [
        [0, 1],
        [1, 2],
      ],
    });
    const bad = await poisoner(sim.network, 0.5);
    sim.network.link(sim.nodes[1]!.transport, bad);
    await sim.nodes[2]!.store.put(key.routingKey, key.block, { partition: 'store' });
    const fetched = sim.nodes[0]!.node.request(key.routingKey);
    await sim.clock.run();
    assert.deepEqual(await fetched, key.block);
    const relay = sim.nodes[1]!;
    assert.equal(relay.node.peers.get(bad.peer.id)?.stats.invalidBlocks, 1);
    assert.equal(relay.store.stats().cache.blocks + relay.store.stats().store.blocks, 0, 'nothing cached two hops from the originator');
    await assertNothingLeftBehind(sim);
  });

  it('disconnects a peer once it has sent too many invalid blocks', async () => {
    const sim = await simulate({ seed: 'poisoner-dropped', locations: [0.1, 0.3], edges: [[0, 1]] });
    const bad = await poisoner(sim.network, 0.5);
    sim.network.link(sim.nodes[0]!.transport, bad);
    await sim.clock.run({ until: sim.clock.now() });
    for (const label of ['a', 'b', 'c']) {
      const fetched = sim.nodes[0]!.node.request(chkNear(0.5, 0.01, label).routingKey).catch(() => undefined);
      await sim.clock.advance(5_000);
      await fetched;
    }
    assert.equal(sim.nodes[0]!.node.peers.get(bad.peer.id), undefined);
    assert.deepEqual(sim.nodes[0]!.transport.connectedPeers, [sim.nodes[1]!.transport.peer.id]);
  });

  it('reroutes at once when the peer it waits on crashes', async () => {
    // 0 waits on a silent peer (0.49) that crashes after 100 ms; 0 → 1 (0.3) → 2 (0.5) has the block.
    const sim = await simulate({
      seed: 'crash',
      locations: [0.1, 0.3, 0.5],
      edges: [
        [0, 1],
        [1, 2],
      ],
    });
    const silent = await blackHole(sim.network, 0.49);
    sim.network.link(sim.nodes[0]!.transport, silent);
    await sim.clock.run({ until: sim.clock.now() });
    await sim.nodes[2]!.store.put(key.routingKey, key.block, { partition: 'store' });
    const trace = recordTrace(sim);
    const fetched = sim.nodes[0]!.node.request(key.routingKey);
    await sim.clock.run({ until: 100 });
    sim.network.crash(silent);
    await sim.clock.run();
    assert.deepEqual(await fetched, key.block);
    assert.equal(trace[0], '0→-1:dataRequest');
    assert.ok(sim.clock.now() < 1_000, `rerouted after ${sim.clock.now()} ms, not after a timeout`);
    await assertNothingLeftBehind(sim);
  });

  for (const accepting of [false, true]) {
    const silence = accepting ? 'takes the request on, then is silent' : 'never takes the request on';
    const waited = accepting ? "the hop's time" : "a step's time (RequestAccepted), not the hop's";
    it(`times out a peer that ${silence} after ${waited}, backs it off and succeeds elsewhere`, async () => {
      const sim = await simulate({
        seed: 'timeout',
        locations: [0.1, 0.3, 0.5],
        edges: [
          [0, 1],
          [1, 2],
        ],
      });
      const silent = await blackHole(sim.network, 0.49, { accepting });
      sim.network.link(sim.nodes[0]!.transport, silent);
      await sim.clock.run({ until: sim.clock.now() });
      await sim.nodes[2]!.store.put(key.routingKey, key.block, { partition: 'store' });
      const replies: WireMessage['type'][] = [];
      const startedAt = sim.clock.now();
      const fetched = sim.nodes[0]!.node.request(key.routingKey, { onProgress: (event) => event.type === 'reply' && replies.push(event.reply) });
      await sim.clock.run();
      assert.deepEqual(await fetched, key.block);
      const silentPeer = sim.nodes[0]!.node.peers.get(silent.peer.id)!;
      assert.equal(silentPeer.stats.timeouts, 1);
      assert.ok(silentPeer.backoffUntil > 0);
      // The default hop timeout per HTL is 2 s: a step is 2 of them, a hop sent at HTL 17 or 18 is 18 or 19.
      const elapsed = sim.clock.now() - startedAt;
      if (accepting) assert.ok(elapsed >= 2_000 * 18, `answered after ${elapsed} ms`);
      else assert.ok(elapsed >= 2 * 2_000 && elapsed < 2_000 * 18, `answered after ${elapsed} ms`);
      assert.deepEqual(replies, ['dataFound']);
    });
  }

  describe('backoff under overload (spec/routing.md §8.3)', () => {
    /** A bare peer at `location` linked to node 0: it refuses every request with `overload()` while that gives one, else answers from `blocks`. */
    async function refusingPeer(sim: SimulatedNetwork, location: number, overload: () => WireMessage | undefined) {
      const transport = sim.network.createTransport({ location });
      const blocks = new Map<string, Uint8Array>();
      await transport.start({
        peerConnected: () => undefined,
        peerDisconnected: () => undefined,
        message: (from, { tx, body }) => {
          if (body.type !== 'dataRequest') return;
          const block = blocks.get(toHex(body.routingKey));
          transport.send(from, { tx, body: overload() ?? (block === undefined ? { type: 'dataNotFound' } : { type: 'dataFound', block }) });
        },
      });
      sim.network.link(sim.nodes[0]!.transport, transport);
      await sim.clock.run({ until: sim.clock.now() });
      return { transport, blocks, state: () => sim.nodes[0]!.node.peers.get(transport.peer.id)! };
    }

    it('backs a peer off for its own overload, not for one it says it relays', async () => {
      // 0 (0.1) → the refusing peer (0.49), and → 1 (0.3) → 2 (0.5), which holds the blocks.
      const sim = await simulate({
        seed: 'overload-kinds',
        locations: [0.1, 0.3, 0.5],
        edges: [
          [0, 1],
          [1, 2],
        ],
      });
      let local = false;
      const refusing = await refusingPeer(sim, 0.49, () => ({ type: 'rejectedOverload', local }));
      const [relayed, own] = ['relayed', 'own'].map((label) => chkNear(0.5, 0.01, label));
      for (const { routingKey, block } of [relayed!, own!]) await sim.nodes[2]!.store.put(routingKey, block, { partition: 'store' });
      const first = sim.nodes[0]!.node.request(relayed!.routingKey);
      await sim.clock.run();
      assert.deepEqual(await first, relayed!.block, 'the route went on to the next peer');
      assert.equal(refusing.state().stats.overloads, 1);
      assert.equal(refusing.state().backoffUntil, 0, 'a relayed overload says nothing about the peer itself');
      local = true;
      const second = sim.nodes[0]!.node.request(own!.routingKey);
      await sim.clock.run();
      assert.deepEqual(await second, own!.block);
      assert.ok(refusing.state().backoffUntil > sim.clock.now(), 'its own overload backs it off');
    });

    it('backs the only peer off once for a burst of refusals, and routes to it again as soon as the flood is over', async () => {
      const sim = await simulate({ seed: 'overload-burst', locations: [0.1], edges: [] });
      let flooded = true;
      const only = await refusingPeer(sim, 0.5, () => (flooded ? { type: 'rejectedOverload', local: true } : undefined));
      const keys = Array.from({ length: 32 }, (_, index) => chkNear(0.5, 0.01, `burst ${index}`));
      const refused = keys.map(({ routingKey }) => sim.nodes[0]!.node.request(routingKey).catch((error: Error) => error.name));
      await sim.clock.run();
      assert.deepEqual(new Set(await Promise.all(refused)), new Set(['OverloadedError']));
      const state = only.state();
      assert.equal(state.stats.overloads, 32);
      assert.equal(state.backoffMs, 2_000, 'doubled once, not 32 times');
      assert.ok(state.backoffUntil > sim.clock.now(), 'still backed off');
      flooded = false;
      only.blocks.set(toHex(keys[0]!.routingKey), keys[0]!.block);
      const fetched = sim.nodes[0]!.node.request(keys[0]!.routingKey);
      await sim.clock.run();
      assert.deepEqual(await fetched, keys[0]!.block, 'the last peer is tried though backed off');
      assert.equal(state.backoffUntil, 0, 'its answer ended the backoff');
      assert.equal(state.backoffMs, 1_000);
    });

    it('probes a backed-off peer once the probe interval has passed and ends its backoff when it answers', async () => {
      // 0 (0.1) → the refusing peer (0.5), and → 1 (0.3), which holds the blocks too.
      const sim = await simulate({ seed: 'overload-probe', locations: [0.1, 0.3], edges: [[0, 1]], node: { initialBackoffMs: 60_000 } });
      let flooded = true;
      const refusing = await refusingPeer(sim, 0.5, () => (flooded ? { type: 'rejectedOverload', local: true } : undefined));
      const [during, after] = ['during', 'after'].map((label) => chkNear(0.5, 0.01, label));
      for (const { routingKey, block } of [during!, after!]) {
        await sim.nodes[1]!.store.put(routingKey, block, { partition: 'store' });
        refusing.blocks.set(toHex(routingKey), block);
      }
      const trace = recordTrace(sim);
      const first = sim.nodes[0]!.node.request(during!.routingKey);
      await sim.clock.run();
      assert.deepEqual(await first, during!.block, 'found through the other peer');
      assert.ok(refusing.state().backoffUntil >= sim.clock.now() + 59_000, 'backed off for a minute');
      flooded = false;
      await sim.clock.advance(2_000);
      trace.length = 0;
      const second = sim.nodes[0]!.node.request(after!.routingKey);
      await sim.clock.run();
      assert.deepEqual(await second, after!.block);
      assert.deepEqual(trace.slice(0, 2), ['0→-1:dataRequest', '-1→0:dataFound'], 'the probe went to the backed-off peer, the closest');
      assert.equal(refusing.state().backoffUntil, 0, 'and its answer ended the backoff, 58 s early');
    });
  });
});

describe('node/route: unverifiable answers near a key (spec/routing.md §10)', () => {
  const simulate = useSimulatedNetworks(undefined, GREEDY_FROM_ORIGINATOR);
  const key = chkNear(0.5);
  // 0 (0.3) → 1 (0.49); 1 links to three deniers closer to the key (0.4999…) and to 2 (0.51).
  const eclipsed = async (node: { neighbourhoodSpan: number; maxDoubts: number }) => {
    const sim = await simulate({
      seed: 'eclipse',
      locations: [0.3, 0.49, 0.51],
      edges: [
        [0, 1],
        [1, 2],
      ],
      node,
    });
    for (const offset of [1e-4, 2e-4, 3e-4]) sim.network.link(sim.nodes[1]!.transport, await denier(sim.network, 0.5 - offset));
    return sim;
  };

  it("a node in the key's neighbourhood doubts DataNotFound from peers closer to it and finds the block further on", async () => {
    const sim = await eclipsed({ neighbourhoodSpan: 3, maxDoubts: 4 });
    await sim.nodes[2]!.store.put(key.routingKey, key.block, { partition: 'store' });
    const trace = recordTrace(sim);
    const fetched = sim.nodes[0]!.node.request(key.routingKey);
    await sim.clock.run();
    assert.deepEqual(await fetched, key.block);
    assert.equal(trace.filter((hop) => hop === '-1→1:dataNotFound').length, 3, trace.join(' '));
    await assertNothingLeftBehind(sim);
  });

  it('takes DataNotFound at its word with no doubts allowed, and once its doubts are spent', async () => {
    for (const maxDoubts of [0, 2]) {
      const sim = await eclipsed({ neighbourhoodSpan: 3, maxDoubts });
      await sim.nodes[2]!.store.put(key.routingKey, key.block, { partition: 'store' });
      const fetched = sim.nodes[0]!.node.request(key.routingKey);
      await sim.clock.run();
      await assert.rejects(fetched, (error: Error) => error.name !== 'AssertionError');
    }
  });
});

describe('node/route: mixing at the maximum HTL (spec/routing.md §3.1)', () => {
  // Every link keeps the maximum HTL and every node at it mixes: the relay's next peer is drawn at random.
  const simulate = useSimulatedNetworks(undefined, { htlPolicy: { decrementAtMax: 0, mixAtMax: true } });

  it("a mixing relay whose peer takes the request on and stays silent keeps time to try another, within its upstream's wait", async () => {
    let stalledFirst = 0;
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) {
      // 0 (0.1) → 1 (0.3, the relay) → 2 (0.5, holds the block); the relay also links to a staller.
      const sim = await simulate({
        seed: `mixing-staller-${seed}`,
        locations: [0.1, 0.3, 0.5],
        edges: [
          [0, 1],
          [1, 2],
        ],
      });
      const staller = await blackHole(sim.network, 0.45, { accepting: true });
      sim.network.link(sim.nodes[1]!.transport, staller);
      await sim.clock.run({ until: sim.clock.now() });
      const key = chkNear(0.5, 0.01, seed);
      await sim.nodes[2]!.store.put(key.routingKey, key.block, { partition: 'store' });
      const fetched = sim.nodes[0]!.node.request(key.routingKey);
      await sim.clock.run();
      assert.deepEqual(await fetched, key.block, `seed ${seed}`);
      if (sim.nodes[1]!.node.peers.get(staller.peer.id)?.stats.timeouts === 1) stalledFirst++;
    }
    assert.ok(stalledFirst > 0, 'the relay drew the staller first in none of the runs: nothing was tested');
  });
});

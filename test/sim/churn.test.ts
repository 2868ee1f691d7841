import assert from 'node:assert/strict';
import { Churn, FREENET_SESSION_SHAPE, weibull } from '../../sim/churn-model.js';
import { Membership } from '../../sim/membership.js';
import type { SimulatedNetwork } from '../../sim/simulated-network.js';
import { SeededRng } from '../../sim/rng.js';
import { churnScenario, runChurn } from '../../sim/scenarios/churn.js';
import { type Edge, idealLocations, smallWorldEdges } from '../../sim/topology.js';
import { useSimulatedNetworks } from '../support/simulated-networks.js';
import { useTeardown } from '../support/teardown.js';

const NODES = 60;

describe('sim/churn: Weibull sessions', () => {
  it('draws Weibull times: the median is scale·(ln 2)^(1/shape) and 1 − 1/e of them are below the scale', () => {
    const rng = new SeededRng('weibull');
    const draws = Array.from({ length: 20_000 }, () => weibull(rng, FREENET_SESSION_SHAPE, 1_000)).sort((a, b) => a - b);
    const median = draws[draws.length / 2]!;
    const expected = 1_000 * Math.LN2 ** (1 / FREENET_SESSION_SHAPE);
    assert.ok(Math.abs(median / expected - 1) < 0.04, `median ${median}, expected ${expected}`);
    const belowScale = draws.filter((draw) => draw < 1_000).length / draws.length;
    assert.ok(Math.abs(belowScale - (1 - Math.exp(-1))) < 0.01, `${belowScale} below the scale`);
    assert.throws(() => weibull(rng, 0, 1), RangeError);
    assert.throws(() => weibull(rng, 0.5, -1), RangeError);
  });
});

describe('sim/membership and sim/churn on a 60-node small world', function () {
  // A hang guard: virtual time, so only a loaded machine makes it slower.
  this.timeout(600_000);
  const defer = useTeardown();
  const simulate = useSimulatedNetworks(defer);

  /** The network and its membership; every node that ever joined is stopped after the test. */
  async function smallWorld(seed: string): Promise<{ sim: SimulatedNetwork; membership: Membership; edges: Edge[] }> {
    const edges = smallWorldEdges(NODES, new SeededRng(`${seed}/edges`), { degree: 6 });
    const sim = await simulate({ seed, locations: idealLocations(NODES), edges, blockBytes: 256 });
    const membership = new Membership(sim, edges);
    defer(() => membership.view.stop());
    return { sim, membership, edges };
  }

  it('a returning node has its identity, location and store, and links only to neighbours online', async () => {
    const { sim, membership, edges } = await smallWorld('membership');
    const before = membership.nodes[5]!;
    const neighbours = edges.filter(([a, b]) => a === 5 || b === 5).map(([a, b]) => (a === 5 ? b : a));
    await membership.leave(5);
    await membership.leave(neighbours[0]!);
    assert.equal(membership.isOnline(5), false);
    assert.equal(sim.nodes[neighbours[1]!]!.node.peers.get(before.transport.peer.id), undefined);
    const after = await membership.rejoin(5);
    await sim.clock.run({ until: sim.clock.now() });
    assert.notEqual(after.node, before.node);
    assert.equal(after.store, before.store);
    assert.equal(after.transport.peer.id, before.transport.peer.id);
    assert.equal(after.transport.peer.location, before.transport.peer.location);
    assert.equal(after.transport.connectedPeers.length, neighbours.length - 1);
    assert.equal(membership.view.nodes[5], after);

    const replaced = await membership.replace(7);
    assert.notEqual(replaced.transport.peer.id, sim.nodes[7]!.transport.peer.id);
    assert.notEqual(replaced.store, sim.nodes[7]!.store);
    assert.equal(replaced.transport.peer.location, sim.nodes[7]!.transport.peer.location);
  });

  it('keeps nodes online about `availability` of the time, never takes exempt nodes off, and counts what it did', async () => {
    const { sim, membership } = await smallWorld('churn');
    const churn = new Churn(sim.clock, new SeededRng('sessions'), membership, { sessionScaleMs: 60_000, availability: 0.5, exempt: new Set([0, 1]) });
    churn.start();
    // Before the nodes stop: a churn left running would keep the clock busy for ever.
    defer(() => churn.stop());
    let online = 0;
    let samples = 0;
    for (let minute = 1; minute <= 60; minute++) {
      await sim.clock.run({ until: minute * 60_000 });
      if (minute > 10) {
        online += membership.onlineIndices().length - 2;
        samples += NODES - 2;
      }
      assert.ok(membership.isOnline(0) && membership.isOnline(1));
    }
    const share = online / samples;
    assert.ok(share > 0.35 && share < 0.65, `online ${share} of the time`);
    assert.ok(churn.counts.leaves > NODES && churn.counts.rejoins > NODES / 2, JSON.stringify(churn.counts));
    assert.equal(churn.counts.replacements, 0);
  });
});

describe('scenario churn (seeded, small)', function () {
  // A hang guard: virtual time, so only a loaded machine makes it slower.
  this.timeout(600_000);

  it('requests the same blocks in every window while nodes come and go; success and hops stay within bounds', async () => {
    const run = await runChurn({ seed: 'churn-test', nodes: 150, requests: 300, churn: true, windows: 3 });
    assert.equal(run.windows.length, 3);
    assert.ok(run.churn.leaves > 50, `${run.churn.leaves} leaves`);
    assert.ok(run.churn.replacements > 0, 'no newcomer joined');
    for (const { metrics, nodesOnline } of run.windows) {
      assert.equal(metrics.inserts.attempted, 0, 'windows insert nothing: they request the blocks inserted first');
      assert.equal(metrics.requests, 100);
      assert.ok(metrics.successRate >= 0.9, `success ${metrics.successRate}`);
      assert.ok(metrics.hops.mean >= 1 && metrics.hops.mean <= 8, `hops ${metrics.hops.mean}`);
      assert.equal(metrics.invalidBlocksDelivered, 0);
      assert.ok(nodesOnline < 150 && nodesOnline > 60, `${nodesOnline} online`);
    }
  });

  it('gives the same report for the same seed', async () => {
    const options = { seed: 'churn-report', nodes: 100, requests: 120 };
    const [first, second] = [await churnScenario.run(options), await churnScenario.run(options)];
    assert.equal(JSON.stringify(first), JSON.stringify(second));
    const success = first.figures.find((figure) => figure.name === 'success rate under churn')!;
    assert.ok(success.value >= 0.85 && success.reference !== undefined);
    assert.equal(first.charts[0]!.series[0]!.points.length, 6);
  });
});

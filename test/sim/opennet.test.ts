import assert from 'node:assert/strict';
import { NoPeersError } from '../../node/errors.js';
import { circularDistance } from '../../protocol/location.js';
import { GrownOpennet, OPENNET_NODE_SETTINGS, type OpennetMember as Member } from '../../sim/grown-opennet.js';
import { GREEDY_FROM_ORIGINATOR } from '../support/simulated-networks.js';
import { runWorkload, type WorkloadMetrics } from '../../sim/workload.js';

const NODES = 100;
const BLOCKS = 200;
const FOLDING_FETCHES = 1_500;
const SHORT_LINK = 0.05;
const BLOCK_BYTES = 1_024;
/** Peer limits for 100 nodes: at the node's own (10 to 40) a node would link to a third of the network. */
const SMALL_NETWORK_LIMITS = { ...OPENNET_NODE_SETTINGS, maxPeers: 16, minPeers: 6, peerGraceMs: 120_000 };

function shortShare(links: ReadonlyArray<[Member, Member]>): number {
  return links.filter(([a, b]) => circularDistance(a.location, b.location) < SHORT_LINK).length / Math.max(1, links.length);
}

function describeFetches(label: string, metrics: WorkloadMetrics): string {
  return `${label}: fetches ${(100 * metrics.successRate).toFixed(1)}%, DataRequest hops per fetch ${metrics.hops.mean.toFixed(2)}`;
}

/** Inserts `count` new blocks from random nodes, then requests them from random nodes (uniform popularity). */
const insertAndFetch = (sim: GrownOpennet, label: string, count: number) => runWorkload(sim, { keys: count, requests: count, zipfExponent: 0, label });

describe('opennet grown from an empty network of 100 nodes (seeded)', function () {
  // A hang guard: mixing at the maximum HTL makes each fetch several hops longer, and the machines are shared.
  this.timeout(600_000);

  it('bootstraps through seeds into a connected small world that path folding improves', async () => {
    // Greedy from the originator: path folding shapes the links that greedy routing follows, and design v2's
    // mixing chain (node/htl.ts) would add the same random hops before and after it.
    const sim = new GrownOpennet({ seed: 'opennet/grow', blockBytes: BLOCK_BYTES, node: { ...SMALL_NETWORK_LIMITS, ...GREEDY_FROM_ORIGINATOR } });
    try {
      await sim.grow(NODES);
      const grownLinks = sim.links();
      const before = await insertAndFetch(sim, 'before', BLOCKS);
      await insertAndFetch(sim, 'folding', FOLDING_FETCHES);
      const after = await insertAndFetch(sim, 'after', BLOCKS);
      const links = sim.links();
      const degrees = sim.degrees();
      const meanDegree = (2 * links.length) / NODES;
      const { maxPeers, minPeers } = SMALL_NETWORK_LIMITS;
      console.log(`      after joining: ${grownLinks.length} links, short (< ${SHORT_LINK}) ${(100 * shortShare(grownLinks)).toFixed(1)}%`);
      console.log(`      ${describeFetches('before folding', before)}`);
      console.log(`      ${describeFetches('after folding', after)}`);
      console.log(
        `      after folding: ${links.length} links, mean degree ${meanDegree.toFixed(2)}, min ${Math.min(...degrees)}, max ${Math.max(...degrees)}, ` +
          `short ${(100 * shortShare(links)).toFixed(1)}% (random graph: ${(200 * SHORT_LINK).toFixed(0)}%)`,
      );
      assert.ok(sim.connected(), 'the network is connected');
      assert.ok(Math.max(...degrees) <= maxPeers + Math.ceil(maxPeers / 4));
      assert.ok(meanDegree >= minPeers && meanDegree <= maxPeers, `mean degree ${meanDegree}`);
      assert.ok(shortShare(links) >= 3 * 2 * SHORT_LINK, `short links ${shortShare(links)}`);
      assert.ok(before.successRate >= 0.95, describeFetches('before', before));
      assert.ok(after.successRate >= 0.95, describeFetches('after', after));
      assert.ok(after.hops.mean < 0.85 * before.hops.mean, `${describeFetches('before', before)}; ${describeFetches('after', after)}`);
    } finally {
      await sim.stop();
    }
  });

  it('with arrivals proportional to its size, lets a growing group of newcomers join each interval through a growing seed list', async () => {
    const sim = new GrownOpennet({ seed: 'opennet/arrivals', blockBytes: BLOCK_BYTES, arrivalRate: 0.05, nodesPerSeed: 10, node: SMALL_NETWORK_LIMITS });
    const counts: number[] = [];
    try {
      await sim.grow(300, (nodes) => void counts.push(nodes));
      assert.equal(sim.nodes.length, 300);
      // One newcomer an interval while 5 % of the network is less than one, then 5 % of it (rounded down), the last group cut at 300.
      const expected: number[] = [];
      for (let nodes = 0; nodes < 300; ) {
        nodes += Math.min(Math.max(1, Math.floor(0.05 * nodes)), 300 - nodes);
        expected.push(nodes);
      }
      assert.deepEqual(counts, expected);
      assert.deepEqual([sim.seedsAt(39), sim.seedsAt(40), sim.seedsAt(300)], [3, 4, 30]);
      assert.ok(
        sim.clock.now() < 2 * expected.length * 10_000,
        `grew in ${sim.clock.now()} ms of virtual time: its 300 newcomers did not join in ${expected.length} groups`,
      );
      assert.ok(sim.connected(), 'the network is connected');
      const degrees = sim.degrees();
      assert.ok(
        Math.min(...degrees) >= 1 && degrees.reduce((sum, degree) => sum + degree, 0) / degrees.length >= SMALL_NETWORK_LIMITS.minPeers,
        `degrees ${Math.min(...degrees)}…${Math.max(...degrees)}`,
      );
      const fetched = await insertAndFetch(sim, 'arrivals', BLOCKS);
      assert.ok(fetched.successRate >= 0.95, describeFetches('grown in groups', fetched));
    } finally {
      await sim.stop();
    }
  });

  it('fails the growth when a newcomer cannot join: 3 seeds cannot take half the network in 10 s', async () => {
    const sim = new GrownOpennet({ seed: 'opennet/overloaded-seeds', blockBytes: BLOCK_BYTES, arrivalRate: 0.5 });
    try {
      await assert.rejects(sim.grow(200), NoPeersError);
    } finally {
      await sim.stop();
    }
  });

  it('gives a join that outlasts the interval the time it needs before the next node starts', async () => {
    const sim = new GrownOpennet({ seed: 'opennet/slow-join', blockBytes: BLOCK_BYTES, joinIntervalMs: 1 });
    try {
      await sim.grow(12);
      assert.equal(sim.nodes.length, 12);
      assert.ok(sim.connected(), 'the network is connected');
      assert.ok(sim.clock.now() > 12, `joins took ${sim.clock.now()} ms of virtual time, more than their 1 ms intervals`);
    } finally {
      await sim.stop();
    }
  });
});

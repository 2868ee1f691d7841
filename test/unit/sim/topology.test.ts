import assert from 'node:assert/strict';
import type { TransportHandlers } from '../../../node/transport.js';
import { VirtualClock } from '../../../sim/clock.js';
import { MemoryNetwork } from '../../../sim/memory-network.js';
import { SeededRng } from '../../../sim/rng.js';
import { buildNetwork, idealLocations, randomLocations, sandbergContacts, sandbergEdges, smallWorldEdges, type Edge } from '../../../sim/topology.js';

const ringDistance = (n: number, [i, j]: Edge) => Math.min(j - i, n - (j - i));

function degrees(n: number, edges: readonly Edge[]): number[] {
  const counts = new Array<number>(n).fill(0);
  for (const [i, j] of edges) {
    counts[i]!++;
    counts[j]!++;
  }
  return counts;
}

function reachableFrom0(n: number, edges: readonly Edge[]): number {
  const neighbours = Array.from({ length: n }, () => [] as number[]);
  for (const [i, j] of edges) {
    neighbours[i]!.push(j);
    neighbours[j]!.push(i);
  }
  const seen = new Set([0]);
  const queue = [0];
  for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
    for (const next of neighbours[node]!) if (!seen.has(next) && seen.add(next)) queue.push(next);
  }
  return seen.size;
}

describe('sim/topology', () => {
  it('idealLocations spaces nodes evenly from 0', () => {
    assert.deepEqual(idealLocations(4), [0, 0.25, 0.5, 0.75]);
    assert.deepEqual(idealLocations(0), []);
    assert.throws(() => idealLocations(-1), RangeError);
  });

  it('randomLocations are in [0, 1), sorted, and the same for the same seed', () => {
    const locations = randomLocations(1000, new SeededRng('places'));
    assert.ok(locations.every((location, index) => location >= 0 && location < 1 && (index === 0 || location >= locations[index - 1]!)));
    assert.deepEqual(randomLocations(1000, new SeededRng('places')), locations);
  });

  describe('smallWorldEdges', () => {
    const n = 2000;
    const edges = smallWorldEdges(n, new SeededRng('world'));

    it('is deterministic, sorted, unique, with i < j', () => {
      assert.deepEqual(smallWorldEdges(n, new SeededRng('world')), edges);
      assert.notDeepEqual(smallWorldEdges(n, new SeededRng('other')), edges);
      const keys = edges.map(([i, j]) => i * n + j);
      assert.ok(edges.every(([i, j]) => i < j && j < n));
      assert.deepEqual(
        keys,
        [...new Set(keys)].sort((a, b) => a - b),
      );
    });

    it('has the requested average degree, every node on the ring and more', () => {
      assert.equal(edges.length, (n * 10) / 2);
      const counts = degrees(n, edges);
      assert.ok(Math.min(...counts) >= 2);
      assert.ok(Math.max(...counts) < 30, `max degree ${Math.max(...counts)}`);
      const ringLinks = edges.filter((edge) => ringDistance(n, edge) === 1);
      assert.equal(ringLinks.length, n, 'i ± 1 for every node, the ring closed');
      assert.equal(smallWorldEdges(n, new SeededRng('world'), { degree: 6 }).length, (n * 6) / 2);
    });

    it('is connected', () => {
      assert.equal(reachableFrom0(n, edges), n);
    });

    it('draws long-range links ∝ 1/d: half are shorter than √n, and short ones dominate', () => {
      const long = edges.map((edge) => ringDistance(n, edge)).filter((distance) => distance > 1);
      const belowRoot = long.filter((distance) => distance < Math.sqrt(n)).length / long.length;
      assert.ok(belowRoot > 0.45 && belowRoot < 0.55, `${belowRoot} of long links below √n`);
      // P(d) ∝ 1/d: distance 2 about ten times as common as distance 20.
      const at = (distance: number) => long.filter((d) => d === distance).length;
      const ratio = at(2) / ((at(19) + at(20) + at(21)) / 3);
      assert.ok(ratio > 6 && ratio < 16, `ratio ${ratio}`);
    });

    it('handles tiny networks, up to the complete graph', () => {
      const rng = new SeededRng('tiny');
      assert.deepEqual(smallWorldEdges(0, rng), []);
      assert.deepEqual(smallWorldEdges(1, rng), []);
      assert.deepEqual(smallWorldEdges(2, rng), [[0, 1]]);
      assert.deepEqual(smallWorldEdges(3, rng), [
        [0, 1],
        [0, 2],
        [1, 2],
      ]);
      assert.equal(smallWorldEdges(7, rng).length, 21);
      assert.throws(() => smallWorldEdges(10, rng, { degree: 1 }), RangeError);
    });
  });

  describe('sandbergEdges', () => {
    it('draws 3·log2(n) contacts per node: 48 at 64,000 nodes', () => {
      assert.equal(sandbergContacts(64_000), 48);
      assert.equal(sandbergContacts(2_000), 33);
      assert.equal(sandbergContacts(1), 0);
    });

    it('is the ring plus n·contacts long-range links, ∝ 1/d, deterministic', () => {
      const n = 2000;
      const edges = sandbergEdges(n, new SeededRng('sandberg'));
      assert.deepEqual(sandbergEdges(n, new SeededRng('sandberg')), edges);
      assert.equal(edges.length, n * (1 + sandbergContacts(n)));
      assert.equal(edges.filter((edge) => ringDistance(n, edge) === 1).length, n);
      const counts = degrees(n, edges);
      const mean = counts.reduce((sum, count) => sum + count, 0) / n;
      assert.equal(mean, 2 + 2 * sandbergContacts(n));
      assert.ok(Math.min(...counts) >= 2 + sandbergContacts(n) - 3, `min degree ${Math.min(...counts)}`);
      assert.equal(sandbergEdges(n, new SeededRng('sandberg'), { contacts: 5 }).length, n * 6);
      assert.throws(() => sandbergEdges(n, new SeededRng('sandberg'), { contacts: -1 }), RangeError);
    });
  });

  it('buildNetwork creates transports at the locations, starts them in order, then links the edges', async () => {
    const clock = new VirtualClock();
    const network = new MemoryNetwork({ clock, rng: new SeededRng('build') });
    const locations = idealLocations(50);
    const edges = smallWorldEdges(50, new SeededRng('build-edges'), { degree: 6 });
    const startedInOrder: number[] = [];
    const connections = new Array<number>(50).fill(0);
    const transports = await buildNetwork(network, locations, edges, async (transport, index) => {
      startedInOrder.push(index);
      const handlers: TransportHandlers = {
        peerConnected: () => connections[index]!++,
        peerDisconnected: () => assert.fail('nobody disconnects'),
        message: () => undefined,
      };
      await transport.start(handlers);
    });
    await clock.runUntilIdle();
    assert.deepEqual(startedInOrder, [...locations.keys()]);
    assert.deepEqual(
      transports.map((transport) => transport.peer.location),
      locations,
    );
    assert.deepEqual(connections, degrees(50, edges));
    assert.deepEqual(
      transports.map((transport) => transport.connectedPeers.length),
      degrees(50, edges),
    );
    await assert.rejects(
      buildNetwork(network, [0.5], [[0, 1]], (transport) => transport.start({ peerConnected() {}, peerDisconnected() {}, message() {} })),
      /outside 0\.\.0/,
    );
  });
});

import assert from 'node:assert/strict';
import { adjacencyOf } from '../../../sim/adjacency.js';
import { defaultMaxSteps, greedyRouting } from '../../../sim/greedy.js';
import { SeededRng } from '../../../sim/rng.js';
import { idealLocations, type Edge } from '../../../sim/topology.js';

/** A ring of `n` nodes (i linked to i ± 1). */
function ring(n: number): Edge[] {
  return Array.from({ length: n }, (_, index): Edge => [Math.min(index, (index + 1) % n), Math.max(index, (index + 1) % n)]);
}

describe('sim/greedy', () => {
  it('walks a ring with ideal positions the short way round: mean steps n/4', () => {
    const n = 64;
    const result = greedyRouting(adjacencyOf(n, ring(n)), idealLocations(n), new SeededRng('ring'), { mode: 'stop', routes: 4000 });
    assert.equal(result.successRate, 1);
    assert.ok(Math.abs(result.meanSteps - n / 4) < 1, `mean steps ${result.meanSteps}`);
  });

  it('stops at a dead end, or continues past it to unvisited nodes', () => {
    // A path 0-1-2-3 whose positions put node 1 farther from node 3 than node 0 is: from 0, no neighbour is closer.
    const graph = adjacencyOf(4, [
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    const positions = [0.3, 0.1, 0.45, 0.5];
    const fromZeroToThree = (mode: 'stop' | 'continue') => {
      // Route only 0 → 3: with four nodes, draw until that pair comes up, by trying each seed's first route.
      for (let seed = 0; ; seed++) {
        const rng = new SeededRng(seed);
        const source = rng.int(4);
        let target = rng.int(3);
        if (target >= source) target++;
        if (source === 0 && target === 3) return greedyRouting(graph, positions, new SeededRng(seed), { mode, routes: 1 });
      }
    };
    assert.equal(fromZeroToThree('stop').succeeded, 0);
    assert.deepEqual(fromZeroToThree('continue'), { routes: 1, succeeded: 1, successRate: 1, meanSteps: 3 });
  });

  it('gives up after maxSteps when continuing', () => {
    const n = 64;
    const graph = adjacencyOf(n, ring(n));
    const capped = greedyRouting(graph, idealLocations(n), new SeededRng('cap'), { mode: 'continue', routes: 2000, maxSteps: 8 });
    // Targets at ring distance ≤ 8 are reached, in either direction: 16 of the 63 other nodes.
    assert.ok(Math.abs(capped.successRate - 16 / 63) < 0.04, `success ${capped.successRate}`);
    assert.ok(capped.meanSteps <= 8);
    assert.equal(defaultMaxSteps(64_000), 255);
  });

  it('is deterministic for a seed, and checks its arguments', () => {
    const n = 200;
    const graph = adjacencyOf(n, ring(n));
    const positions = new SeededRng('positions').shuffle(idealLocations(n));
    const run = () => greedyRouting(graph, positions, new SeededRng('same'), { mode: 'continue', routes: 300 });
    assert.deepEqual(run(), run());
    assert.throws(() => greedyRouting(graph, positions.slice(1), new SeededRng(1), { mode: 'stop', routes: 1 }), /199 positions for 200 nodes/);
    assert.throws(() => greedyRouting(graph, positions, new SeededRng(1), { mode: 'stop', routes: -1 }), RangeError);
  });
});

import assert from 'node:assert/strict';
import { adjacencyOf, degreesOf } from '../../../sim/adjacency.js';

describe('sim/adjacency', () => {
  it('lists every edge in both rows, neighbours ascending', () => {
    const graph = adjacencyOf(4, [
      [0, 3],
      [0, 1],
      [1, 2],
      [2, 3],
      [0, 2],
    ]);
    const row = (node: number) => [...graph.neighbours.subarray(graph.offsets[node]!, graph.offsets[node + 1]!)];
    assert.deepEqual([0, 1, 2, 3].map(row), [
      [1, 2, 3],
      [0, 2],
      [0, 1, 3],
      [0, 2],
    ]);
    assert.deepEqual([...degreesOf(graph)], [3, 2, 3, 2]);
  });

  it('keeps isolated nodes and refuses edges outside the graph', () => {
    assert.deepEqual([...degreesOf(adjacencyOf(3, [[0, 1]]))], [1, 1, 0]);
    assert.throws(() => adjacencyOf(2, [[0, 2]]), /outside 0\.\.1/);
  });
});

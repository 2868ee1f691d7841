/**
 * A graph as compressed sparse rows, for walking large graphs fast: the neighbours of
 * node i are `neighbours[offsets[i] .. offsets[i + 1])`, in ascending order.
 */
import type { Rng } from '../node/components.js';
import type { Edge } from './topology.js';

export interface Adjacency {
  readonly nodes: number;
  readonly offsets: Uint32Array;
  readonly neighbours: Uint32Array;
}

/** The undirected graph of `edges` over nodes 0..n-1: each edge appears in both nodes' rows. */
export function adjacencyOf(n: number, edges: readonly Edge[]): Adjacency {
  const offsets = new Uint32Array(n + 1);
  for (const [i, j] of edges) {
    if (!(i >= 0 && i < n && j >= 0 && j < n)) throw new RangeError(`edge [${i}, ${j}] names a node outside 0..${n - 1}`);
    offsets[i + 1]!++;
    offsets[j + 1]!++;
  }
  for (let node = 0; node < n; node++) offsets[node + 1]! += offsets[node]!;
  const neighbours = new Uint32Array(offsets[n]!);
  const filled = offsets.slice(0, n);
  for (const [i, j] of edges) {
    neighbours[filled[i]!++] = j;
    neighbours[filled[j]!++] = i;
  }
  for (let node = 0; node < n; node++) neighbours.subarray(offsets[node]!, offsets[node + 1]!).sort();
  return { nodes: n, offsets, neighbours };
}

/** Degree of every node. */
export function degreesOf({ nodes, offsets }: Adjacency): Uint32Array {
  const degrees = new Uint32Array(nodes);
  for (let node = 0; node < nodes; node++) degrees[node] = offsets[node + 1]! - offsets[node]!;
  return degrees;
}

/**
 * The mean local clustering coefficient over `samples` random nodes of degree at least 2: for each,
 * the share of pairs of its neighbours that are linked themselves.
 */
export function clusteringCoefficient({ nodes, offsets, neighbours }: Adjacency, rng: Rng, samples: number): number {
  const linked = (a: number, b: number): boolean => {
    let low = offsets[a]!;
    let high = offsets[a + 1]!;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (neighbours[middle]! < b) low = middle + 1;
      else high = middle;
    }
    return low < offsets[a + 1]! && neighbours[low] === b;
  };
  let total = 0;
  let counted = 0;
  for (let sample = 0; sample < samples && nodes > 0; sample++) {
    const node = Math.floor(rng.next() * nodes);
    const start = offsets[node]!;
    const degree = offsets[node + 1]! - start;
    if (degree < 2) continue;
    let closed = 0;
    for (let i = 0; i < degree; i++) for (let j = i + 1; j < degree; j++) if (linked(neighbours[start + i]!, neighbours[start + j]!)) closed++;
    total += closed / ((degree * (degree - 1)) / 2);
    counted++;
  }
  return counted === 0 ? 0 : total / counted;
}

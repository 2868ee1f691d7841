/**
 * A graph as compressed sparse rows, for walking large graphs fast: the neighbours of
 * node i are `neighbours[offsets[i] .. offsets[i + 1])`, in ascending order.
 */
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

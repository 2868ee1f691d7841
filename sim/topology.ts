/**
 * Graphs for experiments: where nodes sit on the ring and who is linked to whom, as
 * plain numbers (pure functions of their arguments and rng), plus `buildNetwork`, which
 * turns them into started, linked transports.
 *
 * Node i is the i-th node in ring order: locations come sorted, and ring distance in
 * `smallWorldEdges` is measured in index units, so a small world over indices is a
 * small world over locations.
 */
import type { Rng } from '../node/components.js';
import type { MemoryNetwork, MemoryTransport } from './memory-network.js';
import { cumulativeWeights, drawIndex } from './weighted-draw.js';

/** An undirected link between node indices, smaller first. */
export type Edge = readonly [number, number];

export interface SmallWorldOptions {
  /** Average number of links per node, ring neighbours included (default 10). */
  degree?: number;
}

function checkCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`a node count must be a non-negative integer, got ${n}`);
}

/** Evenly spaced locations: i / n. */
export function idealLocations(n: number): number[] {
  checkCount(n);
  return Array.from({ length: n }, (_, index) => index / n);
}

/** `n` uniform locations in [0, 1), sorted ascending. */
export function randomLocations(n: number, rng: Rng): number[] {
  checkCount(n);
  return Array.from({ length: n }, () => rng.next()).sort((a, b) => a - b);
}

/**
 * Draws ring distances d in [2, maxDistance] with probability ∝ 1/d (Kleinberg's
 * harmonic distribution; distance 1 is always a ring link already), by inverting the
 * cumulative weights: no logarithms, so every platform draws the same numbers.
 */
function harmonicDistances(maxDistance: number, rng: Rng): () => number {
  const cumulative = cumulativeWeights(maxDistance - 1, (index) => 1 / (index + 2));
  return () => drawIndex(cumulative, rng) + 2;
}

/**
 * A Kleinberg small world on `n` nodes: every node is linked to its ring neighbours
 * i ± 1 (so the graph is connected), then nodes take turns, in index order, drawing
 * long-range contacts at ring distance d ∝ 1/d in a random direction, until the average
 * degree is `degree` (or the graph is complete). Links are undirected and unique; the
 * result is sorted by (i, j) with i < j.
 */
export function smallWorldEdges(n: number, rng: Rng, { degree = 10 }: SmallWorldOptions = {}): Edge[] {
  checkCount(n);
  if (!(degree >= 2 && degree !== Infinity)) throw new RangeError(`degree must be at least 2, got ${degree}`);
  const keys = new Set<number>();
  const add = (a: number, b: number) => keys.add(a < b ? a * n + b : b * n + a);
  for (let index = 0; index + 1 < n; index++) add(index, index + 1);
  if (n > 2) add(0, n - 1);
  const target = Math.min(Math.round((n * degree) / 2), (n * (n - 1)) / 2);
  if (keys.size < target) {
    const drawDistance = harmonicDistances(n >> 1, rng);
    for (let node = 0; keys.size < target; node = (node + 1) % n) {
      const distance = drawDistance();
      add(node, rng.next() < 0.5 ? (node + distance) % n : (node - distance + n) % n);
    }
  }
  return [...keys].sort((a, b) => a - b).map((key): Edge => [Math.floor(key / n), key % n]);
}

/**
 * Long-range contacts per node in Sandberg's experiments ("Distributed routing in
 * small-world networks", ALENEX 2006): 3·log2(n), rounded (48 at n = 64,000).
 */
export function sandbergContacts(n: number): number {
  checkCount(n);
  return n < 2 ? 0 : Math.round(3 * Math.log2(n));
}

/**
 * Sandberg's ring: every node linked to its ring neighbours, and each node drawing
 * `contacts` long-range contacts at ring distance d ∝ 1/d (default `sandbergContacts(n)`).
 * Links are undirected, so a node's degree averages 2 + 2·contacts (spec/simulator.md,
 * "Sandberg 2006", says why we read his "3·log2 n edges" as contacts drawn per node). This
 * is `smallWorldEdges` at that average degree: nodes draw in turn, and a draw that repeats a
 * link adds nothing, until the graph holds n·contacts long-range links.
 */
export function sandbergEdges(n: number, rng: Rng, { contacts = sandbergContacts(n) }: { contacts?: number } = {}): Edge[] {
  if (!Number.isSafeInteger(contacts) || contacts < 0) throw new RangeError(`contacts must be a non-negative integer, got ${contacts}`);
  return smallWorldEdges(n, rng, { degree: 2 + 2 * contacts });
}

/**
 * A social graph with clustering over a ring (a darknet's trust graph): half of the mean degree
 * from a Kleinberg small world (`smallWorldEdges`), the rest by triadic closure, friends of
 * friends becoming friends. Nodes take turns, in index order; each links to a random neighbour of
 * one of its random neighbours (a draw that repeats a link or reaches itself adds nothing), until
 * the average degree is `degree`. Closing triangles gives clustering a small world lacks, while
 * the ring order stays the graph's ideal positions.
 */
export function socialEdges(n: number, rng: Rng, { degree = 10 }: SmallWorldOptions = {}): Edge[] {
  const base = smallWorldEdges(n, rng, { degree: Math.max(2, degree / 2) });
  const friends = Array.from({ length: n }, () => [] as number[]);
  const keys = new Set<number>();
  const add = (a: number, b: number) => {
    const key = a < b ? a * n + b : b * n + a;
    if (a === b || keys.has(key)) return;
    keys.add(key);
    friends[a]!.push(b);
    friends[b]!.push(a);
  };
  for (const [i, j] of base) add(i, j);
  const target = Math.min(Math.round((n * degree) / 2), (n * (n - 1)) / 2);
  // A bound on the turns: a graph whose every friend of a friend is a friend already adds nothing more.
  for (let node = 0, turns = 0; keys.size < target && turns < 100 * target; node = (node + 1) % n, turns++) {
    const friend = friends[node]![Math.floor(rng.next() * friends[node]!.length)]!;
    add(node, friends[friend]![Math.floor(rng.next() * friends[friend]!.length)]!);
  }
  return [...keys].sort((a, b) => a - b).map((key): Edge => [Math.floor(key / n), key % n]);
}

/**
 * Creates one transport per location (node i at `locations[i]`), starts them with
 * `start` one after another in index order (the simulator builds and starts its node
 * there; a test can start the transport itself), then links every edge in order.
 */
export async function buildNetwork(
  network: MemoryNetwork,
  locations: readonly number[],
  edges: readonly Edge[],
  start: (transport: MemoryTransport, index: number) => Promise<void>,
): Promise<MemoryTransport[]> {
  const transports = locations.map((location) => network.createTransport({ location }));
  for (const [index, transport] of transports.entries()) await start(transport, index);
  for (const [i, j] of edges) {
    const [a, b] = [transports[i], transports[j]];
    if (a === undefined || b === undefined) throw new RangeError(`edge [${i}, ${j}] names a node outside 0..${transports.length - 1}`);
    network.link(a, b);
  }
  return transports;
}

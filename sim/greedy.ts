/**
 * Pure greedy routing over a graph (Sandberg 2006), without the node code: a route goes
 * from a random source toward a random target node's position, each step to the neighbour
 * whose position is closest to it on the ring, and succeeds when it reaches the target node.
 *
 * - `stop`: a node with no neighbour closer to the target than itself is a dead end, and
 *   the route fails there.
 * - `continue`: each step goes to the closest neighbour not visited yet, even past a dead
 *   end; the route fails when every neighbour has been visited or after `maxSteps` steps
 *   (default (log2 n)², as in the paper).
 *
 * Positions are per node (ideal: i / n on the ring of node indices; random: drawn
 * independently of the graph), so the same graph can be routed with either.
 */
import { circularDistance } from '../protocol/location.js';
import type { Adjacency } from './adjacency.js';
import type { SeededRng } from './rng.js';

export type GreedyMode = 'stop' | 'continue';

export interface GreedyInit {
  readonly mode: GreedyMode;
  /** Routes to try, each between a fresh random source and a different random target. */
  readonly routes: number;
  /** Step limit in `continue` mode (default ⌈(log2 n)²⌉). */
  readonly maxSteps?: number;
  /** Called after every `progressEvery` routes with the routes done so far. */
  readonly onProgress?: (done: number) => void;
  readonly progressEvery?: number;
}

export interface GreedyResult {
  readonly routes: number;
  readonly succeeded: number;
  readonly successRate: number;
  /** Mean steps (hops) of the routes that reached their target. */
  readonly meanSteps: number;
}

/** ⌈(log2 n)²⌉: Sandberg's step limit for routes that continue past dead ends. */
export function defaultMaxSteps(n: number): number {
  return Math.ceil(Math.log2(Math.max(2, n)) ** 2);
}

export function greedyRouting(graph: Adjacency, positions: ArrayLike<number>, rng: SeededRng, init: GreedyInit): GreedyResult {
  const { nodes } = graph;
  if (positions.length !== nodes) throw new RangeError(`${positions.length} positions for ${nodes} nodes`);
  if (nodes < 2) throw new RangeError('greedy routing needs at least two nodes');
  if (!Number.isSafeInteger(init.routes) || init.routes < 0) throw new RangeError(`routes must be a non-negative integer, got ${init.routes}`);
  const route = init.mode === 'stop' ? stopAtDeadEnd(graph, positions) : continuePastDeadEnds(graph, positions, init.maxSteps ?? defaultMaxSteps(nodes));
  const progressEvery = init.progressEvery ?? 1_000;
  let succeeded = 0;
  let totalSteps = 0;
  for (let done = 0; done < init.routes; ) {
    const source = rng.int(nodes);
    let target = rng.int(nodes - 1);
    if (target >= source) target++;
    const steps = route(source, target);
    if (steps >= 0) {
      succeeded++;
      totalSteps += steps;
    }
    if (++done % progressEvery === 0) init.onProgress?.(done);
  }
  return {
    routes: init.routes,
    succeeded,
    successRate: init.routes === 0 ? 0 : succeeded / init.routes,
    meanSteps: succeeded === 0 ? 0 : totalSteps / succeeded,
  };
}

/** Steps to the target, or -1 for a failed route. */
type RouteOnce = (source: number, target: number) => number;

/**
 * The neighbour of `node` closest to `goal` among those `skip` lets through, if it is
 * closer than `bound`; -1 when none is.
 */
function closestNeighbour(
  { offsets, neighbours }: Adjacency,
  positions: ArrayLike<number>,
  node: number,
  goal: number,
  bound: number,
  skip: (neighbour: number) => boolean,
): number {
  let next = -1;
  let nextDistance = bound;
  for (let index = offsets[node]!, end = offsets[node + 1]!; index < end; index++) {
    const neighbour = neighbours[index]!;
    if (skip(neighbour)) continue;
    const distance = circularDistance(positions[neighbour]!, goal);
    if (distance < nextDistance) {
      next = neighbour;
      nextDistance = distance;
    }
  }
  return next;
}

const skipNone = (): boolean => false;

function stopAtDeadEnd(graph: Adjacency, positions: ArrayLike<number>): RouteOnce {
  return (source, target) => {
    const goal = positions[target]!;
    let steps = 0;
    for (let node = source; node !== target; steps++) {
      const next = closestNeighbour(graph, positions, node, goal, circularDistance(positions[node]!, goal), skipNone);
      if (next < 0) return -1;
      node = next;
    }
    return steps;
  };
}

function continuePastDeadEnds(graph: Adjacency, positions: ArrayLike<number>, maxSteps: number): RouteOnce {
  /** visitedBy[i] === route number: node i is on the current route (no clearing between routes). */
  const visitedBy = new Uint32Array(graph.nodes);
  let routeNumber = 0;
  const visited = (neighbour: number): boolean => visitedBy[neighbour] === routeNumber;
  return (source, target) => {
    routeNumber++;
    const goal = positions[target]!;
    visitedBy[source] = routeNumber;
    let node = source;
    for (let steps = 0; steps < maxSteps; ) {
      const next = closestNeighbour(graph, positions, node, goal, Infinity, visited);
      if (next < 0) return -1;
      node = next;
      visitedBy[node] = routeNumber;
      steps++;
      if (node === target) return steps;
    }
    return -1;
  };
}

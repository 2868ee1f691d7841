/**
 * Simulated networks for tests: `useSimulatedNetworks()` builds them with
 * `createSimulatedNetwork` and has teardown (teardown.ts) stop each one after the test, passed
 * or failed; `smallWorld` describes the network most tests build.
 */
import { HTL_POLICY_V1 } from '../../node/htl.js';
import { SeededRng } from '../../sim/rng.js';
import { createSimulatedNetwork, type SimulatedNetwork, type SimulatedNetworkInit } from '../../sim/simulated-network.js';
import { idealLocations, smallWorldEdges } from '../../sim/topology.js';
import { type Defer, useTeardown } from './teardown.js';

/** `nodes` at ideal locations on a seeded small world of degree 8. */
export function smallWorld(seed: string, nodes = 40): SimulatedNetworkInit {
  return { seed, locations: idealLocations(nodes), edges: smallWorldEdges(nodes, new SeededRng(seed), { degree: 8 }) };
}

/**
 * Node settings for tests that follow a request or insert hop by hop from its originator: design
 * v1's greedy routing at every HTL (node/htl.ts), so the path is the one the locations give.
 */
export const GREEDY_FROM_ORIGINATOR: NonNullable<SimulatedNetworkInit['node']> = { htlPolicy: HTL_POLICY_V1 };

/**
 * Call at describe level; every network the returned function builds is stopped by teardown. A
 * test that defers more (what runs on the network's clock) passes its own `defer`, so that
 * everything is undone in one order, last built first. `node` settings apply to every network
 * built, under each network's own.
 */
export function useSimulatedNetworks(
  defer: Defer = useTeardown(),
  node?: SimulatedNetworkInit['node'],
): (init: SimulatedNetworkInit) => Promise<SimulatedNetwork> {
  return async (init) => {
    const sim = await createSimulatedNetwork(node === undefined ? init : { ...init, node: { ...node, ...init.node } });
    defer(() => sim.stop());
    return sim;
  };
}

/**
 * Simulated networks for tests: `useSimulatedNetworks()` builds them with
 * `createSimulatedNetwork` and has teardown (teardown.ts) stop each one after the test, passed
 * or failed; `smallWorld` describes the network most tests build.
 */
import { SeededRng } from '../../sim/rng.js';
import { createSimulatedNetwork, type SimulatedNetwork, type SimulatedNetworkInit } from '../../sim/simulated-network.js';
import { idealLocations, smallWorldEdges } from '../../sim/topology.js';
import { type Defer, useTeardown } from './teardown.js';

/** `nodes` at ideal locations on a seeded small world of degree 8. */
export function smallWorld(seed: string, nodes = 40): SimulatedNetworkInit {
  return { seed, locations: idealLocations(nodes), edges: smallWorldEdges(nodes, new SeededRng(seed), { degree: 8 }) };
}

/**
 * Call at describe level; every network the returned function builds is stopped by teardown. A
 * test that defers more (what runs on the network's clock) passes its own `defer`, so that
 * everything is undone in one order, last built first.
 */
export function useSimulatedNetworks(defer: Defer = useTeardown()): (init: SimulatedNetworkInit) => Promise<SimulatedNetwork> {
  return async (init) => {
    const sim = await createSimulatedNetwork(init);
    defer(() => sim.stop());
    return sim;
  };
}

/**
 * Simulated networks for tests: `useSimulatedNetworks()` builds them with
 * `createSimulatedNetwork` and has teardown (teardown.ts) stop each one after the test, passed
 * or failed; `smallWorld` describes the network most tests build.
 */
import { SeededRng } from '../../sim/rng.js';
import { createSimulatedNetwork, type SimulatedNetwork, type SimulatedNetworkInit } from '../../sim/simulated-network.js';
import { idealLocations, smallWorldEdges } from '../../sim/topology.js';
import { useTeardown } from './teardown.js';

/** `nodes` at ideal locations on a seeded small world of degree 8. */
export function smallWorld(seed: string, nodes = 40): SimulatedNetworkInit {
  return { seed, locations: idealLocations(nodes), edges: smallWorldEdges(nodes, new SeededRng(seed), { degree: 8 }) };
}

/** Call at describe level; every network the returned function builds is stopped by teardown (`useTeardown(scope)`). */
export function useSimulatedNetworks(scope: 'each' | 'all' = 'each'): (init: SimulatedNetworkInit) => Promise<SimulatedNetwork> {
  const defer = useTeardown(scope);
  return async (init) => {
    const sim = await createSimulatedNetwork(init);
    defer(() => sim.stop());
    return sim;
  };
}

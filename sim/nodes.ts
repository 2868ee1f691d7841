/**
 * Real `Node`s on a `MemoryNetwork`: one call builds a seeded, deterministic network of
 * nodes with in-memory stores from locations and edges (sim/topology.ts), for the
 * simulator and for tests of the node core.
 *
 *   SeededRng ──fork──> network, each node     VirtualClock ──> network, nodes
 *   buildNetwork(locations, edges) ──start──> Node(MemoryTransport, MemoryBlockStore)
 */
import { Node, type NodeInit } from '../node/node.js';
import { MemoryBlockStore } from '../store/memory-block-store.js';
import { VirtualClock } from './clock.js';
import { MemoryNetwork, type MemoryNetworkInit, type MemoryTransport } from './memory-network.js';
import { type Seed, SeededRng } from './rng.js';
import { buildNetwork, type Edge } from './topology.js';

export interface SimulatedNetworkInit extends MemoryNetworkInit {
  readonly seed: Seed;
  readonly locations: readonly number[];
  readonly edges: readonly Edge[];
  /** Node settings other than the location (each node's comes from `locations`). */
  readonly node?: Omit<NodeInit, 'location'>;
  /** Byte budgets of each node's store and cache partitions (default 1 GiB each). */
  readonly storeBudgetBytes?: number;
  readonly cacheBudgetBytes?: number;
}

export interface SimulatedNode {
  readonly node: Node;
  readonly transport: MemoryTransport;
  readonly store: MemoryBlockStore;
}

export interface SimulatedNetwork {
  readonly clock: VirtualClock;
  readonly rng: SeededRng;
  readonly network: MemoryNetwork;
  readonly nodes: readonly SimulatedNode[];
  /** Stops every node and lets the clock run out. */
  stop(): Promise<void>;
}

export async function createSimulatedNetwork(init: SimulatedNetworkInit): Promise<SimulatedNetwork> {
  const clock = new VirtualClock();
  const rng = new SeededRng(init.seed);
  const network = new MemoryNetwork({ clock, rng: rng.fork('network') }, init);
  const nodes: SimulatedNode[] = [];
  await buildNetwork(network, init.locations, init.edges, async (transport, index) => {
    const location = init.locations[index]!;
    const store = new MemoryBlockStore({}, { nodeLocation: location, storeBudgetBytes: init.storeBudgetBytes, cacheBudgetBytes: init.cacheBudgetBytes });
    const node = new Node({ transport, store, clock, rng: rng.fork(`node/${index}`) }, { ...init.node, location });
    await node.start();
    nodes.push({ node, transport, store });
  });
  await clock.run({ until: clock.now() });
  return {
    clock,
    rng,
    network,
    nodes,
    async stop() {
      for (const { node } of nodes) await node.stop();
      await clock.runUntilIdle();
    },
  };
}

/**
 * Real `Node`s on a `MemoryNetwork`: one call builds a seeded, deterministic network of
 * nodes with in-memory stores from locations and edges (sim/topology.ts), for the
 * simulator and for tests of the node core.
 *
 *   SeededRng ──fork──> network, each node     VirtualClock ──> network, nodes
 *   buildNetwork(locations, edges) ──start──> Node(MemoryTransport, SimulatedBlockStore)
 *
 * `blockBytes` is the simulation block size (spec/keys.md §3.6, spec/simulator.md): every node
 * and store verifies CHK blocks of that length, by the production functions.
 */
import { type Logger, silentLogger } from '../node/components.js';
import { peerText } from '../node/log-fields.js';
import { Node, type NodeInit } from '../node/node.js';
import { CHK_BLOCK_BYTES, type ChkFormat, rememberingChkFormat, simulationChkFormat } from '../protocol/keys/chk.js';
import { SimulatedBlockStore } from './simulated-block-store.js';
import { VirtualClock } from './clock.js';
import { MemoryNetwork, type MemoryNetworkInit, type MemoryTransport } from './memory-network.js';
import { type Seed, SeededRng } from './rng.js';
import { buildNetwork, type Edge } from './topology.js';

export interface SimulatedNetworkInit extends MemoryNetworkInit {
  readonly seed: Seed;
  readonly locations: readonly number[];
  readonly edges: readonly Edge[];
  /** Node settings other than the location (each node's comes from `locations`) and the CHK format. */
  readonly node?: Omit<NodeInit, 'location' | 'chkFormat'>;
  /**
   * Length of the CHK blocks the nodes exchange (default 32 KiB, the network's). A smaller one
   * is a simulation parameter: the same construction and checks, less hashing and memory.
   */
  readonly blockBytes?: number;
  /** Byte budgets of each node's store and cache partitions (default 1 GiB each). */
  readonly storeBudgetBytes?: number;
  readonly cacheBudgetBytes?: number;
  /** Each node logs through `logger.child({ node })`, `node` its id as log lines give it (default: silent). */
  readonly logger?: Logger;
}

export interface SimulatedNode {
  readonly node: Node;
  readonly transport: MemoryTransport;
  readonly store: SimulatedBlockStore;
}

export interface SimulatedNetwork {
  readonly clock: VirtualClock;
  readonly rng: SeededRng;
  readonly network: MemoryNetwork;
  readonly nodes: readonly SimulatedNode[];
  /** The CHK blocks the nodes accept: build the blocks to insert with it (`encodeChk(content, chkFormat)`). */
  readonly chkFormat: ChkFormat;
  /** Stops every node and lets the clock run out. */
  stop(): Promise<void>;
}

export async function createSimulatedNetwork(init: SimulatedNetworkInit): Promise<SimulatedNetwork> {
  const clock = new VirtualClock();
  const rng = new SeededRng(init.seed);
  const network = new MemoryNetwork({ clock, rng: rng.fork('network') }, init);
  const chkFormat = rememberingChkFormat(simulationChkFormat(init.blockBytes ?? CHK_BLOCK_BYTES));
  const nodes: SimulatedNode[] = [];
  await buildNetwork(network, init.locations, init.edges, async (transport, index) => {
    const location = init.locations[index]!;
    const store = new SimulatedBlockStore({
      nodeLocation: location,
      storeBudgetBytes: init.storeBudgetBytes,
      cacheBudgetBytes: init.cacheBudgetBytes,
      chkFormat,
    });
    const logger = init.logger?.child({ node: peerText(transport.peer.id) }) ?? silentLogger;
    const node = new Node({ transport, store, clock, rng: rng.fork(`node/${index}`), logger }, { ...init.node, location, chkFormat });
    await node.start();
    nodes.push({ node, transport, store });
  });
  await clock.run({ until: clock.now() });
  return {
    clock,
    rng,
    network,
    nodes,
    chkFormat,
    async stop() {
      for (const { node } of nodes) await node.stop();
      await clock.runUntilIdle();
    },
  };
}

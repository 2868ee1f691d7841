/**
 * Who is on a simulated network right now: nodes leave, come back, are replaced by
 * newcomers, or are restarted behind a transport wrapper (an adversary), each time as a
 * fresh production `Node` on a fresh `MemoryTransport`, re-linked from outside.
 *
 *   createSimulatedNetwork ──> Membership(sim, edges)
 *     leave(i)          node.stop(): its peers see it go; its store is kept
 *     rejoin(i)         same key, same location, same store; linked to its graph neighbours online now
 *     replace(i)        a newcomer: new key, empty store, same place in the graph
 *     restart(i, wrap)  rejoin behind `wrap(transport)`: how adversaries run the honest code
 *     add(…)            a node that was not in the graph (an attacker's identity), linked to given nodes
 *   view              a `SimulatedNetwork` whose `nodes[i]` is node i's current incarnation
 *
 * Re-linking to the original graph neighbours that are online models a returning node
 * reconnecting to the peers it saved (a node that was offline meanwhile re-links in turn
 * when it returns), so the graph stays the original small world minus the nodes offline.
 */
import { Node, type NodeInit } from '../node/node.js';
import type { Transport } from '../node/transport.js';
import { SimulatedBlockStore } from './simulated-block-store.js';
import type { MemoryTransport } from './memory-network.js';
import type { SimulatedNetwork, SimulatedNode } from './simulated-network.js';
import type { Edge } from './topology.js';

export interface MembershipInit {
  /** Node settings other than the location: the same as given to `createSimulatedNetwork`. */
  readonly node?: Omit<NodeInit, 'location' | 'chkFormat'>;
  /** Store budgets of a newcomer's empty store (as given to `createSimulatedNetwork`). */
  readonly storeBudgetBytes?: number;
  readonly cacheBudgetBytes?: number;
}

export type TransportWrapper = (transport: MemoryTransport) => Transport;

export class Membership {
  /** Node i's current incarnation: a left node stays here, stopped, until it returns. */
  readonly nodes: SimulatedNode[];
  readonly view: SimulatedNetwork;
  private readonly online: boolean[];
  private readonly neighbours: number[][];
  private readonly incarnations: number[];

  constructor(
    private readonly sim: SimulatedNetwork,
    edges: readonly Edge[],
    private readonly init: MembershipInit = {},
  ) {
    this.nodes = [...sim.nodes];
    this.online = this.nodes.map(() => true);
    this.incarnations = this.nodes.map(() => 0);
    this.neighbours = this.nodes.map(() => []);
    for (const [i, j] of edges) {
      this.neighbours[i]!.push(j);
      this.neighbours[j]!.push(i);
    }
    const nodes = this.nodes;
    this.view = {
      clock: sim.clock,
      rng: sim.rng,
      network: sim.network,
      chkFormat: sim.chkFormat,
      nodes,
      async stop() {
        for (const { node } of nodes) await node.stop();
        await sim.clock.runUntilIdle();
      },
    };
  }

  get size(): number {
    return this.nodes.length;
  }

  isOnline(index: number): boolean {
    return this.online[index]!;
  }

  /** Indices of the nodes online now, ascending. */
  onlineIndices(): number[] {
    const indices: number[] = [];
    for (let index = 0; index < this.online.length; index++) if (this.online[index]) indices.push(index);
    return indices;
  }

  /** Takes node `index` off the network (a clean stop: its local operations fail, its peers see it leave). */
  async leave(index: number): Promise<void> {
    if (!this.online[index]) return;
    this.online[index] = false;
    await this.nodes[index]!.node.stop();
  }

  /** Brings node `index` back with its identity and its store. */
  rejoin(index: number, wrap?: TransportWrapper): Promise<SimulatedNode> {
    const { transport, store } = this.nodes[index]!;
    return this.start(index, transport.peer.location, store, transport.peer.node.publicKey, wrap);
  }

  /** Node `index` leaves for good; a newcomer with a new key and an empty store takes its place in the graph. */
  async replace(index: number): Promise<SimulatedNode> {
    await this.leave(index);
    const location = this.nodes[index]!.transport.peer.location;
    return this.start(index, location, this.emptyStore(location), undefined, undefined);
  }

  /** Stops node `index` and starts it again, same identity and store, behind `wrap`. */
  async restart(index: number, wrap: TransportWrapper): Promise<SimulatedNode> {
    await this.leave(index);
    return this.rejoin(index, wrap);
  }

  /** A new node at `location` (with an empty store) linked to `neighbours`; returns its index. */
  async add(init: { location: number; publicKey?: Uint8Array; wrap?: TransportWrapper; neighbours: readonly number[] }): Promise<number> {
    const index = this.nodes.length;
    this.online.push(false);
    this.incarnations.push(0);
    this.neighbours.push([...init.neighbours]);
    for (const neighbour of init.neighbours) this.neighbours[neighbour]!.push(index);
    await this.start(index, init.location, this.emptyStore(init.location), init.publicKey, init.wrap);
    return index;
  }

  private emptyStore(location: number): SimulatedBlockStore {
    const { storeBudgetBytes, cacheBudgetBytes } = this.init;
    return new SimulatedBlockStore({ nodeLocation: location, storeBudgetBytes, cacheBudgetBytes, chkFormat: this.sim.chkFormat });
  }

  private async start(
    index: number,
    location: number,
    store: SimulatedBlockStore,
    publicKey: Uint8Array | undefined,
    wrap: TransportWrapper | undefined,
  ): Promise<SimulatedNode> {
    if (this.online[index]) throw new RangeError(`node ${index} is online: it must leave first`);
    const { clock, rng, network } = this.sim;
    const transport = network.createTransport({ location, ...(publicKey === undefined ? {} : { publicKey }) });
    const incarnation = ++this.incarnations[index]!;
    const node = new Node(
      { transport: wrap === undefined ? transport : wrap(transport), store, clock, rng: rng.fork(`node/${index}/incarnation/${incarnation}`) },
      { ...this.init.node, location, chkFormat: this.sim.chkFormat },
    );
    await node.start();
    const member: SimulatedNode = { node, transport, store };
    this.nodes[index] = member;
    this.online[index] = true;
    for (const neighbour of this.neighbours[index]!) {
      if (this.online[neighbour]) network.link(transport, this.nodes[neighbour]!.transport);
    }
    return member;
  }
}

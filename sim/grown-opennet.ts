/**
 * An opennet grown from an empty network, as a real one grows: the first nodes are seeds (more
 * of the oldest nodes become seeds as it grows, if asked); every later node starts with no peers
 * and joins through one seed (announcement toward its own location), and path folding on
 * successful requests reshapes the links afterwards. Newcomers arrive one an interval, or a share
 * of the network an interval, joining concurrently. Each node sits where its identity's proof
 * puts it (difficulty 0, the zero nonce MemoryNetwork's node references carry), so announcements
 * route to where the node really is.
 *
 *   new GrownOpennet(init) (a SimulatedNetwork: runWorkload runs on it)
 *     grow(count)   per interval: joinsPerInterval(n) nodes start, evenly spaced, each
 *                   ──join({ seeds: [one of seedsAt(n)] })──> joins end ──> onJoined(n) ──> next interval
 *     links / degrees / connected   the topology as it is now
 */
import type { FriendSet } from '../node/friends.js';
import { Node, type NodeInit } from '../node/node.js';
import { CHK_BLOCK_BYTES, type ChkFormat, rememberingChkFormat, simulationChkFormat, STANDARD_CHK } from '../protocol/keys/chk.js';
import { checkIdentityProof, type IdentityProofChecker, rememberingProofChecker } from '../protocol/identity.js';
import { circularDistance } from '../protocol/location.js';
import { SimulatedBlockStore } from './simulated-block-store.js';
import { VirtualClock } from './clock.js';
import { MemoryNetwork, type MemoryNetworkInit } from './memory-network.js';
import type { SimulatedNetwork, SimulatedNode } from './simulated-network.js';
import { WorkloadStalledError } from './errors.js';
import { type Seed, SeededRng } from './rng.js';

export interface OpennetMember extends SimulatedNode {
  readonly location: number;
}

/** Where an opennet node is started: the clock, randomness and network it lives on. */
export interface OpennetHost {
  readonly clock: VirtualClock;
  readonly rng: SeededRng;
  readonly network: MemoryNetwork;
  /** CHK blocks the node accepts (default: the network's 32 KiB blocks). */
  readonly chkFormat?: ChkFormat;
  readonly storeBudgetBytes?: number | undefined;
  readonly cacheBudgetBytes?: number | undefined;
  /** Checks identity proofs for every node started here (default: each node checks every proof it is shown). */
  readonly identityProofs?: IdentityProofChecker;
}

/** A 32-byte public key drawn from `rng`. */
export function drawPublicKey(rng: SeededRng): Uint8Array {
  const publicKey = new Uint8Array(32);
  const words = new DataView(publicKey.buffer);
  for (let offset = 0; offset < 32; offset += 8) words.setBigUint64(offset, rng.nextU64());
  return publicKey;
}

/** Starts a node with a drawn key, at the location its proof gives, with proof-of-work difficulty 0; with `friends`, a mixed node. */
export async function startOpennetNode(
  host: OpennetHost,
  label: string,
  init: Partial<Omit<NodeInit, 'chkFormat'>> = {},
  friends?: FriendSet,
): Promise<OpennetMember> {
  const publicKey = drawPublicKey(host.rng);
  const powNonce = new Uint8Array(8);
  const check = checkIdentityProof({ publicKey, nonce: powNonce }, 0);
  if (!check.valid) throw new RangeError(`a drawn identity failed its proof at difficulty 0: ${check.reason}`);
  const { location } = check;
  const chkFormat = host.chkFormat ?? STANDARD_CHK;
  const transport = host.network.createTransport({ location, publicKey });
  const store = new SimulatedBlockStore({
    nodeLocation: location,
    storeBudgetBytes: host.storeBudgetBytes,
    cacheBudgetBytes: host.cacheBudgetBytes,
    chkFormat,
  });
  const node = new Node(
    {
      transport,
      store,
      clock: host.clock,
      rng: host.rng.fork(`node/${label}`),
      ...(friends === undefined ? {} : { friends }),
      ...(host.identityProofs === undefined ? {} : { identityProofs: host.identityProofs }),
    },
    { powDifficulty: 0, ...init, location, chkFormat, identity: { publicKey, powNonce } },
  );
  await node.start();
  return { node, transport, store, location };
}

/**
 * Opennet settings of a grown node: the node's own peer limits and rules (node/opennet.ts: 10 to 40
 * peers, 5 min grace), with proof-of-work difficulty 0 so that drawn identities verify.
 */
export const OPENNET_NODE_SETTINGS: Omit<NodeInit, 'location' | 'chkFormat'> = { powDifficulty: 0 };

/** A link at least this long (ring distance) is "long". */
export const LONG_LINK_DISTANCE = 0.1;

/** The share of `links` at least LONG_LINK_DISTANCE long. */
export function longLinkShare(links: ReadonlyArray<readonly [{ readonly location: number }, { readonly location: number }]>): number {
  return links.filter(([a, b]) => circularDistance(a.location, b.location) >= LONG_LINK_DISTANCE).length / Math.max(1, links.length);
}

/**
 * The share of links at least LONG_LINK_DISTANCE long when link lengths follow 1/d between one
 * node spacing (1/n) and half the ring: ln(0.5 / 0.1) / ln(n / 2), Kleinberg's navigable distribution.
 */
export function harmonicLongLinkShare(nodes: number): number {
  const shortest = 1 / nodes;
  return shortest >= LONG_LINK_DISTANCE ? 1 : Math.log(0.5 / LONG_LINK_DISTANCE) / Math.log(0.5 / shortest);
}

export interface OpennetGrowthInit extends MemoryNetworkInit {
  readonly seed: Seed;
  /** The first nodes, which later ones join through (default 3). */
  readonly seeds?: number;
  /** Virtual time between two groups of newcomers (default 10 s). */
  readonly joinIntervalMs?: number;
  /**
   * Newcomers in an interval as a share of the nodes already there, at least one (default 0: one
   * newcomer an interval). Above 0 the network grows exponentially, as one whose arrivals are
   * proportional to its size.
   */
  readonly arrivalRate?: number;
  /** One more of the oldest nodes serves as a seed for each this many nodes, beyond `seeds` (default: never). */
  readonly nodesPerSeed?: number;
  /** Node settings (default OPENNET_NODE_SETTINGS). */
  readonly node?: Omit<NodeInit, 'location' | 'chkFormat' | 'identity'>;
  /** Simulation CHK block length (default 32 KiB): as `createSimulatedNetwork`'s. */
  readonly blockBytes?: number;
  readonly storeBudgetBytes?: number;
  readonly cacheBudgetBytes?: number;
}

export const DEFAULT_OPENNET_SEEDS = 3;
export const DEFAULT_JOIN_INTERVAL_MS = 10_000;

export class GrownOpennet implements SimulatedNetwork, OpennetHost {
  readonly clock = new VirtualClock();
  readonly rng: SeededRng;
  readonly network: MemoryNetwork;
  readonly chkFormat: ChkFormat;
  readonly storeBudgetBytes: number | undefined;
  readonly cacheBudgetBytes: number | undefined;
  /** One checker for the whole network: a NodeRef shown to many nodes is checked once (NodeRefs are never changed once made). */
  readonly identityProofs = rememberingProofChecker();
  readonly nodes: OpennetMember[] = [];
  /** Clock events fired while growing. */
  events = 0;
  private readonly seedCount: number;
  private readonly joinIntervalMs: number;
  private readonly arrivalRate: number;
  private readonly nodesPerSeed: number;
  private readonly settings: Omit<NodeInit, 'location' | 'chkFormat' | 'identity'>;

  constructor(init: OpennetGrowthInit) {
    const { seeds = DEFAULT_OPENNET_SEEDS, joinIntervalMs = DEFAULT_JOIN_INTERVAL_MS, arrivalRate = 0, nodesPerSeed = Infinity } = init;
    if (!Number.isSafeInteger(seeds) || seeds < 1) throw new RangeError(`seeds must be a positive integer, got ${seeds}`);
    if (!(joinIntervalMs > 0 && joinIntervalMs !== Infinity)) throw new RangeError(`joinIntervalMs must be a positive time, got ${joinIntervalMs}`);
    if (!(nodesPerSeed >= 1)) throw new RangeError(`nodesPerSeed must be 1 or more, got ${nodesPerSeed}`);
    if (!(arrivalRate >= 0 && arrivalRate !== Infinity)) throw new RangeError(`arrivalRate must be a share of zero or more, got ${arrivalRate}`);
    this.rng = new SeededRng(init.seed);
    this.network = new MemoryNetwork({ clock: this.clock, rng: this.rng.fork('network') }, init);
    this.chkFormat = rememberingChkFormat(simulationChkFormat(init.blockBytes ?? CHK_BLOCK_BYTES));
    this.storeBudgetBytes = init.storeBudgetBytes;
    this.cacheBudgetBytes = init.cacheBudgetBytes;
    this.seedCount = seeds;
    this.joinIntervalMs = joinIntervalMs;
    this.arrivalRate = arrivalRate;
    this.nodesPerSeed = nodesPerSeed;
    this.settings = init.node ?? OPENNET_NODE_SETTINGS;
  }

  /**
   * Adds `count` nodes, interval after interval: each interval, `joinsPerInterval` newcomers
   * start at evenly spaced times within it, each joining through one seed drawn at random, and
   * their joins run concurrently; once the interval is over (and longer while one of its joins has
   * not ended) `onJoined` is called with the node count (a scenario measures there, or reports
   * progress), and the next interval begins.
   */
  async grow(count: number, onJoined?: (nodes: number) => void | Promise<void>): Promise<void> {
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be a whole number, got ${count}`);
    for (let added = 0; added < count; ) {
      const batch = Math.min(count - added, this.joinsPerInterval(this.nodes.length));
      const slotMs = this.joinIntervalMs / batch;
      let unsettled = 0;
      let failure: { readonly error: unknown } | undefined;
      for (let slot = 0; slot < batch; slot++) {
        const index = this.nodes.length;
        const member = await startOpennetNode(this, String(index), this.settings);
        this.nodes.push(member);
        const seeds = Math.min(index, this.seedsAt(index));
        if (seeds > 0) {
          unsettled++;
          const seed = this.nodes[this.rng.int(seeds)]!.transport.addresses[0]!;
          member.node.join({ seeds: [seed] }).then(
            () => unsettled--,
            (error: unknown) => {
              unsettled--;
              failure ??= { error };
            },
          );
          this.events += await this.clock.advance(slotMs);
        }
      }
      added += batch;
      // A join that outlasts the interval gets more of it, as long as the clock has something to fire.
      while (unsettled > 0) {
        if (this.clock.pendingTimers === 0) throw new WorkloadStalledError(`${unsettled} nodes were joining the opennet`, 1);
        this.events += await this.clock.advance(this.joinIntervalMs);
      }
      if (failure !== undefined) throw failure.error;
      await onJoined?.(this.nodes.length);
    }
  }

  /** How many of the oldest nodes serve as seeds when the network has `nodes` nodes. */
  seedsAt(nodes: number): number {
    return Math.max(this.seedCount, Math.floor(nodes / this.nodesPerSeed));
  }

  /** Newcomers in the interval that starts when the network has `nodes` nodes: a share of it, at least one. */
  joinsPerInterval(nodes: number): number {
    return Math.max(1, Math.floor(nodes * this.arrivalRate));
  }

  /** Links as pairs of nodes (each once). */
  links(): Array<[OpennetMember, OpennetMember]> {
    const byId = this.byId();
    const pairs: Array<[OpennetMember, OpennetMember]> = [];
    for (const member of this.nodes) {
      for (const id of member.transport.connectedPeers) if (member.transport.peer.id < id) pairs.push([member, byId.get(id)!]);
    }
    return pairs;
  }

  /** Each node's number of peers, in node order. */
  degrees(): number[] {
    return this.nodes.map(({ transport }) => transport.connectedPeers.length);
  }

  /** Whether every node can reach every other over the links. */
  connected(): boolean {
    if (this.nodes.length === 0) return true;
    const byId = this.byId();
    const reached = new Set<OpennetMember>([this.nodes[0]!]);
    for (const queue = [this.nodes[0]!]; queue.length > 0; ) {
      for (const id of queue.pop()!.transport.connectedPeers) {
        const next = byId.get(id)!;
        if (!reached.has(next)) {
          reached.add(next);
          queue.push(next);
        }
      }
    }
    return reached.size === this.nodes.length;
  }

  async stop(): Promise<void> {
    for (const { node } of this.nodes) await node.stop();
    await this.clock.runUntilIdle();
  }

  private byId(): Map<string, OpennetMember> {
    return new Map(this.nodes.map((member) => [member.transport.peer.id, member]));
  }
}

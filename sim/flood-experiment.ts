/**
 * A flood experiment (spec/routing.md §8) on real nodes in virtual time: a small world
 * holds inserted blocks; honest clients fetch them one after another; meanwhile a bare
 * transport linked to one target node sends DataRequests for random keys as fast as it
 * is told to. Reports honest fetches per virtual second, what the flooder was answered,
 * and the most the target held of routes and per-peer state while it lasted.
 *
 *   runFloodExperiment ──createSimulatedNetwork──> nodes ──insert──> blocks
 *     clients ──request──> nodes          Flooder ──DataRequest × rate──> target
 *     sampler (every 10 ms) ──> target.activeTransactions, target.load
 */
import type { NodeInit } from '../node/node.js';
import type { PeerId } from '../node/transport.js';
import { MAX_BLOCK_BYTES } from '../protocol/keys/block.js';
import { encodeChk } from '../protocol/keys/chk.js';
import type { MemoryNetwork, MemoryTransport } from './memory-network.js';
import { createSimulatedNetwork, type SimulatedNode } from './simulated-network.js';
import { SeededRng } from './rng.js';
import { idealLocations, smallWorldEdges } from './topology.js';
import type { VirtualClock } from './clock.js';

export interface FloodExperimentInit {
  readonly seed: string;
  /** Nodes in the small world (default 30) and their average degree (default 6). */
  readonly nodes?: number;
  readonly degree?: number;
  /** Blocks inserted before the measurement (default 200). */
  readonly blocks?: number;
  /** Honest clients, each fetching one block after another from a random node (default 20). */
  readonly clients?: number;
  /** Virtual time measured (default 5 s). */
  readonly durationMs?: number;
  /** DataRequests per virtual second from each flooder; 0 for no flood (default 0). */
  readonly floodPerSecond?: number;
  /** Flooders, each a peer of the target with its own budget there (default 1). */
  readonly flooders?: number;
  /** Settings of every node. */
  readonly node?: Omit<NodeInit, 'location'>;
}

export interface FloodReport {
  /** Honest fetches that returned the block within the measured time, per virtual second. */
  readonly honestPerSecond: number;
  readonly honestFailures: number;
  /** What the flooders sent and were answered, summed over them. */
  readonly flood: FloodTally;
  /** Flooders the target disconnected (one that keeps sending beyond twice its budget misbehaves, spec/routing.md §8.2). */
  readonly floodersDisconnected: number;
  /** Highest values sampled at the target while the flood ran. */
  readonly target: {
    readonly maxActiveTransactions: number;
    /** Routes held at once for one flooder, the most over flooders. */
    readonly maxFlooderRoutes: number;
    readonly routesPerPeer: number;
    readonly maxTrackedPeers: number;
    readonly connectedPeers: number;
  };
}

export interface FloodTally {
  /** Accepted by the transport. */
  sent: number;
  /** Refused by the transport (the link's queue was full, or the target closed the link). */
  refused: number;
  rejectedOverload: number;
  /** Any other answer: the request was admitted and routed or answered. */
  otherReplies: number;
}

const TICK_MS = 1;
const SAMPLE_MS = 10;

/** A peer that sends DataRequests for random keys at a fixed rate and counts the answers; it answers nothing itself. */
class Flooder {
  readonly tally: FloodTally = { sent: 0, refused: 0, rejectedOverload: 0, otherReplies: 0 };
  private stopped = false;

  constructor(
    private readonly clock: VirtualClock,
    private readonly rng: SeededRng,
    private readonly transport: MemoryTransport,
    private readonly target: PeerId,
    private readonly perSecond: number,
  ) {}

  get id(): PeerId {
    return this.transport.peer.id;
  }

  async start(network: MemoryNetwork, target: MemoryTransport): Promise<void> {
    await this.transport.start({
      peerConnected: () => undefined,
      peerDisconnected: () => undefined,
      message: (_from, { body }) => {
        if (body.type === 'rejectedOverload') this.tally.rejectedOverload++;
        else this.tally.otherReplies++;
      },
    });
    network.link(this.transport, target);
    this.tick(0);
  }

  stop(): void {
    this.stopped = true;
  }

  /** Sends what is due by now at the rate, then comes back in a millisecond. */
  private tick(due: number): void {
    if (this.stopped) return;
    for (due += (this.perSecond * TICK_MS) / 1000; due >= 1; due--) {
      const routingKey = new Uint8Array(32);
      const view = new DataView(routingKey.buffer);
      for (let word = 0; word < 4; word++) view.setBigUint64(8 * word, this.rng.nextU64());
      const envelope = { tx: this.rng.nextU64(), body: { type: 'dataRequest', keyType: 'chk', routingKey, htl: 18 } as const };
      if (this.transport.send(this.target, envelope)) this.tally.sent++;
      else this.tally.refused++;
    }
    this.clock.setTimer(TICK_MS, () => this.tick(due));
  }
}

function sumTallies(tallies: readonly FloodTally[]): FloodTally {
  const sum: FloodTally = { sent: 0, refused: 0, rejectedOverload: 0, otherReplies: 0 };
  for (const tally of tallies) {
    sum.sent += tally.sent;
    sum.refused += tally.refused;
    sum.rejectedOverload += tally.rejectedOverload;
    sum.otherReplies += tally.otherReplies;
  }
  return sum;
}

/** Fetches random blocks one after another from one node until `end`; counts what came back by then. */
async function client(
  sim: { clock: VirtualClock },
  from: SimulatedNode,
  keys: readonly Uint8Array[],
  rng: SeededRng,
  end: number,
  counts: { ok: number; failed: number },
): Promise<void> {
  while (sim.clock.now() < end) {
    const ok = await from.node.request(rng.pick(keys)).then(
      () => true,
      () => false,
    );
    if (sim.clock.now() > end) return;
    if (ok) counts.ok++;
    else counts.failed++;
  }
}

export async function runFloodExperiment(init: FloodExperimentInit): Promise<FloodReport> {
  const { seed, nodes = 30, degree = 6, blocks = 200, clients = 20, durationMs = 5_000, floodPerSecond = 0 } = init;
  const rng = new SeededRng(`${seed}/experiment`);
  const sim = await createSimulatedNetwork({
    seed,
    locations: idealLocations(nodes),
    edges: smallWorldEdges(nodes, rng.fork('edges'), { degree }),
    // Caches of one block: every honest fetch crosses the network to a node that stores it.
    cacheBudgetBytes: MAX_BLOCK_BYTES,
    ...(init.node === undefined ? {} : { node: init.node }),
  });
  try {
    const chks = Array.from({ length: blocks }, (_, index) => encodeChk(new TextEncoder().encode(`${seed} block ${index}`)));
    const inserts = chks.map(({ routingKey, block }) =>
      rng
        .pick(sim.nodes)
        .node.insert(routingKey, block)
        .catch(() => undefined),
    );
    await sim.clock.run();
    await Promise.all(inserts);

    const target = sim.nodes[0]!;
    const flooders = Array.from({ length: floodPerSecond > 0 ? (init.flooders ?? 1) : 0 }, (_, index) => {
      const transport = sim.network.createTransport({ location: rng.next() });
      return new Flooder(sim.clock, rng.fork(index === 0 ? 'flooder' : `flooder ${index}`), transport, target.transport.peer.id, floodPerSecond);
    });
    for (const flooder of flooders) await flooder.start(sim.network, target.transport);

    const peak = { maxActiveTransactions: 0, maxFlooderRoutes: 0, maxTrackedPeers: 0 };
    let sampling = true;
    const sample = (): void => {
      if (!sampling) return;
      const { node } = target;
      peak.maxActiveTransactions = Math.max(peak.maxActiveTransactions, node.activeTransactions);
      for (const flooder of flooders) peak.maxFlooderRoutes = Math.max(peak.maxFlooderRoutes, node.load.heldBy(flooder.id));
      peak.maxTrackedPeers = Math.max(peak.maxTrackedPeers, node.load.size);
      sim.clock.setTimer(SAMPLE_MS, sample);
    };
    sample();

    const end = sim.clock.now() + durationMs;
    const counts = { ok: 0, failed: 0 };
    const clientRng = rng.fork('clients');
    const keys = chks.map(({ routingKey }) => routingKey);
    const running = Array.from({ length: clients }, (_, index) => client(sim, clientRng.pick(sim.nodes), keys, clientRng.fork(`client ${index}`), end, counts));
    await sim.clock.run({ until: end });
    for (const flooder of flooders) flooder.stop();
    sampling = false;
    const report: FloodReport = {
      honestPerSecond: (counts.ok * 1000) / durationMs,
      honestFailures: counts.failed,
      flood: sumTallies(flooders.map((flooder) => flooder.tally)),
      floodersDisconnected: flooders.filter((flooder) => target.node.peers.get(flooder.id) === undefined).length,
      target: { ...peak, routesPerPeer: target.node.load.routesPerPeer, connectedPeers: target.node.peers.size },
    };
    await sim.clock.run();
    await Promise.all(running);
    return report;
  } finally {
    await sim.stop();
  }
}

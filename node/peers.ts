/**
 * The connected peers a node routes through: each with its ring location, the HTL
 * decisions of its link, its backoff state, in-flight count and statistics.
 *
 *   Node ──peerConnected/peerDisconnected──> PeerTable.add/remove
 *   Route ──closestTo──> next hop;  ──backOff/recordAnswer/recordSuccess/recordInvalidBlock──> peer state
 *
 * Backoff (spec/routing.md §8.3): a failure backs a peer off for its backoff length, which doubles
 * only when the peer fails again after a backoff has run out (refusals of requests already in
 * flight extend nothing); any answer other than an overload ends it. A backed-off peer is probed:
 * it may be chosen again once `backoffProbeIntervalMs` has passed and nothing is in flight to it.
 * When every peer a route could use is backed off, the one whose backoff ends first is probed at
 * once if nothing is in flight to it: a node's last peers are never all out of reach, yet a peer
 * that stopped answering gets one request at a time, not a node's whole traffic.
 */
import { circularDistance } from '../protocol/location.js';
import type { NodeRef } from '../protocol/wire/messages.js';
import type { Clock, Rng } from './components.js';
import { DEFAULT_HTL_POLICY, drawHtlLink, type HtlLink, type HtlPolicy } from './htl.js';
import type { ConnectedPeer, PeerId } from './transport.js';

export interface PeerStatistics {
  /** Requests, inserts and announcements sent to the peer. */
  requestsSent: number;
  /** Insert blocks sent to the peer (InsertData, once it accepted an insert). */
  insertBlocksSent: number;
  successes: number;
  timeouts: number;
  overloads: number;
  invalidBlocks: number;
}

export interface PeerState {
  readonly id: PeerId;
  /** Where the peer is: its identity's location, or, at a darknet node and for a friend, what the peer last said in a LocationUpdate. */
  location: number;
  /** The peer's identity proof and addresses, as its Hello gave them. */
  readonly node: NodeRef;
  /** The address the link runs to, as the network saw it, when the transport knows it (`ConnectedPeer.remoteAddress`). */
  readonly remoteAddress?: string | undefined;
  /** Clock time the link came up. */
  readonly connectedAt: number;
  readonly link: HtlLink;
  /** Not routed to before this time (clock milliseconds), but for probes. */
  backoffUntil: number;
  /** Length of the next backoff; doubles each time the peer fails after a backoff ran out, up to the cap; resets on an answer. */
  backoffMs: number;
  /** While backed off, the earliest time a probe may be sent to the peer. */
  probeAt: number;
  /** Requests and inserts sent to this peer that have not been answered yet. */
  inFlight: number;
  readonly stats: PeerStatistics;
}

export interface PeerTableInit {
  /** First backoff after a failure (default 1 s). */
  readonly initialBackoffMs?: number;
  /** Longest backoff (default 3 min). */
  readonly maxBackoffMs?: number;
  /** Time between probes of a backed-off peer (default 2 s). */
  readonly backoffProbeIntervalMs?: number;
  /** Invalid blocks after which a peer is disconnected (default 3). */
  readonly invalidBlockLimit?: number;
  /** How HTL evolves at this node's links, and whether the node mixes at the maximum HTL (default DEFAULT_HTL_POLICY, design v2; node/htl.ts). */
  readonly htlPolicy?: HtlPolicy;
}

export class PeerTable implements Iterable<PeerState> {
  private readonly peers = new Map<PeerId, PeerState>();
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly probeIntervalMs: number;
  private readonly invalidBlockLimit: number;
  readonly htlPolicy: HtlPolicy;

  constructor(
    private readonly components: { clock: Clock; rng: Rng },
    init: PeerTableInit = {},
  ) {
    this.initialBackoffMs = init.initialBackoffMs ?? 1_000;
    this.maxBackoffMs = init.maxBackoffMs ?? 180_000;
    this.probeIntervalMs = init.backoffProbeIntervalMs ?? 2_000;
    this.invalidBlockLimit = init.invalidBlockLimit ?? 3;
    this.htlPolicy = init.htlPolicy ?? DEFAULT_HTL_POLICY;
  }

  get size(): number {
    return this.peers.size;
  }

  [Symbol.iterator](): Iterator<PeerState> {
    return this.peers.values();
  }

  get(id: PeerId): PeerState | undefined {
    return this.peers.get(id);
  }

  add(peer: ConnectedPeer): PeerState {
    const state: PeerState = {
      id: peer.id,
      location: peer.location,
      node: peer.node,
      remoteAddress: peer.remoteAddress,
      connectedAt: this.components.clock.now(),
      link: drawHtlLink(this.components.rng, this.htlPolicy),
      backoffUntil: 0,
      backoffMs: this.initialBackoffMs,
      probeAt: 0,
      inFlight: 0,
      stats: { requestsSent: 0, insertBlocksSent: 0, successes: 0, timeouts: 0, overloads: 0, invalidBlocks: 0 },
    };
    this.peers.set(peer.id, state);
    return state;
  }

  remove(id: PeerId): void {
    this.peers.delete(id);
  }

  /**
   * The next hop toward `location` among the peers `excluded` does not rule out: the closest one
   * not backed off or due a probe (which this choice uses up); when all are backed off, the one
   * whose backoff ends first (then the closest) among those with nothing in flight. The caller
   * sends to the peer returned.
   */
  closestTo(location: number, excluded: (id: PeerId) => boolean): PeerState | undefined {
    const now = this.components.clock.now();
    let best: PeerState | undefined;
    let bestDistance = Infinity;
    let fallback: PeerState | undefined;
    let fallbackDistance = Infinity;
    for (const peer of this.peers.values()) {
      if (excluded(peer.id)) continue;
      const distance = circularDistance(peer.location, location);
      if (peer.backoffUntil <= now || (peer.probeAt <= now && peer.inFlight === 0)) {
        if (closer(peer, distance, best, bestDistance)) {
          best = peer;
          bestDistance = distance;
        }
      } else if (
        peer.inFlight === 0 &&
        (fallback === undefined ||
          peer.backoffUntil < fallback.backoffUntil ||
          (peer.backoffUntil === fallback.backoffUntil && closer(peer, distance, fallback, fallbackDistance)))
      ) {
        fallback = peer;
        fallbackDistance = distance;
      }
    }
    if (best !== undefined && best.backoffUntil > now) best.probeAt = now + this.probeIntervalMs;
    return best ?? fallback;
  }

  /** A next hop that does not depend on any key: the one `closestTo` a location drawn at random (spec/routing.md §2, mixing). */
  anyPeer(excluded: (id: PeerId) => boolean): PeerState | undefined {
    return this.closestTo(this.components.rng.next(), excluded);
  }

  /**
   * Whether `location` lies in this node's neighbourhood (spec/routing.md §10): closer to
   * `ownLocation` than `span` times the distance to this node's second-nearest peer, the local
   * spacing of nodes on the ring. With fewer than two peers every location does.
   */
  isNeighbourhood(ownLocation: number, location: number, span: number): boolean {
    let nearest = Infinity;
    let second = Infinity;
    for (const peer of this.peers.values()) {
      const distance = circularDistance(peer.location, ownLocation);
      if (distance < nearest) [nearest, second] = [distance, nearest];
      else if (distance < second) second = distance;
    }
    return circularDistance(ownLocation, location) < span * second;
  }

  /** Whether `ownLocation` is closer to `location` than every connected peer that `except` does not name. */
  isClosestTo(ownLocation: number, location: number, except: (peer: PeerId) => boolean = () => false): boolean {
    const own = circularDistance(ownLocation, location);
    for (const peer of this.peers.values()) {
      if (!except(peer.id) && circularDistance(peer.location, location) < own) return false;
    }
    return true;
  }

  /**
   * Backs a peer off after a failure (a local overload, a timeout, an invalid block). A peer
   * already backed off stays as it is: the refusals of a burst sent before the first one
   * arrived, or of a probe, say nothing new.
   */
  backOff(peer: PeerState): void {
    const now = this.components.clock.now();
    if (peer.backoffUntil > now) return;
    peer.backoffUntil = now + peer.backoffMs;
    peer.backoffMs = Math.min(peer.backoffMs * 2, this.maxBackoffMs);
    peer.probeAt = now + this.probeIntervalMs;
  }

  /** The peer answered (anything but an overload): its backoff, if any, ends, and its length starts again. */
  recordAnswer(peer: PeerState): void {
    peer.backoffUntil = 0;
    peer.backoffMs = this.initialBackoffMs;
  }

  recordSuccess(peer: PeerState): void {
    peer.stats.successes++;
    this.recordAnswer(peer);
  }

  /** Counts and backs off; true when the peer has now sent too many invalid blocks to keep. */
  recordInvalidBlock(peer: PeerState): boolean {
    peer.stats.invalidBlocks++;
    this.backOff(peer);
    return peer.stats.invalidBlocks >= this.invalidBlockLimit;
  }
}

/** Whether a peer at `distance` beats `best` at `bestDistance` (ties: the smaller peer id). */
function closer(peer: PeerState, distance: number, best: PeerState | undefined, bestDistance: number): boolean {
  return distance < bestDistance || (distance === bestDistance && best !== undefined && peer.id < best.id);
}

/**
 * The connected peers a node routes through: each with its ring location, the HTL
 * decisions of its link, its backoff state, in-flight count and statistics.
 *
 *   Node ──peerConnected/peerDisconnected──> PeerTable.add/remove
 *   Route ──closestTo──> next hop;  ──backOff/recordSuccess/recordInvalidBlock──> peer state
 */
import { circularDistance } from '../protocol/location.js';
import type { NodeRef } from '../protocol/wire/messages.js';
import type { Clock, Rng } from './components.js';
import { drawHtlLink, type HtlLink } from './htl.js';
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
  readonly location: number;
  /** The peer's identity proof and addresses, as its Hello gave them. */
  readonly node: NodeRef;
  /** Clock time the link came up. */
  readonly connectedAt: number;
  readonly link: HtlLink;
  /** Not routed to before this time (clock milliseconds). */
  backoffUntil: number;
  /** Length of the next backoff; doubles on each failure up to the cap, resets on success. */
  backoffMs: number;
  /** Requests and inserts sent to this peer that have not been answered yet. */
  inFlight: number;
  readonly stats: PeerStatistics;
}

export interface PeerTableInit {
  /** First backoff after a failure (default 1 s). */
  readonly initialBackoffMs?: number;
  /** Longest backoff (default 3 min). */
  readonly maxBackoffMs?: number;
  /** Invalid blocks after which a peer is disconnected (default 3). */
  readonly invalidBlockLimit?: number;
}

export class PeerTable implements Iterable<PeerState> {
  private readonly peers = new Map<PeerId, PeerState>();
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly invalidBlockLimit: number;

  constructor(
    private readonly components: { clock: Clock; rng: Rng },
    init: PeerTableInit = {},
  ) {
    this.initialBackoffMs = init.initialBackoffMs ?? 1_000;
    this.maxBackoffMs = init.maxBackoffMs ?? 180_000;
    this.invalidBlockLimit = init.invalidBlockLimit ?? 3;
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
      connectedAt: this.components.clock.now(),
      link: drawHtlLink(this.components.rng),
      backoffUntil: 0,
      backoffMs: this.initialBackoffMs,
      inFlight: 0,
      stats: { requestsSent: 0, insertBlocksSent: 0, successes: 0, timeouts: 0, overloads: 0, invalidBlocks: 0 },
    };
    this.peers.set(peer.id, state);
    return state;
  }

  remove(id: PeerId): void {
    this.peers.delete(id);
  }

  /** The peer closest to `location` that `excluded` does not rule out and that is not backed off. */
  closestTo(location: number, excluded: (id: PeerId) => boolean): PeerState | undefined {
    const now = this.components.clock.now();
    let best: PeerState | undefined;
    let bestDistance = Infinity;
    for (const peer of this.peers.values()) {
      if (peer.backoffUntil > now || excluded(peer.id)) continue;
      const distance = circularDistance(peer.location, location);
      if (distance < bestDistance || (distance === bestDistance && best !== undefined && peer.id < best.id)) {
        best = peer;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Whether `ownLocation` is closer to `location` than every connected peer other than `except` is. */
  isClosestTo(ownLocation: number, location: number, except?: PeerId): boolean {
    const own = circularDistance(ownLocation, location);
    for (const peer of this.peers.values()) {
      if (peer.id !== except && circularDistance(peer.location, location) < own) return false;
    }
    return true;
  }

  backOff(peer: PeerState): void {
    peer.backoffUntil = this.components.clock.now() + peer.backoffMs;
    peer.backoffMs = Math.min(peer.backoffMs * 2, this.maxBackoffMs);
  }

  recordSuccess(peer: PeerState): void {
    peer.stats.successes++;
    peer.backoffUntil = 0;
    peer.backoffMs = this.initialBackoffMs;
  }

  /** Counts and backs off; true when the peer has now sent too many invalid blocks to keep. */
  recordInvalidBlock(peer: PeerState): boolean {
    peer.stats.invalidBlocks++;
    this.backOff(peer);
    return peer.stats.invalidBlocks >= this.invalidBlockLimit;
  }
}

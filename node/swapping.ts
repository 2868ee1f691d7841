/**
 * Location swapping over the wire (spec/routing.md §11.5): a darknet node's part in swap walks,
 * as the one that starts them, a relay, or the end. The decisions are node/location-swap.ts and
 * node/swap-policy.ts; this module moves their messages and keeps the node's location.
 *
 *   every startEveryMs: randomised reset / span check, then SwapRequest{commitment, hops} ──> a random peer
 *   relay:      SwapRequest from A (A's walk budget allows) ──hops − 1──> a random peer B ≠ A;
 *               later messages under that tx pass between A and B
 *   end:        SwapRequest ──> SwapCommit back;  initiator's SwapReveal ──> checked ──> own SwapReveal back ──> decide
 *   initiator:  SwapCommit ──> own SwapReveal;  responder's SwapReveal ──> checked ──> decide
 *   decided to swap: own location := the other end's ──> LocationUpdate to every peer;  a link comes up ──> LocationUpdate to it
 *   SwapRejected{notSwapping} from a peer (it does not swap: spec/routing.md §11.6) ──> no walk goes to it while linked
 *
 * A node takes part in one swap of its own at a time (its location must hold still until the
 * decision); a walk that reaches a busy node, loops, or finds a peer's walk budget spent ends in
 * SwapRejected. Every table is bounded and every swap expires after `swapTimeoutMs`.
 */
import type { WireMessage } from '../protocol/wire/messages.js';
import type { Clock, Logger, Rng } from './components.js';
import { ExpiringMap } from './expiring-map.js';
import { peerText } from './log-fields.js';
import { decideSwap, MAX_SWAP_NEIGHBOURS, SWAP_NONCE_BYTES, type SwapOffer, swapCommitment } from './location-swap.js';
import type { PeerState, PeerTable } from './peers.js';
import {
  linksSpanTooLittle,
  randomisedReset,
  SWAP_DEFENCE_DEFAULTS,
  SWAP_RATE_DEFAULTS,
  SwapRateLimiter,
  type SwapRateLimiterInit,
  swapWalkHops,
  walkStepIndex,
} from './swap-policy.js';
import type { PeerId } from './transport.js';

type SwapMessage = Extract<WireMessage, { type: 'swapRequest' | 'swapCommit' | 'swapReveal' | 'swapRejected' }>;

const REJECTED: SwapMessage = { type: 'swapRejected' };

export interface LocationSwappingComponents {
  readonly clock: Clock;
  readonly rng: Rng;
  readonly logger: Logger;
  readonly peers: PeerTable;
  /** The node's own location: read at every step, set when a swap or a reset moves it. */
  readonly location: { get(): number; set(location: number): void };
  send(peer: PeerId, tx: bigint, body: WireMessage): void;
}

export interface LocationSwappingInit extends Omit<SwapRateLimiterInit, 'startEveryMs'> {
  /**
   * Time between two swaps this node starts (default 30 s). Walks a peer hands over are limited to
   * as many per round as at the defaults (perPeerRatePerSecond scales with it unless given).
   */
  readonly startEveryMs?: number;
  /** Hops of the walks this node starts (default swapWalkHops(1,000) = 5). */
  readonly walkHops?: number;
  /** A swap not decided this long after it began is given up (default 10 s). */
  readonly swapTimeoutMs?: number;
  /** Walks relayed through this node at once (default 1,024). */
  readonly maxRelayedWalks?: number;
  /** The defences (spec/routing.md §11.4; default SWAP_DEFENCE_DEFAULTS). */
  readonly maxOwnLogLossPerLink?: number;
  readonly resetProbability?: number;
  readonly minLinkSpan?: number;
}

/** This node's own swap in progress: as the walk's start or its end. */
interface OwnSwap {
  readonly tx: bigint;
  readonly role: 'initiator' | 'responder';
  /** The peer the swap's messages come from and go to: the walk's next hop, or the hop before. */
  readonly peer: PeerId;
  readonly offer: SwapOffer;
  readonly commitment: Uint8Array;
  /** The other end's commitment, once known. */
  otherCommitment: Uint8Array | undefined;
  readonly expiresAt: number;
}

/** Counts of what this node's swaps came to. */
export interface SwapCounts {
  started: number;
  swapped: number;
  declined: number;
  rejected: number;
  resets: number;
}

export class LocationSwapping {
  readonly counts: SwapCounts = { started: 0, swapped: 0, declined: 0, rejected: 0, resets: 0 };
  private readonly init: Required<LocationSwappingInit>;
  private readonly limiter: SwapRateLimiter;
  private readonly relays: ExpiringMap<bigint, readonly [PeerId, PeerId]>;
  /** Linked peers that declined a walk as nodes that do not swap (at most one entry per peer linked). */
  private readonly notSwapping = new Set<PeerId>();
  private own: OwnSwap | undefined;
  private timer: { cancel(): void } | undefined;

  constructor(
    private readonly components: LocationSwappingComponents,
    init: LocationSwappingInit = {},
  ) {
    const startEveryMs = init.startEveryMs ?? SWAP_RATE_DEFAULTS.startEveryMs;
    this.init = {
      ...SWAP_RATE_DEFAULTS,
      ...SWAP_DEFENCE_DEFAULTS,
      // Each peer may hand over as many walks per round as at the defaults (6 per 30 s), whatever the round's length.
      perPeerRatePerSecond: (SWAP_RATE_DEFAULTS.perPeerRatePerSecond * SWAP_RATE_DEFAULTS.startEveryMs) / startEveryMs,
      walkHops: swapWalkHops(1_000),
      swapTimeoutMs: 10_000,
      maxRelayedWalks: 1_024,
      ...init,
      startEveryMs,
    };
    this.limiter = new SwapRateLimiter(components, this.init);
    this.relays = new ExpiringMap(components.clock, this.init.swapTimeoutMs, this.init.maxRelayedWalks);
  }

  start(): void {
    const round = (): void => {
      this.round();
      this.timer = this.components.clock.setTimer(this.init.startEveryMs, round);
    };
    // A random phase: nodes started together would otherwise all be busy with their own swaps at once.
    this.timer = this.components.clock.setTimer(this.components.rng.next() * this.init.startEveryMs, round);
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.own = undefined;
  }

  /** A link came up: the peer learns where this node is now. */
  peerConnected(peer: PeerId): void {
    this.components.send(peer, this.components.rng.nextU64(), { type: 'locationUpdate', location: this.components.location.get() });
  }

  peerDisconnected(peer: PeerId): void {
    this.limiter.forget(peer);
    this.notSwapping.delete(peer);
    if (this.own?.peer === peer) this.own = undefined;
  }

  handle(from: PeerId, tx: bigint, message: SwapMessage): void {
    if (message.type === 'swapRejected' && message.notSwapping === true && this.components.peers.get(from) !== undefined) this.notSwapping.add(from);
    const own = this.current();
    if (own !== undefined && own.tx === tx) {
      // A walk that came back to its own start has looped.
      if (message.type === 'swapRequest') this.components.send(from, tx, REJECTED);
      else if (own.peer === from) this.step(own, message);
      return;
    }
    const relay = this.relays.get(tx);
    if (relay !== undefined) {
      if (message.type === 'swapRequest') return this.components.send(from, tx, REJECTED);
      const [a, b] = relay;
      if (from !== a && from !== b) return;
      if (message.type === 'swapRejected') this.relays.delete(tx);
      // A decline speaks of its sender only: passed on, it is a plain rejection.
      this.components.send(from === a ? b : a, tx, message.type === 'swapRejected' ? REJECTED : message);
      return;
    }
    if (message.type === 'swapRequest') this.walkArrived(from, tx, message.commitment, message.hops);
  }

  /** One round: the defences may move this node; then it starts a swap unless one is under way. */
  private round(): void {
    if (this.current() !== undefined) return;
    const { rng, location } = this.components;
    const reset = randomisedReset(rng, this.init.resetProbability);
    if (reset !== undefined || linksSpanTooLittle(location.get(), this.neighbourLocations(), this.init.minLinkSpan)) {
      this.counts.resets++;
      this.moveTo(reset ?? rng.next(), 'reset');
      return;
    }
    const peers = this.swappingPeers();
    const next = peers[walkStepIndex(peers.length, -1, rng)];
    if (next === undefined) return;
    const offer = this.offer();
    const commitment = swapCommitment(offer);
    const tx = rng.nextU64();
    this.own = { tx, role: 'initiator', peer: next.id, offer, commitment, otherCommitment: undefined, expiresAt: this.expiry() };
    this.counts.started++;
    this.components.send(next.id, tx, { type: 'swapRequest', commitment, hops: this.init.walkHops });
  }

  /** A swap walk reached this node: relay it on, or be its end. */
  private walkArrived(from: PeerId, tx: bigint, commitment: Uint8Array, hops: number): void {
    const reject = (): void => this.components.send(from, tx, REJECTED);
    if (!this.limiter.admitWalk(from)) return reject();
    const peers = this.swappingPeers();
    const cameFrom = peers.findIndex((peer) => peer.id === from);
    if (hops > 1 && peers.length > 1) {
      const next = peers[walkStepIndex(peers.length, cameFrom, this.components.rng)]!;
      this.relays.set(tx, [from, next.id]);
      this.components.send(next.id, tx, { type: 'swapRequest', commitment, hops: hops - 1 });
      return;
    }
    if (this.current() !== undefined) return reject();
    const offer = this.offer();
    const own: OwnSwap = { tx, role: 'responder', peer: from, offer, commitment: swapCommitment(offer), otherCommitment: commitment, expiresAt: this.expiry() };
    this.own = own;
    this.components.send(from, tx, { type: 'swapCommit', commitment: own.commitment });
  }

  /** The next message of this node's own swap, from the peer on the walk. */
  private step(own: OwnSwap, message: SwapMessage): void {
    const reveal = (): void => this.components.send(own.peer, own.tx, { type: 'swapReveal', ...own.offer });
    if (message.type === 'swapRejected') return this.end('rejected');
    if (message.type === 'swapCommit' && own.role === 'initiator' && own.otherCommitment === undefined) {
      own.otherCommitment = message.commitment;
      return reveal();
    }
    if (message.type !== 'swapReveal' || own.otherCommitment === undefined) return;
    const other = {
      commitment: own.otherCommitment,
      offer: { nonce: message.nonce, location: message.location, neighbourLocations: message.neighbourLocations },
    };
    const mine = { commitment: own.commitment, offer: own.offer };
    let accepted: boolean;
    try {
      accepted = own.role === 'initiator' ? decideSwap(mine, other, this.init) : decideSwap(other, mine, this.init);
    } catch (error) {
      this.components.logger.warn({ peer: peerText(own.peer), reason: (error as Error).message }, 'swap refused: a reveal did not match its commitment');
      this.components.send(own.peer, own.tx, REJECTED);
      return this.end('rejected');
    }
    if (own.role === 'responder') reveal();
    if (!accepted) return this.end('declined');
    this.end('swapped');
    this.moveTo(other.offer.location, 'swap');
  }

  private end(outcome: 'swapped' | 'declined' | 'rejected'): void {
    this.counts[outcome]++;
    this.own = undefined;
  }

  private moveTo(location: number, why: 'swap' | 'reset'): void {
    const { location: own, logger, peers, send, rng } = this.components;
    logger.debug({ from: own.get(), to: location, why }, 'location changed');
    own.set(location);
    for (const peer of peers) send(peer.id, rng.nextU64(), { type: 'locationUpdate', location });
  }

  /** This node's offer: a fresh nonce, where it is, where its links lead (at most MAX_SWAP_NEIGHBOURS). */
  private offer(): SwapOffer {
    const nonce = new Uint8Array(SWAP_NONCE_BYTES);
    const view = new DataView(nonce.buffer);
    for (let at = 0; at < SWAP_NONCE_BYTES; at += 8) view.setBigUint64(at, this.components.rng.nextU64());
    return { nonce, location: this.components.location.get(), neighbourLocations: this.neighbourLocations() };
  }

  /** The peers a walk may go to: all but those that said they do not swap. */
  private swappingPeers(): PeerState[] {
    return [...this.components.peers].filter((peer) => !this.notSwapping.has(peer.id));
  }

  private neighbourLocations(): number[] {
    return [...this.components.peers].slice(0, MAX_SWAP_NEIGHBOURS).map((peer) => peer.location);
  }

  private expiry(): number {
    return this.components.clock.now() + this.init.swapTimeoutMs;
  }

  /** The swap under way, once an expired one is given up. */
  private current(): OwnSwap | undefined {
    if (this.own !== undefined && this.own.expiresAt <= this.components.clock.now()) this.end('rejected');
    return this.own;
  }
}

/**
 * Load management (spec/routing.md §8): every connected peer gets a token bucket for the
 * requests it starts here and a share of the node's route table, so one peer sending as
 * fast as it can is refused with RejectedOverload before it costs a store lookup or a
 * route, and cannot crowd out the others. A request counts against its peer from
 * admission: first while its handler runs (store lookup), then as the route it opened.
 * No share is ever the whole table. A peer misbehaves when an insert it had accepted never gets
 * its block, and when it goes on sending at more than twice its budget (its refusals have a
 * bucket of their own); its misbehaviour score shrinks its share until it decays, and at the
 * limit the peer is disconnected and, for a while, refused when it comes back. The score
 * outlives the link, so reconnecting does not clear it.
 *
 *   Node ──peerConnected (false: refuse it)/peerDisconnected──> LoadLimiter (one PeerLoad per connected peer)
 *   Node dispatch ──admit(peer)──> bucket, share, table ──refused──> RejectedOverload{local: true}
 *                                                       ──misbehaving──> disconnect the peer
 *                 ──handled(peer)──> when the handler is done
 *   TransactionTable ──routeOpened/routeEnded(upstream)──> LoadLimiter (routes per peer)
 *   inserts.ts ──recordMisbehaviour(peer)──> LoadLimiter ──true──> the peer is disconnected
 */
import type { Clock } from './components.js';
import { ExpiringMap } from './expiring-map.js';
import type { PeerId } from './transport.js';

export interface TokenBucketInit {
  /** Tokens added per second. */
  readonly ratePerSecond: number;
  /** Most tokens held at once; the bucket starts full. */
  readonly burst: number;
}

/** A token bucket on the injected clock: refilled lazily, on each take, so it needs no timer. */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;
  private readonly tokensPerMs: number;
  private readonly burst: number;

  constructor(
    private readonly components: { readonly clock: Clock },
    init: TokenBucketInit,
  ) {
    if (!(init.ratePerSecond > 0) || !(init.burst >= 1))
      throw new RangeError(`a token bucket needs a positive rate and a burst of at least 1, got ${init.ratePerSecond}/s and ${init.burst}`);
    this.tokensPerMs = init.ratePerSecond / 1000;
    this.burst = init.burst;
    this.tokens = init.burst;
    this.refilledAt = components.clock.now();
  }

  /** Tokens available now (fractional while refilling). */
  get available(): number {
    this.refill();
    return this.tokens;
  }

  /** Takes one token if there is one. */
  tryTake(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private refill(): void {
    const now = this.components.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + (now - this.refilledAt) * this.tokensPerMs);
    this.refilledAt = now;
  }
}

/** Told when a route a peer started here opens and ends (TransactionTable calls it). */
export interface UpstreamLoad {
  routeOpened(upstream: PeerId): void;
  routeEnded(upstream: PeerId): void;
}

export interface LoadLimiterInit {
  /** Requests and inserts a peer may start here per second, sustained (default 1,000). */
  readonly requestsPerSecondPerPeer?: number;
  /** Requests a peer may start at once above that rate (default 2,000). */
  readonly requestBurstPerPeer?: number;
  /** Routes in flight a peer may hold however many peers there are (default 32), unless it misbehaves or the table is too small. */
  readonly minRoutesPerPeer?: number;
  /** Most of the route table one peer may hold, as a fraction (default 0.5): never all of it, however few peers there are. */
  readonly maxTableSharePerPeer?: number;
  /**
   * Misbehaviour score at which a peer is disconnected (default 48: one and a half windows of 32
   * missing blocks); its score is then doubled, so that it is refused for one half-life.
   */
  readonly misbehaviourLimit?: number;
  /** Time in which a misbehaviour score halves (default 60 s). */
  readonly misbehaviourHalfLifeMs?: number;
}

/** How long a disconnected peer's misbehaviour is remembered, in half-lives (it has then decayed to a thousandth), and for how many peers. */
const REMEMBERED_HALF_LIVES = 10;
const REMEMBERED_PEERS = 4_096;

/** A score that halves every half-life, decayed when read: it needs no timer. */
interface Score {
  readonly value: number;
  /** Clock time of `value`. */
  readonly at: number;
}

export interface LoadLimiterComponents {
  readonly clock: Clock;
  /** Routes in flight at the node (the TransactionTable's count). */
  readonly activeRoutes: () => number;
}

/** What `admit` decided: `misbehaving` means refused, and the peer is to be disconnected. */
export type Admission = 'admitted' | 'refused' | 'misbehaving';

interface PeerLoad {
  readonly bucket: TokenBucket;
  /** Refusals for the peer's share or an empty `bucket`, budgeted like requests: a peer that empties it keeps sending beyond its budget. */
  readonly overrun: TokenBucket;
  /** Admitted requests whose handler has not finished. */
  handling: number;
  /** Routes in flight here whose upstream is this peer. */
  routes: number;
  misbehaviour: Score;
}

export class LoadLimiter implements UpstreamLoad {
  private readonly peers = new Map<PeerId, PeerLoad>();
  private readonly bucket: TokenBucketInit;
  private readonly minRoutesPerPeer: number;
  private readonly maxTableShare: number;
  private readonly misbehaviourLimit: number;
  private readonly halfLifeMs: number;
  /** Misbehaviour of peers whose link went down, restored if they come back. */
  private readonly remembered: ExpiringMap<PeerId, Score>;
  private readonly maxActive: number;
  /** Admitted requests of all peers whose handler has not finished. */
  private handling = 0;

  constructor(
    private readonly components: LoadLimiterComponents,
    init: LoadLimiterInit & { readonly maxActive: number },
  ) {
    this.bucket = { ratePerSecond: init.requestsPerSecondPerPeer ?? 1_000, burst: init.requestBurstPerPeer ?? 2_000 };
    this.minRoutesPerPeer = init.minRoutesPerPeer ?? 32;
    this.maxActive = init.maxActive;
    this.maxTableShare = Math.max(1, Math.floor((init.maxTableSharePerPeer ?? 0.5) * init.maxActive));
    this.misbehaviourLimit = init.misbehaviourLimit ?? 48;
    this.halfLifeMs = init.misbehaviourHalfLifeMs ?? 60_000;
    this.remembered = new ExpiringMap(components.clock, REMEMBERED_HALF_LIVES * this.halfLifeMs, REMEMBERED_PEERS);
  }

  /** Peers tracked: exactly the connected ones. */
  get size(): number {
    return this.peers.size;
  }

  /**
   * Routes in flight a well-behaved peer may hold: twice an even split of the node's route
   * table (so a busy peer can use what quiet ones leave), at least the minimum, and never more
   * than the table's share per peer (so with one or two peers there is room for another).
   */
  get routesPerPeer(): number {
    return Math.min(this.maxTableShare, Math.max(this.minRoutesPerPeer, Math.ceil((2 * this.maxActive) / Math.max(1, this.peers.size))));
  }

  /** What `peer` may hold here: `routesPerPeer` divided by one plus its misbehaviour score (0 for a peer not connected). */
  shareOf(peer: PeerId): number {
    const load = this.peers.get(peer);
    return load === undefined ? 0 : this.share(load);
  }

  /** The peer's misbehaviour score now (0 for a peer not connected). */
  misbehaviourOf(peer: PeerId): number {
    const load = this.peers.get(peer);
    return load === undefined ? 0 : this.decayed(load.misbehaviour);
  }

  /**
   * Counts `points` of misbehaviour against `peer` (one for an insert it had accepted whose block
   * never came). True when its score has reached the limit: the caller disconnects it, and its
   * score is doubled, so that it is refused when it comes back until half of that has decayed.
   */
  recordMisbehaviour(peer: PeerId, points = 1): boolean {
    const load = this.peers.get(peer);
    if (load === undefined) return false;
    const before = this.decayed(load.misbehaviour);
    // Already at the limit: the peer is being disconnected, and its score stays as it was doubled.
    if (before >= this.misbehaviourLimit) return true;
    const value = before + points;
    const reached = value >= this.misbehaviourLimit;
    load.misbehaviour = { value: reached ? 2 * value : value, at: this.components.clock.now() };
    return reached;
  }

  /** Starts tracking a new link's peer: false when its remembered score is still at the limit, and the caller refuses it. */
  peerConnected(peer: PeerId): boolean {
    const misbehaviour = this.remembered.get(peer) ?? { value: 0, at: this.components.clock.now() };
    const bucket = (): TokenBucket => new TokenBucket(this.components, this.bucket);
    this.peers.set(peer, { bucket: bucket(), overrun: bucket(), handling: 0, routes: 0, misbehaviour });
    return this.decayed(misbehaviour) < this.misbehaviourLimit;
  }

  peerDisconnected(peer: PeerId): void {
    const load = this.peers.get(peer);
    if (load !== undefined && load.misbehaviour.value > 0) this.remembered.set(peer, load.misbehaviour);
    this.peers.delete(peer);
  }

  /** What `peer` holds here: its requests being handled plus its routes in flight (0 for a peer not connected). */
  heldBy(peer: PeerId): number {
    const load = this.peers.get(peer);
    return load === undefined ? 0 : load.handling + load.routes;
  }

  /**
   * Whether `peer` may start one more request, insert or announcement here: within its share,
   * with room in the node's table, and with a token, which it takes. An admitted request is
   * counted until `handled`. A refusal for the peer's own share or bucket takes a token of its
   * overrun bucket; with none left, the peer has gone on sending beyond its budget at more than
   * its rate for seconds on end, which no peer that backs off does: it has reached the
   * misbehaviour limit. A refusal because the table is full is not the peer's doing.
   */
  admit(peer: PeerId): Admission {
    const load = this.peers.get(peer);
    if (load === undefined) return 'refused';
    const overShare = load.handling + load.routes >= this.share(load);
    if (!overShare && this.components.activeRoutes() + this.handling >= this.maxActive) return 'refused';
    if (overShare || !load.bucket.tryTake()) {
      if (load.overrun.tryTake()) return 'refused';
      this.recordMisbehaviour(peer, this.misbehaviourLimit);
      return 'misbehaving';
    }
    load.handling++;
    this.handling++;
    return 'admitted';
  }

  /** The handler of a request `admit` let in is done (a route it opened counts from `routeOpened`). */
  handled(peer: PeerId): void {
    this.handling--;
    const load = this.peers.get(peer);
    if (load !== undefined && load.handling > 0) load.handling--;
  }

  routeOpened(upstream: PeerId): void {
    const load = this.peers.get(upstream);
    if (load !== undefined) load.routes++;
  }

  /** Never below zero: a route opened before its peer reconnected may end on the new link's count. */
  routeEnded(upstream: PeerId): void {
    const load = this.peers.get(upstream);
    if (load !== undefined && load.routes > 0) load.routes--;
  }

  private share(load: PeerLoad): number {
    return Math.floor(this.routesPerPeer / (1 + this.decayed(load.misbehaviour)));
  }

  private decayed(score: Score): number {
    return score.value * 2 ** (-(this.components.clock.now() - score.at) / this.halfLifeMs);
  }
}

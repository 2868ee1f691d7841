/**
 * Load management (spec/routing.md §8): every connected peer gets a token bucket for the
 * requests it starts here and a share of the node's route table, so one peer sending as
 * fast as it can is refused with RejectedOverload before it costs a store lookup or a
 * route, and cannot crowd out the others. A request counts against its peer from
 * admission: first while its handler runs (store lookup), then as the route it opened.
 *
 *   Node ──peerConnected/peerDisconnected──> LoadLimiter (one PeerLoad per connected peer)
 *   Node dispatch ──admit(peer)──> bucket, share, table ──false──> RejectedOverload{local: true}
 *                 ──handled(peer)──> when the handler is done
 *   TransactionTable ──routeOpened/routeEnded(upstream)──> LoadLimiter (routes per peer)
 */
import type { Clock } from './components.js';
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
  /** Routes in flight a peer may always hold, however many peers there are (default 32). */
  readonly minRoutesPerPeer?: number;
}

export interface LoadLimiterComponents {
  readonly clock: Clock;
  /** Routes in flight at the node (the TransactionTable's count). */
  readonly activeRoutes: () => number;
}

interface PeerLoad {
  readonly bucket: TokenBucket;
  /** Admitted requests whose handler has not finished. */
  handling: number;
  /** Routes in flight here whose upstream is this peer. */
  routes: number;
}

export class LoadLimiter implements UpstreamLoad {
  private readonly peers = new Map<PeerId, PeerLoad>();
  private readonly bucket: TokenBucketInit;
  private readonly minRoutesPerPeer: number;
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
  }

  /** Peers tracked: exactly the connected ones. */
  get size(): number {
    return this.peers.size;
  }

  /**
   * Routes in flight one peer may hold: twice an even split of the node's route table
   * (so a busy peer can use what quiet ones leave), never less than the minimum.
   */
  get routesPerPeer(): number {
    return Math.max(this.minRoutesPerPeer, Math.ceil((2 * this.maxActive) / Math.max(1, this.peers.size)));
  }

  peerConnected(peer: PeerId): void {
    this.peers.set(peer, { bucket: new TokenBucket(this.components, this.bucket), handling: 0, routes: 0 });
  }

  peerDisconnected(peer: PeerId): void {
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
   * counted until `handled`.
   */
  admit(peer: PeerId): boolean {
    const load = this.peers.get(peer);
    if (load === undefined || load.handling + load.routes >= this.routesPerPeer) return false;
    if (this.components.activeRoutes() + this.handling >= this.maxActive || !load.bucket.tryTake()) return false;
    load.handling++;
    this.handling++;
    return true;
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
}

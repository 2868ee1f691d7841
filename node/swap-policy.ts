/**
 * When and with whom a darknet node swaps (spec/routing.md §11), shared by real nodes and the
 * simulator; what it decides once a partner is found is node/location-swap.ts.
 *
 *   swapWalkHops(size estimate) ──> walk: walkStepIndex at every hop ──> partner at the walk's end
 *   SwapRateLimiter: one swap started per interval; walks relayed or answered per peer, token bucket
 *   randomisedReset: now and then a node forgets its location for a uniform one (Pitch Black defence)
 *
 * Randomness comes from the injected `Rng`, time from the injected `Clock`.
 */
import type { Clock, Rng } from './components.js';
import { circularDistance } from '../protocol/location.js';
import { MAX_SWAP_WALK_HOPS } from '../protocol/wire/limits.js';
import { TokenBucket } from './load.js';

/** Longest swap walk a node starts or relays (a SwapRequest carries at most this many hops). */
export { MAX_SWAP_WALK_HOPS };

/** Hops of a swap walk for a network of about `nodes` nodes: round(log2(n) / 2), within 1..MAX_SWAP_WALK_HOPS. */
export function swapWalkHops(nodes: number): number {
  if (!(nodes >= 1) || !Number.isFinite(nodes)) throw new RangeError(`a network size estimate must be at least 1, got ${nodes}`);
  return Math.min(MAX_SWAP_WALK_HOPS, Math.max(1, Math.round(Math.log2(nodes) / 2)));
}

/**
 * The next hop of a random walk, as an index into the current node's `degree` links: uniform over
 * the links other than the one the walk came in by (`cameFrom`, −1 at the start), unless that is
 * the only link. −1 when the node has no link.
 */
export function walkStepIndex(degree: number, cameFrom: number, rng: Rng): number {
  if (degree <= 0) return -1;
  if (cameFrom < 0 || cameFrom >= degree || degree === 1) return Math.floor(rng.next() * degree);
  const index = Math.floor(rng.next() * (degree - 1));
  return index >= cameFrom ? index + 1 : index;
}

/**
 * A darknet node's defences against Pitch Black by default (spec/routing.md §11.4, measured by the
 * `pitch-black` scenario): the own-loss bound is on (it costs honest swapping nothing measurable
 * and keeps routing working under attack); the randomised reset and the span check are settings,
 * off by default: the reset costs honest routing more than it saves, and the span check's
 * threshold depends on the network's size, which a darknet node does not know.
 */
export const SWAP_DEFENCE_DEFAULTS = { maxOwnLogLossPerLink: 0.3, resetProbability: 0, minLinkSpan: 0 } as const;

/**
 * The randomised reset Freenet adopted against Pitch Black (Evans, GauthierDickey and Grothoff
 * 2007): at each swap round a node takes a fresh uniform location with probability `probability`,
 * so locations an attacker pulled together are slowly replaced by uniform ones. Returns the new
 * location, or undefined to keep the current one.
 */
export function randomisedReset(rng: Rng, probability: number): number | undefined {
  if (!(probability >= 0 && probability <= 1)) throw new RangeError(`a reset probability must lie in [0, 1], got ${probability}`);
  return probability > 0 && rng.next() < probability ? rng.next() : undefined;
}

/**
 * The span check (spec/routing.md §11.4): true when every link of a node with at least
 * `minLinks` links ends nearer than `minSpan` on the ring. In a navigable small world some links
 * span a good share of the ring; when all of a node's links have shrunk to a sliver, locations
 * have been pulled together (Pitch Black) and the node should take a fresh uniform location.
 */
export function linksSpanTooLittle(location: number, neighbourLocations: readonly number[], minSpan: number, minLinks = 4): boolean {
  if (!(minSpan >= 0 && minSpan <= 0.5)) throw new RangeError(`a minimum link span must lie in [0, 0.5], got ${minSpan}`);
  if (minSpan === 0 || neighbourLocations.length < minLinks) return false;
  return neighbourLocations.every((neighbour) => circularDistance(location, neighbour) < minSpan);
}

export interface SwapRateLimiterInit {
  /** Least time between two swaps this node starts (default 30 s). */
  readonly startEveryMs?: number;
  /** Swap walks a peer may hand this node per second, to relay or answer (default 0.2: one per 5 s). */
  readonly perPeerRatePerSecond?: number;
  /** How many of those may arrive at once (default 3). */
  readonly perPeerBurst?: number;
  /** Peers tracked at once; a walk from a peer beyond these is refused (default 256). */
  readonly maxPeers?: number;
}

export const SWAP_RATE_DEFAULTS = { startEveryMs: 30_000, perPeerRatePerSecond: 0.2, perPeerBurst: 3, maxPeers: 256 } as const;

/**
 * Bounds how fast swaps run through a node: it starts at most one swap per `startEveryMs`, and
 * takes at most `perPeerRatePerSecond` walks from each peer (burst `perPeerBurst`), so a peer that
 * floods swap requests (a Pitch Black attacker) moves no more locations than an honest one could.
 */
export class SwapRateLimiter {
  private readonly init: Required<SwapRateLimiterInit>;
  private readonly starts: TokenBucket;
  private readonly perPeer = new Map<string, TokenBucket>();

  constructor(
    private readonly components: { readonly clock: Clock },
    init: SwapRateLimiterInit = {},
  ) {
    this.init = { ...SWAP_RATE_DEFAULTS, ...init };
    if (!(this.init.startEveryMs > 0)) throw new RangeError(`startEveryMs must be positive, got ${this.init.startEveryMs}`);
    if (!Number.isSafeInteger(this.init.maxPeers) || this.init.maxPeers < 1)
      throw new RangeError(`maxPeers must be a positive integer, got ${this.init.maxPeers}`);
    this.starts = new TokenBucket(components, { ratePerSecond: 1000 / this.init.startEveryMs, burst: 1 });
    if (!(this.init.perPeerRatePerSecond > 0) || !(this.init.perPeerBurst >= 1)) {
      throw new RangeError(
        `per-peer swap walks need a positive rate and a burst of at least 1, got ${this.init.perPeerRatePerSecond}/s and ${this.init.perPeerBurst}`,
      );
    }
  }

  /** Whether this node may start a swap now (takes the slot if so). */
  tryStart(): boolean {
    return this.starts.tryTake();
  }

  /** Whether a swap walk handed over by `peer` may be relayed or answered now (takes a token if so). */
  admitWalk(peer: string): boolean {
    let bucket = this.perPeer.get(peer);
    if (bucket === undefined) {
      if (this.perPeer.size >= this.init.maxPeers) return false;
      bucket = new TokenBucket(this.components, { ratePerSecond: this.init.perPeerRatePerSecond, burst: this.init.perPeerBurst });
      this.perPeer.set(peer, bucket);
    }
    return bucket.tryTake();
  }

  /** Forgets a peer that disconnected. */
  forget(peer: string): void {
    this.perPeer.delete(peer);
  }
}

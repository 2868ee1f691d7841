/**
 * Which addresses of an offered node are dialled, and how often (spec/routing.md §9.8). An offer
 * may list any address, so without these rules any peer could make every node it serves connect
 * to a third party (an amplifier, and a scanner):
 *
 *   - a node's offer of itself keeps only its addresses at the host its link comes from;
 *   - an address is dialled only if its class fits the offering link: public addresses from any
 *     link, private and loopback ones only within the link's own range, nothing else ever;
 *   - at most `maxOfferAddresses` addresses of one offer, within a budget per node and one per
 *     offering peer (dials a minute), never an address dialled within `offerAddressWindowMs`,
 *     one dial at a time per address; and the dial must reach the offered key (`DialOptions.peer`).
 *
 *   Opennet.considerOffer ──targets(node, link)──> OfferDials ──take(peer)──> TokenBucket (node, peer)
 *                         ──dialling/done(address)──> window, outstanding
 *   handlers.ts ──Opennet.vetOffer ──ownAddresses(node, link)──> a self-offer's addresses
 */
import type { NodeRef } from '../protocol/wire/messages.js';
import type { Clock } from './components.js';
import { ExpiringMap } from './expiring-map.js';
import { addressClass, ipHost, ipRange } from './ip-address.js';
import { TokenBucket } from './load.js';
import type { PeerId } from './transport.js';

export interface OfferDialInit {
  /** Addresses of one offered node dialled at most, in the order listed (default 2). */
  readonly maxOfferAddresses?: number;
  /** Dials of offered addresses a node starts a minute, sustained and at once (default 30). */
  readonly offerDialsPerMinute?: number;
  /** The same, for the offers that came through one peer (default 8: one announcement's offers). */
  readonly offerDialsPerPeerPerMinute?: number;
  /** An address dialled for an offer is not dialled for another one for this long (default 10 min). */
  readonly offerAddressWindowMs?: number;
}

export type OfferDialSettings = Required<OfferDialInit>;

export function resolveOfferDials(init: OfferDialInit): OfferDialSettings {
  return {
    maxOfferAddresses: init.maxOfferAddresses ?? 2,
    offerDialsPerMinute: init.offerDialsPerMinute ?? 30,
    offerDialsPerPeerPerMinute: init.offerDialsPerPeerPerMinute ?? 8,
    offerAddressWindowMs: init.offerAddressWindowMs ?? 600_000,
  };
}

/**
 * Whether `address`, offered over a link to `link` (the link's remote address, or the offering
 * peer's first listed address when the transport does not know it), may be dialled.
 */
export function dialableFrom(address: string, link: string | undefined): boolean {
  const kind = addressClass(address);
  if (kind === 'public') return true;
  if (link === undefined) return false;
  if (kind === 'memory') return addressClass(link) === 'memory';
  if (kind === 'private' || kind === 'loopback') return addressClass(link) === kind && ipRange(link) === ipRange(address);
  return false;
}

/**
 * The addresses of a node's offer of itself that are at the host its link runs to; all of them
 * when that host is not an IP address (unknown, or in-process).
 */
export function ownAddresses(node: NodeRef, link: string | undefined): string[] {
  const host = link === undefined ? undefined : ipHost(link);
  if (host === undefined) return [...node.addresses];
  return node.addresses.filter((address) => ipHost(address) === host);
}

const MINUTE_MS = 60_000;
const PEER_BUDGETS = 1024;

export class OfferDials {
  private readonly clock: Clock;
  private readonly settings: OfferDialSettings;
  private readonly budget: TokenBucket;
  /**
   * Each offering peer's budget, kept for a minute from its first dial (a bucket that old is full
   * again): a peer that reconnects gets no fresh budget sooner. Beyond `PEER_BUDGETS`, the oldest
   * go first; the node's budget bounds them all.
   */
  private readonly peerBudgets: ExpiringMap<PeerId, TokenBucket>;
  /** Addresses dialled for offers within the window; never more than the budget allows in one. */
  private readonly dialled: ExpiringMap<string, true>;
  private readonly outstanding = new Set<string>();

  constructor(components: { readonly clock: Clock }, settings: OfferDialSettings) {
    this.clock = components.clock;
    this.settings = settings;
    this.budget = this.bucket(settings.offerDialsPerMinute);
    this.peerBudgets = new ExpiringMap(components.clock, MINUTE_MS, PEER_BUDGETS);
    const perWindow = Math.ceil((settings.offerDialsPerMinute * settings.offerAddressWindowMs) / MINUTE_MS) + settings.offerDialsPerMinute;
    this.dialled = new ExpiringMap(components.clock, settings.offerAddressWindowMs, perWindow);
  }

  /** The addresses of an offered node to try, in order, for an offer that came over a link to `link`. */
  targets(node: NodeRef, link: string | undefined): string[] {
    return node.addresses
      .filter((address) => dialableFrom(address, link) && !this.dialled.has(address) && !this.outstanding.has(address))
      .slice(0, this.settings.maxOfferAddresses);
  }

  /** Takes one dial from the node's budget and from `from`'s; false, taking nothing, when either is spent. */
  take(from: PeerId): boolean {
    let peerBudget = this.peerBudgets.get(from);
    if (peerBudget === undefined) {
      peerBudget = this.bucket(this.settings.offerDialsPerPeerPerMinute);
      this.peerBudgets.set(from, peerBudget);
    }
    if (this.budget.available < 1 || peerBudget.available < 1) return false;
    this.budget.tryTake();
    peerBudget.tryTake();
    return true;
  }

  /** A dial of `address` starts: it is not dialled again for an offer within the window, nor while this one lasts. */
  dialling(address: string): void {
    this.dialled.set(address, true);
    this.outstanding.add(address);
  }

  done(address: string): void {
    this.outstanding.delete(address);
  }

  private bucket(perMinute: number): TokenBucket {
    return new TokenBucket({ clock: this.clock }, { ratePerSecond: perMinute / 60, burst: perMinute });
  }
}

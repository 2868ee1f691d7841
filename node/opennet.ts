/**
 * Opennet peer management (spec/routing.md §9): which offered nodes to connect to, the
 * peer limit and its drop rule, the per-address-range limit, path folding bookkeeping,
 * joining through saved peers and seeds, and the maintenance timer that announces again
 * while the node has too few peers. Offered addresses are dialled by the rules of
 * opennet-offers.ts (§9.8). A mixed node's friends (§9.9) are no opennet peers: these rules
 * neither count nor drop them, nor save them for rejoining.
 *
 *   handlers.ts ──verify/vetOffer/wants/considerOffer/recordFold/takeFold──> Opennet ──dial──> Transport
 *   Opennet.considerOffer ──targets/take/dialling/done──> OfferDials
 *   Node ──peerConnected/peerDisconnected──> Opennet ──disconnect (limits)──> Transport
 *   Node.join/knownPeers ──> Opennet ──announce──> handlers.ts (an announce route)
 */
import { toHex } from '../protocol/bytes.js';
import { checkIdentityProof, DEFAULT_POW_DIFFICULTY, type IdentityProofChecker } from '../protocol/identity.js';
import { MAX_ADDRESSES } from '../protocol/wire/limits.js';
import type { NodeRef } from '../protocol/wire/messages.js';
import type { Clock, Logger, Rng, TimerHandle } from './components.js';
import { ExpiringMap } from './expiring-map.js';
import type { FriendSet } from './friends.js';
import { peerText } from './log-fields.js';
import { type OfferDialInit, OfferDials, ownAddresses, resolveOfferDials } from './opennet-offers.js';
import type { PeerState, PeerTable } from './peers.js';
import type { Route } from './route.js';
import type { PeerId, Transport } from './transport.js';
import { comparePeers, worstPeer } from './opennet-drop-rule.js';
import { NoPeersError } from './errors.js';
import { nodeRange } from './opennet-subnet.js';

/** Peers a node aims for at most, and below how many it announces itself again. */
export const DEFAULT_MAX_PEERS = 40;
export const DEFAULT_MIN_PEERS = 10;
/**
 * The greedy hops of an announcement whose relays offer themselves (§9.3): chosen by a sweep at 1,000
 * nodes (3 to 6) so that long links come within 20 % of a 1/d distribution's share (spec/routing.md §9.3).
 */
export const DEFAULT_ANNOUNCE_OFFER_HOPS = 4;

export interface OpennetInit extends OfferDialInit {
  /** Leading zero bits every offered or saved NodeRef's proof must have (default 24, the network's). */
  readonly powDifficulty?: number;
  /** This node's identity proof; without it the node neither announces nor offers itself. */
  readonly identity?: { readonly publicKey: Uint8Array; readonly powNonce: Uint8Array } | undefined;
  /** Peers a node aims for at most (default 40); beyond, it drops its worst peer past the grace period. */
  readonly maxPeers?: number;
  /** Peers beyond `maxPeers` tolerated while every peer is within its grace period (default maxPeers / 4). */
  readonly peerOverflow?: number;
  /** Below this many peers the node announces itself again (default 10). */
  readonly minPeers?: number;
  /** Peers whose addresses share one IPv4 /24 or IPv6 /48 (default 2; loopback and memory addresses are exempt). */
  readonly maxPeersPerRange?: number;
  /** A new peer is not dropped for its score before this (default 5 min). */
  readonly peerGraceMs?: number;
  /** Probability that a relay replaces a path-folding offer with its own NodeRef (default 0.07). */
  readonly foldResetProbability?: number;
  /** Probability that a relay on a successful request's return path takes its offer as a new peer too (default 0.3). */
  readonly foldTakeProbability?: number;
  /** A full node makes room for a new peer (drops its worst) at most once in this long (default 60 s). */
  readonly replacementIntervalMs?: number;
  /** How long a successful request's tx accepts its PeerOffer (default 60 s) and how many are kept (default 10,000). */
  readonly foldLifetimeMs?: number;
  readonly foldCapacity?: number;
  /** PeerOffers one announcement passes on or acts on (default 8). */
  readonly maxOffersPerAnnounce?: number;
  /** A relay offers itself to an announcer only within this many greedy hops, the announcement's approach (default 4). */
  readonly announceOfferHops?: number;
  /** Invalid NodeRefs after which the peer that sent them is disconnected (default 3). */
  readonly invalidOfferLimit?: number;
  /** Dials in progress at once (default 8). */
  readonly maxPendingDials?: number;
  /** Seeds remembered for reconnecting (default 16). */
  readonly maxSeeds?: number;
  /** Period of the maintenance timer, armed by `join` (default 60 s). */
  readonly maintenanceIntervalMs?: number;
}

export interface OpennetComponents {
  readonly clock: Clock;
  readonly rng: Rng;
  readonly peers: PeerTable;
  /** The node's friends: peers the opennet's rules leave alone (§9.9). */
  readonly friends: FriendSet;
  readonly transport: Transport;
  readonly logger: Logger;
  /** Announces this node toward its own location; resolves with the offers acted on. */
  readonly announce: () => Promise<number>;
  /** Checks the proofs of offered and announced nodes (default `checkIdentityProof`). */
  readonly identityProofs?: IdentityProofChecker | undefined;
}

/** A NodeRef whose proof verified, with what the proof gives. */
export interface VerifiedNode {
  readonly node: NodeRef;
  readonly id: PeerId;
  readonly location: number;
}

export interface JoinOptions {
  /** NodeRefs saved from an earlier run (`knownPeers`), dialled first. */
  readonly peers?: readonly NodeRef[];
  /** Seed multiaddrs, dialled when the saved peers are fewer than `minPeers`. */
  readonly seeds?: readonly string[];
  readonly signal?: AbortSignal | undefined;
  /** Called once the saved peers and seeds are dialled and at least one answered, before announcing. */
  readonly onLinked?: (() => void) | undefined;
}

export interface JoinResult {
  /** Saved peers and seeds connected to. */
  readonly connected: number;
  /** Offers the announcement acted on. */
  readonly offers: number;
}

interface Fold {
  /** Where the offer goes on. */
  readonly upstream: PeerId;
  /** The peer the data came from: only its offer counts. */
  readonly source: PeerId;
}

type Settings = Required<Omit<OpennetInit, 'identity'>>;

function resolveSettings(init: OpennetInit): Settings {
  const maxPeers = init.maxPeers ?? DEFAULT_MAX_PEERS;
  return {
    powDifficulty: init.powDifficulty ?? DEFAULT_POW_DIFFICULTY,
    maxPeers,
    peerOverflow: init.peerOverflow ?? Math.ceil(maxPeers / 4),
    minPeers: init.minPeers ?? Math.min(DEFAULT_MIN_PEERS, maxPeers),
    maxPeersPerRange: init.maxPeersPerRange ?? 2,
    peerGraceMs: init.peerGraceMs ?? 300_000,
    foldResetProbability: init.foldResetProbability ?? 0.07,
    foldTakeProbability: init.foldTakeProbability ?? 0.3,
    replacementIntervalMs: init.replacementIntervalMs ?? 60_000,
    foldLifetimeMs: init.foldLifetimeMs ?? 60_000,
    foldCapacity: init.foldCapacity ?? 10_000,
    maxOffersPerAnnounce: init.maxOffersPerAnnounce ?? 8,
    announceOfferHops: init.announceOfferHops ?? DEFAULT_ANNOUNCE_OFFER_HOPS,
    invalidOfferLimit: init.invalidOfferLimit ?? 3,
    maxPendingDials: init.maxPendingDials ?? 8,
    maxSeeds: init.maxSeeds ?? 16,
    maintenanceIntervalMs: init.maintenanceIntervalMs ?? 60_000,
    ...resolveOfferDials(init),
  };
}

export class Opennet {
  readonly settings: Settings;
  private readonly identity: OpennetInit['identity'];
  private readonly folds: ExpiringMap<bigint, Fold>;
  private readonly invalidOffers = new Map<PeerId, number>();
  private readonly dialling = new Set<PeerId>();
  private readonly offers: OfferDials;
  private seeds: readonly string[] = [];
  private timer: TimerHandle | undefined;
  private announcing = false;
  /** When this node last committed to replacing a peer (§9.5); none yet at the start. */
  private lastReplacementAt = -Infinity;
  /** Aborted when the node stops; made when a dial first needs its signal (aborting one nobody holds would only cost). */
  private stopped: AbortController | undefined;

  constructor(
    private readonly components: OpennetComponents,
    init: OpennetInit,
  ) {
    this.settings = resolveSettings(init);
    this.identity = init.identity;
    this.folds = new ExpiringMap(components.clock, this.settings.foldLifetimeMs, this.settings.foldCapacity);
    this.offers = new OfferDials(components, this.settings);
  }

  /** This node's NodeRef, if it has an identity and addresses to be reached at. */
  ownNode(): NodeRef | undefined {
    const addresses = this.components.transport.addresses.slice(0, MAX_ADDRESSES);
    if (this.identity === undefined || addresses.length === 0) return undefined;
    return { publicKey: this.identity.publicKey, powNonce: this.identity.powNonce, addresses };
  }

  /** The node and its location if its proof verifies at the network's difficulty. */
  verify(node: NodeRef): VerifiedNode | undefined {
    const check = (this.components.identityProofs ?? checkIdentityProof)({ publicKey: node.publicKey, nonce: node.powNonce }, this.settings.powDifficulty);
    return check.valid ? { node, id: toHex(node.publicKey), location: check.location } : undefined;
  }

  /**
   * A verified offer as this node takes it from `from` (§9.8): a node's offer of itself keeps only
   * its addresses at the host its link runs to, and is dropped when none is; any other as it is.
   */
  vetOffer(offered: VerifiedNode, from: PeerId): VerifiedNode | undefined {
    if (offered.id !== from) return offered;
    const addresses = ownAddresses(offered.node, this.components.peers.get(from)?.remoteAddress);
    if (addresses.length === offered.node.addresses.length) return offered;
    this.components.logger.debug(
      { peer: peerText(from), listed: offered.node.addresses.length, kept: addresses.length },
      'self-offer addresses not at its link',
    );
    return addresses.length === 0 ? undefined : { ...offered, node: { ...offered.node, addresses } };
  }

  /** Counts a NodeRef from `from` that did not verify; too many disconnect it. */
  recordInvalidOffer(from: PeerId): void {
    const count = (this.invalidOffers.get(from) ?? 0) + 1;
    this.invalidOffers.set(from, count);
    if (count >= this.settings.invalidOfferLimit) this.components.transport.disconnect(from, 'sent NodeRefs that do not verify');
  }

  /**
   * Whether this node would take `candidate` as a new peer: not itself, not linked or being
   * dialled, its address range not full, and a place for it (`hasPlace`).
   */
  wants(candidate: VerifiedNode): boolean {
    const { peers } = this.components;
    if (candidate.id === this.ownId() || peers.get(candidate.id) !== undefined || this.dialling.has(candidate.id)) return false;
    if (!this.rangeHasRoom(nodeRange(candidate.node.addresses), undefined)) return false;
    return this.hasPlace();
  }

  /** Whether the node is below `maxPeers` opennet peers, counting dials in progress. */
  hasRoom(): boolean {
    return this.opennetPeerCount() + this.dialling.size < this.settings.maxPeers;
  }

  /**
   * Room below `maxPeers`, or else a replacement allowed (§9.5): a peer past its grace period to
   * drop, and no replacement committed to within `replacementIntervalMs`.
   */
  hasPlace(): boolean {
    return this.hasRoom() || this.mayReplace();
  }

  /**
   * Commits the place `hasPlace` found: when it is a replacement, the interval starts again now,
   * so a full node takes at most one new peer an interval. False when there is no place.
   */
  claimPlace(): boolean {
    if (this.hasRoom()) return true;
    if (!this.mayReplace()) return false;
    this.lastReplacementAt = this.components.clock.now();
    return true;
  }

  private mayReplace(): boolean {
    const now = this.components.clock.now();
    if (now - this.lastReplacementAt < this.settings.replacementIntervalMs) return false;
    return worstPeer(this.opennetPeers(), now, this.settings.peerGraceMs) !== undefined;
  }

  /** Dials a saved node if this node wants it; resolves with whether a link to it came up. */
  consider(candidate: VerifiedNode, signal?: AbortSignal): Promise<boolean> {
    return this.dialNode(candidate, candidate.node.addresses, signal, undefined);
  }

  /**
   * Dials a node that `from` offered, if this node wants it, by the rules for offered addresses
   * (§9.8): only the addresses the offering link allows, within the dial budgets, each at most
   * once a window. Resolves with whether a link to the offered node came up.
   */
  considerOffer(candidate: VerifiedNode, from: PeerId): Promise<boolean> {
    if (!this.wants(candidate)) return Promise.resolve(false);
    const link = this.components.peers.get(from);
    const targets = this.offers.targets(candidate.node, link?.remoteAddress ?? link?.node.addresses[0]);
    if (targets.length === 0) {
      this.components.logger.debug({ peer: peerText(from), offered: peerText(candidate.id) }, 'no offered address to dial');
      return Promise.resolve(false);
    }
    return this.dialNode(candidate, targets, undefined, from);
  }

  /**
   * Dials `addresses` in turn until one reaches the candidate (a connection to any other key is
   * closed by the transport); for an offer from `offeredBy`, each dial first takes its budget.
   */
  private async dialNode(
    candidate: VerifiedNode,
    addresses: readonly string[],
    signal: AbortSignal | undefined,
    offeredBy: PeerId | undefined,
  ): Promise<boolean> {
    if (!this.wants(candidate) || this.dialling.size >= this.settings.maxPendingDials || !this.claimPlace()) return false;
    const { logger, transport } = this.components;
    this.dialling.add(candidate.id);
    const dialSignal = this.dialSignal(signal);
    try {
      for (const address of addresses) {
        if (dialSignal.aborted) return false;
        if (offeredBy !== undefined && !this.offers.take(offeredBy)) {
          logger.debug({ peer: peerText(offeredBy), offered: peerText(candidate.id) }, 'offer dial budget spent');
          return false;
        }
        if (offeredBy !== undefined) this.offers.dialling(address);
        try {
          await transport.dial(address, { signal: dialSignal, peer: candidate.id });
          return true;
        } catch (error) {
          logger.debug({ err: error, address, peer: peerText(candidate.id) }, 'could not dial an offered node');
        } finally {
          if (offeredBy !== undefined) this.offers.done(address);
        }
      }
      return false;
    } finally {
      this.dialling.delete(candidate.id);
    }
  }

  /**
   * Applies the limits to a peer that just connected, unless it is a friend: its address range,
   * then the opennet peer count (worst peers past their grace period make room; if they cannot,
   * beyond the overflow the newcomer goes).
   */
  peerConnected(peer: PeerState): void {
    const { friends, transport } = this.components;
    if (friends.has(peer.id)) return;
    if (!this.rangeHasRoom(nodeRange(peer.node.addresses), peer.id)) return transport.disconnect(peer.id, 'too many peers in its address range');
    const remaining = this.opennetPeerCount() - this.dropExcess();
    if (remaining > this.settings.maxPeers + this.settings.peerOverflow) transport.disconnect(peer.id, 'peer limit reached');
  }

  /**
   * Disconnects the worst opennet peers past their grace period until at most `maxPeers` remain,
   * as far as there are such peers; returns how many it disconnected.
   */
  private dropExcess(): number {
    const { clock, transport } = this.components;
    const now = clock.now();
    const grace = this.settings.peerGraceMs;
    // At or below the limit (the usual case) no peer goes: nothing to list or sort.
    if (this.opennetPeerCount() <= this.settings.maxPeers) return 0;
    const open = this.opennetPeers();
    const eligible = open.filter((peer) => now - peer.connectedAt >= grace).sort((a, b) => comparePeers(b, a, now, grace));
    const victims = eligible.slice(0, Math.max(0, open.length - this.settings.maxPeers));
    for (const peer of victims) transport.disconnect(peer.id, 'dropped for the peer limit');
    return victims.length;
  }

  peerDisconnected(id: PeerId): void {
    this.invalidOffers.delete(id);
  }

  /** NodeRefs of the connected opennet peers, best first by the drop rule: what a node saves to rejoin. */
  knownPeers(): NodeRef[] {
    const now = this.components.clock.now();
    return this.opennetPeers()
      .sort((a, b) => comparePeers(a, b, now, this.settings.peerGraceMs))
      .map((peer) => peer.node);
  }

  /** How many connected peers the opennet's rules apply to, counted without listing them. */
  private opennetPeerCount(): number {
    const { peers, friends } = this.components;
    let count = 0;
    for (const peer of peers) if (!friends.has(peer.id)) count++;
    return count;
  }

  /** The connected peers the opennet's rules apply to: all but the friends. */
  private opennetPeers(): PeerState[] {
    const { peers, friends } = this.components;
    return [...peers].filter((peer) => !friends.has(peer.id));
  }

  /** Remembers a request that this node relayed and that succeeded through `route`, so that its PeerOffer can be taken. */
  recordFold(route: Route): void {
    const { upstream, tx } = route.init;
    const source = route.succeededThrough;
    if (source === undefined || upstream === undefined) return;
    this.folds.set(tx, { upstream, source });
  }

  /** The fold for `tx` if `from` is its data source; each fold is taken once. */
  takeFold(tx: bigint, from: PeerId): Fold | undefined {
    const fold = this.folds.get(tx);
    if (fold === undefined || fold.source !== from) return undefined;
    this.folds.delete(tx);
    return fold;
  }

  /** Whether a relay offers itself instead of the node it was offered (path folding's reset). */
  drawReset(): boolean {
    return this.components.rng.next() < this.settings.foldResetProbability;
  }

  /** Whether a relay takes the offer it passes on as a new peer too (destination sampling). */
  drawTake(): boolean {
    return this.components.rng.next() < this.settings.foldTakeProbability;
  }

  /**
   * Joins the opennet: dials saved peers, then (while below `minPeers`) the seeds, announces
   * this node through them, and arms the maintenance timer. Rejects with `NoPeersError` when
   * peers or seeds were given and none could be reached; with none given (the first node of
   * a network) it only arms the timer.
   */
  async join(options: JoinOptions = {}): Promise<JoinResult> {
    const { peers = [], seeds = [], signal } = options;
    this.seeds = seeds.slice(0, this.settings.maxSeeds);
    this.armTimer();
    let connected = 0;
    const candidates = peers.slice(0, this.settings.maxPeers).flatMap((node) => this.verify(node) ?? []);
    // In batches of `maxPendingDials`, so that unreachable saved peers cost one dial timeout per batch.
    for (let start = 0; start < candidates.length; start += this.settings.maxPendingDials) {
      signal?.throwIfAborted();
      const batch = candidates.slice(start, start + this.settings.maxPendingDials);
      connected += (await Promise.all(batch.map((candidate) => this.consider(candidate, signal)))).filter(Boolean).length;
    }
    if (this.opennetPeerCount() < this.settings.minPeers) connected += await this.dialSeeds(signal);
    signal?.throwIfAborted();
    const tried = peers.length + this.seeds.length;
    const linked = this.opennetPeerCount();
    if (linked === 0 && tried > 0) throw new NoPeersError(tried);
    if (linked > 0) options.onLinked?.();
    return { connected, offers: await this.announce() };
  }

  /** Cancels the maintenance timer and dials in progress. */
  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.stopped?.abort();
    this.stopped = undefined;
  }

  /** Announces unless an announcement of this node is already in flight; resolves with the offers acted on. */
  private async announce(): Promise<number> {
    if (this.announcing) return 0;
    this.announcing = true;
    try {
      return await this.components.announce();
    } finally {
      this.announcing = false;
    }
  }

  /** Dials every seed at once (there are at most `maxSeeds`); resolves with how many answered. */
  private async dialSeeds(signal: AbortSignal | undefined): Promise<number> {
    const dialSignal = this.dialSignal(signal);
    const dials = this.seeds.map(async (address) => {
      try {
        await this.components.transport.dial(address, { signal: dialSignal });
        return true;
      } catch (error) {
        this.components.logger.info({ err: error, address }, 'could not reach a seed');
        return false;
      }
    });
    return (await Promise.all(dials)).filter(Boolean).length;
  }

  /** Dials end when the node stops, and when the caller's signal fires. */
  private dialSignal(signal: AbortSignal | undefined): AbortSignal {
    this.stopped ??= new AbortController();
    return signal === undefined ? this.stopped.signal : AbortSignal.any([this.stopped.signal, signal]);
  }

  /** One maintenance round: back to the limit, then seeds if no opennet peer is left, then an announcement if short of them. */
  private async maintain(): Promise<void> {
    this.dropExcess();
    if (this.opennetPeerCount() >= this.settings.minPeers) return;
    if (this.opennetPeerCount() === 0) await this.dialSeeds(undefined);
    if (this.opennetPeerCount() > 0) await this.announce();
  }

  private armTimer(): void {
    if (this.timer !== undefined) return;
    this.timer = this.components.clock.setTimer(this.settings.maintenanceIntervalMs, () => {
      this.timer = undefined;
      this.armTimer();
      this.maintain().catch((error: unknown) => this.components.logger.warn({ err: error }, 'opennet maintenance failed'));
    });
  }

  private rangeHasRoom(range: string | undefined, except: PeerId | undefined): boolean {
    if (range === undefined) return true;
    let count = 0;
    const { peers, friends } = this.components;
    for (const peer of peers) if (!friends.has(peer.id) && peer.id !== except && nodeRange(peer.node.addresses) === range) count++;
    return count < this.settings.maxPeersPerRange;
  }

  private ownId(): PeerId | undefined {
    return this.identity === undefined ? undefined : toHex(this.identity.publicKey);
  }
}

/**
 * One request or insert as this node routes it (spec/routing.md §3): try the closest
 * peer not yet tried, wait a step for it to take the request or insert on (RequestAccepted,
 * InsertAccepted) and then the hop for its answer, back up to the next one on RouteNotFound,
 * RejectedLoop, RejectedOverload, a timeout, an invalid block or a disconnect, and end
 * with one outcome. Requests, inserts and announcements (node/opennet-handlers.ts) differ only in
 * the message sent and in which replies end them. A timeout, an invalid block or the peer's own
 * (local) overload backs the peer off; any other answer ends its backoff (peers.ts).
 *
 *   TransactionTable ──start/onReply/onPeerDisconnected──> Route ──finish(outcome)──> its owner
 *   Route ──closestTo/backOff/record*──> PeerTable;  ──send──> Outbox ──> Transport;  ──setTimer──> Clock
 *
 * At `debug` it logs each decision with the tx, key and peer (log-fields.ts): the peer chosen (its
 * location and distance to the key, the HTL sent, which attempt: above 1 is backtracking), each
 * reply, a timeout or disconnect, and why it stopped trying.
 */
import { equalBytes } from '../protocol/crypto.js';
import { isValidBlock } from '../protocol/keys/block.js';
import type { ChkFormat } from '../protocol/keys/chk.js';
import type { KeyType, NodeRef, WireMessage } from '../protocol/wire/messages.js';
import { circularDistance } from '../protocol/location.js';
import type { Clock, Logger, TimerHandle } from './components.js';
import { decrementHtl, mixes } from './htl.js';
import { enabled, type RequestFields, requestFields } from './log-fields.js';
import type { PeerState, PeerTable } from './peers.js';
import type { PeerId, Transport } from './transport.js';

export type RouteOutcome =
  | { readonly type: 'found'; readonly block: Uint8Array }
  | { readonly type: 'stored' }
  | { readonly type: 'collision'; readonly existingBlock: Uint8Array }
  /** Hops to live ran out on a request: the search is over. */
  | { readonly type: 'dataNotFound' }
  /** Every peer was tried, or the time budget ran out, with `htl` left. */
  | { readonly type: 'routeNotFound'; readonly htl: number; readonly timedOut: boolean };

/** What the local user is told while a route runs. */
export type RouteProgress = { readonly type: 'sent'; readonly htl: number } | { readonly type: 'reply'; readonly reply: WireMessage['type'] };

export interface RouteInit {
  readonly tx: bigint;
  readonly kind: 'request' | 'insert' | 'announce';
  readonly keyType: KeyType;
  /** The key routed to; for an announcement, the announcing node's public key (never sent as a key). */
  readonly routingKey: Uint8Array;
  readonly keyLocation: number;
  /** HTL this node holds the request at (as received, or MAX_HTL at the originator). */
  readonly htl: number;
  /** The peer it came from; undefined at the originator. */
  readonly upstream: PeerId | undefined;
  /** The block being inserted: sent to a peer once it accepts the insert. */
  readonly block?: Uint8Array | undefined;
  /** The node an announcement announces. */
  readonly announced?: NodeRef | undefined;
  /** Peers never routed to: for an announcement, its announcer (if linked here) and the node's friends. */
  readonly avoid?: ((peer: PeerId) => boolean) | undefined;
  /** Told of each PeerOffer the awaited peer sends for an announcement, before its terminal reply. */
  readonly onOffer?: ((from: PeerId, offer: NodeRef) => void) | undefined;
  /** Clock time by which the route must end. */
  readonly deadline: number;
  /** Time allowed for one hop's answer, as a function of the HTL sent with it. */
  readonly hopTimeoutMs: (htl: number) => number;
  readonly onProgress?: ((progress: RouteProgress) => void) | undefined;
}

export interface RouteComponents {
  readonly clock: Clock;
  /** The node's `route` logger. */
  readonly logger: Logger;
  readonly peers: PeerTable;
  /** Sends the route's messages, paced by each peer's send queue (the node's Outbox); false when dropped. */
  readonly sender: Pick<Transport, 'send'>;
  /** Called when a peer sent a block that does not verify and has now sent too many. */
  readonly dropPeer: (peer: PeerState, reason: string) => void;
  /** The CHK block length blocks are verified against (the node's setting). */
  readonly chkFormat: ChkFormat;
  /**
   * How long a peer may take to take a request or insert on (RequestAccepted, InsertAccepted): a peer
   * that takes them in silence is passed over after this, not after the hop timeout. The hop timeout
   * runs from the acceptance (for an insert, from its block's sending).
   */
  readonly stepTimeoutMs: number;
  /** This node's location, for telling whether it sits in a key's neighbourhood. */
  readonly location: number;
  /** See NodeSettings: how far a key's neighbourhood reaches, in units of the local spacing of nodes. */
  readonly neighbourhoodSpan: number;
  /** See NodeSettings: unverifiable ends a route in the neighbourhood doubts. */
  readonly maxDoubts: number;
}

/** The share of its remaining time a node holding the maximum HTL gives a peer that took its request on, when it mixes. */
const MIXING_WAIT_SHARE = 0.75;

interface Attempt {
  readonly peer: PeerState;
  /** HTL sent to the peer. */
  readonly htl: number;
  timer: TimerHandle;
  /** An insert's block went to the peer (once it accepted): sent at most once. */
  blockSent: boolean;
  /** The peer took the request on (RequestAccepted): its hop timeout runs. */
  accepted: boolean;
}

/** What a reply carries that says where the route stands: the HTL left, an insert's outcome. */
function replyFields(reply: WireMessage): object {
  if (reply.type === 'routeNotFound') return { htl: reply.htl };
  if (reply.type === 'insertReply') return { outcome: reply.outcome };
  return {};
}

export class Route {
  private htl: number;
  private readonly tried = new Set<PeerId>();
  private attempt: Attempt | undefined;
  private ended = false;
  /**
   * Peers that answered after receiving the insert's block: it is held by at least one node.
   * (A peer that refused before accepting, for a loop or overload, never had it.)
   */
  private answeredBy = 0;
  /** Peers that answered RejectedLoop: the tx had reached them already (its originator, or a node it passed); made at the first. */
  private loopedPeers: Set<PeerId> | undefined;
  private sawOverload = false;
  /** Unverifiable ends doubted so far (spec/routing.md §10). */
  private doubts = 0;
  /** The DataNotFound the route falls back on when its doubts lead nowhere. */
  private doubted: { readonly type: 'dataNotFound' } | undefined;
  /** The peer whose answer the route succeeded with: the way back to the data source. */
  private succeededWith: PeerId | undefined;
  /** The logger when it writes `debug` lines, else undefined (`this.trace?.debug(…)` then builds nothing). */
  private readonly trace: Logger | undefined;
  /** Peers the route may not try (made once: the peer table asks it of every peer at each hop). */
  private readonly excluded = (id: PeerId): boolean => this.tried.has(id) || id === this.init.upstream || this.init.avoid?.(id) === true;
  /** The callback of every attempt's timer (an attempt's timer is cancelled before the next one starts). */
  private readonly timedOut = (): void => this.onTimeout();

  constructor(
    private readonly components: RouteComponents,
    readonly init: RouteInit,
    private readonly onFinish: (outcome: RouteOutcome, route: Route) => void,
  ) {
    this.htl = init.htl;
    this.trace = enabled(components.logger, 'debug');
  }

  get finished(): boolean {
    return this.ended;
  }

  /** HTL this route still holds. */
  get currentHtl(): number {
    return this.htl;
  }

  get answered(): boolean {
    return this.answeredBy > 0;
  }

  /** Whether `peer` answered RejectedLoop: it had this tx already. */
  looped(peer: PeerId): boolean {
    return this.loopedPeers?.has(peer) === true;
  }

  get overloaded(): boolean {
    return this.sawOverload;
  }

  /** Whether the route doubted an unverifiable end (spec/routing.md §10). */
  get doubtedAny(): boolean {
    return this.doubts > 0;
  }

  /** Whether the route mixed: it held the maximum HTL under a mixing design, so its peers were drawn at random (spec/routing.md §2). */
  get mixed(): boolean {
    return mixes(this.init.htl, this.components.peers.htlPolicy);
  }

  get succeededThrough(): PeerId | undefined {
    return this.succeededWith;
  }

  hasTried(peer: PeerId): boolean {
    return this.tried.has(peer);
  }

  start(): void {
    this.tryNextPeer();
  }

  /** Ends the route without an outcome (its only waiter gave up); later replies are ignored. */
  cancel(): void {
    this.clearAttempt();
    this.ended = true;
  }

  onReply(from: PeerId, reply: WireMessage): void {
    const attempt = this.attempt;
    if (this.ended || attempt === undefined || attempt.peer.id !== from) return;
    if (reply.type === 'peerOffer') {
      // Offers precede an announcement's terminal reply; for other routes they are not answers.
      if (this.init.kind === 'announce') this.init.onOffer?.(from, reply.node);
      return;
    }
    if (reply.type === 'insertAccepted') {
      // The peer takes the insert on: its block follows, and the attempt waits for the outcome.
      if (this.init.kind === 'insert' && !attempt.blockSent) this.sendBlock(attempt);
      return;
    }
    if (reply.type === 'requestAccepted') {
      // The peer takes the request on: it now has the hop's whole time to answer.
      if (this.init.kind === 'request' && !attempt.accepted) this.acceptedBy(attempt);
      return;
    }
    this.trace?.debug({ ...this.fields(from), ...replyFields(reply) }, `reply ${reply.type}`);
    this.clearAttempt();
    if (attempt.blockSent) this.answeredBy++;
    this.init.onProgress?.({ type: 'reply', reply: reply.type });
    const { peer } = attempt;
    // Any answer but the peer's own overload shows it serving: a backoff of it ends (spec/routing.md §8.3).
    if (reply.type !== 'rejectedOverload' || !reply.local) this.components.peers.recordAnswer(peer);
    switch (reply.type) {
      case 'dataFound':
        if (this.init.kind === 'request' && this.acceptBlock(peer, reply.block)) return this.succeed(peer, { type: 'found', block: reply.block });
        return this.tryNextPeer();
      case 'dataNotFound':
        if (this.init.kind === 'insert') return this.tryNextPeer();
        this.doubted ??= { type: 'dataNotFound' };
        // Only a request doubts (spec/routing.md §10): an announcement ends in DataNotFound by design.
        if (this.init.kind === 'request' && this.doubt(peer)) return this.tryNextPeer();
        return this.finish({ type: 'dataNotFound' });
      case 'routeNotFound':
        this.htl = Math.min(this.htl, reply.htl);
        return this.tryNextPeer();
      case 'rejectedOverload':
        // The peer's own overload backs it off; one it relays from further on ends only this attempt.
        peer.stats.overloads++;
        this.sawOverload = true;
        if (reply.local) this.components.peers.backOff(peer);
        return this.tryNextPeer();
      case 'insertReply':
        if (this.init.kind !== 'insert') return this.tryNextPeer();
        if (reply.outcome === 'stored') return this.succeed(peer, { type: 'stored' });
        if (reply.outcome === 'collision' && this.acceptBlock(peer, reply.existingBlock)) {
          const same = equalBytes(reply.existingBlock, this.init.block!);
          return this.succeed(peer, same ? { type: 'stored' } : { type: 'collision', existingBlock: reply.existingBlock });
        }
        if (reply.outcome === 'invalidBlock') this.penalise(peer, 'refused a block that verifies');
        return this.tryNextPeer();
      case 'rejectedLoop':
        this.loopedPeers ??= new Set();
        this.loopedPeers.add(peer.id);
        return this.tryNextPeer();
      default:
        // A message that does not answer a request: try elsewhere.
        return this.tryNextPeer();
    }
  }

  onPeerDisconnected(peer: PeerId): void {
    if (this.ended || this.attempt?.peer.id !== peer) return;
    this.trace?.debug(this.fields(peer), 'the peer awaited disconnected');
    this.clearAttempt();
    this.tryNextPeer();
  }

  private tryNextPeer(): void {
    if (this.ended) return;
    const { peers, sender } = this.components;
    const { init } = this;
    if (this.remainingMs() <= 0) {
      this.trace?.debug({ ...this.fields(), htl: this.htl, tried: this.tried.size }, 'time is up: no more peers tried');
      return this.finish({ type: 'routeNotFound', htl: this.htl, timedOut: true });
    }
    // At the maximum HTL a route may mix: its next hop is then drawn at random (htl.ts).
    const peer = mixes(this.htl, peers.htlPolicy) ? peers.anyPeer(this.excluded) : peers.closestTo(init.keyLocation, this.excluded);
    if (peer === undefined) {
      this.trace?.debug({ ...this.fields(), htl: this.htl, tried: this.tried.size }, 'no peer left to try');
      return this.finish(this.doubted ?? { type: 'routeNotFound', htl: this.htl, timedOut: false });
    }
    const htl = decrementHtl(this.htl, peer.link);
    if (htl === 0) {
      this.trace?.debug({ ...this.fields(), htl: this.htl }, 'hops to live used up here');
      return this.finish(init.kind === 'insert' ? { type: 'stored' } : { type: 'dataNotFound' });
    }
    this.tried.add(peer.id);
    const body: WireMessage =
      init.kind === 'request'
        ? { type: 'dataRequest', keyType: init.keyType, routingKey: init.routingKey, htl }
        : init.kind === 'insert'
          ? { type: 'insertRequest', keyType: init.keyType, routingKey: init.routingKey, htl }
          : { type: 'announce', node: init.announced!, htl };
    if (!sender.send(peer.id, { tx: init.tx, body })) {
      this.trace?.debug(this.fields(peer.id), "the peer's send queue is full: skipped");
      return this.tryNextPeer();
    }
    peer.inFlight++;
    peer.stats.requestsSent++;
    // A request or insert waits a step for the peer to take it on; an announcement, the hop.
    const waitMs = init.kind === 'announce' ? init.hopTimeoutMs(htl) : this.components.stepTimeoutMs;
    this.attempt = { peer, htl, timer: this.startTimer(waitMs), blockSent: false, accepted: false };
    this.trace?.debug(
      {
        ...this.fields(peer.id),
        htl,
        attempt: this.tried.size,
        peerLocation: Number(peer.location.toFixed(6)),
        distance: Number(circularDistance(peer.location, init.keyLocation).toFixed(6)),
      },
      `${this.tried.size > 1 ? 'backtracking: ' : ''}sent ${body.type}`,
    );
    init.onProgress?.({ type: 'sent', htl });
  }

  /**
   * Sends an insert's block to the peer that accepted it, which then has the hop's whole time
   * to answer; if the peer's send queue drops the block, tries the next peer.
   */
  private sendBlock(attempt: Attempt): void {
    attempt.blockSent = true;
    if (!this.components.sender.send(attempt.peer.id, { tx: this.init.tx, body: { type: 'insertData', block: this.init.block! } })) {
      this.clearAttempt();
      return this.tryNextPeer();
    }
    attempt.peer.stats.insertBlocksSent++;
    this.trace?.debug(this.fields(attempt.peer.id), 'insert accepted: sent insertData');
    attempt.timer.cancel();
    attempt.timer = this.startTimer(this.init.hopTimeoutMs(attempt.htl));
  }

  /** The awaited peer took the request on: the step's timer gives way to the hop's. */
  private acceptedBy(attempt: Attempt): void {
    attempt.accepted = true;
    attempt.timer.cancel();
    // A mixing node keeps part of its time for another peer: every node of the chain at the maximum HTL
    // has about the same deadline, so one that waited on a silent peer to the end would leave none.
    const mixing = mixes(this.htl, this.components.peers.htlPolicy);
    const waitMs = this.init.hopTimeoutMs(attempt.htl);
    attempt.timer = this.startTimer(mixing ? Math.min(waitMs, this.remainingMs() * MIXING_WAIT_SHARE) : waitMs);
  }

  /** The attempt's timer: `waitMs`, or what is left of the route's time if that is less. */
  private startTimer(waitMs: number): TimerHandle {
    return this.components.clock.setTimer(Math.min(waitMs, this.remainingMs()), this.timedOut);
  }

  private remainingMs(): number {
    return this.init.deadline - this.components.clock.now();
  }

  private onTimeout(): void {
    const attempt = this.attempt;
    if (attempt === undefined) return;
    this.attempt = undefined;
    const waited = this.init.kind === 'announce' || attempt.accepted || attempt.blockSent ? 'no reply in time' : 'not taken on in time';
    this.trace?.debug({ ...this.fields(attempt.peer.id), htl: attempt.htl }, `${waited}: backing off the peer`);
    attempt.peer.inFlight--;
    attempt.peer.stats.timeouts++;
    this.components.peers.backOff(attempt.peer);
    this.tryNextPeer();
  }

  /**
   * Whether to doubt a DataNotFound from `peer` and try the next peer (spec/routing.md §10): it
   * cannot be checked, and a peer that minted its way next to a key could send it for every
   * request of that key. A node with the key in its neighbourhood doubts up to `maxDoubts` of
   * them a route; elsewhere, and beyond that, they stand.
   */
  private doubt(peer: PeerState): boolean {
    const { peers, location, neighbourhoodSpan, maxDoubts } = this.components;
    if (this.doubts >= maxDoubts || !peers.isNeighbourhood(location, this.init.keyLocation, neighbourhoodSpan)) return false;
    this.doubts++;
    this.trace?.debug({ ...this.fields(peer.id), doubts: this.doubts }, "in the key's neighbourhood: doubting the answer, trying the next peer");
    return true;
  }

  /** Verifies a block a peer returned; an invalid one penalises the peer. */
  private acceptBlock(peer: PeerState, block: Uint8Array): boolean {
    if (isValidBlock(this.init.routingKey, block, this.components.chkFormat)) return true;
    this.penalise(peer, 'returned a block that does not verify');
    return false;
  }

  private penalise(peer: PeerState, reason: string): void {
    enabled(this.components.logger, 'warn')?.warn({ ...this.fields(peer.id), reason }, 'invalid block from a peer');
    if (this.components.peers.recordInvalidBlock(peer)) this.components.dropPeer(peer, reason);
  }

  /** The line's tx, key and peer: by default the one the route came from (the tx as a whole). */
  private fields(peer: PeerId | undefined = this.init.upstream): RequestFields {
    return requestFields(this.init.tx, this.init.routingKey, peer);
  }

  private succeed(peer: PeerState, outcome: RouteOutcome): void {
    this.components.peers.recordSuccess(peer);
    this.succeededWith = peer.id;
    this.finish(outcome);
  }

  private clearAttempt(): void {
    if (this.attempt === undefined) return;
    this.attempt.timer.cancel();
    this.attempt.peer.inFlight--;
    this.attempt = undefined;
  }

  private finish(outcome: RouteOutcome): void {
    if (this.ended) return;
    this.clearAttempt();
    this.ended = true;
    this.onFinish(outcome, this);
  }
}

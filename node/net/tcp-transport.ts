/**
 * The Transport (node/transport.ts) over TCP: @libp2p/tcp, Noise XX and our frames (spec/wire.md §10).
 *
 *   libp2p.ts   TCP sockets and the Noise handshake, standalone    link.ts     one connection: Hello, frames
 *   stream.ts   MessageStream ⇄ frames, bounded send queue         attempt.ts  handshake deadline and aborts
 *   events.ts   handler calls, in order, never re-entrant          config.ts   settings and their defaults
 *
 * A connection, in or out:  TCP ─> Noise XX ─> Hello both ways ─> verified ─> kept, or closed
 * This file holds the policy: the connection bounds, one link per peer (§10.3), slow readers, stop.
 * A range that opens connections beyond its budget has them closed as soon as they are accepted
 * (accept-budget.ts). An accepted connection holds a handshake slot (handshake-slots.ts: bounded in all and per address
 * range, the oldest evicted at random for newcomers) until its Hello is verified or it closes: peers
 * that stall or fail handshakes hold a slot for at most the handshake timeout, never keep a newcomer
 * out, and cost at most one Noise handshake and one proof check each (§10.6). A dial that expects a
 * node (`DialOptions.peer`) is closed right after Noise if another key answered; in darknet mode
 * (`admission`), so is any link, in or out, to a node that is not a friend.
 */
import '../polyfills.js';
import type { Listener, MessageStream, MultiaddrConnection } from '@libp2p/interface';
import { compareBytes, toHex } from '../../protocol/bytes.js';
import type { NodeIdentity } from '../../protocol/identity.js';
import { encodeEnvelopeFrameSegments, MAX_ADDRESS_LENGTH, MAX_ADDRESSES, type Envelope, type NodeRef } from '../../protocol/wire/index.js';
import { CryptoRng, type Clock, type Logger, type Rng } from '../components.js';
import type { PeerAdmission } from '../friends.js';
import { peerText } from '../log-fields.js';
import { ipRange } from '../ip-address.js';
import type { ConnectedPeer, DialOptions, PeerId, SendQueue, Transport, TransportHandlers } from '../transport.js';
import { AcceptBudget } from './accept-budget.js';
import { Attempt } from './attempt.js';
import { resolveTcpTransportInit, type TcpTransportConfig, type TcpTransportInit } from './config.js';
import { ConnectionLimitError, HandshakeLimitError, NotAFriendError, SelfDialError, TransportNotStartedError, UnexpectedPeerError } from './errors.js';
import { EventQueue } from './events.js';
import { HandshakeSlots } from './handshake-slots.js';
import { createNoise, createTcpSockets, type NoiseHandshake, type TcpSockets } from './libp2p.js';
import { Link } from './link.js';
import { onStreamClose } from './stream.js';

/** Address ranges whose accept budget is remembered at once (accept-budget.ts). */
const MAX_ACCEPT_RANGES = 4096;

export interface TcpTransportComponents {
  readonly identity: NodeIdentity;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Hello transaction ids; operating-system randomness by default. */
  readonly rng?: Rng;
  /**
   * Darknet mode (node/friends.ts): asked right after the Noise handshake, in and out; a node it
   * does not admit has its connection closed before Hello (`NotAFriendError`). Default: anyone.
   */
  readonly admission?: PeerAdmission;
}

interface PeerEntry {
  readonly peer: ConnectedPeer;
  /** The one link kept for the peer; another may replace it (§10.3) without the node noticing. */
  link: Link;
  /** Addresses dialled that led to this peer: dialling one again returns the peer. */
  readonly dialled: Set<string>;
}

interface Running {
  readonly events: EventQueue;
  readonly listeners: Listener[];
  readonly addresses: string[];
  hello: NodeRef;
}

export class TcpTransport implements Transport {
  readonly #identity: NodeIdentity;
  readonly #id: PeerId;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #rng: Rng;
  readonly #admission: PeerAdmission | undefined;
  readonly #config: TcpTransportConfig;
  readonly #sockets: TcpSockets;
  readonly #noise: NoiseHandshake;
  #running: Running | undefined;
  /** Still delivers the disconnections `stop` raises. */
  #events: EventQueue | undefined;
  readonly #peers = new Map<PeerId, PeerEntry>();
  readonly #dialled = new Map<string, PeerId>();
  /** Outbound links past Noise whose Hello is not verified yet: at most one per peer. */
  readonly #pendingOutbound = new Map<PeerId, Link>();
  /** Raw connections open in any state; with dials still connecting, what `maxConnections` bounds. */
  readonly #connections = new Set<MultiaddrConnection>();
  #connecting = 0;
  /** Accepted connections not yet verified. */
  readonly #slots: HandshakeSlots;
  readonly #attempts = new Set<Attempt>();
  #refusedAccepts = 0;

  constructor(components: TcpTransportComponents, init: TcpTransportInit) {
    this.#identity = components.identity;
    this.#id = toHex(components.identity.publicKey);
    this.#clock = components.clock;
    this.#logger = components.logger;
    this.#rng = components.rng ?? new CryptoRng();
    this.#admission = components.admission;
    this.#config = resolveTcpTransportInit(init);
    this.#slots = new HandshakeSlots(this.#rng, { maxPending: this.#config.maxPendingHandshakes, maxPerRange: this.#config.maxPendingHandshakesPerRange });
    const accepts = new AcceptBudget(this.#clock, {
      ratePerSecond: this.#config.acceptsPerRangePerSecond,
      burst: this.#config.acceptBurstPerRange,
      maxRanges: MAX_ACCEPT_RANGES,
    });
    this.#sockets = createTcpSockets({
      idleTimeoutMs: this.#config.idleTimeoutMs,
      admit: (remoteHost) => {
        if (accepts.admit(ipRange(remoteHost) ?? remoteHost)) return true;
        this.#refusedAccepts++;
        return false;
      },
      onInbound: (connection) => this.#accept(connection),
    });
    this.#noise = createNoise(components.identity);
  }

  get addresses(): readonly string[] {
    return this.#running?.addresses ?? [];
  }

  /** Connections closed as soon as accepted because their address range had spent its accept budget. */
  get refusedAccepts(): number {
    return this.#refusedAccepts;
  }

  /** Accepted connections not yet verified: at most `maxPendingHandshakes`. */
  get pendingHandshakes(): number {
    return this.#slots.size;
  }

  async start(handlers: TransportHandlers): Promise<void> {
    if (this.#running !== undefined) throw new Error('the transport is already started');
    const events = new EventQueue(handlers, this.#logger);
    const running: Running = { events, listeners: [], addresses: [], hello: this.#nodeRef([]) };
    this.#running = running;
    this.#events = events;
    try {
      for (const address of this.#config.listen) {
        running.listeners.push(await this.#sockets.listen(this.#sockets.parse(address)));
      }
    } catch (error) {
      await this.stop();
      throw error;
    }
    running.addresses.push(...running.listeners.flatMap((listener) => listener.getAddrs().map(String)));
    running.hello = this.#nodeRef(running.addresses);
    this.#logger.info({ addresses: running.addresses }, 'listening');
  }

  async stop(): Promise<void> {
    const running = this.#running;
    if (running === undefined) return;
    this.#running = undefined;
    const stopped = new TransportNotStartedError();
    for (const attempt of this.#attempts) attempt.abort(stopped);
    for (const entry of [...this.#peers.values()]) this.#remove(entry, 'transport stopped');
    for (const connection of [...this.#connections]) connection.abort(stopped);
    // Disconnections are delivered (a microtask) before the listeners finish closing.
    await Promise.all(running.listeners.map((listener) => listener.close()));
  }

  async dial(address: string, options: DialOptions = {}): Promise<ConnectedPeer> {
    options.signal?.throwIfAborted();
    const running = this.#running;
    if (running === undefined) throw new TransportNotStartedError();
    const target = this.#sockets.parse(address);
    const key = target.toString();
    if (running.addresses.includes(key)) throw new SelfDialError();
    const known = this.#peers.get(this.#dialled.get(key) ?? '');
    if (known !== undefined && options.peer !== undefined && known.peer.id !== options.peer) throw new UnexpectedPeerError(key);
    if (known !== undefined) return known.peer;
    if (this.#connectionCount() >= this.#config.maxConnections) throw new ConnectionLimitError(this.#config.maxConnections);

    const attempt = this.#attempt(this.#config.dialTimeoutMs, options.signal);
    try {
      this.#connecting++;
      let connection: MultiaddrConnection;
      try {
        connection = await this.#sockets.dial(target, attempt.signal);
      } catch (cause) {
        throw attempt.failure(cause, `could not connect to ${key}`);
      } finally {
        this.#connecting--;
      }
      const peer = await this.#handshake(connection, attempt, { outbound: true, expected: options.peer });
      const entry = this.#peers.get(peer.id);
      if (entry !== undefined) {
        entry.dialled.add(key);
        this.#dialled.set(key, peer.id);
      }
      return peer;
    } finally {
      this.#endAttempt(attempt);
    }
  }

  send(peerId: PeerId, envelope: Envelope): boolean {
    const entry = this.#peers.get(peerId);
    if (entry === undefined) return false;
    if (entry.link.send(encodeEnvelopeFrameSegments(envelope))) return true;
    const reason = `slow reader: more than ${this.#config.sendQueueBytes} bytes waiting to be sent`;
    this.#remove(entry, reason);
    entry.link.abort(reason);
    return false;
  }

  sendQueue(peerId: PeerId): SendQueue | undefined {
    const entry = this.#peers.get(peerId);
    return entry === undefined ? undefined : { queuedBytes: entry.link.queuedBytes, maxBytes: this.#config.sendQueueBytes };
  }

  disconnect(peerId: PeerId, reason: string): void {
    const entry = this.#peers.get(peerId);
    if (entry === undefined) return;
    this.#remove(entry, reason);
    entry.link.close(reason);
  }

  #connectionCount(): number {
    return this.#connections.size + this.#connecting;
  }

  #attempt(timeoutMs: number, signal: AbortSignal | undefined): Attempt {
    const attempt = new Attempt(this.#clock, timeoutMs, signal);
    this.#attempts.add(attempt);
    return attempt;
  }

  #endAttempt(attempt: Attempt): void {
    attempt.end();
    this.#attempts.delete(attempt);
  }

  #accept(connection: MultiaddrConnection): void {
    const address = connection.remoteAddr.toString();
    if (this.#running === undefined) {
      connection.abort(new TransportNotStartedError());
      return;
    }
    // At the connection bound, a handshake in progress makes room if there is one.
    const { maxConnections } = this.#config;
    if (this.#connectionCount() >= maxConnections && this.#slots.evictOne() === undefined) {
      const refusal = new ConnectionLimitError(maxConnections);
      this.#logger.info({ address, code: refusal.code, reason: refusal.message }, 'inbound connection refused: no free connection slot');
      connection.abort(refusal);
      return;
    }
    const attempt = this.#attempt(this.#config.handshakeTimeoutMs, undefined);
    const range = ipRange(address) ?? address;
    const { slot } = this.#slots.take(range, () => {
      const eviction = new HandshakeLimitError(range);
      this.#logger.info({ address, code: eviction.code, reason: eviction.message }, 'handshake in progress evicted');
      attempt.abort(eviction);
    });
    this.#handshake(connection, attempt, { outbound: false })
      .then(
        () => undefined,
        (error: Error) => this.#logger.debug({ address, reason: error.message }, 'inbound connection not kept'),
      )
      .finally(() => {
        this.#endAttempt(attempt);
        this.#slots.release(slot);
      });
  }

  /** Noise, then the Hello exchange; resolves with the peer the connection ended up serving. */
  async #handshake(connection: MultiaddrConnection, attempt: Attempt, side: { outbound: boolean; expected?: PeerId | undefined }): Promise<ConnectedPeer> {
    const { outbound, expected } = side;
    this.#connections.add(connection);
    onStreamClose(connection, () => this.#connections.delete(connection));
    let secured: Awaited<ReturnType<NoiseHandshake>>;
    try {
      secured = await this.#noise(connection, outbound, attempt.signal);
    } catch (cause) {
      connection.abort(cause instanceof Error ? cause : new Error(String(cause)));
      throw attempt.failure(cause, 'Noise handshake failed');
    }
    const id = toHex(secured.remotePublicKey);
    if (id === this.#id) {
      secured.stream.abort(new SelfDialError());
      throw new SelfDialError();
    }
    if (this.#admission !== undefined && !this.#admission.admits(id)) {
      const stranger = new NotAFriendError();
      this.#logger.info({ peer: peerText(id), outbound, code: stranger.code }, 'link refused: not a friend');
      secured.stream.abort(stranger);
      throw stranger;
    }
    if (expected !== undefined && id !== expected) {
      const unexpected = new UnexpectedPeerError(connection.remoteAddr.toString());
      secured.stream.abort(unexpected);
      throw unexpected;
    }
    // One outbound link per peer: a second one closes before its Hello and follows the first.
    const existing = outbound ? this.#outboundTo(id) : undefined;
    if (existing !== undefined) {
      secured.stream.abort(new Error('already connected to this peer'));
      return attempt.race(existing instanceof Link ? existing.outcome : Promise.resolve(existing));
    }
    const link = this.#link(secured.stream, secured.remotePublicKey, outbound, connection.remoteAddr.toString());
    if (outbound) this.#pendingOutbound.set(id, link);
    attempt.signal.addEventListener('abort', () => link.abort(`handshake aborted: ${reasonOf(attempt.signal.reason)}`), {
      once: true,
    });
    return attempt.race(link.outcome);
  }

  #outboundTo(id: PeerId): Link | ConnectedPeer | undefined {
    const entry = this.#peers.get(id);
    return this.#pendingOutbound.get(id) ?? (entry?.link.outbound === true ? entry.peer : undefined);
  }

  #link(stream: MessageStream, remotePublicKey: Uint8Array, outbound: boolean, remoteAddress: string): Link {
    return new Link({
      stream,
      remotePublicKey,
      outbound,
      remoteAddress,
      hello: { tx: this.#rng.nextU64(), body: { type: 'hello', node: this.#running!.hello } },
      powDifficulty: this.#config.powDifficulty,
      sendQueueBytes: this.#config.sendQueueBytes,
      closeTimeoutMs: this.#config.closeTimeoutMs,
      clock: this.#clock,
      verified: (link, peer) => this.#verified(link, peer),
      message: (link, envelope) => {
        if (this.#peers.get(link.id)?.link === link) this.#running?.events.push({ type: 'message', args: [link.id, envelope] });
      },
      drained: (link) => {
        if (this.#peers.get(link.id)?.link === link) this.#running?.events.push({ type: 'drained', args: [link.id] });
      },
      closed: (link, reason) => this.#closed(link, reason),
    });
  }

  #verified(link: Link, peer: ConnectedPeer): void {
    if (this.#pendingOutbound.get(link.id) === link) this.#pendingOutbound.delete(link.id);
    const entry = this.#peers.get(link.id);
    if (entry === undefined) {
      this.#peers.set(link.id, { peer, link, dialled: new Set() });
      this.#logger.debug({ peer: peerText(link.id), outbound: link.outbound }, 'peer connected');
      this.#running?.events.push({ type: 'peerConnected', args: [peer] });
      link.settle(peer);
      return;
    }
    if (this.#keepsExisting(entry.link, link)) {
      link.close('duplicate link: the peer is connected over another');
    } else {
      const replaced = entry.link;
      entry.link = link;
      replaced.close('duplicate link: replaced by a newer one');
      // What waited for the old link's queue can go on the new one's.
      this.#running?.events.push({ type: 'drained', args: [link.id] });
    }
    link.settle(entry.peer);
  }

  /**
   * Which of two links to one peer stays (spec/wire.md §10.3): of links dialled by different
   * sides, the one dialled by the node with the smaller public key; of links dialled by the
   * same side (only an acceptor sees these: a dialler never sends Hello twice), the newer one.
   */
  #keepsExisting(existing: Link, incoming: Link): boolean {
    if (existing.outbound === incoming.outbound) return false;
    const weAreSmaller = compareBytes(this.#identity.publicKey, existing.remotePublicKey) < 0;
    return existing.outbound === weAreSmaller;
  }

  #closed(link: Link, reason: string): void {
    if (this.#pendingOutbound.get(link.id) === link) this.#pendingOutbound.delete(link.id);
    const entry = this.#peers.get(link.id);
    if (entry?.link === link) this.#remove(entry, reason);
    else if (!link.verified) this.#logger.info({ peer: peerText(link.id), outbound: link.outbound, reason }, 'link refused');
  }

  /** Forgets a peer at once (so `send` returns false) and tells the node. */
  #remove(entry: PeerEntry, reason: string): void {
    const { id } = entry.peer;
    this.#peers.delete(id);
    for (const address of entry.dialled) this.#dialled.delete(address);
    this.#logger.debug({ peer: peerText(id), reason }, 'peer disconnected');
    this.#events?.push({ type: 'peerDisconnected', args: [id, reason] });
  }

  #nodeRef(addresses: readonly string[]): NodeRef {
    return {
      publicKey: this.#identity.publicKey,
      powNonce: this.#identity.nonce,
      addresses: addresses.filter((address) => address.length <= MAX_ADDRESS_LENGTH).slice(0, MAX_ADDRESSES),
    };
  }
}

function reasonOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}

/**
 * An in-process network for the simulator: every node gets a `MemoryTransport`, and
 * envelopes travel between transports through the clock, after a latency, maybe lost.
 *
 *   MemoryNetwork    creates transports; `link`, `crash`, `onDelivery`, `stats` for the simulator
 *   Medium           what the transports of one network share: addresses, links, delivery, events
 *   Endpoint         one transport's state: lifecycle, handlers, its outbound channels
 *   Channel          one direction of a link: the envelopes in flight, in order
 *   MemoryTransport  one node's `Transport`, a thin face over its endpoint
 *
 * Simulation shortcuts, by design: a node's location is given by the simulator instead of
 * derived from a proof of work, and no Hello is exchanged (the NodeRef carries a zero
 * nonce). Envelopes are passed as objects, not encoded: neither the sender nor any
 * receiver may mutate one after it is sent.
 *
 * Events reach the handlers as they do from the TCP transport: never inside a transport
 * call, always in order. A link opens or closes at once, in the call that causes it
 * (`dial`, `link`, `disconnect`, `stop`, `crash`); its `peerConnected`/`peerDisconnected`
 * follow from a microtask, through one queue per network, so they are delivered before a
 * caller awaiting that call resumes, and before the clock fires its next event. Messages
 * arrive by the clock after their latency, and, when the network gives each node an upload rate, after
 * the envelopes the node sent before them have left its uplink (`uploadBytesPerSecond`: one queue per
 * node, shared by its links; an envelope counts ENVELOPE_HEADER_BYTES plus the block it carries).
 * A handler that throws is a bug in the node:
 * its exception is rethrown from a clock timer, so the simulator's `clock.run` rejects.
 */
import type { Clock, Rng } from '../node/components.js';
import type { ConnectedPeer, DialOptions, PeerId, SendQueue, Transport, TransportHandlers } from '../node/transport.js';
import { toHex } from '../protocol/bytes.js';
import type { Envelope } from '../protocol/wire/messages.js';
import { SelfDialError, TransportNotStartedError, UnexpectedPeerError } from '../node/net/errors.js';
import { enqueueMicrotask } from './clock.js';
import { PeerUnreachableError } from './errors.js';

export type LatencyFunction = (from: PeerId, to: PeerId, rng: Rng) => number;

export interface MemoryNetworkComponents {
  clock: Clock;
  /** Draws loss, latency (when it is a function) and the public keys the network makes up. */
  rng: Rng;
}

export interface MemoryNetworkInit {
  /** One-way delay of each envelope in milliseconds, or a function drawing it per envelope (default 10). */
  latencyMs?: number | LatencyFunction;
  /** Probability that an envelope is silently lost (default 0: the rng is then never drawn for loss). */
  lossRate?: number;
  /** Envelopes in flight on one direction of a link before `send` refuses more (default 1024). */
  maxQueuedPerLink?: number;
  /** Each node's upload rate in bytes per second of virtual time (default: no limit, an envelope leaves at once). */
  uploadBytesPerSecond?: number;
}

export interface DeliveryEvent {
  readonly at: number;
  readonly from: PeerId;
  readonly to: PeerId;
  readonly envelope: Envelope;
}

export type DeliveryListener = (event: DeliveryEvent) => void;

/** Envelope counts since the network was made; sent = delivered + lost + discarded + still in flight. */
export interface MemoryNetworkStats {
  /** Accepted by `send` (it returned true). */
  sent: number;
  /** Handed to the receiver's `message` handler. */
  delivered: number;
  /** Dropped on the way at the loss rate. */
  lost: number;
  /** In flight when their link closed. */
  discarded: number;
  /** Refused by `send` (no link, or the link's queue was full). */
  refused: number;
}

export interface CreateTransportInit {
  /** Ring location in [0, 1), placed by the simulator. */
  location: number;
  /** Ed25519 public key, 32 bytes (default: drawn from the network's rng). */
  publicKey?: Uint8Array;
}

const PUBLIC_KEY_BYTES = 32;
const POW_NONCE_BYTES = 8;
const DEFAULT_LATENCY_MS = 10;
const DEFAULT_MAX_QUEUED_PER_LINK = 1024;
/** What an envelope costs an uplink besides the block it carries: framing, keys and fields, rounded up. */
export const ENVELOPE_HEADER_BYTES = 64;
const STOPPED_REASON = 'transport stopped';
/** A linked peer's queue as `sendQueue` reports it: envelopes are not counted in bytes. */
const UNCOUNTED_QUEUE: SendQueue = Object.freeze({ queuedBytes: 0, maxBytes: Number.POSITIVE_INFINITY });

type Lifecycle = 'created' | 'running' | 'stopped' | 'crashed';

interface Endpoint {
  readonly peer: ConnectedPeer;
  readonly address: string;
  lifecycle: Lifecycle;
  handlers: TransportHandlers | undefined;
  /** Outbound direction of every open link, by the peer's id. */
  readonly channels: Map<PeerId, Channel>;
  /** When the last envelope queued on its uplink has left (with an upload rate). */
  uplinkFreeAt: number;
}

/** Bytes an envelope puts on its sender's uplink. */
export function envelopeBytes({ body }: Envelope): number {
  const carried =
    body.type === 'dataFound' || body.type === 'insertData'
      ? body.block
      : body.type === 'insertReply' && body.outcome === 'collision'
        ? body.existingBlock
        : undefined;
  return ENVELOPE_HEADER_BYTES + (carried?.length ?? 0);
}

interface Channel {
  readonly from: Endpoint;
  readonly to: Endpoint;
  open: boolean;
  /** Envelopes sent and not yet delivered, oldest first. */
  readonly inFlight: Envelope[];
  /** Time the newest envelope in flight arrives: a later one never overtakes it. */
  lastArrival: number;
  /** Delivers the oldest envelope in flight: the timer callback of every send on this channel. */
  readonly deliver: () => void;
}

interface PendingEvent {
  readonly endpoint: Endpoint;
  readonly notify: (handlers: TransportHandlers) => void;
}

class Medium {
  readonly stats: MemoryNetworkStats = { sent: 0, delivered: 0, lost: 0, discarded: 0, refused: 0 };
  readonly listeners = new Set<DeliveryListener>();
  /** Endpoints created or running: their addresses can be dialled, their keys are taken. */
  private readonly byAddress = new Map<string, Endpoint>();
  private readonly ids = new Set<PeerId>();
  private readonly events: PendingEvent[] = [];
  private flushScheduled = false;

  constructor(
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly latency: LatencyFunction,
    private readonly lossRate: number,
    private readonly maxQueuedPerLink: number,
    /** Upload rate per node, bytes per virtual ms; undefined: unlimited. */
    private readonly uploadBytesPerMs: number | undefined,
  ) {}

  register(endpoint: Endpoint): void {
    if (this.ids.has(endpoint.peer.id)) throw new RangeError(`public key ${endpoint.peer.id} is already in use on this network`);
    this.byAddress.set(endpoint.address, endpoint);
    this.ids.add(endpoint.peer.id);
  }

  /** The running endpoint at `address`, if any. */
  listening(address: string): Endpoint | undefined {
    const endpoint = this.byAddress.get(address);
    return endpoint?.lifecycle === 'running' ? endpoint : undefined;
  }

  openLink(a: Endpoint, b: Endpoint): void {
    a.channels.set(b.peer.id, this.channel(a, b));
    b.channels.set(a.peer.id, this.channel(b, a));
    this.raise(a, (handlers) => handlers.peerConnected(b.peer));
    this.raise(b, (handlers) => handlers.peerConnected(a.peer));
  }

  private channel(from: Endpoint, to: Endpoint): Channel {
    const channel: Channel = { from, to, open: true, inFlight: [], lastArrival: 0, deliver: () => this.deliverNext(channel) };
    return channel;
  }

  closeLink(closer: Endpoint, peerId: PeerId, reason: string, peerReason: string): void {
    const channel = closer.channels.get(peerId);
    if (channel === undefined) return;
    const other = channel.to;
    this.closeChannel(channel);
    this.closeChannel(other.channels.get(closer.peer.id)!);
    this.raise(closer, (handlers) => handlers.peerDisconnected(peerId, reason));
    this.raise(other, (handlers) => handlers.peerDisconnected(closer.peer.id, peerReason));
  }

  /** Takes `endpoint` off the network for good, closing its links. */
  retire(endpoint: Endpoint, lifecycle: 'stopped' | 'crashed', reason: string, peerReason: string): void {
    endpoint.lifecycle = lifecycle;
    this.byAddress.delete(endpoint.address);
    this.ids.delete(endpoint.peer.id);
    for (const peerId of [...endpoint.channels.keys()]) this.closeLink(endpoint, peerId, reason, peerReason);
  }

  send(from: Endpoint, peerId: PeerId, envelope: Envelope): boolean {
    const channel = from.channels.get(peerId);
    if (channel === undefined || channel.inFlight.length >= this.maxQueuedPerLink) {
      this.stats.refused++;
      return false;
    }
    this.stats.sent++;
    if (this.lossRate > 0 && this.rng.next() < this.lossRate) {
      this.stats.lost++;
      return true;
    }
    const now = this.clock.now();
    const latency = this.latency(from.peer.id, peerId, this.rng);
    if (!(latency >= 0 && latency !== Infinity)) throw new RangeError(`latency must be a finite, non-negative time, got ${latency}`);
    channel.lastArrival = Math.max(this.departure(from, envelope, now) + latency, channel.lastArrival);
    channel.inFlight.push(envelope);
    this.clock.setTimer(channel.lastArrival - now, channel.deliver);
    return true;
  }

  /** When `envelope` has left `from`'s uplink: at once without an upload rate, else after those queued before it. */
  private departure(from: Endpoint, envelope: Envelope, now: number): number {
    if (this.uploadBytesPerMs === undefined) return now;
    from.uplinkFreeAt = Math.max(now, from.uplinkFreeAt) + envelopeBytes(envelope) / this.uploadBytesPerMs;
    return from.uplinkFreeAt;
  }

  /**
   * Delivers the oldest envelope of `channel`. Each send schedules one call; taking the
   * oldest rather than the one scheduled keeps the link in order even when arrival
   * times differ in their last bit.
   */
  private deliverNext(channel: Channel): void {
    if (!channel.open) return;
    const envelope = channel.inFlight.shift()!;
    this.stats.delivered++;
    const from = channel.from.peer.id;
    if (this.listeners.size > 0) {
      const event: DeliveryEvent = { at: this.clock.now(), from, to: channel.to.peer.id, envelope };
      for (const listener of this.listeners) listener(event);
    }
    channel.to.handlers!.message(from, envelope);
  }

  private raise(endpoint: Endpoint, notify: (handlers: TransportHandlers) => void): void {
    this.events.push({ endpoint, notify });
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    enqueueMicrotask(() => this.flush());
  }

  /** Delivers queued events in order, those raised meanwhile by the handlers included; none to a crashed node. */
  private flush(): void {
    for (let index = 0; index < this.events.length; index++) {
      const { endpoint, notify } = this.events[index]!;
      if (endpoint.lifecycle === 'crashed') continue;
      try {
        notify(endpoint.handlers!);
      } catch (error) {
        this.clock.setTimer(0, () => {
          throw error;
        });
      }
    }
    this.events.length = 0;
    this.flushScheduled = false;
  }

  private closeChannel(channel: Channel): void {
    channel.open = false;
    this.stats.discarded += channel.inFlight.length;
    channel.inFlight.length = 0;
    channel.from.channels.delete(channel.to.peer.id);
  }
}

/** One node's view of a `MemoryNetwork`; made by `MemoryNetwork.createTransport`. */
export class MemoryTransport implements Transport {
  readonly #medium: Medium;
  readonly #endpoint: Endpoint;

  constructor(medium: Medium, endpoint: Endpoint) {
    this.#medium = medium;
    this.#endpoint = endpoint;
  }

  /** `/memory/<index>` while running, as a TCP transport lists its addresses only while listening. */
  get addresses(): readonly string[] {
    return this.#endpoint.lifecycle === 'running' ? this.#endpoint.peer.node.addresses : [];
  }

  /** This node as its peers see it (its address included, before `start` too). */
  get peer(): ConnectedPeer {
    return this.#endpoint.peer;
  }

  /** Ids of the peers linked to this node, in the order the links opened. */
  get connectedPeers(): PeerId[] {
    return [...this.#endpoint.channels.keys()];
  }

  async start(handlers: TransportHandlers): Promise<void> {
    if (this.#endpoint.lifecycle !== 'created') throw new Error(`the transport cannot start: it is ${this.#endpoint.lifecycle}`);
    this.#endpoint.handlers = handlers;
    this.#endpoint.lifecycle = 'running';
  }

  /** Closes every link (each side sees `peerDisconnected`) and stops listening, for good. */
  async stop(): Promise<void> {
    const endpoint = this.#endpoint;
    if (endpoint.lifecycle === 'stopped' || endpoint.lifecycle === 'crashed') return;
    this.#medium.retire(endpoint, 'stopped', STOPPED_REASON, `closed by peer: ${STOPPED_REASON}`);
  }

  /**
   * Links to the node at `address` at once, or returns the link already open. Rejects with
   * `SelfDialError`, `PeerUnreachableError`, `UnexpectedPeerError`, `TransportNotStartedError`, or the signal's reason.
   */
  async dial(address: string, options?: DialOptions): Promise<ConnectedPeer> {
    options?.signal?.throwIfAborted();
    const endpoint = this.#endpoint;
    if (endpoint.lifecycle !== 'running') throw new TransportNotStartedError();
    if (address === endpoint.address) throw new SelfDialError();
    const target = this.#medium.listening(address);
    if (target === undefined) throw new PeerUnreachableError(address);
    if (options?.peer !== undefined && target.peer.id !== options.peer) throw new UnexpectedPeerError(address);
    if (!endpoint.channels.has(target.peer.id)) this.#medium.openLink(endpoint, target);
    return target.peer;
  }

  send(peerId: PeerId, envelope: Envelope): boolean {
    return this.#medium.send(this.#endpoint, peerId, envelope);
  }

  /** Envelopes are not encoded here, so nothing is counted in bytes: a linked peer's queue never looks full. */
  sendQueue(peerId: PeerId): SendQueue | undefined {
    return this.#endpoint.channels.has(peerId) ? UNCOUNTED_QUEUE : undefined;
  }

  disconnect(peerId: PeerId, reason: string): void {
    this.#medium.closeLink(this.#endpoint, peerId, reason, `closed by peer: ${reason}`);
  }
}

/**
 * The simulated network: the transports it makes reach each other by address
 * (`/memory/<index>`), and the simulator can wire, break and watch them.
 */
export class MemoryNetwork {
  private readonly medium: Medium;
  private readonly rng: Rng;
  private readonly endpoints = new WeakMap<MemoryTransport, Endpoint>();
  private created = 0;

  constructor(components: MemoryNetworkComponents, init: MemoryNetworkInit = {}) {
    const { latencyMs = DEFAULT_LATENCY_MS, lossRate = 0, maxQueuedPerLink = DEFAULT_MAX_QUEUED_PER_LINK, uploadBytesPerSecond } = init;
    if (typeof latencyMs === 'number' && !(latencyMs >= 0 && latencyMs !== Infinity)) {
      throw new RangeError(`latencyMs must be a finite, non-negative time, got ${latencyMs}`);
    }
    if (!(lossRate >= 0 && lossRate <= 1)) throw new RangeError(`lossRate must be in [0, 1], got ${lossRate}`);
    if (!Number.isSafeInteger(maxQueuedPerLink) || maxQueuedPerLink < 1) {
      throw new RangeError(`maxQueuedPerLink must be a positive integer, got ${maxQueuedPerLink}`);
    }
    if (uploadBytesPerSecond !== undefined && !(uploadBytesPerSecond > 0 && uploadBytesPerSecond !== Infinity)) {
      throw new RangeError(`uploadBytesPerSecond must be a positive, finite rate, got ${uploadBytesPerSecond}`);
    }
    const latency = typeof latencyMs === 'number' ? () => latencyMs : latencyMs;
    this.rng = components.rng;
    const uploadBytesPerMs = uploadBytesPerSecond === undefined ? undefined : uploadBytesPerSecond / 1000;
    this.medium = new Medium(components.clock, components.rng, latency, lossRate, maxQueuedPerLink, uploadBytesPerMs);
  }

  /** A transport for a new node at `location`; it listens once started. */
  createTransport(init: CreateTransportInit): MemoryTransport {
    const { location, publicKey = this.drawPublicKey() } = init;
    if (!(location >= 0 && location < 1)) throw new RangeError(`location must be in [0, 1), got ${location}`);
    if (publicKey.length !== PUBLIC_KEY_BYTES) throw new RangeError(`public key must be ${PUBLIC_KEY_BYTES} bytes`);
    const address = `/memory/${this.created}`;
    const node = { publicKey: Uint8Array.from(publicKey), powNonce: new Uint8Array(POW_NONCE_BYTES), addresses: [address] };
    const endpoint: Endpoint = {
      peer: { id: toHex(publicKey), location, node },
      address,
      lifecycle: 'created',
      handlers: undefined,
      channels: new Map(),
      uplinkFreeAt: 0,
    };
    this.medium.register(endpoint);
    this.created++;
    const transport = new MemoryTransport(this.medium, endpoint);
    this.endpoints.set(transport, endpoint);
    return transport;
  }

  /**
   * Links two running transports at once, as if `a` had dialled `b` (no-op if they are
   * linked already): both see `peerConnected`, `a` first, from a microtask. Builds
   * topologies without a dial per edge.
   */
  link(a: MemoryTransport, b: MemoryTransport): void {
    const [from, to] = [this.endpointOf(a), this.endpointOf(b)];
    if (from === to) throw new RangeError(`cannot link ${from.address} to itself`);
    for (const endpoint of [from, to]) {
      if (endpoint.lifecycle !== 'running') throw new TransportNotStartedError();
    }
    if (!from.channels.has(to.peer.id)) this.medium.openLink(from, to);
  }

  /**
   * Takes a node off the network abruptly: its peers see `peerDisconnected` ("connection
   * lost"), the node itself hears nothing more, and its sends are refused. Its own timers
   * are the simulator's to stop. A stopped transport stays stopped.
   */
  crash(transport: MemoryTransport): void {
    const endpoint = this.endpointOf(transport);
    if (endpoint.lifecycle === 'crashed' || endpoint.lifecycle === 'stopped') return;
    this.medium.retire(endpoint, 'crashed', 'crashed', 'connection lost');
  }

  /** Calls `listener` for every envelope delivered, just before the receiver gets it; returns the unsubscribe. */
  onDelivery(listener: DeliveryListener): () => void {
    this.medium.listeners.add(listener);
    return () => this.medium.listeners.delete(listener);
  }

  get stats(): MemoryNetworkStats {
    return { ...this.medium.stats };
  }

  private endpointOf(transport: MemoryTransport): Endpoint {
    const endpoint = this.endpoints.get(transport);
    if (endpoint === undefined) throw new RangeError('the transport belongs to another network');
    return endpoint;
  }

  private drawPublicKey(): Uint8Array {
    const key = new Uint8Array(PUBLIC_KEY_BYTES);
    const words = new DataView(key.buffer);
    for (let offset = 0; offset < PUBLIC_KEY_BYTES; offset += 8) words.setBigUint64(offset, this.rng.nextU64());
    return key;
  }
}

/**
 * A Warren node (ARCHITECTURE §4): peers, routing, requests, inserts and caching over
 * any Transport and BlockStore, on an injected clock and random source, so the same
 * code runs over TCP and by the thousand in the simulator.
 *
 *   Transport ──peerConnected/peerDisconnected──> PeerTable, TransactionTable
 *   Transport ──message──> MESSAGE_HANDLERS (one per message type)
 *                            requests a peer starts pass its LoadLimiter budget first
 *                            dataRequest ─> requests.ts     insertRequest ─> inserts.ts
 *                            insertData ─> insert-data.ts (the block of an insert accepted here)
 *                            replies ─────> TransactionTable ─> the Route of that tx
 *                            announce/peerOffer ─> opennet-handlers.ts ─> Opennet (limits, folds, dials); none from a
 *                                                  friend, none at a darknet node (spec/routing.md §9.9)
 *                            swap* ─> swapping.ts (darknet nodes; any other declines a SwapRequest, ignores the rest)
 *                            locationUpdate ─> the peer's location (from any peer at a darknet node, else from friends only)
 *   request()/insert() ──> requests.ts / inserts.ts ──> local.ts (typed outcomes)
 *   every message to a peer ──> Outbox (paced by its send queue) ──> Transport;  Transport ──drained──> Outbox
 *
 * Each part logs through its own child of the logger given: `component` node (the handlers), route,
 * transactions, peers, opennet, outbox, swap.
 */
import type { IdentityProofChecker } from '../protocol/identity.js';
import { STANDARD_CHK } from '../protocol/keys/chk.js';
import type { Envelope, MessageOfType, NodeRef, WireMessage, WireMessageType } from '../protocol/wire/messages.js';
import type { BlockStore } from '../store/block-store.js';
import { CacheWrites } from './cache-writes.js';
import { type Clock, type Logger, type Rng, silentLogger } from './components.js';
import {
  DEFAULT_HOP_TIMEOUT_PER_HTL_MS,
  defaultLocalTimeoutMs,
  stepTimeoutMs,
  type NodeContext,
  type NodeSettings,
  DEFAULT_MAX_DOUBTS,
  DEFAULT_NEIGHBOURHOOD_SPAN,
} from './context.js';
import { NodeStoppedError } from './errors.js';
import { type FriendSet, NO_FRIENDS } from './friends.js';
import { AwaitedInsertData, type AwaitedInsertDataInit } from './insert-data.js';
import { handleInsertRequest, type InsertResult, insertLocally } from './inserts.js';
import { LoadLimiter, type LoadLimiterInit } from './load.js';
import type { OperationOptions } from './local.js';
import { enabled, peerText, requestFields } from './log-fields.js';
import { announceSelf, handleAnnounce, handlePeerOffer } from './opennet-handlers.js';
import { type JoinOptions, type JoinResult, Opennet, type OpennetInit } from './opennet.js';
import { Outbox, type OutboxInit } from './outbox.js';
import { PeerTable, type PeerTableInit } from './peers.js';
import { handleDataRequest, requestLocally } from './requests.js';
import { LocationSwapping, type LocationSwappingInit, type SwapCounts } from './swapping.js';
import { TransactionTable } from './transactions.js';
import type { ConnectedPeer, PeerId, Transport } from './transport.js';

export interface NodeComponents {
  readonly transport: Transport;
  readonly store: BlockStore;
  readonly clock: Clock;
  readonly rng: Rng;
  /** Default: silent. Each part of the node logs through its own child of it. */
  readonly logger?: Logger;
  /**
   * The node's friends (node/friends.ts; default none): at an opennet node, peers outside the opennet's
   * limits whose locations swapping moves (a mixed node, spec/routing.md §9.9 and §11.6).
   */
  readonly friends?: FriendSet;
  /** Checks the identity proofs of offered and announced nodes (default `checkIdentityProof`; a simulator's remembers them). */
  readonly identityProofs?: IdentityProofChecker;
}

export interface NodeInit
  extends PeerTableInit,
    LoadLimiterInit,
    OpennetInit,
    OutboxInit,
    Omit<AwaitedInsertDataInit, 'timeoutMs'>,
    Partial<Omit<NodeSettings, 'location'>> {
  /** The node's ring location in [0, 1): derived from its identity's proof of work; where a darknet node starts swapping from. */
  readonly location: number;
  /**
   * Darknet mode: the node finds its location by swapping with its peers (spec/routing.md §11.5),
   * which must all be friends; absent, its location stays its identity's and it declines every swap.
   */
  readonly swapping?: LocationSwappingInit | undefined;
}

type Handler<T extends WireMessageType> = (context: NodeContext, from: PeerId, tx: bigint, body: MessageOfType<T>) => void;

const routeReply = (context: NodeContext, from: PeerId, tx: bigint, body: WireMessage): void => context.transactions.reply(from, tx, body);
/** Messages nothing here acts on: `hello` is consumed by the transport, a `pong` only shows the link is alive. */
const notForRouting = (): void => undefined;

const OVERLOADED: WireMessage = { type: 'rejectedOverload', local: true };
const NOT_SWAPPING: WireMessage = { type: 'swapRejected', notSwapping: true };

/** Blocks a relay holds for writing into its cache at once (spec/routing.md §1, MAX_PENDING_CACHE_WRITES): 2 MiB of 32 KiB blocks. */
const MAX_PENDING_CACHE_WRITES = 64;

/** The messages by which a peer starts work here: what its budget is for. */
type PeerRequestType = 'dataRequest' | 'insertRequest' | 'announce';

/** What names a request a peer started here in the log: its routing key, or the announcer's public key. */
const startedKey = (request: MessageOfType<PeerRequestType>): Uint8Array => (request.type === 'announce' ? request.node.publicKey : request.routingKey);

/** A handler failed: logged with the request's fields, and the request no longer counts against its peer. */
function failedToHandle(context: NodeContext, from: PeerId, tx: bigint, request: MessageOfType<PeerRequestType>, error: unknown): void {
  context.logger.warn({ ...requestFields(tx, startedKey(request), from), err: error }, `failed to handle ${request.type}`);
  context.load.handled(from);
}

/**
 * Work a peer starts here passes its budget first (load.ts): beyond it, the peer is answered
 * RejectedOverload before any lookup or routing; within it, the work counts against the peer
 * until its handler is done (at once for a handler that returns no promise).
 */
function budgeted<T extends PeerRequestType>(
  handle: (context: NodeContext, from: PeerId, tx: bigint, body: MessageOfType<T>) => Promise<void> | void,
): Handler<T> {
  return (context, from, tx, body) => {
    const request: MessageOfType<PeerRequestType> = body;
    const admission = context.load.admit(from);
    if (admission === 'misbehaving') return dropPeer(context, from, 'sent at more than twice its budget');
    if (admission === 'refused') {
      enabled(context.logger, 'debug')?.debug(requestFields(tx, startedKey(request), from), "refused: rejectedOverload (the peer's budget is spent)");
      return context.send(from, tx, OVERLOADED);
    }
    let handling: Promise<void> | void;
    try {
      handling = handle(context, from, tx, body);
    } catch (error) {
      return failedToHandle(context, from, tx, request, error);
    }
    if (handling === undefined) context.load.handled(from);
    else
      handling.then(
        () => context.load.handled(from),
        (error: unknown) => failedToHandle(context, from, tx, request, error),
      );
  };
}

/**
 * A peer says where it is now (spec/routing.md §11.5, §11.6): a darknet node takes it from any peer (its
 * links are its friends'), any other node only from a friend, whom swapping moves; an opennet stranger's
 * location is the one its identity's proof gives, not for it to choose.
 */
function takeLocationUpdate(context: NodeContext, from: PeerId, location: number): void {
  if (context.swapping === undefined && !context.friends.has(from)) return;
  const peer = context.peers.get(from);
  if (peer !== undefined) peer.location = location;
}

function dropPeer(context: NodeContext, peer: PeerId, reason: string): void {
  const state = context.peers.get(peer);
  if (state !== undefined) context.routeComponents.dropPeer(state, reason);
}

const MESSAGE_HANDLERS: { readonly [T in WireMessageType]: Handler<T> } = {
  dataRequest: budgeted(handleDataRequest),
  insertRequest: budgeted(handleInsertRequest),
  dataFound: routeReply,
  dataNotFound: routeReply,
  routeNotFound: routeReply,
  rejectedLoop: routeReply,
  rejectedOverload: routeReply,
  requestAccepted: routeReply,
  insertAccepted: routeReply,
  insertData: (context, from, tx, body) => context.insertData.deliver(from, tx, body.block),
  insertReply: routeReply,
  ping: (context, from, tx) => context.send(from, tx, { type: 'pong' }),
  pong: notForRouting,
  hello: notForRouting,
  announce: budgeted(handleAnnounce),
  peerOffer: handlePeerOffer,
  // A node that does not swap declines at once: the walk ends now, not at its timeout, and goes to it no more.
  swapRequest: (context, from, tx, body) => (context.swapping === undefined ? context.send(from, tx, NOT_SWAPPING) : context.swapping.handle(from, tx, body)),
  swapCommit: (context, from, tx, body) => context.swapping?.handle(from, tx, body),
  swapReveal: (context, from, tx, body) => context.swapping?.handle(from, tx, body),
  swapRejected: (context, from, tx, body) => context.swapping?.handle(from, tx, body),
  locationUpdate: (context, from, _tx, body) => takeLocationUpdate(context, from, body.location),
};

function resolveSettings(init: NodeInit): NodeSettings {
  const hopTimeoutPerHtlMs = init.hopTimeoutPerHtlMs ?? DEFAULT_HOP_TIMEOUT_PER_HTL_MS;
  return {
    location: init.location,
    hopTimeoutPerHtlMs,
    localTimeoutMs: init.localTimeoutMs ?? defaultLocalTimeoutMs(hopTimeoutPerHtlMs),
    maxActive: init.maxActive ?? 1_000,
    maxWaitersPerRoute: init.maxWaitersPerRoute ?? 32,
    seenLifetimeMs: init.seenLifetimeMs ?? 300_000,
    seenCapacity: init.seenCapacity ?? 50_000,
    failedLifetimeMs: init.failedLifetimeMs ?? 30_000,
    failedCapacity: init.failedCapacity ?? 10_000,
    chkFormat: init.chkFormat ?? STANDARD_CHK,
    neighbourhoodSpan: init.neighbourhoodSpan ?? DEFAULT_NEIGHBOURHOOD_SPAN,
    maxDoubts: init.maxDoubts ?? DEFAULT_MAX_DOUBTS,
  };
}

export class Node {
  readonly peers: PeerTable;
  /** Per-peer request budgets and route shares. */
  readonly load: LoadLimiter;
  /** Messages waiting for their peer's send queue. */
  readonly outbox: Outbox;
  private readonly context: NodeContext;
  /** The `peers` logger: links coming and going. */
  private readonly peerLog: Logger;
  private running = false;
  /** Where the node is on the ring: its identity's location, or where swapping moved it. */
  private currentLocation: number;

  constructor(components: NodeComponents, init: NodeInit) {
    const { transport, store, clock, rng } = components;
    const friends = components.friends ?? NO_FRIENDS;
    const root = components.logger ?? silentLogger;
    const log = (component: string): Logger => root.child({ component });
    const logger = log('node');
    this.peerLog = log('peers');
    this.currentLocation = init.location;
    const node = this;
    const settings: NodeSettings = {
      ...resolveSettings(init),
      get location() {
        return node.currentLocation;
      },
    };
    this.peers = new PeerTable({ clock, rng }, init);
    const peers = this.peers;
    this.load = new LoadLimiter({ clock, activeRoutes: () => this.context.transactions.active }, { ...init, maxActive: settings.maxActive });
    const outbox = new Outbox({ transport, clock, logger: log('outbox') }, init);
    this.outbox = outbox;
    const opennet = new Opennet(
      { clock, rng, peers, friends, transport, logger: log('opennet'), announce: () => announceSelf(this.context), identityProofs: components.identityProofs },
      init,
    );
    this.context = {
      clock,
      rng,
      store,
      cacheWrites: new CacheWrites({ store, logger: log('cache') }, { maxPending: MAX_PENDING_CACHE_WRITES }),
      transport,
      logger,
      settings,
      peers,
      transactions: new TransactionTable({ clock, load: this.load, logger: log('transactions') }, settings),
      insertData: new AwaitedInsertData({ clock }, { ...init, timeoutMs: stepTimeoutMs(settings) }),
      load: this.load,
      opennet,
      friends,
      swapping:
        init.swapping === undefined
          ? undefined
          : new LocationSwapping(
              {
                clock,
                rng,
                logger: log('swap'),
                peers,
                location: { get: () => this.currentLocation, set: (location) => (this.currentLocation = location) },
                send: (peer, tx, body) => outbox.send(peer, { tx, body }),
              },
              init.swapping,
            ),
      localOperations: new Set(),
      isRunning: () => this.running,
      routeComponents: {
        clock,
        logger: log('route'),
        peers,
        sender: outbox,
        chkFormat: settings.chkFormat,
        get location() {
          return node.currentLocation;
        },
        neighbourhoodSpan: settings.neighbourhoodSpan,
        maxDoubts: settings.maxDoubts,
        stepTimeoutMs: stepTimeoutMs(settings),
        dropPeer: (peer, reason) => {
          // Out of the table at once: what it still sends is not handled, nor is anything routed to it, while its link closes.
          if (this.peers.get(peer.id) !== peer) return;
          this.peers.remove(peer.id);
          this.peerLog.warn({ peer: peerText(peer.id), reason }, 'disconnecting a misbehaving peer');
          transport.disconnect(peer.id, reason);
        },
      },
      send: (peer, tx, body) => {
        outbox.send(peer, { tx, body });
      },
    };
  }

  get location(): number {
    return this.currentLocation;
  }

  /** What this node's location swaps came to; undefined unless it swaps (darknet mode). */
  get swapCounts(): Readonly<SwapCounts> | undefined {
    return this.context.swapping?.counts;
  }

  /** Routes in flight at this node. */
  get activeTransactions(): number {
    return this.context.transactions.active;
  }

  async start(): Promise<void> {
    this.running = true;
    await this.context.transport.start({
      peerConnected: (peer: ConnectedPeer) => {
        const state = this.peers.add(peer);
        enabled(this.peerLog, 'info')?.info({ peer: peerText(peer.id), location: peer.location, peers: this.peers.size }, 'peer connected');
        const welcome = this.load.peerConnected(peer.id);
        this.context.opennet.peerConnected(state);
        if (!welcome) dropPeer(this.context, peer.id, 'misbehaved: refused for a while');
        else this.context.swapping?.peerConnected(peer.id);
      },
      peerDisconnected: (peerId: PeerId, reason: string) => {
        this.peers.remove(peerId);
        enabled(this.peerLog, 'info')?.info({ peer: peerText(peerId), reason, peers: this.peers.size }, 'peer disconnected');
        this.outbox.peerDisconnected(peerId);
        this.context.opennet.peerDisconnected(peerId);
        this.load.peerDisconnected(peerId);
        this.context.insertData.peerDisconnected(peerId);
        this.context.transactions.peerDisconnected(peerId);
        this.context.swapping?.peerDisconnected(peerId);
      },
      message: (peerId: PeerId, envelope: Envelope) => this.dispatch(peerId, envelope),
      drained: (peerId: PeerId) => this.outbox.drained(peerId),
    });
    this.context.swapping?.start();
  }

  /** Fails local operations in progress, drops every route and closes every link. */
  async stop(): Promise<void> {
    this.running = false;
    this.context.opennet.stop();
    this.context.swapping?.stop();
    for (const fail of [...this.context.localOperations]) fail(new NodeStoppedError());
    this.context.transactions.cancelAll();
    this.context.insertData.cancelAll();
    await this.context.transport.stop();
  }

  /** The verified block under `routingKey`: from the local store, else from the network. */
  request(routingKey: Uint8Array, options: OperationOptions = {}): Promise<Uint8Array> {
    return requestLocally(this.context, routingKey, options);
  }

  /** Inserts a block (verified first unless `options.made` says this process made it: an invalid one throws `InvalidBlockError`). */
  insert(routingKey: Uint8Array, block: Uint8Array, options: OperationOptions = {}): Promise<InsertResult> {
    return insertLocally(this.context, routingKey, block, options);
  }

  /**
   * Joins the opennet: dials `peers` (saved from `knownPeers()` on an earlier run), then the
   * `seeds` if that gave fewer than `minPeers`, announces this node, and from then on keeps
   * its peer count up on a timer. Rejects with `NoPeersError` if peers or seeds were given and
   * none could be reached.
   */
  join(options: JoinOptions = {}): Promise<JoinResult> {
    if (!this.running) return Promise.reject(new NodeStoppedError());
    return this.context.opennet.join(options);
  }

  /** The connected peers' NodeRefs, best first: what to save so a restart rejoins without seeds. */
  knownPeers(): NodeRef[] {
    return this.context.opennet.knownPeers();
  }

  private dispatch(from: PeerId, envelope: Envelope): void {
    if (!this.running || this.peers.get(from) === undefined) return;
    const { body } = envelope;
    (MESSAGE_HANDLERS[body.type] as Handler<typeof body.type>)(this.context, from, envelope.tx, body);
  }
}

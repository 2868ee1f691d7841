/**
 * What the message handlers of a node share (node.ts builds it once): its
 * components, its resolved settings, the peer table and the transaction table.
 */
import type { ChkFormat } from '../protocol/keys/chk.js';
import type { WireMessage } from '../protocol/wire/messages.js';
import type { BlockStore } from '../store/block-store.js';
import type { CacheWrites } from './cache-writes.js';
import type { Clock, Logger, Rng } from './components.js';
import type { FriendSet } from './friends.js';
import { MAX_HTL } from './htl.js';
import type { AwaitedInsertData } from './insert-data.js';
import type { LoadLimiter } from './load.js';
import type { Opennet } from './opennet.js';
import type { PeerTable } from './peers.js';
import type { RouteComponents } from './route.js';
import type { LocationSwapping } from './swapping.js';
import type { TransactionLimits, TransactionTable } from './transactions.js';
import type { PeerId, Transport } from './transport.js';

export interface NodeSettings extends TransactionLimits {
  /** This node's ring location, in [0, 1): its identity's, or, at a darknet node, where swapping has moved it. */
  readonly location: number;
  /** Time a hop may take to answer, per unit of the HTL sent (default 2 s: 38 s at HTL 18). */
  readonly hopTimeoutPerHtlMs: number;
  /** Longest a local request or insert may take overall (default 2 × the hop timeout at the maximum HTL). */
  readonly localTimeoutMs: number;
  /** Length of the CHK blocks this node accepts: STANDARD_CHK, or a simulation format (spec/keys.md §3.6). */
  readonly chkFormat: ChkFormat;
  /**
   * The key's neighbourhood (spec/routing.md §10): this node is in it when the key is closer to it than
   * this many times the distance to its second-nearest peer. Such a node doubts a DataNotFound (default 3).
   */
  readonly neighbourhoodSpan: number;
  /** DataNotFound answers a route in the key's neighbourhood doubts, trying its next peer instead (default 4; 0: none). */
  readonly maxDoubts: number;
}

export const DEFAULT_NEIGHBOURHOOD_SPAN = 3;
export const DEFAULT_MAX_DOUBTS = 4;

export const DEFAULT_HOP_TIMEOUT_PER_HTL_MS = 2_000;

export function hopTimeoutMs(settings: NodeSettings, htl: number): number {
  return settings.hopTimeoutPerHtlMs * (htl + 1);
}

/**
 * How long each side of a link waits for the other's step: the sender of a request or insert for
 * RequestAccepted or InsertAccepted, the receiver of an insert for the InsertData that follows it
 * (spec/routing.md §3, §5).
 */
export function stepTimeoutMs(settings: NodeSettings): number {
  return 2 * settings.hopTimeoutPerHtlMs;
}

/** A relay must answer before its upstream's timer for the hop runs out: it keeps a margin. */
export function relayDeadline(settings: NodeSettings, now: number, htl: number): number {
  return now + hopTimeoutMs(settings, htl) - settings.hopTimeoutPerHtlMs / 2;
}

export function defaultLocalTimeoutMs(hopTimeoutPerHtlMs: number): number {
  return 2 * hopTimeoutPerHtlMs * (MAX_HTL + 1);
}

export interface NodeContext {
  readonly clock: Clock;
  readonly rng: Rng;
  readonly store: BlockStore;
  /** Blocks passed on, written into the cache behind the forwarding (cache-writes.ts). */
  readonly cacheWrites: CacheWrites;
  readonly transport: Transport;
  readonly logger: Logger;
  readonly settings: NodeSettings;
  readonly peers: PeerTable;
  readonly transactions: TransactionTable;
  /** Inserts accepted from peers, waiting for their blocks. */
  readonly insertData: AwaitedInsertData;
  /** Opennet peer management: offers, limits, path folding (node/opennet.ts). */
  readonly opennet: Opennet;
  /** The node's friends: links that carry no opennet message and whose LocationUpdate a node that does not swap takes. */
  readonly friends: FriendSet;
  /** Per-peer request budgets and route shares (spec/routing.md §8). */
  readonly load: LoadLimiter;
  readonly routeComponents: RouteComponents;
  /** A darknet node's location swapping (swapping.ts); undefined at an opennet node, whose location its identity fixes. */
  readonly swapping: LocationSwapping | undefined;
  /** Whether the node is started and not stopped. */
  isRunning(): boolean;
  /** Rejecters of local requests and inserts in progress, so stopping can fail them. */
  readonly localOperations: Set<(error: Error) => void>;
  /** Sends a reply, paced by the peer's send queue (outbox.ts); a peer that is gone simply misses it. */
  send(peer: PeerId, tx: bigint, body: WireMessage): void;
}

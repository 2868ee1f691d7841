/**
 * What `GET /v1/status` answers (spec/node.md §3): the node's identity and location,
 * its addresses, its peers with their locations and traffic, store and cache usage,
 * counters of the requests and inserts made through the API and the gateway, what healing did, and the gateway's address.
 */
import { toHex } from '../../../protocol/bytes.js';
import type { NodeIdentity } from '../../../protocol/identity.js';
import type { NodeRef } from '../../../protocol/wire/messages.js';
import type { BlockStore, StoreStats } from '../../../store/block-store.js';
import type { Healer, HealCounts } from '../../client/healer.js';
import type { Clock } from '../../components.js';
import type { Node } from '../../node.js';
import type { PeerStatistics } from '../../peers.js';
import type { SwapCounts } from '../../swapping.js';
import type { CountingOperations, OperationCounters } from './counters.js';

export interface PeerStatus {
  /** The peer's public key, hex. */
  readonly id: string;
  readonly location: number;
  /** The address the link runs to, when the transport knows it. */
  readonly address?: string;
  /** Seconds since the link came up. */
  readonly uptimeSeconds: number;
  /** Milliseconds until the peer is routed to again; 0 when it is not backed off. */
  readonly backoffMs: number;
  readonly inFlight: number;
  readonly stats: PeerStatistics;
}

/** A friend as `GET /v1/friends` lists it. */
export interface FriendStatus {
  /** The friend's public key, hex. */
  readonly id: string;
  readonly addresses: readonly string[];
  readonly connected: boolean;
}

/** What the API needs of a node's friends (node/app/daemon/friends.ts). */
export interface FriendsService {
  /** Darknet mode: the friends are the node's only peers; else they are a mixed node's, beside its opennet peers. */
  readonly darknet: boolean;
  status(): FriendStatus[];
  /** Verifies, adds and saves a friend, then dials it; resolves with its id. */
  add(reference: NodeRef): Promise<string>;
}

export interface NodeStatus {
  readonly identity: { readonly publicKey: string; readonly location: number; readonly powDifficulty: number };
  readonly addresses: readonly string[];
  readonly uptimeSeconds: number;
  readonly peers: readonly PeerStatus[];
  readonly store: StoreStats;
  readonly requests: OperationCounters;
  /** Routes in flight at this node, its own and those it relays. */
  readonly activeTransactions: number;
  /** The web gateway's address (spec/gateway.md); absent when it is off. */
  readonly gateway?: string;
  /** What healing did since the node started (spec/client.md §9.1); absent when the node heals nothing. */
  readonly healing?: HealCounts;
  /** Darknet mode: what the node's location swaps came to (spec/routing.md §11.5); absent otherwise. */
  readonly swaps?: SwapCounts;
}

export interface StatusComponents {
  readonly node: Node;
  readonly store: BlockStore;
  readonly identity: NodeIdentity;
  readonly operations: CountingOperations;
  readonly clock: Clock;
  /** Addresses the transport listens on. */
  readonly addresses: () => readonly string[];
  /** The web gateway's address, when it runs. */
  readonly gatewayUrl?: () => string | undefined;
  /** Inserts again what fetches rebuilt; absent when the node heals nothing (`--no-heal`). */
  readonly healer?: Healer | undefined;
}

export function nodeStatus(components: StatusComponents, startedAt: number): NodeStatus {
  const { node, store, identity, operations, clock } = components;
  const now = clock.now();
  return {
    identity: { publicKey: toHex(identity.publicKey), location: node.location, powDifficulty: identity.difficulty },
    addresses: components.addresses(),
    uptimeSeconds: Math.floor((now - startedAt) / 1000),
    peers: [...node.peers].map((peer) => ({
      id: peer.id,
      location: peer.location,
      ...(peer.remoteAddress === undefined ? {} : { address: peer.remoteAddress }),
      uptimeSeconds: Math.floor((now - peer.connectedAt) / 1000),
      backoffMs: Math.max(0, Math.ceil(peer.backoffUntil - now)),
      inFlight: peer.inFlight,
      stats: { ...peer.stats },
    })),
    store: store.stats(),
    requests: operations.snapshot(),
    activeTransactions: node.activeTransactions,
    ...optional('gateway', components.gatewayUrl?.()),
    ...(components.healer === undefined ? {} : { healing: components.healer.totals }),
    ...(node.swapCounts === undefined ? {} : { swaps: { ...node.swapCounts } }),
  };
}

const optional = <K extends string>(key: K, value: string | undefined): { [P in K]?: string } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };

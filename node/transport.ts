/**
 * What a node needs from the network below it (one interface, two implementations):
 * links to peers whose identity proof has been verified, and envelopes over them.
 *
 *   MemoryNetwork (sim/)       in process, delivery through the clock, optional latency and loss
 *   TcpTransport (node/net/)   @libp2p/tcp + Noise XX, length-prefixed frames (spec/wire.md)
 *
 * A transport performs the Hello exchange itself: `peerConnected` is only raised
 * for a peer whose proof of work verified at the network's difficulty and, on a
 * real network, whose proof belongs to the key that authenticated the link.
 * `test/unit/node/transport-conformance.ts` is the suite every implementation passes.
 */
import type { Envelope, NodeRef } from '../protocol/wire/messages.js';

/** A peer's identity on a link: the hex of its Ed25519 public key. */
export type PeerId = string;

export interface ConnectedPeer {
  readonly id: PeerId;
  /** Ring location derived from the peer's proof of work. */
  readonly location: number;
  /** The peer's identity proof and the addresses it says it listens on. */
  readonly node: NodeRef;
  /**
   * The address the link's connection runs to, as the network saw it (TCP: the peer's IP address
   * and port, a multiaddr), when the transport knows one: unlike `node.addresses`, not the peer's word.
   */
  readonly remoteAddress?: string;
}

export interface DialOptions {
  readonly signal?: AbortSignal | undefined;
  /**
   * The node expected at the address: a connection authenticated by any other key is closed
   * before anything is sent on it for the node, and the dial rejects with `UnexpectedPeerError`.
   */
  readonly peer?: PeerId | undefined;
}

export interface TransportHandlers {
  peerConnected(peer: ConnectedPeer): void;
  peerDisconnected(peerId: PeerId, reason: string): void;
  message(peerId: PeerId, envelope: Envelope): void;
  /** The peer's send queue, after holding more than half its bound, is back at half or below. */
  drained?(peerId: PeerId): void;
}

/** What waits to be written to one peer, and the most that may (`send` refuses beyond it). */
export interface SendQueue {
  readonly queuedBytes: number;
  readonly maxBytes: number;
}

export interface Transport {
  /** Addresses other nodes can dial this one at (valid after `start`). */
  readonly addresses: readonly string[];
  /** Starts accepting links; every later event goes to `handlers`. */
  start(handlers: TransportHandlers): Promise<void>;
  /** Closes every link (each raises `peerDisconnected`) and stops accepting. */
  stop(): Promise<void>;
  /** Opens a link to the node at `address`, or returns the one already open; resolves once its proof is verified. */
  dial(address: string, options?: DialOptions): Promise<ConnectedPeer>;
  /**
   * Queues `envelope` for a connected peer. Returns false, dropping it, when the peer
   * is not connected or its send queue is full: the caller treats that like a lost message.
   */
  send(peerId: PeerId, envelope: Envelope): boolean;
  /** The send queue of a connected peer; undefined for a peer not connected. */
  sendQueue(peerId: PeerId): SendQueue | undefined;
  /** Closes the link to a peer; `peerDisconnected` follows. */
  disconnect(peerId: PeerId, reason: string): void;
}

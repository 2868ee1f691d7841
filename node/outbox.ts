/**
 * What this node sends back to its peers, paced by each link's send queue (spec/routing.md §8.4),
 * so that the replies a fast, honest peer provokes all at once (a DataFound is a 32 KiB block)
 * never overflow its queue and get it disconnected as a slow reader.
 *
 *   context.send ──> Outbox.send ──queue at most half full, nothing waiting──> Transport.send
 *                                └─otherwise──> the peer's FIFO (bounded; beyond: dropped, a lost message)
 *   Transport ──drained(peer)──> Outbox.drained ──> FIFO ──> Transport.send while at most half full
 *
 * Half the send queue is left to the messages routes send (requests, which are small), so a peer
 * that stops reading is still disconnected as a slow reader once those fill the rest; until then
 * it holds at most its FIFO here. Everything waiting for a peer keeps its order.
 */
import type { Envelope } from '../protocol/wire/messages.js';
import type { PeerId, Transport } from './transport.js';

export interface OutboxInit {
  /** Replies that may wait for one peer's send queue (default 128: 4 MiB of blocks). */
  readonly maxQueuedRepliesPerPeer?: number;
  /** Replies that may wait for all peers together (default 1,024: 32 MiB of blocks). */
  readonly maxQueuedReplies?: number;
}

export class Outbox {
  private readonly waiting = new Map<PeerId, Envelope[]>();
  private readonly maxPerPeer: number;
  private readonly maxTotal: number;
  private total = 0;
  /** Replies dropped because a FIFO was full: each is a lost message to its peer. */
  dropped = 0;

  constructor(
    private readonly components: { readonly transport: Transport },
    init: OutboxInit = {},
  ) {
    this.maxPerPeer = init.maxQueuedRepliesPerPeer ?? 128;
    this.maxTotal = init.maxQueuedReplies ?? 1_024;
    for (const [name, value] of [['maxQueuedRepliesPerPeer', this.maxPerPeer], ['maxQueuedReplies', this.maxTotal]] as const) {
      if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
    }
  }

  /** Replies waiting, all peers together. */
  get queued(): number {
    return this.total;
  }

  /** Sends `envelope` now or after what waits for the peer; false when it is dropped. */
  send(peer: PeerId, envelope: Envelope): boolean {
    this.drained(peer);
    const waiting = this.waiting.get(peer);
    if (waiting === undefined && this.writable(peer)) return this.components.transport.send(peer, envelope);
    if (this.components.transport.sendQueue(peer) === undefined) return false;
    if ((waiting?.length ?? 0) >= this.maxPerPeer || this.total >= this.maxTotal) {
      this.dropped++;
      return false;
    }
    if (waiting === undefined) this.waiting.set(peer, [envelope]);
    else waiting.push(envelope);
    this.total++;
    return true;
  }

  /** The peer's send queue has room again: sends what waits while it stays at most half full. */
  drained(peer: PeerId): void {
    const waiting = this.waiting.get(peer);
    if (waiting === undefined) return;
    while (waiting.length > 0 && this.writable(peer)) {
      this.total--;
      this.components.transport.send(peer, waiting.shift()!);
    }
    if (waiting.length === 0) this.waiting.delete(peer);
  }

  /** Drops what waits for a peer that is gone. */
  peerDisconnected(peer: PeerId): void {
    this.total -= this.waiting.get(peer)?.length ?? 0;
    this.waiting.delete(peer);
  }

  private writable(peer: PeerId): boolean {
    const queue = this.components.transport.sendQueue(peer);
    return queue !== undefined && queue.queuedBytes <= queue.maxBytes / 2;
  }
}

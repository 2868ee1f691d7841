/**
 * Everything this node sends to its peers, paced by each link's send queue (spec/routing.md §8.4),
 * so that the replies a fast, honest peer provokes all at once (a DataFound is a 32 KiB block), or
 * the inserts routed to one peer together, never overflow its queue and get it taken for a slow
 * reader.
 *
 *   context.send, Route ──> Outbox.send ──queue at most half full, nothing waiting──> Transport.send
 *                                       └─otherwise──> the peer's FIFO (bounded; beyond: dropped, a lost message)
 *   Transport ──drained(peer)──> Outbox.drained ──> FIFO ──> Transport.send while at most half full
 *
 * A peer whose queue has not come back to half within `slowReaderTimeoutMs` while messages wait for
 * it is disconnected as a slow reader (checked when something more is sent to it: no timers).
 * Everything waiting for a peer keeps its order.
 */
import type { Envelope } from '../protocol/wire/messages.js';
import type { Clock, Logger } from './components.js';
import { enabled, peerText, txText } from './log-fields.js';
import type { PeerId, Transport } from './transport.js';

export interface OutboxInit {
  /** Messages that may wait for one peer's send queue (default 128: 4 MiB of blocks). */
  readonly maxQueuedRepliesPerPeer?: number;
  /** Messages that may wait for all peers together (default 1,024: 32 MiB of blocks). */
  readonly maxQueuedReplies?: number;
  /** Longest a peer's queue may stay more than half full while messages wait for it (default 30 s). */
  readonly slowReaderTimeoutMs?: number;
}

export interface OutboxComponents {
  readonly transport: Transport;
  readonly clock: Clock;
  readonly logger: Logger;
}

interface Waiting {
  readonly envelopes: Envelope[];
  /** Clock time since which the peer's queue has not come back to half. */
  since: number;
}

export class Outbox {
  private readonly waiting = new Map<PeerId, Waiting>();
  private readonly maxPerPeer: number;
  private readonly maxTotal: number;
  private readonly slowReaderTimeoutMs: number;
  private total = 0;
  private droppedCount = 0;

  constructor(
    private readonly components: OutboxComponents,
    init: OutboxInit = {},
  ) {
    this.maxPerPeer = init.maxQueuedRepliesPerPeer ?? 128;
    this.maxTotal = init.maxQueuedReplies ?? 1_024;
    this.slowReaderTimeoutMs = init.slowReaderTimeoutMs ?? 30_000;
    for (const [name, value] of [
      ['maxQueuedRepliesPerPeer', this.maxPerPeer],
      ['maxQueuedReplies', this.maxTotal],
      ['slowReaderTimeoutMs', this.slowReaderTimeoutMs],
    ] as const) {
      if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
    }
  }

  /** Messages dropped because a FIFO was full: each is a lost message to its peer. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Messages waiting, all peers together. */
  get queued(): number {
    return this.total;
  }

  /** Sends `envelope` now or after what waits for the peer; false when it is dropped. */
  send(peer: PeerId, envelope: Envelope): boolean {
    const { transport, clock } = this.components;
    // Nothing waits for any peer (the usual case): straight to the link when it has room.
    if (this.waiting.size === 0 && this.writable(peer)) return transport.send(peer, envelope);
    this.drained(peer);
    const waiting = this.waiting.get(peer);
    if (waiting === undefined && this.writable(peer)) return transport.send(peer, envelope);
    if (transport.sendQueue(peer) === undefined) return false;
    if (waiting !== undefined && clock.now() - waiting.since > this.slowReaderTimeoutMs) {
      transport.disconnect(peer, `slow reader: send queue more than half full for ${this.slowReaderTimeoutMs} ms`);
      return false;
    }
    if ((waiting?.envelopes.length ?? 0) >= this.maxPerPeer || this.total >= this.maxTotal) {
      this.droppedCount++;
      enabled(this.components.logger, 'debug')?.debug(
        { tx: txText(envelope.tx), peer: peerText(peer), message: envelope.body.type },
        'message dropped: too many waiting for the send queue',
      );
      return false;
    }
    if (waiting === undefined) this.waiting.set(peer, { envelopes: [envelope], since: clock.now() });
    else waiting.envelopes.push(envelope);
    this.total++;
    return true;
  }

  /** The peer's send queue has room again: sends what waits while it stays at most half full. */
  drained(peer: PeerId): void {
    const waiting = this.waiting.get(peer);
    if (waiting === undefined || !this.writable(peer)) return;
    waiting.since = this.components.clock.now();
    while (waiting.envelopes.length > 0 && this.writable(peer)) {
      this.total--;
      this.components.transport.send(peer, waiting.envelopes.shift()!);
    }
    if (waiting.envelopes.length === 0) this.waiting.delete(peer);
  }

  /** Drops what waits for a peer that is gone. */
  peerDisconnected(peer: PeerId): void {
    this.total -= this.waiting.get(peer)?.envelopes.length ?? 0;
    this.waiting.delete(peer);
  }

  private writable(peer: PeerId): boolean {
    const queue = this.components.transport.sendQueue(peer);
    return queue !== undefined && queue.queuedBytes <= queue.maxBytes / 2;
  }
}

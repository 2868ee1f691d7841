/**
 * Adversaries run the production node behind a transport that looks at each envelope a
 * peer sends before the node does: an interceptor may swallow it, answer it itself, or let
 * the node handle it. The node never learns that it sits behind one.
 *
 *   peer ──envelope──> MemoryTransport ──> InterceptingTransport ──intercept?──> Node
 *                                                     └──reply──> peer
 */
import type { ConnectedPeer, DialOptions, PeerId, SendQueue, Transport, TransportHandlers } from '../../node/transport.js';
import type { Envelope } from '../../protocol/wire/messages.js';
import type { MemoryTransport } from '../memory-network.js';

/** Handles an envelope from `from` instead of the node and returns true, or returns false to pass it on. */
export type Interceptor = (from: PeerId, envelope: Envelope, reply: (envelope: Envelope) => void) => boolean;

export class InterceptingTransport implements Transport {
  constructor(
    private readonly inner: MemoryTransport,
    private readonly intercept: Interceptor,
  ) {}

  get addresses(): readonly string[] {
    return this.inner.addresses;
  }

  start(handlers: TransportHandlers): Promise<void> {
    return this.inner.start({
      ...handlers,
      message: (from, envelope) => {
        if (!this.intercept(from, envelope, (answer) => this.inner.send(from, answer))) handlers.message(from, envelope);
      },
    });
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }

  dial(address: string, options?: DialOptions): Promise<ConnectedPeer> {
    return this.inner.dial(address, options);
  }

  send(peerId: PeerId, envelope: Envelope): boolean {
    return this.inner.send(peerId, envelope);
  }

  sendQueue(peerId: PeerId): SendQueue | undefined {
    return this.inner.sendQueue(peerId);
  }

  disconnect(peerId: PeerId, reason: string): void {
    this.inner.disconnect(peerId, reason);
  }
}

/** How many requests a group of adversary nodes took over. */
export interface InterceptCounts {
  requests: number;
}

/** A wrapper for `Membership.restart` that intercepts the data requests `take` accepts. */
export function interceptRequests(
  counts: InterceptCounts,
  take: (routingKey: Uint8Array) => boolean,
  answer: (envelope: Envelope & { body: { type: 'dataRequest' } }, reply: (envelope: Envelope) => void) => void,
): (transport: MemoryTransport) => Transport {
  return (transport) =>
    new InterceptingTransport(transport, (_from, envelope, reply) => {
      const { body } = envelope;
      if (body.type !== 'dataRequest' || !take(body.routingKey)) return false;
      counts.requests++;
      answer(envelope as Envelope & { body: typeof body }, reply);
      return true;
    });
}

/**
 * One Noise-secured connection to one peer, from our Hello to its close (spec/wire.md §6.1, §10).
 *
 *   created   our Hello is queued at once, without waiting for the peer's
 *   hello     the first frame MUST be a Hello whose key equals the Noise key and whose proof
 *             verifies at the network difficulty; anything else closes the link
 *   verified  every later frame is an envelope for the node; a second Hello closes the link
 *   closed    `closed` is called once, with the reason; `outcome` rejects if nothing settled it
 *
 * Whether a verified link becomes the peer's link is the transport's decision (one per peer): it
 * settles `outcome` with the peer the link ended up serving.
 */
import type { MessageStream } from '@libp2p/interface';
import { toHex } from '../../protocol/bytes.js';
import type { Clock } from '../components.js';
import { WireDecodeError } from '../../protocol/errors.js';
import { checkIdentityProof } from '../../protocol/identity.js';
import { decodeEnvelope, encodeEnvelopeFrame, type Envelope, type FrameSegments } from '../../protocol/wire/index.js';
import type { ConnectedPeer, PeerId } from '../transport.js';
import { HandshakeError } from './errors.js';
import { FrameStream } from './stream.js';

export interface LinkInit {
  /** The encrypted stream Noise returned, and the Ed25519 key that authenticated it. */
  readonly stream: MessageStream;
  readonly remotePublicKey: Uint8Array;
  /** True when this node dialled. */
  readonly outbound: boolean;
  /** The connection's remote multiaddr (IP address and port), reported with the peer. */
  readonly remoteAddress: string;
  /** Our Hello, encoded once per link (each has its own tx). */
  readonly hello: Envelope;
  readonly powDifficulty: number;
  readonly sendQueueBytes: number;
  /** How long `close` may take to write what is queued; timed on `clock`. */
  readonly closeTimeoutMs: number;
  readonly clock: Clock;
  /** The peer's Hello checked out: the transport decides whether the link is kept. */
  verified(link: Link, peer: ConnectedPeer): void;
  message(link: Link, envelope: Envelope): void;
  /** The send queue, after holding more than half its bound, is back at half or below. */
  drained(link: Link): void;
  closed(link: Link, reason: string): void;
}

export class Link {
  /** Hex of the Noise-authenticated Ed25519 key; equal to the Hello's key once verified. */
  readonly id: PeerId;
  readonly remotePublicKey: Uint8Array;
  readonly outbound: boolean;
  readonly #init: LinkInit;
  readonly #frames: FrameStream;
  /** The peer this link serves, once the transport has kept it or merged it into an existing link. */
  readonly outcome: Promise<ConnectedPeer>;
  #settle!: (peer: ConnectedPeer) => void;
  #fail!: (error: HandshakeError) => void;
  #verified = false;
  /** Why the link is closing, when this side decided it; the first reason wins. */
  #reason: string | undefined;
  #closeTimer: { cancel(): void } | undefined;
  #closed = false;

  constructor(init: LinkInit) {
    this.#init = init;
    this.id = toHex(init.remotePublicKey);
    this.remotePublicKey = init.remotePublicKey;
    this.outbound = init.outbound;
    this.outcome = new Promise((resolve, reject) => {
      this.#settle = resolve;
      this.#fail = reject;
    });
    // A link refused before anyone asked for its outcome is not an unhandled rejection.
    this.outcome.catch(() => undefined);
    this.#frames = new FrameStream(init.stream, {
      maxQueueBytes: init.sendQueueBytes,
      onFrame: (frame) => this.#receive(frame),
      onClose: (error) => this.#onClosed(this.#reason ?? closeReason(error)),
      onDrained: () => init.drained(this),
    });
    this.#frames.send(encodeEnvelopeFrame(init.hello));
  }

  get verified(): boolean {
    return this.#verified;
  }

  /** Bytes of frames queued and not yet written. */
  get queuedBytes(): number {
    return this.#frames.queuedBytes;
  }

  /** Queues one encoded frame, whole or in segments; false when the link is closing or its queue would overflow. */
  send(frame: FrameSegments): boolean {
    return this.#frames.send(frame);
  }

  settle(peer: ConnectedPeer): void {
    this.#settle(peer);
  }

  /** Stops reading, writes what is queued, then closes; drops the rest after `closeTimeoutMs`. */
  close(reason: string): void {
    if (this.#closed || this.#reason !== undefined) return;
    this.#reason = reason;
    const timeout = new AbortController();
    this.#closeTimer = this.#init.clock.setTimer(this.#init.closeTimeoutMs, () => timeout.abort());
    void this.#frames.close(timeout.signal);
  }

  /** Closes at once: the peer misbehaved, or there is no time to flush. */
  abort(reason: string): void {
    this.#reason ??= reason;
    this.#frames.abort(new Error(reason));
  }

  #onClosed(reason: string): void {
    this.#closed = true;
    this.#closeTimer?.cancel();
    this.#fail(new HandshakeError(`link closed before it was verified (${reason})`));
    this.#init.closed(this, reason);
  }

  #receive(frame: Uint8Array): void {
    let envelope: Envelope;
    try {
      // The frame (a copy, or a view into a decrypted chunk) is used for nothing else: the envelope may keep views into it.
      envelope = decodeEnvelope(frame, { owned: true });
    } catch (error) {
      this.abort(`protocol violation: ${(error as WireDecodeError).message}`);
      return;
    }
    if (this.#verified) {
      if (envelope.body.type === 'hello') this.abort('protocol violation: a second Hello');
      else this.#init.message(this, envelope);
      return;
    }
    const peer = this.#verify(envelope);
    if (typeof peer === 'string') {
      this.abort(`refused: ${peer}`);
      return;
    }
    this.#verified = true;
    this.#init.verified(this, peer);
  }

  /** The peer its Hello proves, or why it proves nothing (spec/identity.md §5). */
  #verify({ body }: Envelope): ConnectedPeer | string {
    if (body.type !== 'hello') return `the first frame is ${body.type}, not Hello`;
    const { node } = body;
    if (toHex(node.publicKey) !== this.id) return "the Hello's key is not the key that authenticated the link";
    const check = checkIdentityProof({ publicKey: node.publicKey, nonce: node.powNonce }, this.#init.powDifficulty);
    if (!check.valid) return `invalid identity proof: ${check.reason}`;
    return { id: this.id, location: check.location, node, remoteAddress: this.#init.remoteAddress };
  }
}

function closeReason(error: Error | undefined): string {
  if (error === undefined) return 'closed by peer';
  if (error instanceof WireDecodeError) return `protocol violation: ${error.message}`;
  return `connection lost: ${error.message}`;
}

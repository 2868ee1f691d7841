/**
 * A hand-driven peer for the TCP transport's tests: real TCP and Noise (node/net/libp2p.ts), then
 * whatever bytes a test chooses, so it can break the protocol on purpose, or stop reading.
 */
import type { MessageStream, MultiaddrConnection } from '@libp2p/interface';
import type { IdentityProof, NodeIdentity } from '../../protocol/identity.js';
import { decodeEnvelope, encodeEnvelope, encodeFrame, type Envelope } from '../../protocol/wire/index.js';
import { createNoise, createTcpSockets } from '../../node/net/libp2p.js';
import { FrameStream, onStreamClose } from '../../node/net/stream.js';

export class RawPeer {
  /** Envelopes received, in order (unless `onEnvelope` takes them). */
  readonly received: Envelope[] = [];
  /** Called with each envelope received instead of keeping it in `received`. */
  onEnvelope: ((envelope: Envelope) => void) | undefined;
  /** Resolves when the link closes, with the error it closed with, if any. */
  readonly closed: Promise<Error | undefined>;
  readonly #frames: FrameStream;
  #isClosed = false;

  constructor(
    /** The raw TCP connection: pause it to stop reading. */
    readonly connection: MultiaddrConnection,
    stream: MessageStream,
  ) {
    let resolveClosed!: (error: Error | undefined) => void;
    this.closed = new Promise((resolve) => (resolveClosed = resolve));
    this.#frames = new FrameStream(stream, {
      maxQueueBytes: 1 << 24,
      onFrame: (frame) => {
        const envelope = decodeEnvelope(frame);
        if (this.onEnvelope === undefined) this.received.push(envelope);
        else this.onEnvelope(envelope);
      },
      onClose: (error) => {
        this.#isClosed = true;
        resolveClosed(error);
      },
    });
  }

  get isClosed(): boolean {
    return this.#isClosed;
  }

  /** Writes bytes as they are, framed or not. */
  sendBytes(bytes: Uint8Array): void {
    this.#frames.send(bytes);
  }

  send(envelope: Envelope): void {
    this.sendBytes(encodeFrame(encodeEnvelope(envelope)));
  }

  /** A Hello carrying `proof` (by default the peer's own). */
  sendHello(proof: IdentityProof, addresses: string[] = []): void {
    this.send({ tx: 1n, body: { type: 'hello', node: { publicKey: proof.publicKey, powNonce: proof.nonce, addresses } } });
  }

  abort(): void {
    this.#frames.abort(new Error('raw peer done'));
  }
}

const sockets = () => createTcpSockets({ idleTimeoutMs: 0, onInbound: (connection) => connection.abort(new Error('not listening')) });

/** A bare TCP connection to `address`: no Noise, no Hello. */
export function rawTcp(address: string): Promise<MultiaddrConnection> {
  const tcp = sockets();
  return tcp.dial(tcp.parse(address), AbortSignal.timeout(5000));
}

/** Connects to `address` and completes Noise as `identity`; sends nothing yet. */
export async function rawDial(identity: NodeIdentity, address: string): Promise<RawPeer> {
  const connection = await rawTcp(address);
  const { stream } = await createNoise(identity)(connection, true, AbortSignal.timeout(5000));
  return new RawPeer(connection, stream);
}

/** Listens on 127.0.0.1 and completes Noise as `identity` with whoever connects. */
export async function rawListen(identity: NodeIdentity, onPeer: (peer: RawPeer) => void): Promise<{ address: string; close(): Promise<void> }> {
  const noise = createNoise(identity);
  const tcp = createTcpSockets({
    idleTimeoutMs: 0,
    onInbound: (connection) => {
      noise(connection, false, AbortSignal.timeout(5000)).then(
        ({ stream }) => onPeer(new RawPeer(connection, stream)),
        (error: Error) => connection.abort(error),
      );
    },
  });
  const listener = await tcp.listen(tcp.parse('/ip4/127.0.0.1/tcp/0'));
  return { address: listener.getAddrs()[0]!.toString(), close: () => listener.close() };
}

/** Resolves when a raw connection closes. */
export function closedOf(connection: MultiaddrConnection): Promise<void> {
  return new Promise((resolve) => onStreamClose(connection, () => resolve()));
}

/**
 * @libp2p/tcp and @chainsafe/libp2p-noise used standalone, without a libp2p node (ARCHITECTURE §2):
 * the few components they need, and nothing of libp2p's connection upgrading.
 *
 *   createTcpSockets   TCP listen and dial; each accepted socket is admitted or destroyed first
 *                      (admitFirst), then a stub upgrader hands back each raw MultiaddrConnection,
 *                      whose sends are corked into one writev (writeEachSendAtOnce), with sockets
 *                      that take four full frames before asking for 'drain'
 *   createNoise        Noise XX (spec/wire.md §10.2) with the node's Ed25519 key as the libp2p identity,
 *                      its transport messages sealed by noise-crypto.ts
 *
 * libp2p's own debug logging is switched off: the transport logs its decisions itself.
 */
import { noise } from '@chainsafe/libp2p-noise';
import type {
  ComponentLogger,
  Connection,
  Listener,
  Logger as Libp2pLogger,
  MessageStream,
  MultiaddrConnection,
  PrivateKey,
  Upgrader,
} from '@libp2p/interface';
import { tcp, type TCPSocketOptions } from '@libp2p/tcp';
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr';
import { Server, type Socket } from 'node:net';
import { compareBytes } from '../../protocol/bytes.js';
import { libp2pIdentity } from '../../protocol/crypto.js';
import type { NodeIdentity } from '../../protocol/identity.js';
import { HandshakeError, InvalidAddressError } from './errors.js';
import { noiseCrypto } from './noise-crypto.js';

/** Bound into every Noise handshake, so a Warren link never completes with a peer of another protocol. */
export const NOISE_PROLOGUE = new TextEncoder().encode('warren/link/v1');

const silentLog: Libp2pLogger = Object.assign(() => undefined, {
  error: () => undefined,
  trace: () => undefined,
  enabled: false,
  newScope: () => silentLog,
});
const silentComponentLogger: ComponentLogger = { forComponent: () => silentLog };

/**
 * The two upgrader methods @libp2p/tcp calls, handing over the raw connection untouched; Noise is
 * told to skip muxer negotiation, so it never calls the others. `Connection` is what the interface
 * promises to return; the only caller (`dial` below) takes the raw connection back out.
 */
function stubUpgrader(onInbound: (connection: MultiaddrConnection) => void): Upgrader {
  const upgrader: Pick<Upgrader, 'upgradeInbound' | 'upgradeOutbound'> = {
    upgradeInbound: async (connection: MultiaddrConnection) => onInbound(connection),
    upgradeOutbound: async (connection: MultiaddrConnection) => connection as unknown as Connection,
  };
  return upgrader as Upgrader;
}

/** What may come before `/tcp/<port>` in a Warren address (spec/wire.md §10.2); nothing may follow. */
const TCP_HOSTS = new Set(['ip4', 'ip6', 'dns4', 'dns6', 'dns']);

/** Parses a TCP multiaddr (`/ip4|ip6|dns4|dns6|dns/…/tcp/<port>`); anything else throws InvalidAddressError. */
export function parseTcpAddress(address: string): Multiaddr {
  let parsed: Multiaddr;
  try {
    parsed = multiaddr(address);
  } catch (cause) {
    throw new InvalidAddressError(`not a multiaddr: ${address}`, { cause });
  }
  const [host, port, ...rest] = parsed.getComponents().map((component) => component.name);
  if (!TCP_HOSTS.has(host ?? '') || port !== 'tcp' || rest.length > 0) {
    throw new InvalidAddressError(`not a TCP address: ${address}`);
  }
  return parsed;
}

export interface TcpSocketsInit {
  /** Close a connection with no traffic either way for this long; 0 never does. */
  readonly idleTimeoutMs: number;
  /**
   * Asked first for each accepted socket, with its remote host as a multiaddr (`/ip4/1.2.3.4`):
   * false destroys the socket before @libp2p/tcp wraps it. Default: every socket is admitted.
   */
  readonly admit?: (remoteHost: string) => boolean;
  /** Every accepted connection admitted, before anything was read from it. */
  onInbound(connection: MultiaddrConnection): void;
}

export interface TcpSockets {
  /** Parses a TCP multiaddr (`/ip4|ip6|dns4|dns6|dns/…/tcp/<port>`); anything else throws InvalidAddressError. */
  parse(address: string): Multiaddr;
  listen(address: Multiaddr): Promise<Listener>;
  /** Connects; `signal` can abort the connecting only, never the connection once it is made. */
  dial(address: Multiaddr, signal: AbortSignal): Promise<MultiaddrConnection>;
}

/**
 * The parts of @libp2p/tcp's MultiaddrConnection that `writeEachSendAtOnce` uses: its socket, and
 * `processSendQueue` (@libp2p/utils' AbstractMessageStream), which every send and every 'drain'
 * runs, and which writes each queued chunk with its own `socket.write`.
 */
interface TcpConnectionInternals {
  readonly socket: Socket;
  processSendQueue(): boolean;
}

/**
 * Makes what one turn of the send queue writes one write to the kernel. Noise hands down every
 * message as separate chunks (its 2-byte length, the ciphertext, the tag), and with Nagle off
 * (`noDelay`, as @libp2p/tcp sets it) each `socket.write` would be a system call and a TCP segment
 * of its own: corked, they leave in one `writev`. Throws if @libp2p/tcp no longer has these
 * internals, so that an upgrade cannot lose this silently (test/unit/node/net/libp2p.test.ts).
 */
export function writeEachSendAtOnce(connection: MultiaddrConnection): void {
  const internals = connection as unknown as Partial<TcpConnectionInternals>;
  const { socket, processSendQueue } = internals;
  if (typeof socket?.cork !== 'function' || typeof processSendQueue !== 'function') {
    throw new TypeError('@libp2p/tcp connection without the socket and send queue this transport writes through');
  }
  internals.processSendQueue = () => {
    socket.cork();
    try {
      return processSendQueue.call(connection);
    } finally {
      socket.uncork();
    }
  };
}

/**
 * Puts `admit` before @libp2p/tcp's own handling of each socket its listener's server accepts
 * (the one 'connection' handler the server was made with), so that a refused socket costs no
 * MultiaddrConnection. Throws if @libp2p/tcp no longer has that server, so that an upgrade cannot
 * lose the check silently (test/unit/node/net/libp2p.test.ts).
 */
export function admitFirst(listener: Listener, admit: (remoteHost: string) => boolean): void {
  const { server } = listener as unknown as { server?: unknown };
  const handlers = server instanceof Server ? server.listeners('connection') : [];
  if (!(server instanceof Server) || handlers.length !== 1) throw new TypeError('@libp2p/tcp listener without the one net.Server connection handler');
  const [wrap] = handlers as [(socket: Socket) => void];
  server.removeAllListeners('connection');
  server.on('connection', (socket: Socket) => {
    const host = `/${socket.remoteFamily === 'IPv6' ? 'ip6' : 'ip4'}/${socket.remoteAddress ?? ''}`;
    if (admit(host)) wrap(socket);
    else socket.destroy();
  });
}

/**
 * Bytes a socket takes before it asks for 'drain': four full frames. Node's default (16 KiB) is
 * half a block, so every batch a link writes would wait a turn of the event loop for 'drain'.
 */
const SOCKET_HIGH_WATER_MARK = 128 * 1024;

export function createTcpSockets(init: TcpSocketsInit): TcpSockets {
  // `highWaterMark` is passed on to net.createServer and net.connect, though @libp2p/tcp's types do not list it.
  const socketOptions = { highWaterMark: SOCKET_HIGH_WATER_MARK } as TCPSocketOptions;
  const transport = tcp({
    inboundSocketInactivityTimeout: init.idleTimeoutMs,
    outboundSocketInactivityTimeout: init.idleTimeoutMs,
    dialOpts: socketOptions,
    listenOpts: socketOptions,
  })({ logger: silentComponentLogger });
  const upgrader = stubUpgrader((connection) => {
    writeEachSendAtOnce(connection);
    init.onInbound(connection);
  });
  return {
    parse: parseTcpAddress,
    async listen(address) {
      const listener = transport.createListener({ upgrader });
      if (init.admit !== undefined) admitFirst(listener, init.admit);
      await listener.listen(address);
      return listener;
    },
    async dial(address, signal) {
      signal.throwIfAborted();
      // @libp2p/tcp hands its signal to net.connect, which binds it to the socket for life: a
      // signal that fired later (a caller's timeout) would destroy an established link.
      const connecting = new AbortController();
      const abort = () => connecting.abort(signal.reason);
      signal.addEventListener('abort', abort, { once: true });
      try {
        const connection = (await transport.dial(address, { upgrader, signal: connecting.signal })) as unknown as MultiaddrConnection;
        writeEachSendAtOnce(connection);
        return connection;
      } finally {
        signal.removeEventListener('abort', abort);
      }
    },
  };
}

/** Runs the Noise XX handshake on a raw connection: the encrypted stream and the peer's Ed25519 key. */
export type NoiseHandshake = (
  connection: MessageStream,
  outbound: boolean,
  signal: AbortSignal,
) => Promise<{ stream: MessageStream; remotePublicKey: Uint8Array }>;

/**
 * The Noise library signs the same message on every handshake, in and out, before reading a byte
 * from the peer: its static X25519 key, fixed for the encrypter's life. Ed25519 signatures are
 * deterministic, so the last one made is kept and reused: a connection that never says anything
 * costs no signature (spec/wire.md §10.6, a held slot costs the holder, not the node).
 */
export function reusingSignatures(privateKey: PrivateKey): PrivateKey {
  let last: { readonly message: Uint8Array; readonly signature: Uint8Array } | undefined;
  const sign = async (data: Parameters<PrivateKey['sign']>[0]): Promise<Uint8Array> => {
    const message = data instanceof Uint8Array ? data : data.subarray();
    if (last !== undefined && compareBytes(last.message, message) === 0) return last.signature;
    const signature = await privateKey.sign(message);
    last = { message: Uint8Array.from(message), signature };
    return signature;
  };
  return Object.assign(Object.create(privateKey) as PrivateKey, { sign });
}

export function createNoise(identity: NodeIdentity): NoiseHandshake {
  const encrypting = libp2pIdentity(identity.keyPair).then(({ privateKey, peerId }) =>
    noise({ prologueBytes: NOISE_PROLOGUE, crypto: noiseCrypto })({
      privateKey: reusingSignatures(privateKey),
      peerId,
      logger: silentComponentLogger,
      upgrader: stubUpgrader(() => undefined),
    }),
  );
  // Should it fail, each handshake throws why; until the first, the failure is not unhandled.
  encrypting.catch(() => undefined);
  return async (connection, outbound, signal) => {
    const encrypter = await encrypting;
    const options = { signal, skipStreamMuxerNegotiation: true };
    const secured = outbound ? await encrypter.secureOutbound(connection, options) : await encrypter.secureInbound(connection, options);
    const { publicKey } = secured.remotePeer;
    if (publicKey?.type !== 'Ed25519') {
      throw new HandshakeError(`the peer authenticated with a ${publicKey?.type ?? 'missing'} key, not Ed25519`);
    }
    return { stream: secured.connection, remotePublicKey: publicKey.raw };
  };
}

/**
 * Links the bench scripts measure and compare with (bench/transport.ts, bench/network.ts): two
 * TcpTransports in this process, the Noise-secured libp2p stream alone and a bare TCP socket as
 * same-run references, a windowed pump that moves frames over any of them, and connection setup
 * timed three ways (dial to a verified Hello, TCP + Noise, bare TCP).
 */
import '../node/polyfills.js';
import { once } from 'node:events';
import { createConnection, createServer } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { MessageStream } from '@libp2p/interface';
import { mintIdentity } from '../protocol/identity-mint.js';
import type { NodeIdentity } from '../protocol/identity.js';
import { encodeEnvelope, encodeFrame, MAX_BLOCK_BYTES, type Envelope } from '../protocol/wire/index.js';
import { silentLogger, SystemClock } from '../node/components.js';
import { createNoise, createTcpSockets } from '../node/net/libp2p.js';
import { TcpTransport } from '../node/net/tcp-transport.js';

export const DIFFICULTY = 8;
export const LOOPBACK = '/ip4/127.0.0.1/tcp/0';

export const pattern = (length: number) => Uint8Array.from({ length }, (_, i) => (i * 31 + 7) & 0xff);
export const small: Envelope = { tx: 0x0123456789abcdefn, body: { type: 'dataRequest', keyType: 'chk', routingKey: pattern(32), htl: 18 } };
export const blockEnvelope: Envelope = { tx: 0x0123456789abcdefn, body: { type: 'dataFound', block: pattern(MAX_BLOCK_BYTES) } };

export interface Load {
  readonly name: string;
  readonly envelope: Envelope;
  /** Envelopes per round, and how many may be in flight at once. */
  readonly count: number;
  readonly window: number;
}

/** One way to move `n` copies of a load's frame, and how many have arrived so far. */
export interface Pipe {
  send(n: number): void;
  delivered(): number;
  close(): Promise<void>;
}

/** Sends `count` items keeping at most `window` undelivered; resolves with items per second. */
export async function pump(pipe: Pipe, count: number, window: number): Promise<number> {
  const startedAt = performance.now();
  const base = pipe.delivered();
  let sent = 0;
  while (pipe.delivered() - base < count) {
    const n = Math.min(count - sent, window - (sent - (pipe.delivered() - base)));
    if (n > 0) {
      pipe.send(n);
      sent += n;
    }
    await nextTurn();
  }
  return (count * 1000) / (performance.now() - startedAt);
}

/** TCP sockets used only to dial. */
export const dialOnly = () => createTcpSockets({ idleTimeoutMs: 0, onInbound: () => undefined });

/** Two started TcpTransports; counts what arrives at `b` and the peers `b` loses. */
export async function transportPair() {
  const counts = { received: 0, left: 0 };
  const make = async (identity: NodeIdentity, message: () => void, peerDisconnected: () => void) => {
    const transport = new TcpTransport(
      { identity, clock: new SystemClock(), logger: silentLogger },
      { listen: [LOOPBACK], powDifficulty: DIFFICULTY, sendQueueBytes: 64 << 20 },
    );
    await transport.start({ peerConnected: () => undefined, peerDisconnected, message });
    return transport;
  };
  const a = await make(
    await mintIdentity({ difficulty: DIFFICULTY }),
    () => undefined,
    () => undefined,
  );
  const b = await make(
    await mintIdentity({ difficulty: DIFFICULTY }),
    () => counts.received++,
    () => counts.left++,
  );
  return { a, b, counts };
}

export async function transportPipe(load: Load): Promise<Pipe> {
  const { a, b, counts } = await transportPair();
  const peer = await a.dial(b.addresses[0]!);
  return {
    send: (n) => {
      for (let i = 0; i < n; i++) if (!a.send(peer.id, load.envelope)) throw new Error('send refused');
    },
    delivered: () => counts.received,
    close: async () => void (await Promise.all([a.stop(), b.stop()])),
  };
}

/** `n` frames of the load as one buffer: what the transport writes per turn. */
export function framesOf(load: Load): { frameBytes: number; batch(n: number): Uint8Array } {
  const frame = encodeFrame(encodeEnvelope(load.envelope));
  return {
    frameBytes: frame.length,
    batch: (n) => {
      const bytes = new Uint8Array(n * frame.length);
      for (let i = 0; i < n; i++) bytes.set(frame, i * frame.length);
      return bytes;
    },
  };
}

export async function tcpPipe(load: Load): Promise<Pipe> {
  const { frameBytes, batch } = framesOf(load);
  let receivedBytes = 0;
  const server = createServer((socket) => socket.on('data', (chunk) => (receivedBytes += chunk.length)));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const client = createConnection({ ...(server.address() as { port: number }), host: '127.0.0.1', noDelay: true });
  await once(client, 'connect');
  return {
    send: (n) => void client.write(batch(n)),
    delivered: () => Math.floor(receivedBytes / frameBytes),
    close: async () => {
      client.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

/** Noise over @libp2p/tcp, as the transport sets it up, minus Hello, frames and events. */
export async function noiseStreams(listenerIdentity: NodeIdentity, onStream: (stream: MessageStream) => void) {
  const noise = createNoise(listenerIdentity);
  const sockets = createTcpSockets({
    idleTimeoutMs: 0,
    onInbound: (connection) =>
      void noise(connection, false, AbortSignal.timeout(5000)).then(
        ({ stream }) => onStream(stream),
        () => connection.abort(new Error('refused')),
      ),
  });
  return sockets.listen(sockets.parse(LOOPBACK));
}

export async function noisePipe(load: Load): Promise<Pipe> {
  const { frameBytes, batch } = framesOf(load);
  let receivedBytes = 0;
  const listener = await noiseStreams(await mintIdentity({ difficulty: 0 }), (stream) =>
    stream.addEventListener('message', (event) => (receivedBytes += event.data.byteLength)),
  );
  const dialler = dialOnly();
  const connection = await dialler.dial(listener.getAddrs()[0]!, AbortSignal.timeout(5000));
  const { stream } = await createNoise(await mintIdentity({ difficulty: 0 }))(connection, true, AbortSignal.timeout(5000));
  return {
    send: (n) => void stream.send(batch(n)),
    delivered: () => Math.floor(receivedBytes / frameBytes),
    close: async () => {
      stream.abort(new Error('done'));
      await listener.close();
    },
  };
}

/** One kind of connection setup: `connect` is timed, `reset` (untimed) readies the next one. */
export interface Setup {
  connect(): Promise<void>;
  reset?(): Promise<void>;
}

/** Milliseconds each kind of setup takes, `count` times each, in rotation. */
export async function setupTimes(count: number): Promise<Record<'transport' | 'noise' | 'tcp', number[]>> {
  const { a, b, counts } = await transportPair();
  const noiseListener = await noiseStreams(await mintIdentity({ difficulty: 0 }), (stream) => stream.abort(new Error('measured')));
  const noiseTarget = noiseListener.getAddrs()[0]!;
  const noise = createNoise(await mintIdentity({ difficulty: 0 }));
  const dialler = dialOnly();
  let peerId = '';
  const setups: Record<'transport' | 'noise' | 'tcp', Setup> = {
    transport: {
      connect: async () => {
        peerId = (await a.dial(b.addresses[0]!)).id;
      },
      // Gone on both sides before the next dial, so that it opens a new connection.
      reset: async () => {
        const left = counts.left;
        a.disconnect(peerId, 'measured');
        while (counts.left === left) await nextTurn();
      },
    },
    noise: {
      connect: async () => {
        const connection = await dialler.dial(noiseTarget, AbortSignal.timeout(5000));
        (await noise(connection, true, AbortSignal.timeout(5000))).stream.abort(new Error('measured'));
      },
    },
    tcp: { connect: async () => (await dialler.dial(noiseTarget, AbortSignal.timeout(5000))).abort(new Error('measured')) },
  };
  const times = { transport: [] as number[], noise: [] as number[], tcp: [] as number[] };
  for (let i = 0; i < count; i++) {
    for (const name of Object.keys(setups) as Array<keyof typeof setups>) {
      const startedAt = performance.now();
      await setups[name].connect();
      times[name].push(performance.now() - startedAt);
      await setups[name].reset?.();
    }
  }
  await Promise.all([a.stop(), b.stop(), noiseListener.close()]);
  return times;
}

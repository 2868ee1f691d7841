/**
 * The TCP transport on 127.0.0.1: the shared Transport conformance suite, then what only a real
 * network can get wrong — hostile Hellos, bad frames, slow readers, duplicate links, limits.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { toHex } from '../../protocol/bytes.js';
import type { NodeIdentity } from '../../protocol/identity.js';
import { mintIdentity } from '../../protocol/identity-mint.js';
import { MAX_BLOCK_BYTES, type Envelope } from '../../protocol/wire/index.js';
import { SystemClock, type Logger } from '../../node/components.js';
import { ConnectionLimitError, HandshakeError, SelfDialError } from '../../node/net/errors.js';
import type { TcpTransportInit } from '../../node/net/config.js';
import { TcpTransport } from '../../node/net/tcp-transport.js';
import { EventLog, transportConformance, waitFor, type TestNetwork } from '../unit/node/transport-conformance.js';
import { closeOf, socketTo, weakIdentity } from '../support/bad-handshakes.js';
import { closedOf, rawDial, rawListen, rawTcp, type RawPeer } from '../support/tcp-raw-peer.js';

const DIFFICULTY = 8;
const LOOPBACK = '/ip4/127.0.0.1/tcp/0';

/** Collects what the transport logs, to check that a refusal says why. */
class RecordingLogger implements Logger {
  readonly entries: Array<{ message: string; fields: Record<string, unknown> }> = [];
  debug(fields: object, message: string): void {
    this.entries.push({ message, fields: fields as Record<string, unknown> });
  }
  info(fields: object, message: string): void {
    this.entries.push({ message, fields: fields as Record<string, unknown> });
  }
  warn(fields: object, message: string): void {
    this.entries.push({ message, fields: fields as Record<string, unknown> });
  }
  isLevelEnabled(): boolean {
    return true;
  }
  child(): Logger {
    return this;
  }
  reasons(message: string): string[] {
    return this.entries.filter((entry) => entry.message === message).map((entry) => String(entry.fields.reason));
  }
}

const identity = () => mintIdentity({ difficulty: DIFFICULTY });

interface TcpNetwork extends TestNetwork {
  start(init?: Partial<TcpTransportInit>): Promise<{ transport: TcpTransport; identity: NodeIdentity; events: EventLog; logger: RecordingLogger }>;
}

function tcpNetwork(): TcpNetwork {
  const transports: TcpTransport[] = [];
  const create = async (init: Partial<TcpTransportInit> = {}) => {
    const node = await identity();
    const logger = new RecordingLogger();
    const transport = new TcpTransport({ identity: node, clock: new SystemClock(), logger }, { listen: [LOOPBACK], powDifficulty: DIFFICULTY, ...init });
    transports.push(transport);
    return { transport, identity: node, logger };
  };
  return {
    create,
    async start(init) {
      const node = await create(init);
      const events = new EventLog();
      await node.transport.start(events);
      return { ...node, events };
    },
    async cleanup() {
      await Promise.all(transports.map((transport) => transport.stop()));
    },
  };
}

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
/** Bytes of ArrayBuffers still reachable (a second collection finishes freeing what the first found). */
const liveBuffers = () => {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().arrayBuffers;
};

const ping = (tx: bigint): Envelope => ({ tx, body: { type: 'ping' } });
const tcpSockets = () => process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length;

transportConformance('TCP', async () => tcpNetwork());

describe('TcpTransport', () => {
  let network: TcpNetwork;
  const raws: RawPeer[] = [];

  beforeEach(() => {
    network = tcpNetwork();
  });

  afterEach(async () => {
    for (const raw of raws.splice(0)) raw.abort();
    await network.cleanup();
  });

  async function dialRaw(as: NodeIdentity, address: string): Promise<RawPeer> {
    const raw = await rawDial(as, address);
    raws.push(raw);
    return raw;
  }

  describe('Hello', () => {
    it('sends its own Hello first, then refuses a proof with too few zero bits without raising anything', async () => {
      const node = await network.start();
      const weak = await weakIdentity(DIFFICULTY);
      const raw = await dialRaw(weak, node.transport.addresses[0]!);
      // The node's Hello comes without waiting for ours.
      await waitFor(network, () => raw.received.length === 1, "the node's Hello");
      const [hello] = raw.received;
      assert.ok(hello?.body.type === 'hello');
      assert.deepEqual(hello.body.node.publicKey, node.identity.publicKey);
      assert.deepEqual(hello.body.node.addresses, node.transport.addresses);
      raw.sendHello(weak);
      await raw.closed;
      assert.deepEqual(node.events.connected, []);
      assert.deepEqual(node.events.disconnected, []);
      await waitFor(network, () => node.logger.reasons('link refused').length > 0, 'the refusal to be logged');
      assert.match(node.logger.reasons('link refused')[0]!, /invalid identity proof: proof has \d+ leading zero bits, network requires 8/);
    });

    it("refuses a Hello carrying someone else's valid proof: the key must be the Noise key", async () => {
      const node = await network.start();
      const [impostor, victim] = [await identity(), await identity()];
      const raw = await dialRaw(impostor, node.transport.addresses[0]!);
      raw.sendHello(victim);
      await raw.closed;
      assert.deepEqual(node.events.connected, []);
      await waitFor(network, () => node.logger.reasons('link refused').length > 0, 'the refusal to be logged');
      assert.match(node.logger.reasons('link refused')[0]!, /not the key that authenticated the link/);
    });

    it('closes the link when the first frame is not a Hello', async () => {
      const node = await network.start();
      const raw = await dialRaw(await identity(), node.transport.addresses[0]!);
      raw.send(ping(1n));
      await raw.closed;
      assert.deepEqual(node.events.connected, []);
      await waitFor(network, () => node.logger.reasons('link refused').length > 0, 'the refusal to be logged');
      assert.match(node.logger.reasons('link refused')[0]!, /first frame is ping, not Hello/);
    });

    it('closes a verified link on a second Hello', async () => {
      const node = await network.start();
      const peer = await identity();
      const raw = await dialRaw(peer, node.transport.addresses[0]!);
      raw.sendHello(peer);
      raw.sendHello(peer);
      await raw.closed;
      await waitFor(network, () => node.events.disconnected.length === 1, 'peerDisconnected');
      assert.match(node.events.disconnected[0]!.reason, /second Hello/);
    });

    it('dial rejects with HandshakeError when the dialled node proves nothing', async () => {
      const node = await network.start();
      const weak = await weakIdentity(DIFFICULTY);
      const listener = await rawListen(weak, (raw) => {
        raws.push(raw);
        raw.sendHello(weak);
      });
      try {
        await assert.rejects(node.transport.dial(listener.address), (error) => {
          assert.ok(error instanceof HandshakeError);
          assert.match(error.message, /invalid identity proof/);
          return true;
        });
        assert.deepEqual(node.events.connected, []);
      } finally {
        await listener.close();
      }
    });

    it('drops a connection that has not completed Noise and Hello within handshakeTimeoutMs', async () => {
      const node = await network.start({ handshakeTimeoutMs: 200 });
      // Closed by the node: a connection that says nothing is never kept.
      await closedOf(await rawTcp(node.transport.addresses[0]!));
      const raw = await dialRaw(await identity(), node.transport.addresses[0]!);
      await raw.closed;
      await waitFor(network, () => node.logger.reasons('link refused').length > 0, 'the refusal to be logged');
      assert.match(node.logger.reasons('link refused')[0]!, /no verified Hello within 200 ms/);
    });

    it('times a dial by dialTimeoutMs, not by handshakeTimeoutMs (which is for accepted connections)', async () => {
      const [dialler, other] = [await network.start({ handshakeTimeoutMs: 1, dialTimeoutMs: 200 }), await network.start()];
      assert.equal((await dialler.transport.dial(other.transport.addresses[0]!)).id, toHex(other.identity.publicKey));
      // A listener that accepts and then says nothing: the dial gives up after dialTimeoutMs.
      const silent = createServer((socket) => socket.on('error', () => undefined));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = silent.address() as { port: number };
        await assert.rejects(dialler.transport.dial(`/ip4/127.0.0.1/tcp/${port}`), /no verified Hello within 200 ms/);
      } finally {
        silent.close();
        silent.unref();
      }
    });
  });

  describe('frames', () => {
    async function verifiedRaw() {
      const node = await network.start();
      const peer = await identity();
      const raw = await dialRaw(peer, node.transport.addresses[0]!);
      raw.sendHello(peer);
      await waitFor(network, () => node.events.connected.length === 1, 'peerConnected');
      return { node, raw };
    }

    it('closes the link as soon as a length prefix declares more than 36 KiB', async () => {
      const { node, raw } = await verifiedRaw();
      raw.sendBytes(Uint8Array.of(0x81, 0xa0, 0x02)); // 36865, and no payload follows
      await raw.closed;
      await waitFor(network, () => node.events.disconnected.length === 1, 'peerDisconnected');
      assert.match(node.events.disconnected[0]!.reason, /protocol violation: frame of 36865 bytes exceeds the 36864-byte limit/);
    });

    it('closes the link on a frame that is not an envelope', async () => {
      const { node, raw } = await verifiedRaw();
      raw.sendBytes(Uint8Array.of(3, 0xff, 0xff, 0xff));
      await raw.closed;
      await waitFor(network, () => node.events.disconnected.length === 1, 'peerDisconnected');
      assert.match(node.events.disconnected[0]!.reason, /^protocol violation: /);
    });

    it('disconnects a slow reader once its queue is full, and holds no more than the bound', async () => {
      const sendQueueBytes = 256 * 1024;
      const node = await network.start({ sendQueueBytes });
      const peer = await identity();
      const raw = await dialRaw(peer, node.transport.addresses[0]!);
      raw.sendHello(peer);
      await waitFor(network, () => node.events.connected.length === 1, 'peerConnected');
      raw.connection.pause();
      const block: Envelope = { tx: 1n, body: { type: 'dataFound', block: new Uint8Array(MAX_BLOCK_BYTES).fill(7) } };
      const baseline = liveBuffers();
      let accepted = 0;
      let peakHeld = 0;
      let refused = false;
      // A few MiB fit in the kernel's socket buffers; past them the transport's own queue fills.
      // What the process holds is measured once that queue is in use (two full collections a
      // round, which take long in a large heap): whatever was held before is still held then.
      for (let round = 0; round < 512 && !refused; round++) {
        for (let i = 0; i < 4 && !refused; i++) {
          refused = !node.transport.send(toHex(peer.publicKey), block);
          if (!refused) accepted += MAX_BLOCK_BYTES;
        }
        await sleep(1);
        const queued = node.transport.sendQueue(toHex(peer.publicKey))?.queuedBytes ?? 0;
        if (queued > 0) peakHeld = Math.max(peakHeld, liveBuffers() - baseline);
      }
      assert.ok(peakHeld > 0, "the transport's queue was never seen in use");
      assert.ok(refused, `send kept accepting: ${accepted} bytes`);
      assert.ok(accepted < 48 * 1024 * 1024, `accepted ${accepted} bytes before refusing`);
      // The queue, plus what the socket layers hold (and the idle peer's read buffer, in this process).
      assert.ok(peakHeld < sendQueueBytes + 512 * 1024, `${peakHeld} bytes of buffers held`);
      await waitFor(network, () => node.events.disconnected.length === 1, 'peerDisconnected');
      assert.match(node.events.disconnected[0]!.reason, /^slow reader: more than 262144 bytes waiting to be sent/);
      assert.equal(node.transport.send(toHex(peer.publicKey), block), false);
    });
  });

  describe('links and limits', () => {
    it('keeps exactly one TCP connection after simultaneous dials', async () => {
      const [a, b] = [await network.start(), await network.start()];
      const before = tcpSockets();
      await Promise.all([a.transport.dial(b.transport.addresses[0]!), b.transport.dial(a.transport.addresses[0]!)]);
      // Both ends of the one remaining connection live in this process.
      await waitFor(network, () => tcpSockets() === before + 2, 'the duplicate connection to close');
      await sleep(100);
      assert.equal(tcpSockets(), before + 2);
      assert.deepEqual([a.events.connected.length, b.events.connected.length], [1, 1]);
      assert.deepEqual([...a.events.disconnected, ...b.events.disconnected], []);
    });

    it('refuses to dial itself, by its address or by its key', async () => {
      const node = await network.start({ listen: ['/ip4/0.0.0.0/tcp/0'] });
      const own = node.transport.addresses.find((address) => address.startsWith('/ip4/127.0.0.1/'))!;
      await assert.rejects(node.transport.dial(own), SelfDialError);
      // An address it does not list, that still reaches it: only Noise can tell.
      await assert.rejects(node.transport.dial(own.replace('/ip4/127.0.0.1/', '/ip4/127.0.0.2/')), SelfDialError);
      assert.deepEqual(node.events.connected, []);
    });

    it('bounds handshakes in progress, per address range and in all: beyond, a newcomer takes the slot of one of the oldest', async () => {
      // No stalled connection times out during the test: one that closes was evicted.
      const node = await network.start({ maxPendingHandshakes: 3, maxPendingHandshakesPerRange: 2, handshakeTimeoutMs: 600_000 });
      const address = node.transport.addresses[0]!;
      const first = [await socketTo(address, '127.0.1.1'), await socketTo(address, '127.0.1.2')];
      const ports = first.map((socket) => socket.localPort);
      await waitFor(network, () => node.transport.pendingHandshakes === 2, 'two handshakes in progress');
      // A third from the same /24 takes the slot of the oldest half of its range's: the first.
      const third = await socketTo(address, '127.0.1.3');
      await closeOf(first[0]!);
      const other = await socketTo(address, '127.0.2.1');
      await waitFor(network, () => node.transport.pendingHandshakes === 3, 'three handshakes in progress');
      // Every slot is taken now: a newcomer from a third range evicts the oldest of the range holding most.
      const newcomer = await socketTo(address, '127.0.3.1');
      await closeOf(first[1]!);
      assert.ok(
        [third, other, newcomer].every((socket) => !socket.closed),
        'the newer connections are still open',
      );
      const evicted = node.logger.entries.filter((entry) => entry.fields.code === 'ERR_HANDSHAKE_LIMIT').map((entry) => String(entry.fields.address));
      assert.deepEqual(evicted, [`/ip4/127.0.1.1/tcp/${ports[0]}`, `/ip4/127.0.1.2/tcp/${ports[1]}`]);
      // A slot is given back when its connection closes: an honest peer then links.
      for (const socket of [third, other, newcomer]) socket.destroy();
      await waitFor(network, () => node.transport.pendingHandshakes === 0, 'the slots to be given back');
      const peer = await identity();
      const raw = await dialRaw(peer, address);
      raw.sendHello(peer);
      await waitFor(network, () => node.events.connected.length === 1, 'peerConnected');
      assert.equal(node.transport.pendingHandshakes, 0);
    });

    it('enforces maxConnections: an accept beyond it takes the slot of a handshake in progress, or is closed at once when every link is verified', async () => {
      // The held connections are not closed for silence during the test.
      const node = await network.start({ maxConnections: 2, handshakeTimeoutMs: 600_000 });
      const address = node.transport.addresses[0]!;
      const other = await network.start();
      const held = [await rawTcp(address), await rawTcp(address)];
      await waitFor(network, () => node.transport.pendingHandshakes === 2, 'both connections accepted');
      const third = await rawTcp(address);
      // The oldest half of two handshakes in progress is the first.
      await closedOf(held[0]!);
      assert.ok(
        [held[1]!, third].every((connection) => connection.status === 'open'),
        'the newer connections are still open',
      );
      await assert.rejects(node.transport.dial(other.transport.addresses[0]!), ConnectionLimitError);
      for (const connection of [held[1]!, third]) connection.abort(new Error('done'));
      await waitFor(network, () => node.transport.pendingHandshakes === 0, 'the held connections to be closed');
      // Two verified links fill the bound: a connection beyond is closed at once, and the node dials nobody.
      const linked = [await network.start(), await network.start()];
      for (const peer of linked) await peer.transport.dial(address);
      await waitFor(network, () => node.events.connected.length === 2, 'two verified links');
      // Closed so soon after accept that the connect itself may report the reset.
      await rawTcp(address).then(closedOf, () => undefined);
      await waitFor(network, () => node.logger.entries.some((entry) => /no free connection slot/.test(entry.message)), 'the refusal to be logged');
      await assert.rejects(node.transport.dial(other.transport.addresses[0]!), ConnectionLimitError);
      await assert.rejects(other.transport.dial(address), HandshakeError);
      assert.deepEqual(node.events.disconnected, []);
    });
  });
});

import assert from 'node:assert/strict';
import type { ConnectedPeer, PeerId, TransportHandlers } from '../../../node/transport.js';
import { SelfDialError, TransportNotStartedError } from '../../../node/net/errors.js';
import type { Envelope } from '../../../protocol/wire/messages.js';
import { VirtualClock } from '../../../sim/clock.js';
import { PeerUnreachableError } from '../../../sim/errors.js';
import { ENVELOPE_HEADER_BYTES, envelopeBytes, MemoryNetwork, type MemoryNetworkInit, type MemoryTransport } from '../../../sim/memory-network.js';
import { SeededRng } from '../../../sim/rng.js';

const ping = (tx: number): Envelope => ({ tx: BigInt(tx), body: { type: 'ping' } });

/** Handlers that write every event, with the clock's time, into one shared log. */
function recorder(name: string, log: string[], clock: VirtualClock, extra: Partial<TransportHandlers> = {}): TransportHandlers {
  return {
    peerConnected: (peer) => {
      log.push(`${clock.now()} ${name} connected ${peer.id.slice(0, 4)}`);
      extra.peerConnected?.(peer);
    },
    peerDisconnected: (peerId, reason) => {
      log.push(`${clock.now()} ${name} disconnected ${peerId.slice(0, 4)}: ${reason}`);
      extra.peerDisconnected?.(peerId, reason);
    },
    message: (peerId, envelope) => {
      log.push(`${clock.now()} ${name} got ${envelope.body.type} ${envelope.tx} from ${peerId.slice(0, 4)}`);
      extra.message?.(peerId, envelope);
    },
  };
}

interface Setup {
  clock: VirtualClock;
  network: MemoryNetwork;
  log: string[];
  /** Creates and starts transports named a, b, c… in order. */
  started(count: number): Promise<MemoryTransport[]>;
}

function setup(init: MemoryNetworkInit = {}, seed = 1): Setup {
  const clock = new VirtualClock();
  const network = new MemoryNetwork({ clock, rng: new SeededRng(seed) }, init);
  const log: string[] = [];
  return {
    clock,
    network,
    log,
    async started(count) {
      const transports = Array.from({ length: count }, (_, index) => network.createTransport({ location: index / count }));
      for (const [index, transport] of transports.entries()) {
        await transport.start(recorder(String.fromCharCode(97 + index), log, clock));
      }
      return transports;
    },
  };
}

const short = (transport: MemoryTransport) => transport.peer.id.slice(0, 4);

describe('sim/memory-network', () => {
  describe('transports', () => {
    it('numbers addresses, names a peer by the hex of its key, and gives a NodeRef with a zero nonce', async () => {
      const { network } = setup();
      const publicKey = new Uint8Array(32).fill(0xab);
      const given = network.createTransport({ location: 0.25, publicKey });
      const drawn = network.createTransport({ location: 0.75 });
      assert.equal(given.peer.id, 'ab'.repeat(32));
      assert.equal(given.peer.location, 0.25);
      assert.deepEqual(given.peer.node, { publicKey, powNonce: new Uint8Array(8), addresses: ['/memory/0'] });
      assert.deepEqual(drawn.peer.node.addresses, ['/memory/1']);
      assert.match(drawn.peer.id, /^[0-9a-f]{64}$/);
      assert.deepEqual(given.addresses, [], 'no address before start');
      await given.start(recorder('a', [], new VirtualClock()));
      assert.deepEqual(given.addresses, ['/memory/0']);
      await given.stop();
      assert.deepEqual(given.addresses, []);
    });

    it('draws the same keys for the same seed', () => {
      const keys = (seed: number) => {
        const { network } = setup({}, seed);
        return [0, 1, 2].map(() => network.createTransport({ location: 0 }).peer.id);
      };
      assert.deepEqual(keys(5), keys(5));
      assert.notDeepEqual(keys(5), keys(6));
    });

    it('refuses a key already in use, until its transport stops; and locations off the ring', async () => {
      const { network } = setup();
      const publicKey = new Uint8Array(32).fill(1);
      const first = network.createTransport({ location: 0.1, publicKey });
      assert.throws(() => network.createTransport({ location: 0.2, publicKey }), /already in use/);
      await first.stop();
      assert.equal(network.createTransport({ location: 0.2, publicKey }).peer.id, first.peer.id);
      for (const location of [-0.1, 1, Number.NaN]) assert.throws(() => network.createTransport({ location }), RangeError);
      assert.throws(() => network.createTransport({ location: 0, publicKey: new Uint8Array(31) }), RangeError);
    });

    it('starts once only', async () => {
      const { started } = setup();
      const [a] = await started(1);
      await assert.rejects(a!.start(recorder('again', [], new VirtualClock())), /cannot start/);
    });
  });

  describe('dial', () => {
    it('links both sides: each sees peerConnected (dialler first) before the dial resolves', async () => {
      const { started, log } = setup();
      const [a, b] = await started(2);
      const peer = await a!.dial(b!.addresses[0]!);
      assert.equal(peer, b!.peer);
      assert.deepEqual(log, [`0 a connected ${short(b!)}`, `0 b connected ${short(a!)}`]);
      assert.deepEqual(a!.connectedPeers, [b!.peer.id]);
      assert.deepEqual(b!.connectedPeers, [a!.peer.id]);
    });

    it('returns the open link again, from either side, with no second event', async () => {
      const { started, log } = setup();
      const [a, b] = await started(2);
      const first = await a!.dial(b!.addresses[0]!);
      assert.equal(await a!.dial(b!.addresses[0]!), first);
      assert.equal(await b!.dial(a!.addresses[0]!), a!.peer);
      assert.equal(log.length, 2);
    });

    it('refuses our own address, unknown, unstarted and stopped nodes, and dialling while not running', async () => {
      const { network, started } = setup();
      const [a, b] = await started(2);
      const idle = network.createTransport({ location: 0.9 });
      await assert.rejects(a!.dial(a!.addresses[0]!), SelfDialError);
      await assert.rejects(a!.dial('/memory/99'), PeerUnreachableError);
      await assert.rejects(a!.dial('/ip4/127.0.0.1/tcp/1'), PeerUnreachableError);
      await assert.rejects(a!.dial(idle.peer.node.addresses[0]!), PeerUnreachableError);
      await assert.rejects(idle.dial(a!.addresses[0]!), TransportNotStartedError);
      const address = b!.addresses[0]!;
      await b!.stop();
      await assert.rejects(a!.dial(address), (error: unknown) => error instanceof PeerUnreachableError && error.code === 'ERR_PEER_UNREACHABLE');
      await assert.rejects(b!.dial(a!.addresses[0]!), TransportNotStartedError);
    });

    it('rejects with the reason of an aborted signal', async () => {
      const { started } = setup();
      const [a, b] = await started(2);
      await assert.rejects(a!.dial(b!.addresses[0]!, { signal: AbortSignal.abort(new Error('gave up')) }), /gave up/);
      assert.deepEqual(a!.connectedPeers, []);
    });
  });

  describe('send', () => {
    it('delivers after the latency, through the clock, never inside send', async () => {
      const { started, log, clock, network } = setup({ latencyMs: 25 });
      const [a, b] = await started(2);
      network.link(a!, b!);
      await clock.advance(5);
      assert.equal(a!.send(b!.peer.id, ping(1)), true);
      assert.equal(log.length, 2, 'nothing delivered yet');
      await clock.runUntilIdle();
      assert.equal(log[2], `30 b got ping 1 from ${short(a!)}`);
    });

    it('returns false, counting a refusal, when the peer is not linked', async () => {
      const { started, network } = setup();
      const [a, b] = await started(2);
      assert.equal(a!.send(b!.peer.id, ping(1)), false);
      assert.equal(network.stats.refused, 1);
    });

    it('keeps each link in order, even when a later envelope draws a shorter latency', async () => {
      const latencies = [50, 5, 30, 1, 1, 40];
      const seen: string[] = [];
      const { started, network, clock, log } = setup({
        latencyMs: (from, to, rng) => {
          seen.push(`${from.slice(0, 4)}>${to.slice(0, 4)} ${typeof rng.next}`);
          return latencies[seen.length - 1]!;
        },
      });
      const [a, b] = await started(2);
      network.link(a!, b!);
      for (let tx = 0; tx < latencies.length; tx++) a!.send(b!.peer.id, ping(tx));
      await clock.runUntilIdle();
      assert.deepEqual(seen[0], `${short(a!)}>${short(b!)} function`);
      assert.deepEqual(
        log.slice(2).map((line) => line.split(' ').slice(0, 4).join(' ')),
        ['50 b got ping', '50 b got ping', '50 b got ping', '50 b got ping', '50 b got ping', '50 b got ping'],
      );
      assert.deepEqual(
        log.slice(2).map((line) => line.split(' ')[4]),
        ['0', '1', '2', '3', '4', '5'],
      );
    });

    it('refuses envelopes beyond maxQueuedPerLink in flight, and takes more once they land', async () => {
      const { started, network, clock } = setup({ maxQueuedPerLink: 3 });
      const [a, b] = await started(2);
      network.link(a!, b!);
      assert.deepEqual(
        [1, 2, 3, 4].map((tx) => a!.send(b!.peer.id, ping(tx))),
        [true, true, true, false],
      );
      assert.equal(b!.send(a!.peer.id, ping(5)), true, 'the other direction has its own queue');
      await clock.runUntilIdle();
      assert.equal(a!.send(b!.peer.id, ping(6)), true);
      assert.deepEqual(network.stats, { sent: 5, delivered: 4, lost: 0, discarded: 0, refused: 1 });
    });

    it('with an upload rate, queues what a node sends on one uplink shared by its links, a block costing its bytes', async () => {
      // 1,024-byte blocks at 10,880 bytes/s: a dataFound (64 + 1,024 bytes) takes 100 ms, a ping (64) about 6 ms.
      const { started, log, clock, network } = setup({ latencyMs: 10, uploadBytesPerSecond: 10_880 });
      const [a, b, c] = await started(3);
      network.link(a!, b!);
      network.link(a!, c!);
      await clock.runUntilIdle();
      const found = (tx: number): Envelope => ({ tx: BigInt(tx), body: { type: 'dataFound', block: new Uint8Array(1024) } });
      assert.equal(envelopeBytes(found(1)), ENVELOPE_HEADER_BYTES + 1024);
      a!.send(b!.peer.id, found(1));
      a!.send(c!.peer.id, found(2));
      a!.send(b!.peer.id, ping(3));
      b!.send(a!.peer.id, ping(4));
      await clock.runUntilIdle();
      const times = log.slice(4).map((line) => Math.round(Number(line.split(' ')[0])));
      assert.deepEqual(
        log.slice(4).map((line) => line.split(' ').slice(1, 4).join(' ')),
        ['a got ping', 'b got dataFound', 'c got dataFound', 'b got ping'],
      );
      assert.deepEqual(times, [16, 110, 210, 216]);
    });

    it('without an upload rate, sends every envelope at once; refuses a rate that is not positive and finite', async () => {
      const { started, log, clock, network } = setup({ latencyMs: 10 });
      const [a, b] = await started(2);
      network.link(a!, b!);
      await clock.runUntilIdle();
      for (let tx = 1; tx <= 3; tx++) a!.send(b!.peer.id, { tx: BigInt(tx), body: { type: 'dataFound', block: new Uint8Array(32_768) } });
      await clock.runUntilIdle();
      assert.deepEqual(
        log.slice(2).map((line) => line.split(' ')[0]),
        ['10', '10', '10'],
      );
      for (const rate of [0, -1, Number.POSITIVE_INFINITY, Number.NaN]) assert.throws(() => setup({ uploadBytesPerSecond: rate }), RangeError);
    });

    it('loses envelopes at the loss rate, the same ones for the same seed', async () => {
      const run = async (seed: number) => {
        const { started, network, clock, log } = setup({ lossRate: 0.3 }, seed);
        const [a, b] = await started(2);
        network.link(a!, b!);
        for (let tx = 0; tx < 1000; tx++) assert.equal(a!.send(b!.peer.id, ping(tx)), true);
        await clock.runUntilIdle();
        return { stats: network.stats, log };
      };
      const { stats, log } = await run(3);
      assert.ok(stats.lost > 250 && stats.lost < 350, `lost ${stats.lost} of 1000`);
      assert.equal(stats.delivered + stats.lost, 1000);
      assert.deepEqual((await run(3)).log, log);
      assert.notDeepEqual((await run(4)).log, log);
    });
  });

  describe('closing links', () => {
    it('disconnect tells both sides and discards what was in flight', async () => {
      const { started, network, clock, log } = setup();
      const [a, b] = await started(2);
      network.link(a!, b!);
      a!.send(b!.peer.id, ping(1));
      b!.send(a!.peer.id, ping(2));
      a!.disconnect(b!.peer.id, 'too slow');
      assert.equal(a!.send(b!.peer.id, ping(3)), false);
      await clock.runUntilIdle();
      assert.deepEqual(log.slice(2), [`0 a disconnected ${short(b!)}: too slow`, `0 b disconnected ${short(a!)}: closed by peer: too slow`]);
      assert.deepEqual(network.stats, { sent: 2, delivered: 0, lost: 0, discarded: 2, refused: 1 });
      assert.equal(clock.pendingTimers, 0);
      a!.disconnect(b!.peer.id, 'again');
      await clock.runUntilIdle();
      assert.equal(log.length, 4, 'disconnecting an unknown peer does nothing');
    });

    it('a link opened again carries nothing of the old one', async () => {
      const { started, network, clock, log } = setup();
      const [a, b] = await started(2);
      network.link(a!, b!);
      a!.send(b!.peer.id, ping(1));
      a!.disconnect(b!.peer.id, 'bye');
      await a!.dial(b!.addresses[0]!);
      a!.send(b!.peer.id, ping(2));
      await clock.runUntilIdle();
      assert.deepEqual(
        log.filter((line) => line.includes('got')),
        [`10 b got ping 2 from ${short(a!)}`],
      );
    });

    it('stop disconnects every peer, both sides told, and nothing reaches the node afterwards', async () => {
      const { started, network, clock, log } = setup();
      const [a, b, c] = await started(3);
      network.link(a!, b!);
      network.link(a!, c!);
      b!.send(a!.peer.id, ping(1));
      await a!.stop();
      assert.deepEqual(log.slice(4), [
        `0 a disconnected ${short(b!)}: transport stopped`,
        `0 b disconnected ${short(a!)}: closed by peer: transport stopped`,
        `0 a disconnected ${short(c!)}: transport stopped`,
        `0 c disconnected ${short(a!)}: closed by peer: transport stopped`,
      ]);
      await clock.runUntilIdle();
      assert.equal(log.length, 8);
      assert.throws(() => network.link(a!, b!), TransportNotStartedError);
      await a!.stop();
    });

    it('crash: the peers see "connection lost", the crashed node hears nothing, its sends are refused', async () => {
      const { started, network, clock, log } = setup();
      const [a, b, c] = await started(3);
      network.link(a!, b!);
      network.link(c!, a!);
      await clock.runUntilIdle();
      b!.send(a!.peer.id, ping(1));
      a!.send(c!.peer.id, ping(2));
      network.crash(a!);
      assert.equal(a!.send(b!.peer.id, ping(3)), false);
      await clock.runUntilIdle();
      assert.deepEqual(log.slice(4), [`0 b disconnected ${short(a!)}: connection lost`, `0 c disconnected ${short(a!)}: connection lost`]);
      await assert.rejects(b!.dial(a!.peer.node.addresses[0]!), PeerUnreachableError);
      assert.equal(network.stats.discarded, 2);
    });
  });

  describe('events', () => {
    it('drops events still queued for a node when it crashes', async () => {
      const { started, network, clock, log } = setup();
      const [a, b] = await started(2);
      network.link(a!, b!);
      network.crash(a!);
      await clock.runUntilIdle();
      assert.deepEqual(log, [`0 b connected ${short(a!)}`, `0 b disconnected ${short(a!)}: connection lost`]);
    });

    it('link raises peerConnected from a microtask, a first; linking again does nothing', async () => {
      const { started, network, log } = setup();
      const [a, b] = await started(2);
      network.link(a!, b!);
      assert.deepEqual(log, [], 'not inside the call');
      await Promise.resolve();
      assert.deepEqual(log, [`0 a connected ${short(b!)}`, `0 b connected ${short(a!)}`]);
      network.link(b!, a!);
      await Promise.resolve();
      assert.equal(log.length, 2);
      assert.throws(() => network.link(a!, a!), RangeError);
      assert.throws(() => new MemoryNetwork({ clock: new VirtualClock(), rng: new SeededRng(0) }).link(a!, b!), /another network/);
    });

    it('delivers events raised by a handler after it, in order, never re-entering it', async () => {
      const clock = new VirtualClock();
      const network = new MemoryNetwork({ clock, rng: new SeededRng(2) });
      const log: string[] = [];
      let depth = 0;
      const a = network.createTransport({ location: 0.1 });
      const b = network.createTransport({ location: 0.2 });
      const guard = (inner: TransportHandlers): TransportHandlers => ({
        peerConnected: (peer: ConnectedPeer) => {
          assert.equal(depth++, 0, 're-entered');
          inner.peerConnected(peer);
          depth--;
        },
        peerDisconnected: (peerId: PeerId, reason: string) => {
          assert.equal(depth++, 0, 're-entered');
          inner.peerDisconnected(peerId, reason);
          depth--;
        },
        message: inner.message,
      });
      // b is full: it drops every peer as soon as it connects.
      await a.start(guard(recorder('a', log, clock)));
      await b.start(guard(recorder('b', log, clock, { peerConnected: (peer) => b.disconnect(peer.id, 'full') })));
      await a.dial(b.addresses[0]!);
      assert.deepEqual(log, [
        `0 a connected ${short(b)}`,
        `0 b connected ${short(a)}`,
        `0 b disconnected ${short(a)}: full`,
        `0 a disconnected ${short(b)}: closed by peer: full`,
      ]);
    });

    it('a handler that throws makes the clock run reject', async () => {
      const { network, clock } = setup();
      const a = network.createTransport({ location: 0.1 });
      const b = network.createTransport({ location: 0.2 });
      const failing = recorder('a', [], clock, {
        peerConnected: () => {
          throw new Error('handler bug');
        },
      });
      await a.start(failing);
      await b.start(recorder('b', [], clock));
      network.link(a, b);
      await assert.rejects(clock.runUntilIdle(), /handler bug/);
    });

    it('taps every delivery with its time, ends and envelope, until unsubscribed', async () => {
      const { started, network, clock } = setup({ latencyMs: 3 });
      const [a, b] = await started(2);
      network.link(a!, b!);
      const taps: string[] = [];
      const unsubscribe = network.onDelivery(({ at, from, to, envelope }) => taps.push(`${at} ${from === a!.peer.id} ${to === b!.peer.id} ${envelope.tx}`));
      a!.send(b!.peer.id, ping(7));
      await clock.runUntilIdle();
      unsubscribe();
      a!.send(b!.peer.id, ping(8));
      await clock.runUntilIdle();
      assert.deepEqual(taps, ['3 true true 7']);
    });
  });

  it('gives byte-identical traces for the same seed: random latency, loss, echoes and a crash', async () => {
    const trace = async (seed: number) => {
      const clock = new VirtualClock();
      const rng = new SeededRng(seed);
      const network = new MemoryNetwork({ clock, rng: rng.fork('network') }, { latencyMs: (_from, _to, draw) => 1 + draw.next() * 20, lossRate: 0.1 });
      const log: string[] = [];
      const transports = Array.from({ length: 6 }, (_, index) => network.createTransport({ location: index / 6 }));
      for (const [index, transport] of transports.entries()) {
        await transport.start(
          recorder(`n${index}`, log, clock, {
            message: (peerId, envelope) => {
              if (envelope.body.type === 'ping') transport.send(peerId, { tx: envelope.tx, body: { type: 'pong' } });
            },
          }),
        );
      }
      for (const [index, transport] of transports.entries()) network.link(transport, transports[(index + 1) % 6]!);
      const traffic = rng.fork('traffic');
      for (let tx = 0; tx < 200; tx++) {
        clock.setTimer(traffic.next() * 100, () => {
          const from = traffic.pick(transports);
          const peers = from.connectedPeers;
          if (peers.length > 0) from.send(traffic.pick(peers), ping(tx));
        });
      }
      clock.setTimer(50, () => network.crash(transports[2]!));
      network.onDelivery(({ at, from, to, envelope }) => log.push(`tap ${at} ${from.slice(0, 6)} ${to.slice(0, 6)} ${envelope.tx}`));
      await clock.runUntilIdle();
      assert.equal(clock.pendingTimers, 0);
      return JSON.stringify({ log, stats: network.stats });
    };
    const first = await trace(11);
    assert.ok(first.length > 10_000);
    assert.equal(await trace(11), first);
    assert.notEqual(await trace(12), first);
  });
});

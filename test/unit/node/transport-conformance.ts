/**
 * The one test suite every `Transport` implementation must pass (node/transport.ts):
 * run by test/integration/tcp-transport.test.ts for TCP, and by the simulator's tests for
 * MemoryNetwork. Delivery may be asynchronous or go through a virtual clock: wherever the
 * suite waits for something to arrive it calls `settle`, or polls when there is none.
 */
import assert from 'node:assert/strict';
import { toHex } from '../../../protocol/bytes.js';
import type { NodeIdentity } from '../../../protocol/identity.js';
import { MAX_BLOCK_BYTES, type Envelope } from '../../../protocol/wire/index.js';
import { UnexpectedPeerError } from '../../../node/net/errors.js';
import type { ConnectedPeer, PeerId, Transport, TransportHandlers } from '../../../node/transport.js';
import { HANG_GUARD_MS } from '../../support/until.js';

export interface TestNode {
  /** Not started yet: the suite starts it with its own handlers. */
  readonly transport: Transport;
  /** The identity the transport was created for. */
  readonly identity: NodeIdentity;
}

export interface TestNetwork {
  /** A transport for a fresh identity, on this network. */
  create(): Promise<TestNode>;
  /** Lets whatever is in flight arrive (e.g. runs a virtual clock); without it the suite polls. */
  settle?(): Promise<void>;
  /** Stops every transport created and releases the network. */
  cleanup(): Promise<void>;
}

/** Every event one transport raised, in order. */
export class EventLog implements TransportHandlers {
  readonly connected: ConnectedPeer[] = [];
  readonly disconnected: Array<{ peerId: PeerId; reason: string }> = [];
  readonly messages: Array<{ peerId: PeerId; envelope: Envelope }> = [];

  peerConnected(peer: ConnectedPeer): void {
    this.connected.push(peer);
  }

  peerDisconnected(peerId: PeerId, reason: string): void {
    this.disconnected.push({ peerId, reason });
  }

  message(peerId: PeerId, envelope: Envelope): void {
    this.messages.push({ peerId, envelope });
  }

  messagesFrom(peerId: PeerId): Envelope[] {
    return this.messages.filter((entry) => entry.peerId === peerId).map((entry) => entry.envelope);
  }
}

export interface StartedNode extends TestNode {
  readonly id: PeerId;
  readonly events: EventLog;
}

const POLL_MS = 5;

/** Settles (or polls) until `condition` holds; fails after a generous bound (a hang guard). */
export async function waitFor(network: TestNetwork, condition: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + HANG_GUARD_MS;
  while (!condition()) {
    if (performance.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    if (network.settle !== undefined) await network.settle();
    else await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Lets in-flight events arrive: one settle, or a few polls. */
async function quiesce(network: TestNetwork): Promise<void> {
  if (network.settle !== undefined) await network.settle();
  else await new Promise((resolve) => setTimeout(resolve, 20 * POLL_MS));
}

const pattern = (length: number, seed: number) => Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);

/** A mix of small messages and full blocks, numbered by tx. */
function traffic(count: number, seed: number): Envelope[] {
  return Array.from({ length: count }, (_, i): Envelope => {
    const tx = BigInt(seed) * 1_000_000n + BigInt(i);
    if (i % 5 === 2) return { tx, body: { type: 'dataFound', block: pattern(MAX_BLOCK_BYTES, i + seed) } };
    if (i % 5 === 4) return { tx, body: { type: 'dataRequest', keyType: 'chk', routingKey: pattern(32, i), htl: 1 + (i % 18) } };
    return { tx, body: { type: i % 2 === 0 ? 'ping' : 'pong' } };
  });
}

export function transportConformance(name: string, createNetwork: () => Promise<TestNetwork>): void {
  describe(`Transport conformance: ${name}`, () => {
    let network: TestNetwork;

    beforeEach(async () => {
      network = await createNetwork();
    });

    afterEach(async () => {
      await network.cleanup();
    });

    async function start(): Promise<StartedNode> {
      const node = await network.create();
      const events = new EventLog();
      await node.transport.start(events);
      return { ...node, id: toHex(node.identity.publicKey), events };
    }

    /** `a` dials `b`; resolves once both sides have raised peerConnected. */
    async function connect(a: StartedNode, b: StartedNode): Promise<ConnectedPeer> {
      const peer = await a.transport.dial(b.transport.addresses[0]!);
      await waitFor(network, () => a.events.connected.length > 0 && b.events.connected.length > 0, 'peerConnected on both sides');
      return peer;
    }

    it('dial: both sides see peerConnected with the id and location the proof gives', async () => {
      const [a, b] = [await start(), await start()];
      assert.ok(b.transport.addresses.length > 0, 'a started transport has an address to dial');
      const peer = await connect(a, b);
      assert.equal(peer.id, b.id);
      assert.equal(peer.location, b.identity.location);
      assert.deepEqual(peer.node.publicKey, b.identity.publicKey);
      assert.deepEqual(peer.node.powNonce, b.identity.nonce);
      assert.deepEqual(peer.node.addresses, b.transport.addresses);
      assert.deepEqual(a.events.connected, [peer]);
      const [seenByB] = b.events.connected;
      assert.equal(b.events.connected.length, 1);
      assert.equal(seenByB!.id, a.id);
      assert.equal(seenByB!.location, a.identity.location);
      assert.deepEqual(seenByB!.node.publicKey, a.identity.publicKey);
    });

    it('delivers envelopes both ways in order and intact, full blocks included', async () => {
      const [a, b] = [await start(), await start()];
      await connect(a, b);
      const toB = traffic(40, 1);
      const toA = traffic(40, 2);
      for (let i = 0; i < toB.length; i++) {
        assert.equal(a.transport.send(b.id, toB[i]!), true);
        assert.equal(b.transport.send(a.id, toA[i]!), true);
      }
      await waitFor(network, () => a.events.messages.length === toA.length && b.events.messages.length === toB.length, 'every envelope');
      assert.deepEqual(b.events.messagesFrom(a.id), toB);
      assert.deepEqual(a.events.messagesFrom(b.id), toA);
    });

    it('disconnect: both sides see peerDisconnected, and send returns false after', async () => {
      const [a, b] = [await start(), await start()];
      await connect(a, b);
      a.transport.disconnect(b.id, 'testing');
      assert.equal(a.transport.send(b.id, { tx: 1n, body: { type: 'ping' } }), false);
      await waitFor(network, () => a.events.disconnected.length > 0 && b.events.disconnected.length > 0, 'peerDisconnected on both sides');
      assert.deepEqual(a.events.disconnected, [{ peerId: b.id, reason: 'testing' }]);
      assert.equal(b.events.disconnected.length, 1);
      assert.equal(b.events.disconnected[0]!.peerId, a.id);
      assert.equal(b.transport.send(a.id, { tx: 2n, body: { type: 'ping' } }), false);
    });

    it('stop disconnects every peer, on both sides', async () => {
      const [a, b, c] = [await start(), await start(), await start()];
      await connect(a, b);
      await a.transport.dial(c.transport.addresses[0]!);
      await waitFor(network, () => a.events.connected.length === 2 && c.events.connected.length === 1, 'both links');
      await a.transport.stop();
      await waitFor(network, () => b.events.disconnected.length === 1 && c.events.disconnected.length === 1, 'the peers to notice');
      assert.deepEqual(a.events.disconnected.map((entry) => entry.peerId).sort(), [b.id, c.id].sort());
      assert.equal(b.events.disconnected[0]!.peerId, a.id);
      assert.equal(c.events.disconnected[0]!.peerId, a.id);
      assert.equal(b.transport.send(a.id, { tx: 1n, body: { type: 'ping' } }), false);
    });

    it('dialling a connected node, either way, returns the same peer and raises nothing new', async () => {
      const [a, b] = [await start(), await start()];
      const first = await connect(a, b);
      assert.deepEqual(await a.transport.dial(b.transport.addresses[0]!), first);
      const reverse = await b.transport.dial(a.transport.addresses[0]!);
      assert.equal(reverse.id, a.id);
      await quiesce(network);
      assert.equal(a.events.connected.length, 1);
      assert.equal(b.events.connected.length, 1);
      assert.deepEqual([...a.events.disconnected, ...b.events.disconnected], []);
      assert.equal(a.transport.send(b.id, { tx: 7n, body: { type: 'ping' } }), true);
      await waitFor(network, () => b.events.messages.length === 1, 'a message over the remaining link');
    });

    it('simultaneous dials leave one link: one peerConnected each side, no disconnection', async () => {
      const [a, b] = [await start(), await start()];
      const [toB, toA] = await Promise.all([a.transport.dial(b.transport.addresses[0]!), b.transport.dial(a.transport.addresses[0]!)]);
      assert.equal(toB.id, b.id);
      assert.equal(toA.id, a.id);
      await quiesce(network);
      assert.equal(a.events.connected.length, 1);
      assert.equal(b.events.connected.length, 1);
      assert.deepEqual([...a.events.disconnected, ...b.events.disconnected], []);
      assert.equal(a.transport.send(b.id, { tx: 1n, body: { type: 'ping' } }), true);
      assert.equal(b.transport.send(a.id, { tx: 2n, body: { type: 'pong' } }), true);
      await waitFor(network, () => a.events.messages.length === 1 && b.events.messages.length === 1, 'messages both ways');
    });

    it('send to a peer that is not connected returns false', async () => {
      const a = await start();
      assert.equal(a.transport.send('00'.repeat(32), { tx: 1n, body: { type: 'ping' } }), false);
    });

    it('sendQueue: a bound and what waits under it for a connected peer, nothing for others', async () => {
      const [a, b] = [await start(), await start()];
      assert.equal(a.transport.sendQueue(b.id), undefined);
      await connect(a, b);
      const queue = a.transport.sendQueue(b.id)!;
      assert.ok(queue.maxBytes > 0 && queue.queuedBytes >= 0 && queue.queuedBytes <= queue.maxBytes);
      a.transport.disconnect(b.id, 'testing');
      assert.equal(a.transport.sendQueue(b.id), undefined);
    });

    it('a dial expecting another node rejects with UnexpectedPeerError and links nothing; expecting the right one links', async () => {
      const [a, b, c] = [await start(), await start(), await start()];
      const address = b.transport.addresses[0]!;
      await assert.rejects(a.transport.dial(address, { peer: c.id }), UnexpectedPeerError);
      await quiesce(network);
      assert.deepEqual([...a.events.connected, ...b.events.connected], []);
      assert.equal((await a.transport.dial(address, { peer: b.id })).id, b.id);
      await assert.rejects(a.transport.dial(address, { peer: c.id }), UnexpectedPeerError, 'once linked too');
      await quiesce(network);
      assert.deepEqual(a.events.disconnected, []);
    });

    it('dial with an aborted signal rejects with its reason', async () => {
      const [a, b] = [await start(), await start()];
      const reason = new Error('not wanted');
      await assert.rejects(a.transport.dial(b.transport.addresses[0]!, { signal: AbortSignal.abort(reason) }), (error) => error === reason);
      await quiesce(network);
      assert.deepEqual([...a.events.connected, ...b.events.connected], []);
    });
  });
}

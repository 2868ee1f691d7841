import assert from 'node:assert/strict';
import type { NodeRef } from '../../../../protocol/wire/messages.js';
import { KnownPeers, MAX_SAVED_PEERS } from '../../../../node/daemon/known-peers.js';
import type { ConnectedPeer, Transport, TransportHandlers } from '../../../../node/transport.js';

const nodeRef = (byte: number, addresses: string[]): NodeRef => ({ publicKey: new Uint8Array(32).fill(byte), powNonce: new Uint8Array(8), addresses });
const peer = (byte: number, addresses: string[]): ConnectedPeer => ({ id: byte.toString(16).padStart(2, '0').repeat(32), location: byte / 256, node: nodeRef(byte, addresses) });

/** A transport whose peers connect when the test says so. */
function fakeTransport(): Transport & { connect(peer: ConnectedPeer): void } {
  let handlers: TransportHandlers | undefined;
  const byAddress = new Map<string, ConnectedPeer>();
  return {
    addresses: ['/ip4/127.0.0.1/tcp/1'],
    start: async (given) => {
      handlers = given;
    },
    stop: async () => undefined,
    dial: async (address) => {
      const found = byAddress.get(address);
      if (found === undefined) throw new Error('unreachable');
      handlers!.peerConnected(found);
      return found;
    },
    send: () => true,
    disconnect: () => undefined,
    connect(connected) {
      for (const address of ['/ip4/192.0.2.9/tcp/9']) byAddress.set(address, connected);
      handlers!.peerConnected(connected);
    },
  };
}

describe('node/daemon/known-peers', () => {
  it('records connected peers, puts the dialled address first, and passes events on', async () => {
    let time = Date.parse('2026-01-01T00:00:00Z');
    const known = new KnownPeers([{ node: nodeRef(1, ['/ip4/192.0.2.1/tcp/1']), lastConnected: '2025-12-31T00:00:00.000Z' }], () => new Date((time += 1000)));
    const inner = fakeTransport();
    const transport = known.observe(inner);
    const seen: string[] = [];
    await transport.start({ peerConnected: (connected) => seen.push(connected.id), peerDisconnected: () => undefined, message: () => undefined });
    assert.deepEqual(transport.addresses, inner.addresses);
    inner.connect(peer(2, ['/ip4/0.0.0.0/tcp/7400']));
    await transport.dial('/ip4/192.0.2.9/tcp/9');
    assert.equal(seen.length, 2);
    const [latest, saved, ...rest] = known.snapshot();
    assert.deepEqual(rest, []);
    assert.deepEqual(latest!.node.addresses, ['/ip4/192.0.2.9/tcp/9', '/ip4/0.0.0.0/tcp/7400']);
    assert.equal(latest!.lastConnected, '2026-01-01T00:00:03.000Z');
    assert.deepEqual(saved!.node.publicKey, new Uint8Array(32).fill(1));
  });

  it('keeps at most the most recently connected peers', async () => {
    const saved = Array.from({ length: MAX_SAVED_PEERS + 5 }, (_, index) => ({
      node: nodeRef(index, ['/ip4/192.0.2.1/tcp/1']),
      lastConnected: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
    }));
    const snapshot = new KnownPeers(saved).snapshot();
    assert.equal(snapshot.length, MAX_SAVED_PEERS);
    assert.deepEqual(snapshot[0]!.node.publicKey, new Uint8Array(32).fill(MAX_SAVED_PEERS + 4));
  });
});

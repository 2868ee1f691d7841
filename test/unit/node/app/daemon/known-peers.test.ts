import assert from 'node:assert/strict';
import type { NodeRef } from '../../../../../protocol/wire/messages.js';
import { MAX_SAVED_PEERS, mergeKnownPeers } from '../../../../../node/app/daemon/known-peers.js';

const nodeRef = (byte: number, addresses: string[]): NodeRef => ({ publicKey: new Uint8Array(32).fill(byte), powNonce: new Uint8Array(8), addresses });
const NOW = new Date('2026-01-01T00:00:00Z');

describe('node/app/daemon/known-peers', () => {
  it("puts connected peers first in the node's order, then earlier ones most recent first, addresses merged", () => {
    const saved = [
      { node: nodeRef(1, ['/ip4/192.0.2.1/tcp/1']), lastConnected: '2025-12-30T00:00:00.000Z' },
      { node: nodeRef(2, ['/ip4/192.0.2.2/tcp/2']), lastConnected: '2025-12-31T00:00:00.000Z' },
      { node: nodeRef(3, ['/ip4/192.0.2.3/tcp/3']), lastConnected: '2025-12-29T00:00:00.000Z' },
    ];
    const merged = mergeKnownPeers([nodeRef(4, ['/ip4/192.0.2.4/tcp/4']), nodeRef(3, ['/ip4/192.0.2.30/tcp/3'])], saved, NOW);
    assert.deepEqual(
      merged.map((peer) => peer.node.publicKey[0]),
      [4, 3, 2, 1],
    );
    assert.deepEqual(merged[1]!.node.addresses, ['/ip4/192.0.2.30/tcp/3', '/ip4/192.0.2.3/tcp/3']);
    assert.equal(merged[0]!.lastConnected, NOW.toISOString());
    assert.equal(merged[2]!.lastConnected, '2025-12-31T00:00:00.000Z');
  });

  it('keeps the saved peers when none is connected, and at most MAX_SAVED_PEERS', () => {
    const saved = Array.from({ length: MAX_SAVED_PEERS + 5 }, (_, index) => ({
      node: nodeRef(index, ['/ip4/192.0.2.1/tcp/1']),
      lastConnected: new Date(Date.UTC(2025, 0, 1, 0, 0, index)).toISOString(),
    }));
    const merged = mergeKnownPeers([], saved, NOW);
    assert.equal(merged.length, MAX_SAVED_PEERS);
    assert.deepEqual(merged[0]!.node.publicKey, new Uint8Array(32).fill(MAX_SAVED_PEERS + 4));
  });
});

import assert from 'node:assert/strict';
import { comparePeers, peerScore, worstPeer } from '../../../node/opennet-drop-rule.js';
import type { PeerState } from '../../../node/peers.js';

const HOUR = 3_600_000;
const GRACE = 300_000;

function peer(id: string, connectedAt: number, successes: number): PeerState {
  return {
    id,
    location: 0,
    node: { publicKey: new Uint8Array(32), powNonce: new Uint8Array(8), addresses: [] },
    connectedAt,
    link: { decrementAtMax: false, decrementAtMin: false },
    backoffUntil: 0,
    backoffMs: 1_000,
    probeAt: 0,
    inFlight: 0,
    stats: { requestsSent: 0, insertBlocksSent: 0, successes, timeouts: 0, overloads: 0, invalidBlocks: 0 },
  };
}

describe('node/opennet-drop-rule', () => {
  it('scores successes per hour connected, counting a young peer as connected for the grace period', () => {
    const now = 10 * HOUR;
    assert.equal(peerScore(peer('a', now - 2 * HOUR, 6), now, GRACE), 3);
    assert.equal(peerScore(peer('b', now - 60_000, 1), now, GRACE), 12);
    assert.equal(peerScore(peer('c', now, 0), now, GRACE), 0);
  });

  it('drops the peer with the fewest successes per hour among those past the grace period', () => {
    const now = 10 * HOUR;
    const peers = [
      peer('steady', now - 4 * HOUR, 8), // 2 per hour
      peer('idle', now - 3 * HOUR, 3), // 1 per hour
      peer('busy', now - HOUR, 10), // 10 per hour
      peer('young', now - 60_000, 0), // within the grace period: never dropped
    ];
    assert.equal(worstPeer(peers, now, GRACE)?.id, 'idle');
    assert.equal(worstPeer([peers[3]!], now, GRACE), undefined);
  });

  it('breaks ties by dropping the most recently connected, then the larger id', () => {
    const now = 10 * HOUR;
    assert.equal(worstPeer([peer('old', now - 3 * HOUR, 0), peer('newer', now - HOUR, 0)], now, GRACE)?.id, 'newer');
    assert.equal(worstPeer([peer('b', now - HOUR, 0), peer('a', now - HOUR, 0)], now, GRACE)?.id, 'b');
  });

  it('orders peers best first', () => {
    const now = 10 * HOUR;
    const peers = [peer('idle', now - 3 * HOUR, 3), peer('busy', now - HOUR, 10), peer('steady', now - 4 * HOUR, 8)];
    assert.deepEqual(
      peers.sort((a, b) => comparePeers(a, b, now, GRACE)).map(({ id }) => id),
      ['busy', 'steady', 'idle'],
    );
  });
});

import assert from 'node:assert/strict';
import type { Clock, Rng } from '../../../node/components.js';
import { PeerTable } from '../../../node/peers.js';
import type { ConnectedPeer } from '../../../node/transport.js';

const clock = {
  time: 0,
  now() {
    return this.time;
  },
  setTimer: () => ({ cancel: () => undefined }),
} satisfies Clock & { time: number };
const rng: Rng = { next: () => 0.7, nextU64: () => 0n };

function peer(id: string, location: number): ConnectedPeer {
  return { id, location, node: { publicKey: new Uint8Array(32), powNonce: new Uint8Array(8), addresses: [] } };
}

describe('node/peers', () => {
  let table: PeerTable;
  beforeEach(() => {
    clock.time = 0;
    table = new PeerTable({ clock, rng }, { initialBackoffMs: 100, maxBackoffMs: 350, invalidBlockLimit: 2 });
    for (const [id, location] of [
      ['a', 0.1],
      ['b', 0.4],
      ['c', 0.9],
    ] as const)
      table.add(peer(id, location));
  });

  it('picks the closest peer on the ring, skipping excluded ones', () => {
    assert.equal(table.closestTo(0.97, () => false)?.id, 'c');
    assert.equal(table.closestTo(0.02, () => false)?.id, 'a');
    assert.equal(table.closestTo(0.02, (id) => id === 'a')?.id, 'c');
    assert.equal(
      table.closestTo(0.5, () => true),
      undefined,
    );
  });

  it('skips backed-off peers until their backoff ends, doubling it up to the cap', () => {
    const a = table.get('a')!;
    table.backOff(a);
    assert.equal(table.closestTo(0.1, () => false)?.id, 'c');
    clock.time = 100;
    assert.equal(table.closestTo(0.1, () => false)?.id, 'a');
    table.backOff(a);
    table.backOff(a);
    assert.equal(a.backoffMs, 350);
    table.recordSuccess(a);
    assert.equal(a.backoffUntil, 0);
    assert.equal(a.backoffMs, 100);
  });

  it('knows whether a location is closer to the node than to every peer', () => {
    assert.equal(table.isClosestTo(0.62, 0.65), true);
    assert.equal(table.isClosestTo(0.62, 0.45), false);
  });

  it('asks to drop a peer once it reaches the invalid-block limit', () => {
    const b = table.get('b')!;
    assert.equal(table.recordInvalidBlock(b), false);
    assert.equal(table.recordInvalidBlock(b), true);
    assert.equal(b.stats.invalidBlocks, 2);
    table.remove('b');
    assert.equal(table.size, 2);
  });
});

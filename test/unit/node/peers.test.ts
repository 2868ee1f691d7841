import assert from 'node:assert/strict';
import type { Clock, Rng } from '../../../node/components.js';
import { PeerTable, type PeerState } from '../../../node/peers.js';
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

  describe('backoff (defaults: 1 s, doubling to 3 min, probed every 2 s)', () => {
    let a: PeerState;
    beforeEach(() => {
      table = new PeerTable({ clock, rng });
      for (const [id, location] of [
        ['a', 0.1],
        ['b', 0.4],
      ] as const)
        table.add(peer(id, location));
      a = table.get('a')!;
    });

    it('backs a peer off once for a burst of refusals: those that arrive while it is backed off neither double nor extend it', () => {
      for (let i = 0; i < 32; i++) table.backOff(a);
      assert.equal(a.backoffUntil, 1_000);
      assert.equal(a.backoffMs, 2_000, 'the next backoff doubles, once');
      clock.time = 1_000;
      table.backOff(a);
      assert.equal(a.backoffUntil, 3_000, 'failing again once the backoff ran out doubles it');
      clock.time = 2_000;
      table.backOff(a);
      assert.equal(a.backoffUntil, 3_000);
      assert.equal(a.backoffMs, 4_000);
    });

    it('probes a backed-off peer once the probe interval has passed and nothing is in flight to it, once per interval', () => {
      clock.time = 10_000;
      a.backoffMs = 60_000;
      table.backOff(a);
      assert.equal(table.closestTo(0.1, () => false)?.id, 'b', 'backed off');
      clock.time = 12_000;
      a.inFlight = 1;
      assert.equal(table.closestTo(0.1, () => false)?.id, 'b', 'not probed while a request to it is unanswered');
      a.inFlight = 0;
      assert.equal(table.closestTo(0.1, () => false)?.id, 'a', 'the probe');
      assert.equal(table.closestTo(0.1, () => false)?.id, 'b', 'one probe an interval');
      clock.time = 14_000;
      assert.equal(table.closestTo(0.5, () => false)?.id, 'b', 'a probe goes only where routing would go');
      assert.equal(table.closestTo(0.1, () => false)?.id, 'a');
    });

    it('ends a backoff, and starts its length again, when the peer answers', () => {
      a.backoffMs = 60_000;
      table.backOff(a);
      table.recordAnswer(a);
      assert.equal(a.backoffUntil, 0);
      assert.equal(a.backoffMs, 1_000);
      assert.equal(table.closestTo(0.1, () => false)?.id, 'a');
    });

    it('never leaves a route without a peer for backoff alone: when all are backed off, the one whose backoff ends first, one request at a time', () => {
      const b = table.get('b')!;
      b.backoffMs = 5_000;
      table.backOff(b);
      a.backoffMs = 60_000;
      table.backOff(a);
      clock.time = 1_000;
      assert.equal(table.closestTo(0.1, () => false)?.id, 'b', 'b is back sooner, though a is closer');
      assert.equal(table.closestTo(0.1, (id) => id === 'b')?.id, 'a', 'the last peer left is used, backed off or not');
      b.inFlight = 1;
      assert.equal(table.closestTo(0.1, () => false)?.id, 'a', 'b already has a request it has not answered');
      a.inFlight = 1;
      assert.equal(
        table.closestTo(0.1, () => false),
        undefined,
        'nothing more for peers that have not answered',
      );
      assert.equal(
        table.closestTo(0.1, () => true),
        undefined,
      );
    });
  });

  it('knows whether a location is closer to the node than to every peer', () => {
    assert.equal(table.isClosestTo(0.62, 0.65), true);
    assert.equal(table.isClosestTo(0.62, 0.45), false);
  });

  it('places a location in its neighbourhood within span times the distance to its second-nearest peer', () => {
    // Peers at 0.1, 0.4 and 0.9; from 0.62 the nearest is 0.4 (0.22 away), the second 0.9 (0.28).
    assert.equal(table.isNeighbourhood(0.62, 0.62 + 0.27, 1), true);
    assert.equal(table.isNeighbourhood(0.62, 0.62 + 0.29, 1), false);
    assert.equal(table.isNeighbourhood(0.62, 0.2, 2), true);
    assert.equal(table.isNeighbourhood(0.62, 0.62, 0), false);
    table.remove('a');
    table.remove('b');
    assert.equal(table.isNeighbourhood(0.62, 0.1, 0.01), true, 'with fewer than two peers every location is near');
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

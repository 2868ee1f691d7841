import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Clock } from '../../../node/components.js';
import { linksSpanTooLittle, MAX_SWAP_WALK_HOPS, randomisedReset, SwapRateLimiter, swapWalkHops, walkStepIndex } from '../../../node/swap-policy.js';
import { SeededRng } from '../../../sim/rng.js';

function manualClock(): Clock & { at: number } {
  return {
    at: 0,
    now() {
      return this.at;
    },
    setTimer: () => assert.fail('the swap rate limiter needs no timer'),
  };
}

describe('node/swap-policy', () => {
  it('swapWalkHops is round(log2 n / 2), at least 1 and at most the cap', () => {
    assert.equal(swapWalkHops(1), 1);
    assert.equal(swapWalkHops(1_000), 5);
    assert.equal(swapWalkHops(4_000), 6);
    assert.equal(swapWalkHops(16_000), 7);
    assert.equal(swapWalkHops(2 ** 40), MAX_SWAP_WALK_HOPS);
    assert.throws(() => swapWalkHops(0), RangeError);
  });

  describe('walkStepIndex', () => {
    it('never goes back the way it came while there is another link, and stays in range', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: -1, max: 49 }), fc.string(), (degree, cameFrom, seed) => {
          const index = walkStepIndex(degree, cameFrom, new SeededRng(seed));
          return index >= 0 && index < degree && (degree === 1 || index !== cameFrom);
        }),
      );
      assert.equal(walkStepIndex(0, -1, new SeededRng(1)), -1);
    });

    it('picks the other links uniformly', () => {
      const rng = new SeededRng('walk');
      const counts = [0, 0, 0, 0];
      for (let draw = 0; draw < 3_000; draw++) counts[walkStepIndex(4, 2, rng)]!++;
      assert.equal(counts[2], 0);
      for (const index of [0, 1, 3]) assert.ok(Math.abs(counts[index]! - 1_000) < 150, `${counts}`);
    });
  });

  it('randomisedReset gives a fresh location with the stated probability, never at probability 0', () => {
    const rng = new SeededRng('reset');
    let resets = 0;
    for (let round = 0; round < 10_000; round++) {
      const location = randomisedReset(rng, 0.05);
      if (location !== undefined) {
        resets++;
        assert.ok(location >= 0 && location < 1);
      }
      assert.equal(randomisedReset(rng, 0), undefined);
    }
    assert.ok(resets > 400 && resets < 600, `${resets} resets`);
    assert.throws(() => randomisedReset(rng, 1.5), RangeError);
  });

  it('linksSpanTooLittle flags a node whose links have all shrunk to a sliver, and only with enough links', () => {
    const pulled = [0.5 + 1e-6, 0.5 - 2e-6, 0.5 + 3e-6, 0.5 - 4e-6];
    assert.equal(linksSpanTooLittle(0.5, pulled, 0.01), true);
    assert.equal(linksSpanTooLittle(0.5, [...pulled, 0.9], 0.01), false, 'one long link is enough');
    assert.equal(linksSpanTooLittle(0.5, pulled.slice(0, 3), 0.01), false, 'too few links to tell');
    assert.equal(linksSpanTooLittle(0.5, pulled, 0), false, 'off');
    // Across the wrap-around too.
    assert.equal(linksSpanTooLittle(0.999, [0.001, 0.998, 0.0005, 0.9995], 0.01), true);
    assert.throws(() => linksSpanTooLittle(0.5, pulled, 0.6), RangeError);
  });

  describe('SwapRateLimiter', () => {
    it('starts one swap per interval', () => {
      const clock = manualClock();
      const limiter = new SwapRateLimiter({ clock }, { startEveryMs: 1_000 });
      assert.equal(limiter.tryStart(), true);
      assert.equal(limiter.tryStart(), false);
      clock.at = 999;
      assert.equal(limiter.tryStart(), false);
      clock.at = 1_000;
      assert.equal(limiter.tryStart(), true);
    });

    it('takes at most the burst of walks from one peer, then its rate, without starving the others', () => {
      const clock = manualClock();
      const limiter = new SwapRateLimiter({ clock }, { perPeerRatePerSecond: 1, perPeerBurst: 2 });
      assert.deepEqual(
        [1, 2, 3].map(() => limiter.admitWalk('flooder')),
        [true, true, false],
      );
      assert.equal(limiter.admitWalk('honest'), true);
      clock.at = 1_000;
      assert.deepEqual(
        [1, 2].map(() => limiter.admitWalk('flooder')),
        [true, false],
      );
    });

    it('tracks a bounded number of peers and refuses walks from any beyond them', () => {
      const limiter = new SwapRateLimiter({ clock: manualClock() }, { maxPeers: 2 });
      assert.equal(limiter.admitWalk('a'), true);
      assert.equal(limiter.admitWalk('b'), true);
      assert.equal(limiter.admitWalk('c'), false);
      limiter.forget('a');
      assert.equal(limiter.admitWalk('c'), true);
    });

    it('refuses settings that would disable it', () => {
      assert.throws(() => new SwapRateLimiter({ clock: manualClock() }, { startEveryMs: 0 }), RangeError);
      assert.throws(() => new SwapRateLimiter({ clock: manualClock() }, { perPeerBurst: 0 }), RangeError);
      assert.throws(() => new SwapRateLimiter({ clock: manualClock() }, { maxPeers: 0 }), RangeError);
    });
  });
});

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InvalidSwapOfferError, SwapRevealMismatchError } from '../../../node/errors.js';
import {
  checkReveal,
  decideSwap,
  MAX_SWAP_NEIGHBOURS,
  ownLogLossPerLink,
  type SwapOffer,
  swapAccepted,
  swapCoin,
  swapCommitment,
  swapLogGain,
} from '../../../node/location-swap.js';
import { circularDistance } from '../../../protocol/location.js';

const location = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const nonce = fc.uint8Array({ minLength: 32, maxLength: 32 });
const side = fc.record({ location, neighbourLocations: fc.array(location, { minLength: 1, maxLength: 12 }) });

/** Sandberg's rule alone, and with the own-loss bound. */
const sandberg = { maxOwnLogLossPerLink: Infinity };
const bounded = { maxOwnLogLossPerLink: 0.3 };

const offer = (nonceByte: number, at: number, neighbourLocations: number[]): SwapOffer => ({
  nonce: new Uint8Array(32).fill(nonceByte),
  location: at,
  neighbourLocations,
});

/** Σ log of link distances of the two sides, the mutual link left out: the direct definition. */
function logProduct(a: number, aLinks: readonly number[], b: number, bLinks: readonly number[]): number {
  const sum = (at: number, links: readonly number[]) => links.reduce((total, link) => total + Math.log(circularDistance(at, link)), 0);
  return sum(a, aLinks) + sum(b, bLinks);
}

describe('node/location-swap', () => {
  describe('swapLogGain', () => {
    it('is log(before / after) of the product of link distances', () => {
      // a at 0.1 with links near 0.6, b at 0.6 with links near 0.1: swapping shortens every link.
      const a = { location: 0.1, neighbourLocations: [0.58, 0.62] };
      const b = { location: 0.6, neighbourLocations: [0.09, 0.12] };
      const expected = logProduct(0.1, [0.58, 0.62], 0.6, [0.09, 0.12]) - logProduct(0.6, [0.58, 0.62], 0.1, [0.09, 0.12]);
      assert.ok(Math.abs(swapLogGain(a, b) - expected) < 1e-12);
      assert.ok(swapLogGain(a, b) > 0);
    });

    it('is antisymmetric in where the two sides stand: undoing a swap has the opposite gain', () => {
      fc.assert(
        fc.property(side, side, (a, b) => {
          // Distinct locations, as on a ring of distinct nodes: a link ending exactly where the partner stands is read as the link to it.
          const all = [a.location, b.location, ...a.neighbourLocations, ...b.neighbourLocations];
          fc.pre(new Set(all).size === all.length);
          const gain = swapLogGain(a, b);
          const undo = swapLogGain({ ...a, location: b.location }, { ...b, location: a.location });
          return Math.abs(gain + undo) < 1e-6 * (1 + Math.abs(gain));
        }),
      );
    });

    it('leaves out the link between the two sides, whose length a swap does not change', () => {
      const a = { location: 0.2, neighbourLocations: [0.7, 0.25] };
      const b = { location: 0.7, neighbourLocations: [0.2, 0.65] };
      const withoutMutual = swapLogGain({ location: 0.2, neighbourLocations: [0.25] }, { location: 0.7, neighbourLocations: [0.65] });
      assert.equal(swapLogGain(a, b), withoutMutual);
    });

    it('stays finite when a link has length zero', () => {
      assert.ok(Number.isFinite(swapLogGain({ location: 0.5, neighbourLocations: [0.5, 0.1] }, { location: 0.2, neighbourLocations: [0.3] })));
    });
  });

  describe('swapAccepted (Metropolis–Hastings)', () => {
    it('always takes a swap that shortens the links, whatever the coin', () => {
      const a = { location: 0.1, neighbourLocations: [0.6] };
      const b = { location: 0.6, neighbourLocations: [0.1 + 1e-3] };
      for (const coin of [0, 0.5, 0.999999]) assert.equal(swapAccepted(a, b, coin, sandberg), true);
    });

    it('takes a swap that lengthens the links with probability before / after', () => {
      const a = { location: 0.1, neighbourLocations: [0.12] };
      const b = { location: 0.3, neighbourLocations: [0.32] };
      const ratio = Math.exp(swapLogGain(a, b));
      assert.ok(ratio > 0 && ratio < 1);
      assert.equal(swapAccepted(a, b, ratio * 0.99, sandberg), true);
      assert.equal(swapAccepted(a, b, ratio * 1.01, sandberg), false);
    });

    it('decides the same for both sides, whichever is called first', () => {
      fc.assert(
        fc.property(
          side,
          side,
          fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
          (a, b, coin) => swapAccepted(a, b, coin, bounded) === swapAccepted(b, a, coin, bounded),
        ),
      );
    });
  });

  describe('the own-loss bound', () => {
    it('measures how much longer a side’s own links get, per link, leaving out the link to the partner', () => {
      const side = { location: 0.1, neighbourLocations: [0.11, 0.09, 0.5] };
      const expected = (Math.log(circularDistance(0.3, 0.11)) + Math.log(circularDistance(0.3, 0.09)) - Math.log(0.01) - Math.log(0.01)) / 2;
      assert.ok(Math.abs(ownLogLossPerLink({ ...side, neighbourLocations: [0.11, 0.09, 0.3] }, 0.3) - expected) < 1e-9);
      assert.equal(ownLogLossPerLink({ location: 0.1, neighbourLocations: [] }, 0.3), 0);
    });

    it('refuses a crafted offer that Sandberg’s rule alone accepts (Pitch Black)', () => {
      // An honest node well placed among its links; the attacker claims a far location and links beside the node.
      const honest = { location: 0.2, neighbourLocations: [0.199, 0.201, 0.21, 0.25] };
      const attacker = { location: 0.7, neighbourLocations: new Array<number>(MAX_SWAP_NEIGHBOURS).fill(0.2 + 1e-6) };
      assert.equal(swapAccepted(honest, attacker, 0.999, sandberg), true);
      assert.equal(swapAccepted(honest, attacker, 0, bounded), false);
    });

    it('lets through the honest swaps that shorten both sides’ links', () => {
      const a = { location: 0.1, neighbourLocations: [0.58, 0.62] };
      const b = { location: 0.6, neighbourLocations: [0.09, 0.12] };
      assert.equal(swapAccepted(a, b, 0.999, bounded), true);
    });
  });

  describe('commit and reveal', () => {
    it('accepts the offer that was committed to', () => {
      const committed = offer(1, 0.3, [0.1, 0.9]);
      checkReveal(swapCommitment(committed), committed);
    });

    it('rejects a reveal that changes the nonce, the location or a link location', () => {
      const committed = offer(1, 0.3, [0.1, 0.9]);
      const commitment = swapCommitment(committed);
      for (const changed of [
        offer(2, 0.3, [0.1, 0.9]),
        offer(1, 0.30000001, [0.1, 0.9]),
        offer(1, 0.3, [0.1, 0.8]),
        offer(1, 0.3, [0.9, 0.1]),
        offer(1, 0.3, [0.1]),
      ]) {
        assert.throws(() => checkReveal(commitment, changed), SwapRevealMismatchError);
      }
    });

    it('refuses malformed offers with a typed error', () => {
      const bad: SwapOffer[] = [
        { nonce: new Uint8Array(31), location: 0.5, neighbourLocations: [] },
        offer(1, 1, []),
        offer(1, Number.NaN, []),
        offer(1, 0.5, [-0.1]),
        offer(1, 0.5, new Array(MAX_SWAP_NEIGHBOURS + 1).fill(0.2)),
      ];
      for (const entry of bad) assert.throws(() => swapCommitment(entry), InvalidSwapOfferError);
    });

    it('gives a coin in [0, 1) that depends on both nonces', () => {
      fc.assert(
        fc.property(nonce, nonce, nonce, (first, second, other) => {
          fc.pre(!second.every((byte, index) => byte === other[index]));
          const coin = swapCoin(first, second);
          return coin >= 0 && coin < 1 && coin !== swapCoin(first, other) && coin === swapCoin(first, second);
        }),
      );
    });

    it('gives a uniform coin: a responder that fixes its nonce cannot bias it', () => {
      const fixed = new Uint8Array(32);
      const draws = 4_000;
      let below = 0;
      for (let index = 0; index < draws; index++) {
        const initiator = new Uint8Array(32);
        new DataView(initiator.buffer).setUint32(0, index);
        if (swapCoin(initiator, fixed) < 0.25) below++;
      }
      // Binomial(4000, 0.25): mean 1000, sd ≈ 27; six standard deviations either side.
      assert.ok(Math.abs(below - 1_000) < 165, `${below} of ${draws} below 0.25`);
    });

    it('decideSwap checks both reveals and reaches the decision of the coin', () => {
      const initiator = offer(3, 0.1, [0.6]);
      const responder = offer(4, 0.6, [0.1 + 1e-3]);
      const sides = {
        initiator: { commitment: swapCommitment(initiator), offer: initiator },
        responder: { commitment: swapCommitment(responder), offer: responder },
      };
      assert.equal(decideSwap(sides.initiator, sides.responder, sandberg), true);
      assert.throws(() => decideSwap(sides.initiator, { ...sides.responder, offer: { ...responder, location: 0.61 } }, sandberg), SwapRevealMismatchError);
    });
  });
});

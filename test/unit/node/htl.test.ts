import assert from 'node:assert/strict';
import type { Rng } from '../../../node/components.js';
import {
  decrementHtl,
  drawHtlLink,
  HTL_POLICY_V1,
  HTL_POLICY_V2,
  MAX_CACHING_HTL,
  MAX_HTL,
  mayCacheAt,
  mixes,
  reachedGreedily,
  topGreedyHtl,
} from '../../../node/htl.js';

const always = { decrementAtMax: true, decrementAtMin: true };
const never = { decrementAtMax: false, decrementAtMin: false };

function fixedRng(...values: number[]): Rng {
  return { next: () => values.shift()!, nextU64: () => 0n };
}

describe('node/htl', () => {
  it('decrements probabilistically at the maximum and at 1, by one elsewhere', () => {
    assert.equal(decrementHtl(MAX_HTL, always), MAX_HTL - 1);
    assert.equal(decrementHtl(MAX_HTL, never), MAX_HTL);
    assert.equal(decrementHtl(1, always), 0);
    assert.equal(decrementHtl(1, never), 1);
    for (let htl = 2; htl < MAX_HTL; htl++) assert.equal(decrementHtl(htl, never), htl - 1);
    assert.equal(decrementHtl(0, never), 0);
  });

  it('draws the link decisions with the documented probabilities of each design', () => {
    assert.deepEqual(drawHtlLink(fixedRng(0.49, 0.24), HTL_POLICY_V1), always);
    assert.deepEqual(drawHtlLink(fixedRng(0.5, 0.25), HTL_POLICY_V1), never);
    assert.deepEqual(drawHtlLink(fixedRng(0.19, 0.24), HTL_POLICY_V2), always);
    assert.deepEqual(drawHtlLink(fixedRng(0.2, 0.25), HTL_POLICY_V2), never);
  });

  it('makes a node at the maximum HTL mix in design v2 only', () => {
    assert.equal(mixes(MAX_HTL, HTL_POLICY_V2), true);
    assert.equal(mixes(MAX_HTL - 1, HTL_POLICY_V2), false);
    assert.equal(mixes(MAX_HTL, HTL_POLICY_V1), false);
  });

  it('counts a node as reached by a greedy hop below the HTLs a mixing hop sends, and at any HTL without mixing', () => {
    assert.equal(topGreedyHtl(HTL_POLICY_V2), MAX_HTL - 2);
    assert.equal(reachedGreedily(MAX_HTL, HTL_POLICY_V2), false);
    assert.equal(reachedGreedily(MAX_HTL - 1, HTL_POLICY_V2), false);
    assert.equal(reachedGreedily(MAX_HTL - 2, HTL_POLICY_V2), true);
    assert.equal(topGreedyHtl(HTL_POLICY_V1), MAX_HTL);
    assert.equal(reachedGreedily(MAX_HTL, HTL_POLICY_V1), true);
  });

  it('lets relays cache only beyond the first two hops', () => {
    assert.equal(MAX_CACHING_HTL, 16);
    assert.equal(mayCacheAt(18), false);
    assert.equal(mayCacheAt(17), false);
    assert.equal(mayCacheAt(16), true);
  });
});

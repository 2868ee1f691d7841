import assert from 'node:assert/strict';
import { AcceptBudget } from '../../../../node/net/accept-budget.js';
import { ManualClock } from '../../../support/manual-clock.js';

/** Connections `range` is admitted out of `tries` at the clock's present time. */
const admitted = (budget: AcceptBudget, range: string, tries: number): number =>
  Array.from({ length: tries }, () => budget.admit(range)).filter(Boolean).length;

describe('node/net/accept-budget', () => {
  it('admits a burst from a range, then its rate, and other ranges all along', () => {
    const clock = new ManualClock();
    const budget = new AcceptBudget(clock, { ratePerSecond: 10, burst: 20, maxRanges: 16 });
    assert.equal(admitted(budget, 'a', 100), 20);
    assert.equal(admitted(budget, 'b', 5), 5);
    clock.advance(1_000);
    assert.equal(admitted(budget, 'a', 100), 10);
    clock.advance(500);
    assert.equal(admitted(budget, 'a', 100), 5);
  });

  it('keeps a drained range drained for as long as it keeps trying: refusals do not refill it', () => {
    const clock = new ManualClock();
    const budget = new AcceptBudget(clock, { ratePerSecond: 10, burst: 20, maxRanges: 16 });
    let total = 0;
    // Ten seconds of trying 1,000 times a second: the burst, then 10 a second.
    for (let ms = 0; ms < 10_000; ms += 100) {
      total += admitted(budget, 'a', 100);
      clock.advance(100);
    }
    assert.ok(total <= 20 + 10 * 10, `admitted ${total}`);
  });

  it('forgets a range once its bucket would be full again, and remembers at most maxRanges', () => {
    const clock = new ManualClock();
    const budget = new AcceptBudget(clock, { ratePerSecond: 10, burst: 20, maxRanges: 2 });
    assert.equal(admitted(budget, 'a', 20), 20);
    clock.advance(2_000);
    assert.equal(admitted(budget, 'a', 100), 20);
    // A third range pushes the oldest out: it starts again with a full bucket.
    assert.equal(admitted(budget, 'b', 20), 20);
    assert.equal(admitted(budget, 'c', 20), 20);
    assert.equal(admitted(budget, 'a', 100), 20);
  });
});

import assert from 'node:assert/strict';
import { VirtualClock } from '../../../sim/clock.js';
import { ClockBusyError, ClockRunawayError } from '../../../sim/errors.js';
import { SeededRng } from '../../../sim/rng.js';

/** Timers scheduled from callbacks and from promise continuations, with seeded delays; returns what fired when. */
async function tracedWorkload(seed: number): Promise<string[]> {
  const clock = new VirtualClock();
  const rng = new SeededRng(seed);
  const trace: string[] = [];
  let remaining = 500;
  const actor = (name: string) => async () => {
    trace.push(`${clock.now()} ${name}`);
    if (--remaining <= 0) return;
    await Promise.resolve();
    clock.setTimer(rng.int(5), actor(name));
    if (rng.next() < 0.2) clock.setTimer(rng.int(3), actor(`${name}'`)).cancel();
  };
  for (let index = 0; index < 8; index++) clock.setTimer(0, actor(`a${index}`));
  await clock.runUntilIdle();
  return trace;
}

describe('sim/clock', () => {
  it('starts at 0 and fires timers in time order, moving now to each', async () => {
    const clock = new VirtualClock();
    const fired: Array<[string, number]> = [];
    clock.setTimer(30, () => fired.push(['c', clock.now()]));
    clock.setTimer(10, () => fired.push(['a', clock.now()]));
    clock.setTimer(20.5, () => fired.push(['b', clock.now()]));
    assert.equal(clock.now(), 0);
    assert.equal(clock.pendingTimers, 3);
    assert.equal(await clock.run(), 3);
    assert.deepEqual(fired, [
      ['a', 10],
      ['b', 20.5],
      ['c', 30],
    ]);
    assert.equal(clock.now(), 30);
    assert.equal(clock.pendingTimers, 0);
  });

  it('fires timers due at the same time in scheduling order, including ones scheduled while firing', async () => {
    const clock = new VirtualClock();
    const fired: number[] = [];
    for (let index = 0; index < 100; index++) {
      clock.setTimer(5, () => {
        fired.push(index);
        if (index === 0) clock.setTimer(0, () => fired.push(100));
      });
    }
    await clock.run();
    assert.deepEqual(
      fired,
      Array.from({ length: 101 }, (_, index) => index),
    );
  });

  it('treats a negative delay as 0 and refuses delays that are not finite', () => {
    const clock = new VirtualClock();
    clock.setTimer(-5, () => undefined);
    assert.equal(clock.pendingTimers, 1);
    assert.throws(() => clock.setTimer(Number.NaN, () => undefined), RangeError);
    assert.throws(() => clock.setTimer(Infinity, () => undefined), RangeError);
  });

  it('gives the same trace for the same seed, and a different one for another', async () => {
    const first = await tracedWorkload(7);
    assert.ok(first.length >= 500);
    assert.deepEqual(await tracedWorkload(7), first);
    assert.notDeepEqual(await tracedWorkload(8), first);
  });

  describe('cancellation', () => {
    it('never fires a cancelled timer nor counts it as pending; cancelling twice or after firing is harmless', async () => {
      const clock = new VirtualClock();
      const fired: string[] = [];
      const kept = clock.setTimer(1, () => fired.push('kept'));
      const cancelled = clock.setTimer(2, () => fired.push('cancelled'));
      cancelled.cancel();
      cancelled.cancel();
      assert.equal(clock.pendingTimers, 1);
      await clock.run();
      kept.cancel();
      assert.deepEqual(fired, ['kept']);
      assert.equal(clock.pendingTimers, 0);
      assert.equal(clock.now(), 1);
    });

    it('keeps order through many cancellations (the heap is rebuilt without dead timers)', async () => {
      const clock = new VirtualClock();
      const rng = new SeededRng('cancel');
      const fired: number[] = [];
      const times = Array.from({ length: 10_000 }, () => rng.int(1000));
      const handles = times.map((at, index) => clock.setTimer(at, () => fired.push(index)));
      const survivors: number[] = [];
      for (const [index, handle] of handles.entries()) {
        if (index % 7 === 0) survivors.push(index);
        else handle.cancel();
      }
      assert.equal(clock.pendingTimers, survivors.length);
      await clock.run();
      assert.deepEqual(
        fired,
        survivors.sort((a, b) => times[a]! - times[b]! || a - b),
      );
    });
  });

  describe('promise work between events', () => {
    it('lets a callback finish awaiting a promise chain, and runs the timer it then schedules', async () => {
      const clock = new VirtualClock();
      const steps: string[] = [];
      clock.setTimer(10, async () => {
        let value = 0;
        for (let hop = 0; hop < 20; hop++) value = await Promise.resolve(value + 1);
        steps.push(`awaited ${value} at ${clock.now()}`);
        clock.setTimer(5, () => steps.push(`follow-up at ${clock.now()}`));
      });
      assert.equal(await clock.run(), 2);
      assert.deepEqual(steps, ['awaited 20 at 10', 'follow-up at 15']);
    });

    it("finishes one callback's promise work before the next timer at the same time fires", async () => {
      const clock = new VirtualClock();
      const steps: string[] = [];
      clock.setTimer(1, async () => {
        await Promise.resolve();
        await Promise.resolve();
        steps.push('first, continued');
      });
      clock.setTimer(1, () => steps.push('second'));
      await clock.run();
      assert.deepEqual(steps, ['first, continued', 'second']);
    });

    it('settles work queued before run was called', async () => {
      const clock = new VirtualClock();
      const fired: number[] = [];
      void (async () => {
        for (let hop = 0; hop < 10; hop++) await null;
        clock.setTimer(3, () => fired.push(clock.now()));
      })();
      assert.equal(await clock.run(), 1);
      assert.deepEqual(fired, [3]);
    });
  });

  describe('running', () => {
    it('run({ until }) fires what is due by then, timers at that very time included, and ends there', async () => {
      const clock = new VirtualClock();
      const fired: number[] = [];
      for (const at of [5, 10, 15]) clock.setTimer(at, () => fired.push(at));
      assert.equal(await clock.run({ until: 10 }), 2);
      assert.equal(clock.now(), 10);
      assert.equal(await clock.run({ until: 12 }), 0);
      assert.equal(clock.now(), 12);
      assert.equal(await clock.run({ until: 3 }), 0);
      assert.equal(clock.now(), 12, 'never moves back');
      assert.deepEqual(fired, [5, 10]);
      assert.equal(clock.pendingTimers, 1);
    });

    it('run({ maxEvents }) stops after that many and leaves now at the last one', async () => {
      const clock = new VirtualClock();
      for (const at of [1, 2, 3]) clock.setTimer(at, () => undefined);
      assert.equal(await clock.run({ maxEvents: 2, until: 100 }), 2);
      assert.equal(clock.now(), 2);
      assert.equal(clock.pendingTimers, 1);
    });

    it('advance(ms) runs the next ms milliseconds', async () => {
      const clock = new VirtualClock();
      const fired: number[] = [];
      clock.setTimer(4, () => fired.push(clock.now()));
      clock.setTimer(9, () => fired.push(clock.now()));
      assert.equal(await clock.advance(5), 1);
      assert.equal(clock.now(), 5);
      assert.equal(await clock.advance(4), 1);
      assert.deepEqual(fired, [4, 9]);
      await assert.rejects(clock.advance(-1), RangeError);
    });

    it('runUntilIdle throws ClockRunawayError when a timer keeps rescheduling itself', async () => {
      const clock = new VirtualClock();
      const tick = () => void clock.setTimer(1000, tick);
      clock.setTimer(0, tick);
      const error = await clock.runUntilIdle({ maxEvents: 50 }).then(
        () => assert.fail('expected a runaway'),
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof ClockRunawayError);
      assert.equal(error.code, 'ERR_CLOCK_RUNAWAY');
      assert.equal(error.eventsFired, 50);
      assert.equal(error.pendingTimers, 1);
      assert.match(error.message, /rescheduling/);
    });

    it('runUntilIdle returns the number of events once nothing is pending', async () => {
      const clock = new VirtualClock();
      let left = 3;
      const tick = () => void (--left > 0 && clock.setTimer(1, tick));
      clock.setTimer(1, tick);
      assert.equal(await clock.runUntilIdle({ maxEvents: 3 }), 3);
      assert.equal(clock.pendingTimers, 0);
    });

    it('refuses to run while already running', async () => {
      const clock = new VirtualClock();
      let nested: Promise<number> | undefined;
      clock.setTimer(1, () => {
        nested = clock.run();
      });
      const outer = clock.run();
      await clock.run().then(
        () => assert.fail('expected ClockBusyError'),
        (error: unknown) => assert.ok(error instanceof ClockBusyError),
      );
      await outer;
      await assert.rejects(nested!, ClockBusyError);
    });

    it("rejects with a callback's exception and stays usable", async () => {
      const clock = new VirtualClock();
      clock.setTimer(1, () => {
        throw new Error('boom');
      });
      clock.setTimer(2, () => undefined);
      await assert.rejects(clock.run(), /boom/);
      assert.equal(clock.now(), 1);
      assert.equal(await clock.run(), 1);
    });
  });

  it('fires events fast (rate in the title; not a timed assertion)', async function () {
    const clock = new VirtualClock();
    const rng = new SeededRng('throughput');
    const delays = Array.from({ length: 4096 }, () => rng.next() * 100);
    let remaining = 500_000;
    let cursor = 0;
    const tick = () => {
      if (--remaining > 0) clock.setTimer(delays[cursor++ & 4095]!, tick);
    };
    for (let actor = 0; actor < 1000; actor++) clock.setTimer(delays[actor]!, tick);
    const startedAt = performance.now();
    const fired = await clock.runUntilIdle();
    const rate = Math.round((fired * 1000) / (performance.now() - startedAt));
    assert.equal(fired, 500_000 + 999);
    this.test!.title += ` — ${rate.toLocaleString('en-US')} events/s with 1,000 timers pending`;
  });
});

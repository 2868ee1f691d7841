import assert from 'node:assert/strict';
import { mapInWindow, Window } from '../../../../node/client/window.js';

describe('node/client/window', () => {
  it('runs at most `size` operations at once, in the order they asked', async () => {
    const window = new Window(2);
    let active = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3, 4].map((index) =>
        window.run(async () => {
          most = Math.max(most, ++active);
          order.push(index);
          await new Promise((resolve) => setTimeout(resolve, 2));
          active--;
        }),
      ),
    );
    assert.equal(most, 2);
    assert.deepEqual(order, [0, 1, 2, 3, 4]);
  });

  it('keeps thousands of waiters in the order they asked', async () => {
    const window = new Window(3);
    const order: number[] = [];
    const count = 3_000;
    await Promise.all(
      Array.from({ length: count }, (_, index) =>
        window.run(async () => {
          order.push(index);
          assert.ok(window.waiting <= count - 3);
        }),
      ),
    );
    assert.deepEqual(
      order,
      Array.from({ length: count }, (_, index) => index),
    );
    assert.equal(window.waiting, 0);
  });

  it('frees the place of a failed operation, and drops a waiter whose signal aborts', async () => {
    const window = new Window(1);
    await assert.rejects(
      window.run(() => Promise.reject(new Error('boom'))),
      /boom/,
    );
    let release!: () => void;
    const holding = window.run(() => new Promise<void>((resolve) => (release = resolve)));
    const stop = new AbortController();
    const waiting = window.run(() => Promise.resolve('never'), stop.signal);
    assert.equal(window.waiting, 1);
    stop.abort(new Error('stopped'));
    await assert.rejects(waiting, /stopped/);
    assert.equal(window.waiting, 0);
    release();
    await holding;
    assert.equal(await window.run(() => Promise.resolve('next')), 'next');
  });

  describe('mapInWindow', () => {
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    it('maps every item, at most `size` at once, results in item order', async () => {
      let active = 0;
      let most = 0;
      const results = await mapInWindow([5, 1, 4, 2, 3], 3, async (ms) => {
        most = Math.max(most, ++active);
        await pause(ms);
        active--;
        return ms * 10;
      });
      assert.equal(most, 3);
      assert.deepEqual(results, [50, 10, 40, 20, 30]);
    });

    it('starts nothing after the first failure, lets the running finish, and throws that failure', async () => {
      const started: number[] = [];
      const finished: number[] = [];
      await assert.rejects(
        mapInWindow([0, 1, 2, 3, 4], 2, async (index) => {
          started.push(index);
          await pause(index === 0 ? 1 : 5);
          if (index === 0) throw new Error('item 0 failed');
          finished.push(index);
        }),
        /item 0 failed/,
      );
      assert.deepEqual(started, [0, 1]);
      assert.deepEqual(finished, [1], 'an item already running finishes');
    });
  });
});

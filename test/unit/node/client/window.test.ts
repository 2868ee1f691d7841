import assert from 'node:assert/strict';
import { Window } from '../../../../node/client/window.js';

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

  it('frees the place of a failed operation, and drops a waiter whose signal aborts', async () => {
    const window = new Window(1);
    await assert.rejects(window.run(() => Promise.reject(new Error('boom'))), /boom/);
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
});

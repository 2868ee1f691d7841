import assert from 'node:assert/strict';
import { GroupQueue } from '../../../store/group-queue.js';

/** A batch processor whose batches finish only when the test says so. */
function controlled() {
  const batches: { items: number[]; finish: (error?: Error) => void }[] = [];
  const process = (items: readonly number[]) =>
    new Promise<number[]>((resolve, reject) => {
      batches.push({ items: [...items], finish: (error) => (error ? reject(error) : resolve(items.map((x) => x * 10))) });
    });
  return { batches, process };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('store/group-queue', () => {
  it('starts a lone item at once and groups the items that arrive meanwhile', async () => {
    const { batches, process } = controlled();
    const queue = new GroupQueue(process, { maxBatch: 10, maxRunning: 1 });
    const first = queue.submit(1);
    const rest = [2, 3, 4].map((x) => queue.submit(x));
    await tick();
    assert.deepEqual(
      batches.map((b) => b.items),
      [[1]],
    );
    batches[0]!.finish();
    await tick();
    assert.deepEqual(
      batches.map((b) => b.items),
      [[1], [2, 3, 4]],
    );
    batches[1]!.finish();
    assert.deepEqual(await Promise.all([first, ...rest]), [10, 20, 30, 40]);
    await queue.idle();
  });

  it('caps batches at maxBatch and runs up to maxRunning at once', async () => {
    const { batches, process } = controlled();
    const queue = new GroupQueue(process, { maxBatch: 2, maxRunning: 2 });
    const all = [1, 2, 3, 4, 5, 6].map((x) => queue.submit(x));
    await tick();
    assert.deepEqual(
      batches.map((b) => b.items),
      [[1], [2]],
    );
    batches[0]!.finish();
    await tick();
    assert.deepEqual(
      batches.map((b) => b.items),
      [[1], [2], [3, 4]],
    );
    batches[1]!.finish();
    batches[2]!.finish();
    await tick();
    batches[3]!.finish();
    assert.deepEqual(await Promise.all(all), [10, 20, 30, 40, 50, 60]);
  });

  it('fails every item of a failed batch and carries on with the next', async () => {
    const { batches, process } = controlled();
    const queue = new GroupQueue(process, { maxBatch: 10, maxRunning: 1 });
    const failed = [queue.submit(1)];
    const later = queue.submit(2);
    await tick();
    batches[0]!.finish(new Error('disk on fire'));
    await assert.rejects(failed[0]!, /disk on fire/);
    await tick();
    batches[1]!.finish();
    assert.equal(await later, 20);
  });

  it('is idle only once nothing waits or runs', async () => {
    const { batches, process } = controlled();
    const queue = new GroupQueue(process, { maxBatch: 10, maxRunning: 1 });
    await queue.idle();
    void queue.submit(1);
    let idle = false;
    const idled = queue.idle().then(() => (idle = true));
    await tick();
    assert.equal(idle, false);
    batches[0]!.finish();
    await idled;
  });
});

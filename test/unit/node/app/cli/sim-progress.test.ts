import assert from 'node:assert/strict';
import { SimProgress } from '../../../../../node/app/cli/sim-progress.js';

function sink(isTTY: boolean) {
  const stream = {
    isTTY,
    text: '',
    write: (chunk: string) => {
      stream.text += chunk;
      return true;
    },
  };
  return stream;
}

function progressAt(isTTY: boolean) {
  const stream = sink(isTTY);
  const clock = { now: 1_000 };
  const progress = new SimProgress('baseline', { stream, now: () => clock.now, peakRssBytes: () => 200 * 2 ** 20 });
  return { stream, clock, progress };
}

describe('node/app/cli/sim-progress', () => {
  it('writes a plain line at most every 2 s off a terminal, with time, events and peak memory', () => {
    const { stream, clock, progress } = progressAt(false);
    progress.update({ phase: 'requesting', done: 10, total: 500 });
    clock.now += 1_500;
    progress.addEvents(12_345);
    progress.update({ phase: 'requesting', done: 200, total: 500 });
    clock.now += 600;
    progress.update({ phase: 'requesting', done: 250, total: 500 });
    progress.finish();
    assert.equal(
      stream.text,
      'baseline: requesting 10/500 (2%) | 0 ms | 0 events | peak RSS 200.0 MiB\n' +
        'baseline: requesting 250/500 (50%) | 2.1 s | 12,345 events | peak RSS 200.0 MiB\n',
    );
  });

  it('rewrites one line in place on a terminal, at most every 100 ms, and clears it at the end', () => {
    const { stream, clock, progress } = progressAt(true);
    progress.update({ phase: 'inserting', done: 1, total: 4 });
    clock.now += 50;
    progress.update({ phase: 'inserting', done: 2, total: 4 });
    clock.now += 60;
    progress.update({ phase: 'inserting', done: 3, total: 4 });
    progress.finish();
    assert.equal(
      stream.text,
      '\r\x1b[Kbaseline: inserting 1/4 (25%) | 0 ms | 0 events | peak RSS 200.0 MiB' +
        '\r\x1b[Kbaseline: inserting 3/4 (75%) | 110 ms | 0 events | peak RSS 200.0 MiB\r\x1b[K',
    );
    assert.equal(progress.elapsedMs(), 110);
  });

  it('leaves a terminal alone when nothing was shown', () => {
    const { stream, progress } = progressAt(true);
    progress.finish();
    assert.equal(stream.text, '');
  });
});

import assert from 'node:assert/strict';
import type { Clock } from '../../../node/components.js';
import { ExpiringMap } from '../../../node/expiring-map.js';

function manualClock(): Clock & { time: number } {
  return {
    time: 0,
    now() {
      return this.time;
    },
    setTimer: () => {
      throw new Error('ExpiringMap must not use timers');
    },
  };
}

describe('node/expiring-map', () => {
  it('forgets entries after their lifetime, without timers', () => {
    const clock = manualClock();
    const map = new ExpiringMap<string, number>(clock, 100, 10);
    map.set('a', 1);
    clock.time = 50;
    map.set('b', 2);
    clock.time = 99;
    assert.equal(map.get('a'), 1);
    clock.time = 100;
    assert.equal(map.get('a'), undefined);
    assert.equal(map.get('b'), 2);
    assert.equal(map.size, 1);
  });

  it('keeps at most its capacity, dropping the oldest', () => {
    const map = new ExpiringMap<number, number>(manualClock(), 1_000, 3);
    for (let i = 0; i < 5; i++) map.set(i, i);
    assert.equal(map.size, 3);
    assert.equal(map.has(1), false);
    assert.equal(map.has(2), true);
  });

  it('refreshing an entry renews its lifetime', () => {
    const clock = manualClock();
    const map = new ExpiringMap<string, number>(clock, 100, 10);
    map.set('a', 1);
    clock.time = 90;
    map.set('a', 2);
    clock.time = 150;
    assert.equal(map.get('a'), 2);
    map.delete('a');
    assert.equal(map.has('a'), false);
  });

  it('counts entries, not refreshes: a key set many times is one entry, dropped for capacity by its last refresh', () => {
    const clock = manualClock();
    const map = new ExpiringMap<string, number>(clock, 1_000, 3);
    for (let i = 0; i < 5_000; i++) {
      clock.time = i / 10;
      map.set('busy', i);
    }
    map.set('b', 1);
    map.set('c', 2);
    assert.equal(map.size, 3);
    map.set('d', 3);
    assert.equal(map.has('busy'), false, 'the oldest entry goes first');
    assert.deepEqual(
      ['b', 'c', 'd'].map((key) => map.get(key)),
      [1, 2, 3],
    );
  });

  it('skips deleted and refreshed entries when it expires the oldest', () => {
    const clock = manualClock();
    const map = new ExpiringMap<string, number>(clock, 100, 10);
    map.set('a', 1);
    map.set('b', 2);
    clock.time = 60;
    map.set('a', 3);
    map.delete('b');
    map.set('b', 4);
    clock.time = 120;
    assert.equal(map.get('a'), 3);
    assert.equal(map.get('b'), 4);
    clock.time = 160;
    assert.equal(map.size, 0);
  });
});

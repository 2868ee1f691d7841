import assert from 'node:assert/strict';
import { SeededRng } from '../../../sim/rng.js';

const draws = (rng: SeededRng, count: number) => Array.from({ length: count }, () => rng.next());

describe('sim/rng', () => {
  describe('known answers (pinned: any change here shifts every simulation)', () => {
    it('seed 42', () => {
      const rng = new SeededRng(42);
      // The first value is built from sfc32's first two outputs, 3745869823 and 1177090559, which
      // the reference C implementation gives for the state BLAKE2b derives from "42".
      assert.equal((3745869823 >>> 5) * 2 ** 26 + (1177090559 >>> 6), 0.8721532767568733 * 2 ** 53);
      assert.deepEqual(draws(rng, 3), [0.8721532767568733, 0.8345625169038019, 0.7862723123019887]);
      assert.deepEqual([rng.nextU64(), rng.nextU64()], [2507549528765841293n, 12570637604422617257n]);
      assert.deepEqual(
        Array.from({ length: 8 }, () => rng.int(1000)),
        [593, 594, 491, 745, 923, 236, 460, 914],
      );
    });

    it('a string seed, and a fork', () => {
      const rng = new SeededRng('warren');
      assert.equal(rng.next(), 0.3823102479110956);
      assert.equal(rng.nextU64(), 0xacc693fe149d991fn);
      assert.deepEqual(draws(new SeededRng(42).fork('network'), 2), [0.6791668277890217, 0.06836262098311774]);
    });
  });

  describe('seeds and forks', () => {
    it('repeats a stream for the same seed; a number seed is its decimal string', () => {
      assert.deepEqual(draws(new SeededRng('run-1'), 50), draws(new SeededRng('run-1'), 50));
      assert.deepEqual(draws(new SeededRng(7), 10), draws(new SeededRng('7'), 10));
      assert.notDeepEqual(draws(new SeededRng(7), 10), draws(new SeededRng(8), 10));
      assert.throws(() => new SeededRng(Number.NaN), RangeError);
    });

    it('forks by seed and label only: not by earlier draws, and without moving the parent', () => {
      const fresh = new SeededRng(1);
      const used = new SeededRng(1);
      draws(used, 100);
      assert.deepEqual(draws(fresh.fork('nodes'), 20), draws(used.fork('nodes'), 20));
      assert.deepEqual(draws(fresh, 5), draws(new SeededRng(1), 5), 'forking does not draw from the parent');
      assert.notDeepEqual(draws(fresh.fork('nodes'), 20), draws(fresh.fork('links'), 20));
      assert.notDeepEqual(draws(fresh.fork('nodes'), 20), draws(new SeededRng(2).fork('nodes'), 20));
      assert.deepEqual(draws(fresh.fork('a').fork('b'), 5), draws(new SeededRng(1).fork('a').fork('b'), 5));
    });
  });

  describe('distributions (loose bounds, fixed seeds: deterministic)', () => {
    it('next() is in [0, 1) with mean ≈ 0.5 and uses all 53 bits', () => {
      const values = draws(new SeededRng('mean'), 100_000);
      assert.ok(values.every((value) => value >= 0 && value < 1));
      const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
      assert.ok(Math.abs(mean - 0.5) < 0.005, `mean ${mean}`);
      assert.ok(
        values.some((value) => (value * 2 ** 53) % 2 === 1),
        'the lowest bit is set sometimes',
      );
    });

    it('int() is uniform: chi-square over 10 buckets stays well below the 0.1% critical value', () => {
      const rng = new SeededRng('chi');
      const counts = new Array<number>(10).fill(0);
      const samples = 100_000;
      for (let index = 0; index < samples; index++) counts[rng.int(10)]!++;
      const expected = samples / 10;
      const chiSquare = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
      assert.ok(chiSquare < 27.88, `chi-square ${chiSquare} with 9 degrees of freedom`);
    });

    it('int() covers bounds above 2^32 and refuses bounds that are not positive safe integers', () => {
      const rng = new SeededRng('wide');
      const bound = 3 * 2 ** 40;
      const values = Array.from({ length: 1000 }, () => rng.int(bound));
      assert.ok(values.every((value) => Number.isInteger(value) && value >= 0 && value < bound));
      assert.ok(
        values.some((value) => value > 2 ** 41),
        'reaches the top third',
      );
      assert.equal(rng.int(1), 0);
      for (const bad of [0, -1, 1.5, Number.NaN, 2 ** 53]) assert.throws(() => rng.int(bad), RangeError);
    });

    it('nextU64() fills all 64 bits', () => {
      const rng = new SeededRng('u64');
      const values = Array.from({ length: 64 }, () => rng.nextU64());
      assert.ok(values.every((value) => value >= 0n && value < 1n << 64n));
      assert.ok(values.some((value) => value >= 1n << 63n));
      assert.ok(values.some((value) => value % 2n === 1n));
    });

    it('shuffle() permutes in place, every order about equally often', () => {
      const rng = new SeededRng('shuffle');
      const counts = new Map<string, number>();
      for (let round = 0; round < 6000; round++) {
        const items = ['a', 'b', 'c'];
        assert.equal(rng.shuffle(items), items);
        counts.set(items.join(''), (counts.get(items.join('')) ?? 0) + 1);
      }
      assert.equal(counts.size, 6);
      for (const count of counts.values()) assert.ok(count > 850 && count < 1150, `order seen ${count} times`);
      assert.deepEqual(rng.shuffle([]), []);
    });

    it('pick() returns each element and refuses an empty array', () => {
      const rng = new SeededRng('pick');
      const seen = new Set(Array.from({ length: 200 }, () => rng.pick(['x', 'y', 'z'])));
      assert.deepEqual([...seen].sort(), ['x', 'y', 'z']);
      assert.throws(() => rng.pick([]), RangeError);
    });
  });
});

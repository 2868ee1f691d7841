import assert from 'node:assert/strict';
import { type HandshakeSlot, HandshakeSlots } from '../../../../node/net/handshake-slots.js';
import { SeededRng } from '../../../../sim/rng.js';

/** Slots whose evictions are recorded by name (`<range>#<n>`). */
function setUp(maxPending: number, maxPerRange: number, seed = 'slots') {
  const slots = new HandshakeSlots(new SeededRng(seed), { maxPending, maxPerRange });
  const evicted: string[] = [];
  const taken = new Map<string, HandshakeSlot>();
  let count = 0;
  const take = (range: string): string => {
    const name = `${range}#${count++}`;
    taken.set(name, slots.take(range, () => evicted.push(name)).slot);
    return name;
  };
  return { slots, evicted, take, release: (name: string) => slots.release(taken.get(name)!) };
}

describe('node/net/handshake-slots', () => {
  it('gives slots until the bounds, and back when released', () => {
    const { slots, take, release, evicted } = setUp(4, 2);
    const [a] = [take('a'), take('a'), take('b')];
    assert.equal(slots.size, 3);
    assert.equal(slots.heldBy('a'), 2);
    release(a!);
    release(a!);
    assert.equal(slots.size, 2);
    assert.equal(slots.heldBy('a'), 1);
    assert.deepEqual(evicted, []);
  });

  it('when a range holds its share, a newcomer from it evicts one of the oldest half of its own', () => {
    const { slots, take, evicted } = setUp(32, 4);
    const own = [take('a'), take('a'), take('a'), take('a')];
    take('b');
    take('a');
    assert.equal(evicted.length, 1);
    assert.ok(own.slice(0, 2).includes(evicted[0]!), `${evicted[0]} is among the two oldest`);
    assert.equal(slots.heldBy('a'), 4);
    assert.equal(slots.heldBy('b'), 1);
  });

  it('when every slot is taken, a newcomer evicts one of the oldest half of the range holding most', () => {
    const { slots, take, evicted } = setUp(6, 4);
    const held = [take('a'), take('b'), take('a'), take('a'), take('b'), take('c')];
    take('d');
    assert.equal(evicted.length, 1);
    assert.ok([held[0], held[2]].includes(evicted[0]), `${evicted[0]} is among a's two oldest`);
    assert.deepEqual([slots.size, slots.heldBy('a'), slots.heldBy('d')], [6, 2, 1]);
  });

  it('spreads evictions over the oldest half at random, and never evicts a newcomer before the older ones are gone', () => {
    const counts = new Map<string, number>();
    for (let run = 0; run < 200; run++) {
      const { take, evicted } = setUp(8, 8, `run ${run}`);
      for (let index = 0; index < 8; index++) take('a');
      take('b');
      for (const name of evicted) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    assert.deepEqual([...counts.keys()].sort(), ['a#0', 'a#1', 'a#2', 'a#3']);
    for (const count of counts.values()) assert.ok(count > 20, `${[...counts]}`);
  });

  it('a flood from two ranges keeps slots for a third', () => {
    const { slots, take, release, evicted } = setUp(32, 8);
    for (let index = 0; index < 1000; index++) take(index % 2 === 0 ? 'attacker 1' : 'attacker 2');
    assert.deepEqual([slots.heldBy('attacker 1'), slots.heldBy('attacker 2')], [8, 8]);
    const honest = take('honest');
    assert.equal(slots.heldBy('honest'), 1);
    assert.ok(!evicted.includes(honest));
    release(honest);
    assert.equal(slots.size, 16);
  });

  it('evictOne takes from the largest range, and nothing when no slot is held', () => {
    const { slots, take, evicted } = setUp(8, 8);
    assert.equal(slots.evictOne(), undefined);
    take('a');
    take('b');
    take('b');
    assert.equal(slots.evictOne()?.range, 'b');
    assert.equal(evicted.length, 1);
    assert.equal(slots.size, 2);
  });
});

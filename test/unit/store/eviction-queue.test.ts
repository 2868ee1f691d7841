import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EvictionQueue, evictedBefore, type QueuedEntry } from '../../../store/eviction-queue.js';

interface Item extends QueuedEntry {
  sequence: number;
  readonly distance: number;
  readonly name: number;
}

const item = (name: number, sequence: number, distance = 0): Item => ({ name, sequence, distance, queuePosition: -1 });

describe('store/eviction-queue', () => {
  it('orders the cache least recently used first', () => {
    const queue = new EvictionQueue<Item>('least-recently-used');
    const [a, b, c] = [item(1, 5), item(2, 3), item(3, 9)];
    for (const x of [a, b, c]) queue.add(x);
    assert.equal(queue.peek(), b);
    b.sequence = 10;
    queue.reorder(b);
    assert.equal(queue.peek(), a);
    queue.remove(a);
    assert.equal(queue.peek(), c);
    assert.equal(a.queuePosition, -1);
    assert.equal(queue.size, 2);
  });

  it('orders the store farthest first, then least recently used', () => {
    const queue = new EvictionQueue<Item>('farthest-first');
    const [near, far, alsoFarOlder] = [item(1, 1, 0.1), item(2, 5, 0.4), item(3, 2, 0.4)];
    for (const x of [near, far, alsoFarOlder]) queue.add(x);
    assert.equal(queue.peek(), alsoFarOlder);
    queue.remove(alsoFarOlder);
    assert.equal(queue.peek(), far);
  });

  for (const order of ['farthest-first', 'least-recently-used'] as const) {
    it(`always offers the first entry of the order (${order}), through any adds, removes and reorders`, () => {
      const first = (a: Item, b: Item): boolean => evictedBefore(order, a, b);
      const operation = fc.oneof(
        fc.record({ kind: fc.constant('add' as const), sequence: fc.nat(50), distance: fc.integer({ min: 0, max: 5 }) }),
        fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
        fc.record({ kind: fc.constant('touch' as const), pick: fc.nat(), sequence: fc.nat(50) }),
      );
      fc.assert(
        fc.property(fc.array(operation, { maxLength: 80 }), (operations) => {
          const queue = new EvictionQueue<Item>(order);
          const model: Item[] = [];
          operations.forEach((op, name) => {
            if (op.kind === 'add') {
              const x = item(name, op.sequence, op.distance / 10);
              model.push(x);
              queue.add(x);
            } else if (model.length > 0) {
              const x = model[op.pick % model.length]!;
              if (op.kind === 'remove') {
                model.splice(model.indexOf(x), 1);
                queue.remove(x);
              } else {
                x.sequence = op.sequence;
                queue.reorder(x);
              }
            }
            const expected = [...model].sort((p, q) => (first(p, q) ? -1 : first(q, p) ? 1 : 0))[0];
            const head = queue.peek();
            assert.equal(queue.size, model.length);
            if (expected === undefined) assert.equal(head, undefined);
            else assert.ok(head !== undefined && !first(expected, head), 'nothing in the queue comes before its first entry');
          });
        }),
      );
    });
  }

  it('finds the first entry of the order that a filter takes, leaving the queue as it was', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ sequence: fc.nat(1000), distance: fc.integer({ min: 0, max: 5 }), taken: fc.boolean() }), { maxLength: 40 }), (rows) => {
        const queue = new EvictionQueue<Item>('farthest-first');
        const items = rows.map((row, name) => item(name, row.sequence, row.distance / 10));
        for (const x of items) queue.add(x);
        const head = queue.peek();
        const taken = new Set(items.filter((_, index) => rows[index]!.taken));
        const found = queue.firstWhere((x) => taken.has(x));
        const first = (a: Item, b: Item): boolean => evictedBefore('farthest-first', a, b);
        const expected = [...taken].sort((p, q) => (first(p, q) ? -1 : first(q, p) ? 1 : 0))[0];
        if (expected === undefined) assert.equal(found, undefined);
        else assert.ok(found !== undefined && taken.has(found) && !first(expected, found));
        assert.equal(queue.peek(), head);
        assert.equal(queue.size, items.length);
      }),
    );
  });
});

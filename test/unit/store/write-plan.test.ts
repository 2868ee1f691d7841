import assert from 'node:assert/strict';
import fc from 'fast-check';
import { circularDistance } from '../../../protocol/location.js';
import type { Partition } from '../../../store/block-store.js';
import { IndexBook, LOCATION_BUCKETS } from '../../../store/index-book.js';
import { isEmptyBatch, planWrites, type WriteOperation } from '../../../store/write-plan.js';

const put = (id: string, partition: Partition, bucket = 0x8000): WriteOperation<string> => ({
  kind: 'put',
  id,
  partition,
  size: 10,
  bucket,
  sealed: `sealed ${id}`,
});

/** A book with budgets of `store` and `cache` blocks of 10 bytes, the node at 0.5 (bucket 0x8000). */
function bookOf(store: number, cache: number): IndexBook {
  return new IndexBook({ nodeLocation: 0.5, storeBudgetBytes: store * 10, cacheBudgetBytes: cache * 10 });
}

function apply(book: IndexBook, operations: WriteOperation<string>[]) {
  const plan = planWrites(book, operations, []);
  plan.apply();
  return plan;
}

const ids = (records: readonly { id: string }[]) => records.map(({ id }) => id).sort();

describe('store/write-plan', () => {
  it('leaves the index as it was until the plan is applied', () => {
    const book = bookOf(4, 4);
    const plan = planWrites(book, [put('a', 'store'), put('b', 'cache')], []);
    assert.equal(book.get('a'), undefined);
    assert.deepEqual(plan.outcomes, ['store', 'cache']);
    assert.deepEqual(
      plan.batch.blocks.map(({ record, sealed }) => [record.id, record.partition, sealed]),
      [
        ['a', 'store', 'sealed a'],
        ['b', 'cache', 'sealed b'],
      ],
    );
    plan.apply();
    assert.equal(book.get('a')?.partition, 'store');
  });

  it('deletes what was there and writes nothing for what comes and goes in one batch', () => {
    const book = bookOf(4, 2);
    apply(book, [put('a', 'cache'), put('b', 'cache')]);
    const plan = planWrites(book, [put('c', 'cache'), put('d', 'cache'), put('e', 'cache'), { kind: 'delete', id: 'e' }], []);
    assert.deepEqual(ids(plan.batch.deletes), ['a', 'b']);
    assert.deepEqual(ids(plan.batch.blocks.map(({ record }) => record)), ['c', 'd']);
    assert.deepEqual(plan.outcomes, ['cache', 'cache', 'cache', true]);
  });

  it('sends a block that enters a full store farthest of all to the cache, and deletes older far ones', () => {
    const book = bookOf(2, 2);
    apply(book, [put('near', 'store', 0x8001), put('mid', 'store', 0x9000)]);
    const farNew = planWrites(book, [put('far', 'store', 0x0000)], []);
    assert.deepEqual(farNew.outcomes, ['cache']);
    assert.deepEqual(
      farNew.batch.blocks.map(({ record }) => [record.id, record.partition]),
      [['far', 'cache']],
    );
    const nearNew = planWrites(book, [put('nearer', 'store', 0x8000)], []);
    assert.deepEqual(nearNew.outcomes, ['store']);
    assert.deepEqual(ids(nearNew.batch.deletes), ['mid']);
  });

  it('moves a cached block to the store by rewriting its index record only', () => {
    const book = bookOf(2, 2);
    apply(book, [put('a', 'cache')]);
    const plan = planWrites(book, [put('a', 'store')], []);
    assert.deepEqual(plan.outcomes, ['store']);
    assert.deepEqual(plan.batch.blocks, []);
    assert.deepEqual(
      plan.batch.records.map(({ id, partition }) => [id, partition]),
      [['a', 'store']],
    );
  });

  it('rewrites the records of recently used entries that are still held', () => {
    const book = bookOf(2, 2);
    apply(book, [put('a', 'cache'), put('b', 'cache')]);
    const [a, b] = [book.get('a')!, book.get('b')!];
    book.touch(a);
    apply(book, [{ kind: 'delete', id: 'b' }]);
    const plan = planWrites(book, [{ kind: 'flush' }], [a, b]);
    assert.deepEqual(plan.batch.records, [a.record()]);
    assert.ok(!isEmptyBatch(plan.batch));
    assert.ok(isEmptyBatch(planWrites(book, [{ kind: 'flush' }], []).batch));
  });

  it('drops an entry only if it is still the one in the index', () => {
    const book = bookOf(2, 2);
    apply(book, [put('a', 'cache')]);
    const old = book.get('a')!;
    apply(book, [{ kind: 'delete', id: 'a' }, put('a', 'cache')]);
    const plan = planWrites(book, [{ kind: 'drop', entry: old }], []);
    assert.deepEqual(plan.outcomes, [false]);
    assert.ok(isEmptyBatch(plan.batch));
  });

  it('orders a delete and a new write of the same slot: the delete goes first', () => {
    const book = bookOf(2, 2);
    apply(book, [put('a', 'cache')]);
    const plan = planWrites(book, [{ kind: 'delete', id: 'a' }, put('a', 'store')], []);
    assert.deepEqual(ids(plan.batch.deletes), ['a']);
    assert.deepEqual(
      plan.batch.blocks.map(({ record }) => [record.id, record.partition]),
      [['a', 'store']],
    );
  });

  it('ends each batch as applying its operations in order and then evicting would (a model of the index)', () => {
    type Op = { kind: 'put'; slot: number; partition: Partition; bucket: number } | { kind: 'delete'; slot: number } | { kind: 'flush' };
    const operation: fc.Arbitrary<Op> = fc.oneof(
      fc.record({
        kind: fc.constant('put' as const),
        slot: fc.nat(11),
        partition: fc.constantFrom<Partition>('store', 'cache'),
        bucket: fc.integer({ min: 0, max: LOCATION_BUCKETS - 1 }),
      }),
      fc.record({ kind: fc.constant('delete' as const), slot: fc.nat(11) }),
      fc.constant({ kind: 'flush' as const }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(operation, { minLength: 1, maxLength: 6 }), { maxLength: 12 }), (batches) => {
        const book = bookOf(3, 2);
        type Modelled = { partition: Partition; sequence: number; distance: number };
        const model = new Map<string, Modelled>();
        let sequence = 0;
        const evictFirst = (partition: Partition) =>
          [...model.entries()]
            .filter(([, entry]) => entry.partition === partition)
            .sort(([, a], [, b]) => (partition === 'store' && a.distance !== b.distance ? b.distance - a.distance : a.sequence - b.sequence))[0]!;
        const count = (partition: Partition) => [...model.values()].filter((entry) => entry.partition === partition).length;
        for (const batch of batches) {
          const operations = batch.map(
            (op): WriteOperation<string> =>
              op.kind === 'put' ? put(`s${op.slot}`, op.partition, op.bucket) : op.kind === 'delete' ? { kind: 'delete', id: `s${op.slot}` } : op,
          );
          const entered = new Set<string>();
          // A put's outcome is where its entry ends up, or was last when the batch removed it.
          const results = batch.map((op): Modelled | boolean => {
            if (op.kind === 'flush') return true;
            const id = `s${op.slot}`;
            const existing = model.get(id);
            if (op.kind === 'delete') return model.delete(id);
            if (existing === undefined) {
              const created = { partition: op.partition, sequence: ++sequence, distance: circularDistance((op.bucket + 0.5) / LOCATION_BUCKETS, 0.5) };
              model.set(id, created);
              if (op.partition === 'store') entered.add(id);
              return created;
            }
            if (op.partition === 'store' && existing.partition === 'cache') {
              existing.partition = 'store';
              entered.add(id);
            }
            return existing;
          });
          while (count('store') > 3) {
            const [id, victim] = evictFirst('store');
            if (entered.has(id)) victim.partition = 'cache';
            else model.delete(id);
          }
          while (count('cache') > 2) model.delete(evictFirst('cache')[0]);
          const expected = results.map((result) => (typeof result === 'boolean' ? result : result.partition));
          const plan = planWrites(book, operations, []);
          plan.apply();
          assert.deepEqual(plan.outcomes, expected);
          for (let slot = 0; slot < 12; slot++) assert.equal(book.get(`s${slot}`)?.partition, model.get(`s${slot}`)?.partition, `slot ${slot}`);
          assert.deepEqual([book.partitionStats('store').blocks, book.partitionStats('cache').blocks], [count('store'), count('cache')]);
        }
      }),
    );
  });
});

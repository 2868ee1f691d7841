import assert from 'node:assert/strict';
import type { Partition } from '../../../store/block-store.js';
import { IndexBook } from '../../../store/index-book.js';
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
});

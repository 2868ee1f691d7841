import assert from 'node:assert/strict';
import type { Partition } from '../../../store/block-store.js';
import { IndexBook, locationBucket } from '../../../store/index-book.js';

const config = { nodeLocation: 0.5, storeBudgetBytes: 100, cacheBudgetBytes: 50 };

/** The entry `partition` evicts first. */
const firstVictim = (book: IndexBook, partition: Partition) => book.firstInOrder(partition, () => true);

describe('store/index-book', () => {
  it('takes the first 16 bits of a routing key as its location bucket', () => {
    const key = new Uint8Array(32);
    key[0] = 0xab;
    key[1] = 0xcd;
    assert.equal(locationBucket(key), 0xabcd);
  });

  it('counts blocks and bytes per partition as entries come, move and go', () => {
    const book = new IndexBook(config);
    const a = book.newEntry('a', 'store', 30, 0);
    const b = book.newEntry('b', 'cache', 20, 0);
    book.insert(a);
    book.insert(b);
    assert.deepEqual(book.partitionStats('store'), { blocks: 1, bytes: 30, budgetBytes: 100 });
    book.move(a, 'cache');
    assert.deepEqual(book.partitionStats('cache'), { blocks: 2, bytes: 50, budgetBytes: 50 });
    book.insert(book.newEntry('c', 'cache', 1, 0));
    assert.equal(book.bytesIn('cache'), 51);
    assert.equal(book.budgetOf('cache'), 50);
    book.remove(b);
    assert.equal(book.get('b'), undefined);
    assert.equal(book.holds(a), true);
    assert.equal(book.holds(b), false);
  });

  it('evicts the store farthest from the node first, using the bucket centre', () => {
    const book = new IndexBook({ ...config, nodeLocation: 0 });
    const ahead = book.newEntry('ahead', 'store', 1, 100);
    const far = book.newEntry('far', 'store', 1, 32768);
    const behind = book.newEntry('behind', 'store', 1, 65530);
    for (const entry of [behind, far, ahead]) book.insert(entry);
    assert.equal(firstVictim(book, 'store'), far);
    book.remove(far);
    assert.equal(firstVictim(book, 'store'), ahead, 'bucket 65530 is 6 buckets from 0 across the wrap; bucket 100 is 100 away');
  });

  it('makes a touched entry the most recently used', () => {
    const book = new IndexBook(config);
    const [a, b] = [book.newEntry('a', 'cache', 1, 0), book.newEntry('b', 'cache', 1, 0)];
    book.insert(a);
    book.insert(b);
    assert.equal(firstVictim(book, 'cache'), a);
    book.touch(a);
    assert.equal(firstVictim(book, 'cache'), b);
    assert.ok(a.sequence > b.sequence);
  });

  it('loads records and continues their access sequence', () => {
    const book = new IndexBook(config, [
      { id: 'x', partition: 'cache', size: 5, sequence: 41, bucket: 0 },
      { id: 'y', partition: 'store', size: 7, sequence: 9, bucket: 0 },
    ]);
    assert.equal(book.get('x')?.sequence, 41);
    assert.equal(book.partitionStats('store').bytes, 7);
    assert.equal(book.newEntry('z', 'cache', 1, 0).sequence, 42);
    assert.deepEqual(book.get('y')!.record(), { id: 'y', partition: 'store', size: 7, sequence: 9, bucket: 0 });
  });
});

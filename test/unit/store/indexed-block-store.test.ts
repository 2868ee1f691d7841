import assert from 'node:assert/strict';
import { toHex } from '../../../protocol/bytes.js';
import { CHK_BLOCK_BYTES } from '../../../protocol/keys/index.js';
import type { StoreLogger } from '../../../store/config.js';
import { StoreFullError } from '../../../store/errors.js';
import { IndexBook } from '../../../store/index-book.js';
import { IndexedBlockStore, type ReadResult } from '../../../store/indexed-block-store.js';
import { MemoryPersistence } from '../../../store/memory-block-store.js';
import { RECENCY_FLUSH_ENTRIES, RECENCY_PENDING_MAX } from '../../../store/recency-log.js';
import type { CommitBatch } from '../../../store/write-plan.js';
import { chkBlocks, sskRivals } from './blocks.js';

/** A memory persistence the test drives: commits can be held back or made to fail, reads made corrupt. */
class ScriptedPersistence extends MemoryPersistence {
  readonly commits: CommitBatch<Uint8Array>[] = [];
  readonly corrupt = new Set<string>();
  hold: Promise<void> | undefined;
  failure: Error | undefined;

  override async read(routingKey: Uint8Array, id: string): Promise<ReadResult> {
    return this.corrupt.has(id) ? 'corrupt' : super.read(routingKey, id);
  }

  override async commit(batch: CommitBatch<Uint8Array>): Promise<void> {
    await this.hold;
    if (this.failure !== undefined) throw this.failure;
    this.commits.push(batch);
    await super.commit(batch);
  }

  loseEveryBlock(): void {
    this.blocks.clear();
  }
}

class ScriptedStore extends IndexedBlockStore<Uint8Array> {
  /** `recencyWriteBehindMs`: the policy of a RocksDB store (recency-log.ts); default that of a memory store. */
  constructor(persistence: ScriptedPersistence, logger: StoreLogger = { warn: () => {} }, recencyWriteBehindMs?: number) {
    super(
      persistence,
      new IndexBook({ nodeLocation: 0.5, storeBudgetBytes: 64 * CHK_BLOCK_BYTES, cacheBudgetBytes: 512 * CHK_BLOCK_BYTES }),
      logger,
      recencyWriteBehindMs,
    );
  }
}

/** `count` small blocks the caller vouches for (`PutOptions.verified`): many fit the budgets, none costs a hash. */
async function putVouched(store: ScriptedStore, count: number): Promise<Uint8Array[]> {
  const keys = Array.from({ length: count }, (_, n) => Uint8Array.of(n >> 8, n & 0xff, ...new Uint8Array(30).fill(9)));
  await Promise.all(keys.map((key, n) => store.put(key, Uint8Array.of(n & 0xff, n >> 8), { partition: 'cache', verified: 'chk' })));
  return keys;
}

/** The ids of the access records in `commits`, each batch's in order. */
const recordIds = (commits: readonly CommitBatch<Uint8Array>[]) => commits.flatMap(({ records }) => records.map(({ id }) => id));

/** Resolves once `condition` holds, checking every few milliseconds. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('store/indexed-block-store', () => {
  const [a, b, c] = chkBlocks(3, 'engine');

  it('serves reads while a write batch is on its way to disk', async () => {
    const persistence = new ScriptedPersistence();
    const store = new ScriptedStore(persistence);
    await store.put(a!.routingKey, a!.block, { partition: 'cache' });
    let release!: () => void;
    persistence.hold = new Promise((resolve) => (release = resolve));
    const writing = store.put(b!.routingKey, b!.block, { partition: 'cache' });
    assert.deepEqual(await store.get(a!.routingKey), a!.block);
    assert.equal(await store.has(b!.routingKey), false, 'not in the index before it is on disk');
    release();
    await writing;
    assert.equal(await store.has(b!.routingKey), true);
  });

  it('fails every write of a failed batch with a typed error and leaves the index unchanged', async () => {
    const persistence = new ScriptedPersistence();
    const store = new ScriptedStore(persistence);
    await store.put(a!.routingKey, a!.block, { partition: 'cache' });
    let release!: () => void;
    persistence.hold = new Promise((resolve) => (release = resolve));
    const first = store.put(b!.routingKey, b!.block, { partition: 'cache' });
    const grouped = [store.put(c!.routingKey, c!.block, { partition: 'store' }), store.delete(a!.routingKey)];
    persistence.failure = Object.assign(new Error('No space left on device'), { code: 'ENOSPC' });
    release();
    for (const call of [first, ...grouped]) await assert.rejects(call, StoreFullError);
    assert.deepEqual([await store.has(a!.routingKey), await store.has(b!.routingKey), await store.has(c!.routingKey)], [true, false, false]);
    assert.equal(store.stats().cache.blocks + store.stats().store.blocks, 1);
  });

  it('writes access records with the next batch, or on their own once many are pending', async () => {
    const persistence = new ScriptedPersistence();
    const store = new ScriptedStore(persistence);
    const many = chkBlocks(RECENCY_FLUSH_ENTRIES, 'recency');
    for (const x of many) await store.put(x.routingKey, x.block, { partition: 'cache' });
    const commitsBefore = persistence.commits.length;
    await store.get(many[0]!.routingKey);
    await store.get(many[1]!.routingKey);
    assert.equal(persistence.commits.length, commitsBefore, 'a read writes nothing by itself');
    await store.put(a!.routingKey, a!.block, { partition: 'cache' });
    assert.deepEqual(
      persistence.commits
        .at(-1)!
        .records.map(({ id }) => id)
        .sort(),
      [toHex(many[0]!.routingKey), toHex(many[1]!.routingKey)].sort(),
    );

    for (const x of many) await store.get(x.routingKey);
    await store.has(a!.routingKey);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(persistence.commits.at(-1)!.records.length, RECENCY_FLUSH_ENTRIES);
    await store.close();
  });

  describe('access records written behind (RocksDB)', () => {
    it('writes no access record with other writes, and the pending ones once their window closes', async () => {
      const persistence = new ScriptedPersistence();
      const store = new ScriptedStore(persistence, undefined, 40);
      await store.put(a!.routingKey, a!.block, { partition: 'cache' });
      await store.put(b!.routingKey, b!.block, { partition: 'cache' });
      await store.get(a!.routingKey);
      await store.get(b!.routingKey);
      await store.get(a!.routingKey);
      const commitsBefore = persistence.commits.length;
      await store.put(c!.routingKey, c!.block, { partition: 'cache' });
      assert.deepEqual(persistence.commits.at(-1)!.records, [], 'a put carries no access record');
      await until(() => recordIds(persistence.commits.slice(commitsBefore)).length > 0);
      assert.deepEqual(recordIds(persistence.commits.slice(commitsBefore)).sort(), [toHex(a!.routingKey), toHex(b!.routingKey)].sort(), 'one record per block');
      await store.close();
    });

    it('writes at once, in batches of at most RECENCY_FLUSH_ENTRIES, when RECENCY_PENDING_MAX are pending', async function () {
      this.timeout(20_000);
      const persistence = new ScriptedPersistence();
      const store = new ScriptedStore(persistence, undefined, 3_600_000);
      const keys = await putVouched(store, RECENCY_PENDING_MAX);
      const commitsBefore = persistence.commits.length;
      for (const key of keys.slice(0, -1)) await store.get(key);
      assert.equal(persistence.commits.length, commitsBefore, 'nothing written below the bound');
      await store.get(keys.at(-1)!);
      await until(() => recordIds(persistence.commits.slice(commitsBefore)).length === RECENCY_PENDING_MAX);
      const batches = persistence.commits.slice(commitsBefore);
      assert.ok(batches.every(({ records }) => records.length <= RECENCY_FLUSH_ENTRIES));
      assert.deepEqual(recordIds(batches), keys.map(toHex), 'every use, in the order of use');
      await store.close();
    });

    it('retries a failed write of access records in the next window, and writes what is pending when it closes', async () => {
      const persistence = new ScriptedPersistence();
      const warnings: string[] = [];
      const store = new ScriptedStore(persistence, { warn: (_, message) => warnings.push(message) }, 40);
      const keys = await putVouched(store, RECENCY_FLUSH_ENTRIES + 3);
      persistence.failure = new Error('disk went away');
      await store.get(keys[0]!);
      await until(() => warnings.length > 0);
      assert.deepEqual(warnings, ['could not write access records']);
      persistence.failure = undefined;
      const commitsBefore = persistence.commits.length;
      await until(() => persistence.commits.length > commitsBefore);
      assert.deepEqual(recordIds(persistence.commits.slice(commitsBefore)), [toHex(keys[0]!)], 'the failed records were kept');

      for (const key of keys) await store.get(key);
      const beforeClose = persistence.commits.length;
      await store.close();
      const written = persistence.commits.slice(beforeClose);
      assert.deepEqual(
        written.map(({ records }) => records.length),
        [RECENCY_FLUSH_ENTRIES, 3],
      );
      assert.deepEqual(recordIds(written), keys.map(toHex));
    });
  });

  it('removes a block that fails its integrity check and reports it missing', async () => {
    const persistence = new ScriptedPersistence();
    const warnings: string[] = [];
    const store = new ScriptedStore(persistence, { warn: (_, message) => warnings.push(message) });
    await store.put(a!.routingKey, a!.block, { partition: 'store' });
    persistence.corrupt.add(toHex(a!.routingKey));
    assert.equal(await store.get(a!.routingKey), undefined);
    assert.equal(await store.has(a!.routingKey), false);
    assert.deepEqual(
      persistence.commits.at(-1)!.deletes.map(({ id }) => id),
      [toHex(a!.routingKey)],
    );
    assert.equal(store.stats().corruptRemoved, 1);
    assert.equal(warnings.length, 1);
  });

  it('removes an index entry whose block is missing, without counting it as corrupt', async () => {
    const persistence = new ScriptedPersistence();
    const warnings: string[] = [];
    const store = new ScriptedStore(persistence, { warn: (_, message) => warnings.push(message) });
    await store.put(a!.routingKey, a!.block, { partition: 'cache' });
    persistence.loseEveryBlock();
    assert.equal(await store.get(a!.routingKey), undefined);
    assert.equal(await store.has(a!.routingKey), false);
    assert.equal(store.stats().corruptRemoved, 0);
    assert.deepEqual(warnings, ['an indexed block was missing from disk; removed its index record']);
  });

  it('replaces a corrupted SSK block with a valid new one, or fails if it cannot remove it', async () => {
    const [first, second] = sskRivals(11);
    const persistence = new ScriptedPersistence();
    const store = new ScriptedStore(persistence);
    await store.put(first.routingKey, first.block, { partition: 'store' });
    persistence.corrupt.add(toHex(first.routingKey));
    persistence.failure = Object.assign(new Error('No space left on device'), { code: 'ENOSPC' });
    await assert.rejects(store.put(second.routingKey, second.block, { partition: 'store' }), StoreFullError);
    persistence.failure = undefined;
    assert.deepEqual(await store.put(second.routingKey, second.block, { partition: 'store' }), { outcome: 'stored', partition: 'store' });
    persistence.corrupt.clear();
    assert.deepEqual(await store.get(second.routingKey), second.block);
  });

  it('writes pending access records when it closes', async () => {
    const persistence = new ScriptedPersistence();
    const store = new ScriptedStore(persistence);
    await store.put(a!.routingKey, a!.block, { partition: 'cache' });
    await store.get(a!.routingKey);
    await store.close();
    assert.deepEqual(
      persistence.commits.at(-1)!.records.map(({ id }) => id),
      [toHex(a!.routingKey)],
    );
  });
});

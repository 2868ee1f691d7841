import assert from 'node:assert/strict';
import { cp } from 'node:fs/promises';
import { InvalidBlockError } from '../../../protocol/errors.js';
import { CHK_BLOCK_BYTES } from '../../../protocol/keys/index.js';
import { StoreFormatError, StoreFullError, StoreOpenError, StoreWriteError } from '../../../store/errors.js';
import { blockKey, encodeFormatVersion, FORMAT_VERSION_KEY, indexKey } from '../../../store/layout.js';
import { RocksBlockStore, type RocksBlockStoreInit } from '../../../store/rocks-block-store.js';
import { openRocksDatabase, type RocksDatabase } from '../../../store/rocks-database.js';
import { chkBlock, chkBlocks, sskRivals } from './blocks.js';
import { blockStoreConformance } from './conformance.js';
import { countDatabase, idOf, snapshotDatabase, temporaryDirectories, withDatabase } from './rocks-files.js';

const directories = temporaryDirectories('rocks-store');
after(() => directories.cleanup());

blockStoreConformance('RocksBlockStore', async (init) => RocksBlockStore.open({}, { ...init, path: await directories.make(), cryptoWorkers: 0 }));

/** A database that fails writes with `failure` while `failing` is set. */
function faultyDatabase(failure: () => Error | undefined) {
  return async (path: string): Promise<RocksDatabase> => {
    const db = await openRocksDatabase(path);
    return {
      read: (keys) => db.read(keys),
      scan: (options) => db.scan(options),
      close: () => db.close(),
      write: (write) => {
        const error = failure();
        return error === undefined ? db.write(write) : Promise.reject(error);
      },
    };
  };
}

describe('store/rocks-block-store', () => {
  let path: string;
  let init: RocksBlockStoreInit;
  beforeEach(async () => {
    path = await directories.make();
    init = { path, nodeLocation: 0.5, storeBudgetBytes: 8 * CHK_BLOCK_BYTES, cacheBudgetBytes: 4 * CHK_BLOCK_BYTES };
  });

  it('keeps blocks, partitions and recency across a reopen', async () => {
    const [s, a, b, c, d] = chkBlocks(5, 'reopen');
    let store = await RocksBlockStore.open({}, init);
    await store.put(s!.routingKey, s!.block, { partition: 'store' });
    for (const x of [a, b, c, d]) await store.put(x!.routingKey, x!.block, { partition: 'cache' });
    await store.get(a!.routingKey);
    const before = store.stats();
    await store.close();

    store = await RocksBlockStore.open({}, init);
    assert.deepEqual(store.stats(), before);
    assert.deepEqual(await store.get(s!.routingKey), s!.block);
    const e = chkBlock(99, 'reopen');
    await store.put(e.routingKey, e.block, { partition: 'cache' });
    assert.equal(await store.has(b!.routingKey), false, 'b was least recently used before the reopen');
    assert.equal(await store.has(a!.routingKey), true);
    await store.close();
  });

  it('loses only the access records not yet written in a crash', async () => {
    const [a, b, c, d] = chkBlocks(4, 'crash image');
    const store = await RocksBlockStore.open({}, init);
    for (const x of [a, b, c, d]) await store.put(x!.routingKey, x!.block, { partition: 'cache' });
    await store.get(a!.routingKey);
    // The files of a running store, copied as they are: what a crash of the process leaves.
    const crashed = await directories.make();
    await cp(path, crashed, { recursive: true });
    await store.close();

    const reopened = await RocksBlockStore.open({}, { ...init, path: crashed });
    assert.equal(reopened.stats().cache.blocks, 4);
    const e = chkBlock(99, 'crash image');
    await reopened.put(e.routingKey, e.block, { partition: 'cache' });
    assert.equal(await reopened.has(a!.routingKey), false, 'the use of a, not yet written, was lost: a went first');
    for (const x of [b, c, d, e]) assert.deepEqual(await reopened.get(x!.routingKey), x!.block);
    await reopened.close();
  });

  it('detects a value corrupted on disk, removes it and reports it missing', async () => {
    const [a, b] = chkBlocks(2, 'corrupt');
    let store = await RocksBlockStore.open({}, init);
    await store.put(a!.routingKey, a!.block, { partition: 'store' });
    await store.put(b!.routingKey, b!.block, { partition: 'cache' });
    await store.close();
    const id = await withDatabase(path, async (db) => {
      const id = await idOf(db, a!.routingKey);
      const [value] = await db.read([blockKey(id)]);
      const corrupted = Uint8Array.from(value!);
      corrupted[1000]! ^= 0x40;
      await db.write({ deletes: [], puts: [[blockKey(id), corrupted]] });
      return id;
    });

    const warnings: string[] = [];
    store = await RocksBlockStore.open({ logger: { warn: (_, message) => warnings.push(message) } }, init);
    assert.equal(await store.has(a!.routingKey), true);
    assert.equal(await store.get(a!.routingKey), undefined);
    assert.equal(await store.has(a!.routingKey), false);
    assert.deepEqual(await store.get(b!.routingKey), b!.block);
    assert.equal(store.stats().store.blocks, 0);
    assert.equal(store.stats().corruptRemoved, 1);
    assert.match(warnings.join('\n'), /failed its integrity check/);
    await store.close();
    await withDatabase(path, async (db) => assert.deepEqual(await db.read([blockKey(id), indexKey(id)]), [null, null]));
  });

  it('refuses to open a store written by a newer format version and changes nothing', async () => {
    const store = await RocksBlockStore.open({}, init);
    const a = chkBlock(1);
    await store.put(a.routingKey, a.block, { partition: 'store' });
    await store.close();
    const before = await withDatabase(path, async (db) => {
      await db.write({ deletes: [], puts: [[FORMAT_VERSION_KEY, encodeFormatVersion(3)]] });
      return snapshotDatabase(db);
    });
    await assert.rejects(RocksBlockStore.open({}, init), (error: unknown) => {
      assert.ok(error instanceof StoreFormatError);
      assert.equal(error.code, 'ERR_STORE_FORMAT');
      assert.match(error.message, /written by format version 3; this build reads version 1 — upgrade Warren, nothing was changed on disk/);
      return true;
    });
    assert.deepEqual(await withDatabase(path, snapshotDatabase), before);
  });

  it('says so when the database is in use', async () => {
    const store = await RocksBlockStore.open({}, init);
    await assert.rejects(RocksBlockStore.open({}, init), (error: unknown) => {
      assert.ok(error instanceof StoreOpenError);
      assert.equal(error.code, 'ERR_STORE_OPEN');
      assert.match(error.message, new RegExp(`^cannot open the block store at ${path}: .*LOCK`));
      return true;
    });
    await store.close();
  });

  it('refuses a database that is not a block store', async () => {
    await withDatabase(path, (db) => db.write({ deletes: [], puts: [[Uint8Array.of(0xff, 2, 3), Uint8Array.of(4)]] }));
    await assert.rejects(RocksBlockStore.open({}, init), /not a Warren block store; nothing was changed/);
  });

  it('removes orphans on open: a block without index record and a record without block', async () => {
    const [a, b, c] = chkBlocks(3, 'orphan');
    const store = await RocksBlockStore.open({}, init);
    for (const x of [a, b, c]) await store.put(x!.routingKey, x!.block, { partition: 'store' });
    await store.close();
    await withDatabase(path, async (db) => {
      const [idA, idB] = [await idOf(db, a!.routingKey), await idOf(db, b!.routingKey)];
      await db.write({ deletes: [indexKey(idA), blockKey(idB)], puts: [[indexKey('ff'.repeat(32)), Uint8Array.of(9)]] });
    });
    const warnings: unknown[] = [];
    const reopened = await RocksBlockStore.open({ logger: { warn: (fields) => warnings.push(fields) } }, init);
    assert.deepEqual(warnings, [{ keys: 3 }]);
    assert.equal(reopened.stats().store.blocks, 1);
    assert.deepEqual(await reopened.get(c!.routingKey), c!.block);
    await reopened.close();
    const counted = await withDatabase(path, countDatabase);
    assert.deepEqual(counted, { partitions: { store: { blocks: 1, bytes: CHK_BLOCK_BYTES }, cache: { blocks: 0, bytes: 0 } }, blockValues: 1 });
  });

  it('evicts down to smaller budgets on open', async () => {
    let store = await RocksBlockStore.open({}, init);
    for (const x of chkBlocks(4, 'shrink')) await store.put(x.routingKey, x.block, { partition: 'cache' });
    await store.close();
    store = await RocksBlockStore.open({}, { ...init, cacheBudgetBytes: 2 * CHK_BLOCK_BYTES });
    assert.equal(store.stats().cache.blocks, 2);
    await store.close();
    assert.equal((await withDatabase(path, countDatabase)).blockValues, 2);
  });

  it('verifies and seals on a worker thread while puts overlap, keeping the order of calls on a slot', async () => {
    const store = await RocksBlockStore.open({}, { ...init, storeBudgetBytes: 64 * CHK_BLOCK_BYTES, cacheBudgetBytes: 64 * CHK_BLOCK_BYTES, cryptoWorkers: 1 });
    const filler = chkBlocks(24, 'filler');
    const deadline = Date.now() + 30_000;
    while (store.cryptoJobCounts().workers === 0) {
      assert.ok(Date.now() < deadline, 'no job reached the worker within 30 s');
      await Promise.all(filler.map(({ routingKey, block }) => store.put(routingKey, block, { partition: 'cache' })));
    }
    for (let lead = 0; lead < 12; lead++) {
      const [first, second] = sskRivals(lead + 1);
      const forged = { routingKey: filler[lead]!.routingKey, block: filler[lead + 1]!.block };
      const calls = [...filler.slice(0, lead), first, forged, second].map(({ routingKey, block }) => store.put(routingKey, block, { partition: 'store' }));
      const results = await Promise.allSettled(calls);
      assert.deepEqual(results.at(-3), { status: 'fulfilled', value: { outcome: 'stored', partition: 'store' } });
      const refused = results.at(-2)!;
      assert.ok(refused.status === 'rejected' && refused.reason instanceof InvalidBlockError);
      assert.deepEqual(results.at(-1), { status: 'fulfilled', value: { outcome: 'collision', existing: first.block } });
      const read = await Promise.all([...filler, first].map(({ routingKey }) => store.get(routingKey)));
      assert.deepEqual(
        read,
        [...filler, first].map(({ block }) => block),
      );
    }
    await store.close();
  });

  describe('write failures', () => {
    const noSpace = () => Object.assign(new Error('While appending to file: 000004.log: No space left on device'), { code: 'ENOSPC' });

    it('gives StoreFullError on a full disk, keeps reads working and the index consistent', async () => {
      let failure: Error | undefined;
      const store = await RocksBlockStore.open({ openDatabase: faultyDatabase(() => failure) }, init);
      const [a, b, c] = chkBlocks(3, 'full');
      await store.put(a!.routingKey, a!.block, { partition: 'store' });
      const before = store.stats();
      failure = noSpace();
      await assert.rejects(store.put(b!.routingKey, b!.block, { partition: 'store' }), (error: unknown) => {
        assert.ok(error instanceof StoreFullError);
        assert.equal(error.code, 'ERR_STORE_FULL');
        assert.equal((error.cause as Error).message, failure!.message);
        return true;
      });
      await assert.rejects(store.delete(a!.routingKey), StoreFullError);
      assert.deepEqual(await store.get(a!.routingKey), a!.block);
      assert.equal(await store.has(b!.routingKey), false);
      assert.deepEqual(store.stats(), before);
      failure = undefined;
      await store.put(c!.routingKey, c!.block, { partition: 'cache' });
      assert.deepEqual(await store.get(c!.routingKey), c!.block);
      await store.close();
    });

    it('gives StoreWriteError for any other write failure', async () => {
      const store = await RocksBlockStore.open({ openDatabase: faultyDatabase(() => new Error('IO error: disk on fire')) }, init).catch(
        (error: unknown) => error,
      );
      assert.ok(store instanceof StoreWriteError, 'creating the metadata of a new store is a write');
      assert.match(store.message, /could not write: IO error: disk on fire/);
    });
  });
});

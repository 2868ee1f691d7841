/**
 * The one test suite every `BlockStore` implementation must pass
 * (spec/store.md). Run by memory-block-store.test.ts and rocks-block-store.test.ts.
 */
import assert from 'node:assert/strict';
import { InvalidBlockError } from '../../../protocol/errors.js';
import { CHK_BLOCK_BYTES, SSK_BLOCK_BYTES } from '../../../protocol/keys/index.js';
import type { BlockStore, Partition } from '../../../store/block-store.js';
import type { BlockStoreInit } from '../../../store/config.js';
import { StoreClosedError } from '../../../store/errors.js';
import { blocksByDistance, chkBlock, chkBlocks, sskRivals, type TestBlock } from './blocks.js';

export type BlockStoreFactory = (init: BlockStoreInit) => Promise<BlockStore>;

const blocks = (count: number) => count * CHK_BLOCK_BYTES;

async function held(store: BlockStore, candidates: readonly TestBlock[]): Promise<boolean[]> {
  return Promise.all(candidates.map(({ routingKey }) => store.has(routingKey)));
}

export function blockStoreConformance(name: string, factory: BlockStoreFactory): void {
  describe(`BlockStore conformance: ${name}`, () => {
    let opened: BlockStore[] = [];
    const open = async (init: Partial<BlockStoreInit> = {}) => {
      const store = await factory({ nodeLocation: 0.5, storeBudgetBytes: blocks(16), cacheBudgetBytes: blocks(16), ...init });
      opened.push(store);
      return store;
    };
    const put = (store: BlockStore, { routingKey, block }: TestBlock, partition: Partition = 'cache') => store.put(routingKey, block, { partition });

    afterEach(async () => {
      await Promise.all(opened.map((store) => store.close()));
      opened = [];
    });

    describe('reads and writes', () => {
      it('returns what was put, by routing key, and counts it in its partition', async () => {
        const store = await open();
        const [a, b] = chkBlocks(2);
        const [ssk] = sskRivals();
        assert.deepEqual(await put(store, a!, 'store'), { outcome: 'stored', partition: 'store' });
        assert.deepEqual(await put(store, b!), { outcome: 'stored', partition: 'cache' });
        assert.deepEqual(await put(store, ssk), { outcome: 'stored', partition: 'cache' });
        assert.deepEqual(await store.get(a!.routingKey), a!.block);
        assert.deepEqual(await store.get(ssk.routingKey), ssk.block);
        assert.equal(await store.has(b!.routingKey), true);
        assert.deepEqual(store.stats(), {
          store: { blocks: 1, bytes: CHK_BLOCK_BYTES, budgetBytes: blocks(16) },
          cache: { blocks: 2, bytes: CHK_BLOCK_BYTES + SSK_BLOCK_BYTES, budgetBytes: blocks(16) },
          corruptRemoved: 0,
        });
      });

      it('answers missing keys with undefined and false', async () => {
        const store = await open();
        const { routingKey } = chkBlock(1);
        assert.equal(await store.get(routingKey), undefined);
        assert.equal(await store.has(routingKey), false);
        assert.equal(await store.delete(routingKey), false);
        assert.equal(await store.get(new Uint8Array(5)), undefined);
      });

      it('stores a block once however often it is put', async () => {
        const store = await open();
        const a = chkBlock(1);
        await Promise.all([put(store, a), put(store, a), put(store, a)]);
        assert.deepEqual(await put(store, a), { outcome: 'stored', partition: 'cache' });
        assert.equal(store.stats().cache.blocks, 1);
      });

      it('deletes a block and its bytes', async () => {
        const store = await open();
        const [a, b] = chkBlocks(2);
        await put(store, a!);
        await put(store, b!, 'store');
        assert.equal(await store.delete(a!.routingKey), true);
        assert.equal(await store.delete(b!.routingKey), true);
        assert.equal(await store.get(a!.routingKey), undefined);
        assert.equal(await store.has(b!.routingKey), false);
        assert.equal(store.stats().cache.bytes + store.stats().store.bytes, 0);
      });

      it('hands out copies: changing a returned block changes nothing stored', async () => {
        const store = await open();
        const a = chkBlock(1);
        const input = Uint8Array.from(a.block);
        await store.put(a.routingKey, input, { partition: 'cache' });
        input.fill(0);
        (await store.get(a.routingKey))!.fill(0);
        assert.deepEqual(await store.get(a.routingKey), a.block);
      });

      it('serves many concurrent puts and gets', async () => {
        const store = await open({ cacheBudgetBytes: blocks(64) });
        const many = chkBlocks(48, 'concurrent');
        await Promise.all(many.map((block) => put(store, block)));
        const read = await Promise.all(many.map(({ routingKey }) => store.get(routingKey)));
        for (const [i, block] of read.entries()) assert.deepEqual(block, many[i]!.block);
        assert.equal(store.stats().cache.blocks, 48);
      });
    });

    describe('verification', () => {
      it('refuses a block that does not match its routing key, and stores nothing', async () => {
        const store = await open();
        const [a, b] = chkBlocks(2);
        const [ssk] = sskRivals();
        const tampered = Uint8Array.from(ssk.block);
        tampered[100]! ^= 1;
        await assert.rejects(store.put(a!.routingKey, b!.block, { partition: 'store' }), InvalidBlockError);
        await assert.rejects(store.put(ssk.routingKey, tampered, { partition: 'store' }), { code: 'ERR_INVALID_BLOCK' });
        await assert.rejects(store.put(a!.routingKey, new Uint8Array(10), { partition: 'cache' }), InvalidBlockError);
        assert.equal(store.stats().store.blocks + store.stats().cache.blocks, 0);
      });

      it('trusts a put marked verified by its caller: it seals and stores the bytes without checking them', async () => {
        const store = await open();
        const [a, b] = chkBlocks(2);
        // The store cannot tell a real verification from this one: what it skips shows.
        assert.deepEqual(await store.put(a!.routingKey, b!.block, { partition: 'cache', verified: 'chk' }), { outcome: 'stored', partition: 'cache' });
        assert.deepEqual(await store.get(a!.routingKey), b!.block);
        await store.put(b!.routingKey, b!.block, { partition: 'cache', verified: 'chk' });
        assert.deepEqual(await store.get(b!.routingKey), b!.block);
      });

      it('keeps the first valid block of an SSK slot and returns it to a later writer', async () => {
        const store = await open();
        const [first, second] = sskRivals();
        assert.deepEqual(first.routingKey, second.routingKey);
        await put(store, first, 'store');
        assert.deepEqual(await put(store, second, 'store'), { outcome: 'collision', existing: first.block });
        assert.deepEqual(await put(store, first, 'store'), { outcome: 'stored', partition: 'store' });
        assert.deepEqual(await store.get(first.routingKey), first.block);
      });

      it('lets exactly the first of two concurrent SSK writers win', async () => {
        const store = await open();
        const [first, second] = sskRivals(9);
        const results = await Promise.all([put(store, first), put(store, second)]);
        assert.deepEqual(results, [
          { outcome: 'stored', partition: 'cache' },
          { outcome: 'collision', existing: first.block },
        ]);
        assert.deepEqual(await store.get(first.routingKey), first.block);
      });
    });

    describe('cache eviction: least recently used first', () => {
      it('evicts the block used longest ago, counting gets and puts as uses', async () => {
        const store = await open({ cacheBudgetBytes: blocks(3) });
        const [a, b, c, d, e, f] = chkBlocks(6, 'lru');
        for (const block of [a, b, c]) await put(store, block!);
        await store.get(a!.routingKey);
        await put(store, d!);
        assert.deepEqual(await held(store, [a!, b!, c!, d!]), [true, false, true, true]);
        await put(store, c!);
        await put(store, e!);
        assert.deepEqual(await held(store, [a!, c!, d!, e!]), [false, true, true, true]);
        await store.has(d!.routingKey);
        await put(store, f!);
        assert.deepEqual(await held(store, [c!, d!, e!, f!]), [true, false, true, true], 'has() is not a use');
        assert.equal(store.stats().cache.bytes, blocks(3));
      });

      it('never evicts from the store to make room in the cache', async () => {
        const store = await open({ cacheBudgetBytes: blocks(2), storeBudgetBytes: blocks(2) });
        const [s, a, b, c] = chkBlocks(4, 'apart');
        await put(store, s!, 'store');
        for (const block of [a, b, c]) await put(store, block!);
        assert.deepEqual(await held(store, [s!, a!, b!, c!]), [true, false, true, true]);
      });
    });

    describe('store eviction: farthest from the node first', () => {
      it('deletes the farthest blocks already held when closer ones arrive', async () => {
        const store = await open({ nodeLocation: 0.25, storeBudgetBytes: blocks(3) });
        const [p1, p2, p3, p4, p5] = blocksByDistance(0.25, 5);
        for (const block of [p5, p4, p3, p2, p1]) assert.deepEqual(await put(store, block!, 'store'), { outcome: 'stored', partition: 'store' });
        assert.deepEqual(await held(store, [p1!, p2!, p3!, p4!, p5!]), [true, true, true, false, false]);
        assert.equal(store.stats().store.bytes, blocks(3));
        assert.equal(store.stats().cache.blocks, 0);
      });

      it('sends a new block farther than everything in a full store to the cache', async () => {
        const store = await open({ nodeLocation: 0.9, storeBudgetBytes: blocks(3) });
        const [p1, p2, p3, p4, p5] = blocksByDistance(0.9, 5);
        for (const block of [p1, p2, p3]) await put(store, block!, 'store');
        assert.deepEqual(await put(store, p4!, 'store'), { outcome: 'stored', partition: 'cache' });
        assert.deepEqual(await put(store, p5!, 'store'), { outcome: 'stored', partition: 'cache' });
        assert.equal(store.stats().store.blocks, 3);
        assert.equal(store.stats().cache.blocks, 2);
        assert.deepEqual(await store.get(p5!.routingKey), p5!.block);
      });

      it('keeps the closest blocks of a concurrent burst', async () => {
        const store = await open({ nodeLocation: 0.6, storeBudgetBytes: blocks(4), cacheBudgetBytes: blocks(2) });
        const located = blocksByDistance(0.6, 10);
        await Promise.all([...located].reverse().map((block) => put(store, block, 'store')));
        assert.deepEqual(await held(store, located.slice(0, 4)), [true, true, true, true]);
        assert.equal(store.stats().store.blocks, 4);
        assert.ok(store.stats().cache.bytes <= blocks(2));
      });
    });

    describe('partitions', () => {
      it('moves a cached block to the store when it is put there, and never the other way', async () => {
        const store = await open();
        const [a, b] = chkBlocks(2);
        await put(store, a!, 'cache');
        assert.deepEqual(await put(store, a!, 'store'), { outcome: 'stored', partition: 'store' });
        await put(store, b!, 'store');
        assert.deepEqual(await put(store, b!, 'cache'), { outcome: 'stored', partition: 'store' });
        assert.deepEqual([store.stats().store.blocks, store.stats().cache.blocks], [2, 0]);
      });

      it('stays within both budgets through a long mixed run', async () => {
        const store = await open({ storeBudgetBytes: blocks(5), cacheBudgetBytes: blocks(3) });
        const pool = chkBlocks(40, 'budget');
        for (const [i, block] of pool.entries()) {
          await put(store, block, i % 3 === 0 ? 'store' : 'cache');
          if (i % 4 === 0) await store.get(pool[i >> 1]!.routingKey);
          const { store: s, cache: c } = store.stats();
          assert.ok(s.bytes <= s.budgetBytes && c.bytes <= c.budgetBytes, `over budget after put ${i}`);
        }
        const present = (await held(store, pool)).filter(Boolean).length;
        assert.equal(present, store.stats().store.blocks + store.stats().cache.blocks);
      });
    });

    describe('cancellation and closing', () => {
      it('rejects every call whose signal is already aborted, writing nothing', async () => {
        const store = await open();
        const a = chkBlock(1);
        const signal = AbortSignal.abort();
        await assert.rejects(store.put(a.routingKey, a.block, { partition: 'cache', signal }), { name: 'AbortError' });
        await assert.rejects(store.get(a.routingKey, { signal }), { name: 'AbortError' });
        await assert.rejects(store.has(a.routingKey, { signal }), { name: 'AbortError' });
        await assert.rejects(store.delete(a.routingKey, { signal }), { name: 'AbortError' });
        assert.equal(await store.has(a.routingKey), false);
      });

      it('finishes calls in progress on close, then refuses new ones', async () => {
        const store = await open();
        const [a, b] = chkBlocks(2);
        const writing = put(store, a!);
        const closing = store.close();
        assert.deepEqual(await writing, { outcome: 'stored', partition: 'cache' });
        await closing;
        await store.close();
        await assert.rejects(put(store, b!), StoreClosedError);
        await assert.rejects(store.get(a!.routingKey), { code: 'ERR_STORE_CLOSED' });
      });
    });
  });
}

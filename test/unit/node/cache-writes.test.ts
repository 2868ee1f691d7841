import assert from 'node:assert/strict';
import { CacheWrites } from '../../../node/cache-writes.js';
import { silentLogger } from '../../../node/components.js';
import type { BlockStore, PutOptions, PutResult } from '../../../store/block-store.js';
import { MemoryBlockStore } from '../../../store/memory-block-store.js';
import { until } from '../../support/until.js';
import { chkBlocks } from '../store/blocks.js';

const memoryStore = () => new MemoryBlockStore({}, { nodeLocation: 0.5 });

/** A store whose puts wait until released, recording what each was asked. */
function heldStore(): { store: BlockStore; calls: PutOptions[]; release(): void } {
  const inner = memoryStore();
  const calls: PutOptions[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const store = Object.assign(Object.create(inner) as BlockStore, {
    async put(routingKey: Uint8Array, block: Uint8Array, options: PutOptions): Promise<PutResult> {
      calls.push(options);
      await released;
      return inner.put(routingKey, block, options);
    },
  });
  return { store, calls, release };
}

describe('node/cache-writes', () => {
  it('writes a block into the cache as verified, without the caller waiting', async () => {
    const store = memoryStore();
    const writes = new CacheWrites({ store, logger: silentLogger }, { maxPending: 4 });
    const [block] = chkBlocks(1, 'cache-writes');
    writes.write(block!.routingKey, block!.block, {});
    assert.equal(writes.pending, 1);
    await until(() => writes.pending === 0, 'the cache writes');
    assert.deepEqual(await store.get(block!.routingKey), block!.block);
    assert.equal(store.stats().cache.blocks, 1);
  });

  it('holds at most maxPending writes, skipping and counting the blocks beyond', async () => {
    const held = heldStore();
    const writes = new CacheWrites({ store: held.store, logger: silentLogger }, { maxPending: 2 });
    for (const { routingKey, block } of chkBlocks(5, 'bound')) writes.write(routingKey, block, {});
    assert.equal(writes.pending, 2);
    assert.equal(writes.skipped, 3);
    assert.deepEqual(
      held.calls.map(({ partition, verified }) => ({ partition, verified })),
      [
        { partition: 'cache', verified: 'chk' },
        { partition: 'cache', verified: 'chk' },
      ],
    );
    held.release();
    await until(() => writes.pending === 0, 'the cache writes');
  });

  it('logs a write that fails and frees its place', async () => {
    const warnings: unknown[] = [];
    const logger = { ...silentLogger, warn: (fields: unknown) => warnings.push(fields) };
    const store = memoryStore();
    await store.close();
    const writes = new CacheWrites({ store, logger }, { maxPending: 1 });
    const [block] = chkBlocks(1, 'closed');
    writes.write(block!.routingKey, block!.block, { tx: 'ab' });
    await until(() => writes.pending === 0, 'the cache writes');
    assert.equal(warnings.length, 1);
  });

  it('refuses a bound below one', () => {
    assert.throws(() => new CacheWrites({ store: memoryStore(), logger: silentLogger }, { maxPending: 0 }), RangeError);
  });
});

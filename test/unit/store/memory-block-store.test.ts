import assert from 'node:assert/strict';
import { MemoryBlockStore } from '../../../store/memory-block-store.js';
import { chkBlocks } from './blocks.js';
import { blockStoreConformance } from './conformance.js';

blockStoreConformance('MemoryBlockStore', async (init) => new MemoryBlockStore({}, init));

describe('store/memory-block-store', () => {
  it('is deterministic: the same calls leave the same blocks', async () => {
    const run = async () => {
      const store = new MemoryBlockStore({}, { nodeLocation: 0.3, storeBudgetBytes: 4 * 32768, cacheBudgetBytes: 3 * 32768 });
      const pool = chkBlocks(20, 'replay');
      await Promise.all(pool.map((block, i) => store.put(block.routingKey, block.block, { partition: i % 2 ? 'store' : 'cache' })));
      const held = await Promise.all(pool.map(({ routingKey }) => store.has(routingKey)));
      await store.close();
      return held;
    };
    assert.deepEqual(await run(), await run());
  });
});

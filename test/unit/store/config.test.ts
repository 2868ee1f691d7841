import assert from 'node:assert/strict';
import { DEFAULT_CACHE_BUDGET_BYTES, DEFAULT_STORE_BUDGET_BYTES, resolveBlockStoreInit, resolveLogger } from '../../../store/config.js';

describe('store/config', () => {
  it('fills in the default budgets of 1 GiB each', () => {
    assert.deepEqual(resolveBlockStoreInit({ nodeLocation: 0.25 }), {
      storeBudgetBytes: DEFAULT_STORE_BUDGET_BYTES,
      cacheBudgetBytes: DEFAULT_CACHE_BUDGET_BYTES,
      nodeLocation: 0.25,
    });
    assert.equal(DEFAULT_STORE_BUDGET_BYTES, 2 ** 30);
  });

  it('refuses a location off the ring and budgets smaller than one block', () => {
    for (const nodeLocation of [-0.1, 1, Number.NaN]) assert.throws(() => resolveBlockStoreInit({ nodeLocation }), /nodeLocation must be in \[0, 1\)/);
    assert.throws(() => resolveBlockStoreInit({ nodeLocation: 0, storeBudgetBytes: 1000 }), /storeBudgetBytes .* at least one block \(32768\)/);
    assert.throws(() => resolveBlockStoreInit({ nodeLocation: 0, cacheBudgetBytes: 40000.5 }), RangeError);
  });

  it('logs nowhere unless given a logger', () => {
    assert.doesNotThrow(() => resolveLogger({}).warn({}, 'ignored'));
    const logger = { warn: () => {} };
    assert.equal(resolveLogger({ logger }), logger);
  });
});

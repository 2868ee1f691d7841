/** The store settings the crash test's writer and checker share: small budgets, so every write evicts. */
import { CHK_BLOCK_BYTES } from '../../protocol/keys/index.js';

export const CRASH_STORE_INIT = {
  nodeLocation: 0.5,
  storeBudgetBytes: 12 * CHK_BLOCK_BYTES,
  cacheBudgetBytes: 8 * CHK_BLOCK_BYTES,
} as const;

/**
 * What every block store is built from (spec/store.md §1): collaborators
 * (`components`) and plain settings (`init`) with their defaults, resolved once.
 */
import { MAX_BLOCK_BYTES } from '../protocol/keys/index.js';

/** What the store reports on its own: damaged data it removed, background writes that failed. pino-compatible. */
export interface StoreLogger {
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface BlockStoreComponents {
  readonly logger?: StoreLogger | undefined;
}

export interface BlockStoreInit {
  /** Byte budget of the store partition (blocks this node is among the closest to). Default 1 GiB. */
  readonly storeBudgetBytes?: number | undefined;
  /** Byte budget of the cache partition (blocks that passed through). Default 1 GiB. */
  readonly cacheBudgetBytes?: number | undefined;
  /** The node's location on the ring, in [0, 1): store eviction removes the farthest blocks first. */
  readonly nodeLocation: number;
}

export const DEFAULT_STORE_BUDGET_BYTES = 1024 ** 3;
export const DEFAULT_CACHE_BUDGET_BYTES = 1024 ** 3;

export interface ResolvedBlockStoreInit {
  readonly storeBudgetBytes: number;
  readonly cacheBudgetBytes: number;
  readonly nodeLocation: number;
}

const silentLogger: StoreLogger = { warn: () => {} };

export function resolveLogger(components: BlockStoreComponents): StoreLogger {
  return components.logger ?? silentLogger;
}

function budget(name: string, value: number | undefined, fallback: number): number {
  const bytes = value ?? fallback;
  if (!Number.isSafeInteger(bytes) || bytes < MAX_BLOCK_BYTES) {
    throw new RangeError(`${name} must be a whole number of bytes, at least one block (${MAX_BLOCK_BYTES}), got ${bytes}`);
  }
  return bytes;
}

export function resolveBlockStoreInit(init: BlockStoreInit): ResolvedBlockStoreInit {
  const { nodeLocation } = init;
  if (!(nodeLocation >= 0 && nodeLocation < 1)) throw new RangeError(`nodeLocation must be in [0, 1), got ${nodeLocation}`);
  return {
    storeBudgetBytes: budget('storeBudgetBytes', init.storeBudgetBytes, DEFAULT_STORE_BUDGET_BYTES),
    cacheBudgetBytes: budget('cacheBudgetBytes', init.cacheBudgetBytes, DEFAULT_CACHE_BUDGET_BYTES),
    nodeLocation,
  };
}

/**
 * Write-behind of the blocks a relay passes on (spec/routing.md §3.2): a forwarded block is written
 * into the cache partition in the background, never awaited on the forwarding path.
 *
 *   write(key, block)  ──> BlockStore.put(cache, verified) ──> settles later; failures are logged
 *                      └─> skipped, counted, when `maxPending` writes are still in progress
 *
 * The caller verified the block against its key (a route's answer, an insert's data): the store
 * seals it without hashing it again. Bounded: at most `maxPending` blocks are held for writing; a
 * cache that cannot keep up with the links misses blocks instead of holding them without end.
 */
import { blockKind } from '../protocol/keys/index.js';
import type { BlockStore } from '../store/block-store.js';
import type { Logger } from './components.js';

export interface CacheWritesComponents {
  readonly store: BlockStore;
  readonly logger: Logger;
}

export interface CacheWritesInit {
  /** Most cache writes in progress at once; a block passed on beyond them is not cached. */
  readonly maxPending: number;
}

export class CacheWrites {
  readonly #store: BlockStore;
  readonly #logger: Logger;
  readonly #maxPending: number;
  #pending = 0;
  #skipped = 0;

  constructor(components: CacheWritesComponents, init: CacheWritesInit) {
    if (!Number.isSafeInteger(init.maxPending) || init.maxPending < 1) throw new RangeError(`maxPending must be a whole number ≥ 1, got ${init.maxPending}`);
    this.#store = components.store;
    this.#logger = components.logger;
    this.#maxPending = init.maxPending;
  }

  /** Cache writes in progress. */
  get pending(): number {
    return this.#pending;
  }

  /** Blocks not cached because `maxPending` writes were in progress. */
  get skipped(): number {
    return this.#skipped;
  }

  /**
   * Starts writing `block`, verified by the caller against `routingKey`, into the cache; returns at
   * once. `fields` go with a failure's log line.
   */
  write(routingKey: Uint8Array, block: Uint8Array, fields: Record<string, unknown>): void {
    if (this.#pending >= this.#maxPending) {
      this.#skipped++;
      return;
    }
    this.#pending++;
    this.#store
      .put(routingKey, block, { partition: 'cache', verified: blockKind(block) })
      .catch((error: unknown) => this.#logger.warn({ ...fields, err: error }, 'could not cache a block'))
      .finally(() => this.#pending--);
  }
}

/**
 * The block store every node keeps (spec/store.md): blocks by routing key, in two
 * partitions with their own byte budgets, verified before they are written (by the store, or
 * by the caller in this process, `PutOptions.verified`).
 *
 *   store  long-term: blocks this node is among the closest to (inserts);
 *          evicted farthest-from-the-node's-location first
 *   cache  blocks that passed through; evicted least recently used first
 *
 * Implementations: `RocksBlockStore` (on disk, deniable at rest) and
 * `MemoryBlockStore` (unit tests and the simulator). `test/unit/store/conformance.ts`
 * holds the one suite both must pass.
 */

import type { BlockKind } from '../protocol/keys/index.js';

export type Partition = 'store' | 'cache';

export interface StoreCallOptions {
  readonly signal?: AbortSignal | undefined;
}

export interface PutOptions extends StoreCallOptions {
  /** Where the block goes; a block already in the cache moves to the store when put there. */
  readonly partition: Partition;
  /**
   * The caller has verified these very bytes against the routing key in this process
   * (`verifyBlock`) and found a block of this kind: the store trusts it and only seals it.
   * Never set for bytes checked anywhere else.
   */
  readonly verified?: BlockKind | undefined;
}

export type PutResult =
  /**
   * The block is now held (newly written, or it was already there), in `partition`: the store
   * when it was already there, the cache when the store is full of blocks closer to the node.
   */
  | { readonly outcome: 'stored'; readonly partition: Partition }
  /** An SSK slot already held a different valid block: it is kept (first valid writer wins) and returned. */
  | { readonly outcome: 'collision'; readonly existing: Uint8Array };

export interface PartitionStats {
  readonly blocks: number;
  readonly bytes: number;
  readonly budgetBytes: number;
}

export interface StoreStats {
  readonly store: PartitionStats;
  readonly cache: PartitionStats;
  /** Blocks found corrupted on read since the store was opened, and removed. */
  readonly corruptRemoved: number;
}

export interface BlockStore {
  /** The block stored under `routingKey`, or undefined. Never returns a block that fails verification. */
  get(routingKey: Uint8Array, options?: StoreCallOptions): Promise<Uint8Array | undefined>;
  /**
   * Verifies `block` against `routingKey` (`InvalidBlockError` if it does not match),
   * writes it, and evicts as needed to keep the partition within its budget.
   */
  put(routingKey: Uint8Array, block: Uint8Array, options: PutOptions): Promise<PutResult>;
  has(routingKey: Uint8Array, options?: StoreCallOptions): Promise<boolean>;
  /** Removes the block if present; returns whether it was. */
  delete(routingKey: Uint8Array, options?: StoreCallOptions): Promise<boolean>;
  stats(): StoreStats;
  /** Finishes the calls in progress, writes what is pending and releases the store; later calls throw `StoreClosedError`. */
  close(): Promise<void>;
}

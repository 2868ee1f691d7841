/**
 * The block store of a simulated node: the production `IndexedBlockStore` (verification
 * before every write, partitions, budgets, eviction) over the in-memory persistence,
 * with two simulation settings:
 *
 * - blocks are kept and handed out by reference, not copied: in the simulator a block is
 *   immutable once made (MemoryNetwork passes envelopes by reference on the same terms),
 *   so thousands of nodes caching one block share its bytes; so are routing keys, so the
 *   hex id of a routing key is computed once and shared by every store that holds it;
 * - CHK blocks may have the simulation length (`ChkFormat`, spec/keys.md §3.6).
 */
import { keyHex } from '../protocol/bytes.js';
import type { ChkFormat } from '../protocol/keys/chk.js';
import { type BlockStoreInit, resolveBlockStoreInit } from '../store/config.js';
import { IndexBook } from '../store/index-book.js';
import type { Partition } from '../store/block-store.js';
import { IndexedBlockStore, type ReadResult } from '../store/indexed-block-store.js';
import { MemoryPersistence } from '../store/memory-block-store.js';

/** Blocks in a map, by reference. */
class SharedPersistence extends MemoryPersistence {
  /** The hex of the routing key, computed once per key object for every simulated store. */
  override slotId(routingKey: Uint8Array): string {
    return keyHex(routingKey);
  }

  protected override keep(block: Uint8Array): Uint8Array {
    return block;
  }

  override async read(_routingKey: Uint8Array, id: string): Promise<ReadResult> {
    return this.blocks.get(id) ?? 'missing';
  }
}

export interface SimulatedBlockStoreInit extends BlockStoreInit {
  readonly chkFormat: ChkFormat;
}

export class SimulatedBlockStore extends IndexedBlockStore<Uint8Array> {
  private readonly index: IndexBook;
  private readonly slots: SharedPersistence;

  constructor(init: SimulatedBlockStoreInit) {
    const slots = new SharedPersistence(init.chkFormat);
    const index = new IndexBook(resolveBlockStoreInit(init));
    super(slots, index, { warn: () => {} });
    this.index = index;
    this.slots = slots;
  }

  /** The partition holding `routingKey` now, if any: how the simulator tells a node that stored a block from one that cached it. */
  partitionOf(routingKey: Uint8Array): Partition | undefined {
    return this.index.get(this.slots.slotId(routingKey))?.partition;
  }
}

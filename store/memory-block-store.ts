/**
 * The in-memory `BlockStore` for unit tests and the simulator: the shared
 * `IndexedBlockStore` over a map of blocks. Deterministic (no clock, no
 * randomness), so a seeded simulation replays exactly.
 */
import { toHex } from '../protocol/bytes.js';
import { type BlockKind, type ChkFormat, STANDARD_CHK, verifyBlock } from '../protocol/keys/index.js';
import { type BlockStoreComponents, type BlockStoreInit, resolveBlockStoreInit, resolveLogger } from './config.js';
import { IndexBook } from './index-book.js';
import { type AdmittedBlock, type BlockPersistence, IndexedBlockStore, type ReadResult } from './indexed-block-store.js';
import type { CommitBatch } from './write-plan.js';

/** Blocks in a map, by routing key in hex. */
export class MemoryPersistence implements BlockPersistence<Uint8Array> {
  protected readonly blocks = new Map<string, Uint8Array>();

  /** `chkFormat`: the CHK block length blocks are verified against, STANDARD_CHK but in the simulator (spec/keys.md §3.6). */
  constructor(private readonly chkFormat: ChkFormat = STANDARD_CHK) {}

  slotId(routingKey: Uint8Array): string {
    return toHex(routingKey);
  }

  async admit(routingKey: Uint8Array, block: Uint8Array, verified?: BlockKind): Promise<AdmittedBlock<Uint8Array>> {
    const kind = verified ?? verifyBlock(routingKey, block, this.chkFormat);
    return { kind, id: this.slotId(routingKey), sealed: this.keep(block) };
  }

  /** What the map keeps of a verified block: a copy, so the caller may reuse its buffer. */
  protected keep(block: Uint8Array): Uint8Array {
    return Uint8Array.from(block);
  }

  async read(_routingKey: Uint8Array, id: string): Promise<ReadResult> {
    const block = this.blocks.get(id);
    return block === undefined ? 'missing' : Uint8Array.from(block);
  }

  async commit(batch: CommitBatch<Uint8Array>): Promise<void> {
    for (const { id } of batch.deletes) this.blocks.delete(id);
    for (const { record, sealed } of batch.blocks) this.blocks.set(record.id, sealed);
  }

  async close(): Promise<void> {
    this.blocks.clear();
  }
}

export class MemoryBlockStore extends IndexedBlockStore<Uint8Array> {
  constructor(components: BlockStoreComponents, init: BlockStoreInit) {
    super(new MemoryPersistence(), new IndexBook(resolveBlockStoreInit(init)), resolveLogger(components));
  }
}

/**
 * Fresh blocks for the bench scripts: random content, so no two runs or rounds share a block and
 * no cache along a path can answer for the node that stores them.
 */
import { randomBytes } from '../../protocol/crypto.js';
import { CHK_MAX_CONTENT_BYTES, encodeChk } from '../../protocol/keys/chk.js';
import type { BlockStore } from '../../store/block-store.js';

/** Stores `count` fresh 32 KiB CHK blocks in `store`'s store partition; their routing keys, in order. */
export async function storeFreshBlocks(store: BlockStore, count: number): Promise<Uint8Array[]> {
  const keys: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const { routingKey, block } = encodeChk(randomBytes(CHK_MAX_CONTENT_BYTES));
    await store.put(routingKey, block, { partition: 'store' });
    keys.push(routingKey);
  }
  return keys;
}

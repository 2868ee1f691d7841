/**
 * Blocks of every kind, as relays and stores see them: the format byte says
 * which kind a block is, and one call verifies any block against its routing key.
 * CHK blocks are checked against the standard length unless a simulated node
 * passes its `ChkFormat` (spec/keys.md §3.6).
 */
import { HASH_BYTES } from '../crypto.js';
import { InvalidBlockError } from '../errors.js';
import { CHK_BLOCK_BYTES, CHK_FORMAT, type ChkFormat, STANDARD_CHK, verifyChkBlock } from './chk.js';
import { SSK_BLOCK_BYTES, SSK_FORMAT, verifySskBlock } from './ssk.js';

export type BlockKind = 'chk' | 'ssk';

/** Every routing key is one hash long. */
export const ROUTING_KEY_BYTES = HASH_BYTES;

/** Largest block of any kind (32 KiB). */
export const MAX_BLOCK_BYTES = Math.max(CHK_BLOCK_BYTES, SSK_BLOCK_BYTES);

export function blockKind(block: Uint8Array): BlockKind {
  if (block[0] === CHK_FORMAT) return 'chk';
  if (block[0] === SSK_FORMAT) return 'ssk';
  throw new InvalidBlockError(block.length === 0 ? 'block is empty' : `unknown block format byte ${block[0]}`);
}

/** Throws `InvalidBlockError` unless `block` is a valid block stored under `routingKey`. */
export function verifyBlock(routingKey: Uint8Array, block: Uint8Array, chk: ChkFormat = STANDARD_CHK): BlockKind {
  const kind = blockKind(block);
  if (kind === 'chk') verifyChkBlock(routingKey, block, chk);
  else verifySskBlock(routingKey, block);
  return kind;
}

/** Whether `block` is a valid block stored under `routingKey`; never throws for bad input. */
export function isValidBlock(routingKey: Uint8Array, block: Uint8Array, chk: ChkFormat = STANDARD_CHK): boolean {
  try {
    verifyBlock(routingKey, block, chk);
    return true;
  } catch (error) {
    if (error instanceof InvalidBlockError) return false;
    throw error;
  }
}

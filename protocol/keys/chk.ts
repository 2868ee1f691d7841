/**
 * Content hash keys (spec/keys.md §3): one piece of content ↔ one 32 KiB block.
 *
 *   K (crypto key)  = H("warren/chk-key/v1", content)          convergent: same content, same key
 *   block           = 0x01 ‖ ChaCha20-Poly1305(K, nonce 0, frame, aad 0x01)
 *   R (routing key) = H("warren/chk-routing/v1", block)
 *
 * A relay verifies a block with R alone (one hash) and can never read it: K
 * lives only in the client's URI. The fixed nonce is safe because K is unique
 * to its content.
 */
import { AEAD_NONCE_BYTES, AEAD_TAG_BYTES, aeadDecrypt, aeadEncryptInto, equalBytes, hash, HASH_BYTES } from '../crypto.js';
import { DecryptionError, InvalidBlockError } from '../errors.js';
import { maxContentBytes, packFrame, unpackFrame } from './payload.js';

export const CHK_FORMAT = 0x01;
export const CHK_BLOCK_BYTES = 32 * 1024;
const FRAME_BYTES = CHK_BLOCK_BYTES - 1 - AEAD_TAG_BYTES;
/** Largest content one CHK block holds: 32 KiB minus format byte, length field and AEAD tag. */
export const CHK_MAX_CONTENT_BYTES = maxContentBytes(FRAME_BYTES);

const KEY_TAG = 'warren/chk-key/v1';
const ROUTING_TAG = 'warren/chk-routing/v1';
const NONCE = new Uint8Array(AEAD_NONCE_BYTES);
const ASSOCIATED_DATA = Uint8Array.of(CHK_FORMAT);

export interface ChkBlock {
  readonly block: Uint8Array;
  readonly routingKey: Uint8Array;
  readonly cryptoKey: Uint8Array;
}

export function encodeChk(content: Uint8Array): ChkBlock {
  const frame = packFrame(content, FRAME_BYTES);
  const cryptoKey = hash(KEY_TAG, content);
  const block = new Uint8Array(CHK_BLOCK_BYTES);
  block[0] = CHK_FORMAT;
  aeadEncryptInto(block.subarray(1), cryptoKey, NONCE, frame, ASSOCIATED_DATA);
  return { block, routingKey: hash(ROUTING_TAG, block), cryptoKey };
}

/** The routing key a CHK block is stored under; the block's layout is checked, not its contents. */
export function chkRoutingKey(block: Uint8Array): Uint8Array {
  if (block.length !== CHK_BLOCK_BYTES) {
    throw new InvalidBlockError(`CHK block must be ${CHK_BLOCK_BYTES} bytes, got ${block.length}`);
  }
  if (block[0] !== CHK_FORMAT) throw new InvalidBlockError(`not a CHK block (format byte ${block[0]})`);
  return hash(ROUTING_TAG, block);
}

/** Throws `InvalidBlockError` unless `block` is the CHK block for `routingKey`. Needs no decryption key. */
export function verifyChkBlock(routingKey: Uint8Array, block: Uint8Array): void {
  if (routingKey.length !== HASH_BYTES || !equalBytes(chkRoutingKey(block), routingKey)) {
    throw new InvalidBlockError('CHK block does not match its routing key');
  }
}

/**
 * Decrypts a CHK block that the caller has verified against its routing key.
 * A wrong key or altered bytes give `DecryptionError`, never content.
 */
export function decodeChk(block: Uint8Array, cryptoKey: Uint8Array): Uint8Array {
  if (block.length !== CHK_BLOCK_BYTES || block[0] !== CHK_FORMAT) {
    throw new InvalidBlockError(`not a ${CHK_BLOCK_BYTES}-byte CHK block`);
  }
  if (cryptoKey.length !== HASH_BYTES) throw new DecryptionError(`CHK crypto key must be ${HASH_BYTES} bytes`);
  const frame = aeadDecrypt(cryptoKey, NONCE, block.subarray(1), ASSOCIATED_DATA);
  return unpackFrame(frame);
}

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
 *
 * `ChkFormat` is the block length. The network has one, `STANDARD_CHK`; the simulator may
 * build smaller blocks by the same construction (`simulationChkFormat`, spec/keys.md §3.6),
 * which a node accepts only when it is given that format, as simulated nodes are.
 */
import { AEAD_NONCE_BYTES, AEAD_TAG_BYTES, aeadDecrypt, aeadEncryptInto, equalBytes, hash, HASH_BYTES } from '../crypto.js';
import { DecryptionError, InvalidBlockError } from '../errors.js';
import { maxContentBytes, packFrame, unpackFrame } from './payload.js';

export const CHK_FORMAT = 0x01;
export const CHK_BLOCK_BYTES = 32 * 1024;
/** Bytes of a CHK block around its frame: the format byte and the AEAD tag. */
const OVERHEAD_BYTES = 1 + AEAD_TAG_BYTES;
/** Smallest simulation block: room for 45 bytes of content. */
export const MIN_SIMULATION_CHK_BLOCK_BYTES = 64;

/** The length of CHK blocks, and what follows from it. */
export interface ChkFormat {
  readonly blockBytes: number;
  readonly frameBytes: number;
  /** Largest content one block holds: the block minus format byte, length field and AEAD tag. */
  readonly maxContentBytes: number;
  /**
   * Simulation only (spec/keys.md §3.6): the blocks this format verified, by object, with the routing key
   * each matched, so that a block shared by reference between simulated nodes is hashed once, not at
   * every relay. Sound only where a block is never changed once made, as in the simulator; the network's
   * format has none.
   */
  readonly verified?: WeakMap<Uint8Array, Uint8Array>;
}

function chkFormatOf(blockBytes: number): ChkFormat {
  const frameBytes = blockBytes - OVERHEAD_BYTES;
  return { blockBytes, frameBytes, maxContentBytes: maxContentBytes(frameBytes) };
}

/** The network's CHK blocks: 32 KiB. The only format a daemon accepts. */
export const STANDARD_CHK: ChkFormat = chkFormatOf(CHK_BLOCK_BYTES);
/** Largest content one CHK block holds: 32 KiB minus format byte, length field and AEAD tag. */
export const CHK_MAX_CONTENT_BYTES = STANDARD_CHK.maxContentBytes;

/**
 * Simulation only (spec/keys.md §3.6): CHK blocks of `blockBytes` instead of 32 KiB, built and
 * verified exactly as the standard ones, so the simulator runs the production code paths with
 * less hashing and memory. A block of one length never verifies under the other.
 */
export function simulationChkFormat(blockBytes: number): ChkFormat {
  if (!Number.isSafeInteger(blockBytes) || blockBytes < MIN_SIMULATION_CHK_BLOCK_BYTES || blockBytes > CHK_BLOCK_BYTES) {
    throw new RangeError(`a simulation CHK block must be ${MIN_SIMULATION_CHK_BLOCK_BYTES}..${CHK_BLOCK_BYTES} bytes, got ${blockBytes}`);
  }
  return blockBytes === CHK_BLOCK_BYTES ? STANDARD_CHK : chkFormatOf(blockBytes);
}

/**
 * Simulation only: `format` remembering the blocks it verifies (`ChkFormat.verified`), for a simulated
 * network whose blocks are immutable once made. It accepts exactly the blocks `format` accepts.
 */
export function rememberingChkFormat(format: ChkFormat): ChkFormat {
  return { blockBytes: format.blockBytes, frameBytes: format.frameBytes, maxContentBytes: format.maxContentBytes, verified: new WeakMap() };
}

const KEY_TAG = 'warren/chk-key/v1';
const ROUTING_TAG = 'warren/chk-routing/v1';
const NONCE = new Uint8Array(AEAD_NONCE_BYTES);
const ASSOCIATED_DATA = Uint8Array.of(CHK_FORMAT);

export interface ChkBlock {
  readonly block: Uint8Array;
  readonly routingKey: Uint8Array;
  readonly cryptoKey: Uint8Array;
}

/** The plaintext frame encodeChk reuses: encrypted into the block at once, so never seen outside a call. */
let scratchFrame = new Uint8Array(0);

export function encodeChk(content: Uint8Array, format: ChkFormat = STANDARD_CHK): ChkBlock {
  if (scratchFrame.length !== format.frameBytes) scratchFrame = new Uint8Array(format.frameBytes);
  const frame = packFrame(content, format.frameBytes, scratchFrame);
  const cryptoKey = hash(KEY_TAG, content);
  const block = new Uint8Array(format.blockBytes);
  block[0] = CHK_FORMAT;
  aeadEncryptInto(block.subarray(1), cryptoKey, NONCE, frame, ASSOCIATED_DATA);
  return { block, routingKey: hash(ROUTING_TAG, block), cryptoKey };
}

/** The routing key a CHK block is stored under; the block's layout is checked, not its contents. */
export function chkRoutingKey(block: Uint8Array, format: ChkFormat = STANDARD_CHK): Uint8Array {
  if (block.length !== format.blockBytes) {
    throw new InvalidBlockError(`CHK block must be ${format.blockBytes} bytes, got ${block.length}`);
  }
  if (block[0] !== CHK_FORMAT) throw new InvalidBlockError(`not a CHK block (format byte ${block[0]})`);
  return hash(ROUTING_TAG, block);
}

/** Throws `InvalidBlockError` unless `block` is the CHK block for `routingKey`. Needs no decryption key. */
export function verifyChkBlock(routingKey: Uint8Array, block: Uint8Array, format: ChkFormat = STANDARD_CHK): void {
  const matched = format.verified?.get(block);
  if (matched !== undefined && equalBytes(matched, routingKey)) return;
  if (routingKey.length !== HASH_BYTES || !equalBytes(chkRoutingKey(block, format), routingKey)) {
    throw new InvalidBlockError('CHK block does not match its routing key');
  }
  format.verified?.set(block, routingKey);
}

/**
 * Decrypts a CHK block that the caller has verified against its routing key.
 * A wrong key or altered bytes give `DecryptionError`, never content.
 */
export function decodeChk(block: Uint8Array, cryptoKey: Uint8Array, format: ChkFormat = STANDARD_CHK): Uint8Array {
  if (block.length !== format.blockBytes || block[0] !== CHK_FORMAT) {
    throw new InvalidBlockError(`not a ${format.blockBytes}-byte CHK block`);
  }
  if (cryptoKey.length !== HASH_BYTES) throw new DecryptionError(`CHK crypto key must be ${HASH_BYTES} bytes`);
  const frame = aeadDecrypt(cryptoKey, NONCE, block.subarray(1), ASSOCIATED_DATA);
  return unpackFrame(frame);
}

/**
 * The numbers two nodes must agree on for wire version 1 (spec/wire.md §1). Every limit is
 * checked by both the encoder (so we never send what a peer must refuse) and the decoder.
 */
import { ED25519_PUBLIC_KEY_BYTES } from '../crypto.js';

export { POW_NONCE_BYTES } from '../identity-proof.js';
export { MAX_BLOCK_BYTES, ROUTING_KEY_BYTES } from '../keys/block.js';

/** The only wire version this code speaks; carried in every envelope. */
export const WIRE_VERSION = 1;

/** Largest hops-to-live a request, insert or announcement may carry. */
export const MAX_HTL = 18;

/** Exact length of a node's Ed25519 public key. */
export const NODE_PUBLIC_KEY_BYTES = ED25519_PUBLIC_KEY_BYTES;

/** Most addresses a NodeRef may list. */
export const MAX_ADDRESSES = 8;

/** Longest address string (printable ASCII, so characters and bytes agree). */
export const MAX_ADDRESS_LENGTH = 256;

/**
 * Largest payload a frame may declare: one envelope. 36 KiB leaves room for a full block plus
 * the envelope around it (the largest valid envelope, an InsertReply carrying a full block, is 32 789 bytes).
 */
export const MAX_FRAME_BYTES = 36864;

/** Exact length of a swap commitment and of a swap nonce (spec/routing.md §11.2). */
export const SWAP_COMMITMENT_BYTES = 32;
export const SWAP_NONCE_BYTES = 32;

/** Most link locations a SwapReveal may carry. */
export const MAX_SWAP_NEIGHBOURS = 128;

/** Longest swap walk: a SwapRequest's hops are 1..MAX_SWAP_WALK_HOPS. */
export const MAX_SWAP_WALK_HOPS = 10;

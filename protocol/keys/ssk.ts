/**
 * Signed subspace keys (spec/keys.md §4): a publisher's namespace of small signed blocks.
 *
 *   seed s (secret, 32 B) ──Ed25519──> public key P
 *   symmetric key S = H("warren/ssk-symmetric/v1", s)
 *   Eh = keyed-H(S, "warren/ssk-docname/v1", name)     hides the name from relays
 *   R  = H("warren/ssk-routing/v1", P ‖ Eh)
 *   Kd = keyed-H(S, "warren/ssk-data/v1", name),  nonce = keyed-H(Kd, "warren/ssk-nonce/v1", frame)[0..12]
 *
 *   block = 0x02 ‖ P ‖ Eh ‖ nonce ‖ AEAD(Kd, nonce, frame, aad = header) ‖ Ed25519(s, tag ‖ everything before)
 *
 * A relay verifies from the block alone: R = H(P ‖ Eh) and the signature under P.
 * Reading needs S and the name (the request URI); signing needs s (the insert URI).
 */
import {
  AEAD_NONCE_BYTES,
  AEAD_TAG_BYTES,
  aeadDecrypt,
  aeadEncryptInto,
  ED25519_PUBLIC_KEY_BYTES,
  ED25519_SIGNATURE_BYTES,
  equalBytes,
  hash,
  HASH_BYTES,
  keyedHash,
  sign,
  type SigningKeyPair,
  signingKeyPairFromSeed,
  verifySignature,
} from '../crypto.js';
import { InvalidBlockError } from '../errors.js';
import { maxContentBytes, packFrame, unpackFrame } from './payload.js';
import { encodeDocName } from './names.js';

export const SSK_FORMAT = 0x02;
const FRAME_BYTES = 1026;
/** Largest content one SSK block holds. */
export const SSK_MAX_CONTENT_BYTES = maxContentBytes(FRAME_BYTES);

const PUBLIC_KEY_OFFSET = 1;
const DOCNAME_OFFSET = PUBLIC_KEY_OFFSET + ED25519_PUBLIC_KEY_BYTES;
const NONCE_OFFSET = DOCNAME_OFFSET + HASH_BYTES;
const CIPHERTEXT_OFFSET = NONCE_OFFSET + AEAD_NONCE_BYTES;
const SIGNATURE_OFFSET = CIPHERTEXT_OFFSET + FRAME_BYTES + AEAD_TAG_BYTES;
export const SSK_BLOCK_BYTES = SIGNATURE_OFFSET + ED25519_SIGNATURE_BYTES;

const SYMMETRIC_TAG = 'warren/ssk-symmetric/v1';
const DOCNAME_TAG = 'warren/ssk-docname/v1';
const ROUTING_TAG = 'warren/ssk-routing/v1';
const DATA_KEY_TAG = 'warren/ssk-data/v1';
const NONCE_TAG = 'warren/ssk-nonce/v1';
const SIGNATURE_TAG = 'warren/ssk-signature/v1';
const SIGNATURE_PREFIX = new TextEncoder().encode(SIGNATURE_TAG);

/** What a reader needs: the publisher's public key and the namespace's symmetric key. */
export interface SskReadKeys {
  readonly publicKey: Uint8Array;
  readonly symmetricKey: Uint8Array;
}

/** What a publisher holds: the reader's keys plus the signing key pair. */
export interface SskWriteKeys extends SskReadKeys {
  readonly signing: SigningKeyPair;
}

export function sskWriteKeysFromSeed(seed: Uint8Array): SskWriteKeys {
  const signing = signingKeyPairFromSeed(seed);
  return { signing, publicKey: signing.publicKey, symmetricKey: hash(SYMMETRIC_TAG, seed) };
}

function encryptedDocName(symmetricKey: Uint8Array, name: string): Uint8Array {
  return keyedHash(symmetricKey, DOCNAME_TAG, encodeDocName(name));
}

function routingKeyOf(publicKey: Uint8Array, docNameHash: Uint8Array): Uint8Array {
  return hash(ROUTING_TAG, publicKey, docNameHash);
}

export function sskRoutingKey(keys: SskReadKeys, name: string): Uint8Array {
  return routingKeyOf(keys.publicKey, encryptedDocName(keys.symmetricKey, name));
}

function signedMessage(block: Uint8Array): Uint8Array {
  const message = new Uint8Array(1 + SIGNATURE_PREFIX.length + SIGNATURE_OFFSET);
  message[0] = SIGNATURE_PREFIX.length;
  message.set(SIGNATURE_PREFIX, 1);
  message.set(block.subarray(0, SIGNATURE_OFFSET), 1 + SIGNATURE_PREFIX.length);
  return message;
}

export interface SskBlock {
  readonly block: Uint8Array;
  readonly routingKey: Uint8Array;
}

/** Encrypts and signs `content` as document `name` of the publisher's namespace. */
export function encodeSsk(keys: SskWriteKeys, name: string, content: Uint8Array): SskBlock {
  const frame = packFrame(content, FRAME_BYTES);
  const docNameHash = encryptedDocName(keys.symmetricKey, name);
  const dataKey = keyedHash(keys.symmetricKey, DATA_KEY_TAG, encodeDocName(name));
  const nonce = keyedHash(dataKey, NONCE_TAG, frame).subarray(0, AEAD_NONCE_BYTES);
  const block = new Uint8Array(SSK_BLOCK_BYTES);
  block[0] = SSK_FORMAT;
  block.set(keys.publicKey, PUBLIC_KEY_OFFSET);
  block.set(docNameHash, DOCNAME_OFFSET);
  block.set(nonce, NONCE_OFFSET);
  aeadEncryptInto(block.subarray(CIPHERTEXT_OFFSET, SIGNATURE_OFFSET), dataKey, nonce, frame, block.subarray(0, CIPHERTEXT_OFFSET));
  block.set(sign(signedMessage(block), keys.signing), SIGNATURE_OFFSET);
  return { block, routingKey: routingKeyOf(keys.publicKey, docNameHash) };
}

/** The routing key a signed SSK block belongs to; throws `InvalidBlockError` for a bad layout or signature. */
export function sskRoutingKeyOfBlock(block: Uint8Array): Uint8Array {
  if (block.length !== SSK_BLOCK_BYTES) {
    throw new InvalidBlockError(`SSK block must be ${SSK_BLOCK_BYTES} bytes, got ${block.length}`);
  }
  if (block[0] !== SSK_FORMAT) throw new InvalidBlockError(`not an SSK block (format byte ${block[0]})`);
  const publicKey = block.subarray(PUBLIC_KEY_OFFSET, DOCNAME_OFFSET);
  if (!verifySignature(block.subarray(SIGNATURE_OFFSET), signedMessage(block), publicKey)) {
    throw new InvalidBlockError('SSK block signature does not verify under the public key it carries');
  }
  return routingKeyOf(publicKey, block.subarray(DOCNAME_OFFSET, NONCE_OFFSET));
}

/** Throws `InvalidBlockError` unless `block` is a validly signed SSK block for `routingKey`. */
export function verifySskBlock(routingKey: Uint8Array, block: Uint8Array): void {
  if (routingKey.length !== HASH_BYTES || !equalBytes(sskRoutingKeyOfBlock(block), routingKey)) {
    throw new InvalidBlockError('SSK block does not match its routing key');
  }
}

/**
 * Verifies and decrypts document `name` of the namespace `keys`. A block from another
 * publisher or for another document gives `InvalidBlockError`; a wrong symmetric key
 * gives `DecryptionError`.
 */
export function decodeSsk(block: Uint8Array, keys: SskReadKeys, name: string): Uint8Array {
  verifySskBlock(sskRoutingKey(keys, name), block);
  const dataKey = keyedHash(keys.symmetricKey, DATA_KEY_TAG, encodeDocName(name));
  const frame = aeadDecrypt(
    dataKey,
    block.subarray(NONCE_OFFSET, CIPHERTEXT_OFFSET),
    block.subarray(CIPHERTEXT_OFFSET, SIGNATURE_OFFSET),
    block.subarray(0, CIPHERTEXT_OFFSET),
  );
  return unpackFrame(frame);
}

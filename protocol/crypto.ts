/**
 * The one facade over the crypto libraries. Nothing else in Warren imports
 * `sodium-native` or `libsodium-wrappers`, or calls `node:crypto` randomness directly.
 *
 * - BLAKE2b-256 from libsodium, always domain-separated (see spec/keys.md §2):
 *   H(tag, m) = BLAKE2b-256(u8(len(tag)) ‖ tag ‖ m), optionally keyed. Short inputs go
 *   to the WebAssembly build (`libsodium-wrappers`), long ones and streams to the native
 *   one (`sodium-native`).
 * - ChaCha20-Poly1305 (IETF, 96-bit nonce, 128-bit tag) from libsodium (native), for bulk
 *   data: it writes into the caller's buffer and opens in place, so a 32 KiB block costs
 *   no allocation.
 * - Ed25519 signatures and X25519 key agreement from libsodium (`libsodium-wrappers`).
 * - Random bytes from node:crypto.
 * - The libp2p form of a signing key (`libp2pIdentity`), which the Noise handshake library
 *   (node/net/libp2p.ts, the one crypto library used outside this facade) takes as its static key.
 *   libp2p's key modules are loaded when it is first asked for: only a node's links need them, and
 *   loading them would cost every other user of this facade (a command, a worker thread) about 0.1 CPU-s.
 */
import { randomBytes as nodeRandomBytes, randomFillSync } from 'node:crypto';
import type { PeerId as Libp2pPeerId, PrivateKey as Libp2pPrivateKey } from '@libp2p/interface';
import sodium from 'libsodium-wrappers';
import native from 'sodium-native';
import { compareBytes } from './bytes.js';
import { DecryptionError } from './errors.js';

await sodium.ready;

export const HASH_BYTES = 32;
export const AEAD_KEY_BYTES = 32;
export const AEAD_NONCE_BYTES = 12;
export const AEAD_TAG_BYTES = 16;
export const ED25519_SEED_BYTES = 32;
export const ED25519_PUBLIC_KEY_BYTES = 32;
export const ED25519_SIGNATURE_BYTES = 64;
export const X25519_KEY_BYTES = 32;
/** Longest key BLAKE2b accepts. */
export const HASH_KEY_MAX_BYTES = 64;

const textEncoder = new TextEncoder();
const tagPrefixes = new Map<string, Uint8Array>();

/** u8(len(tag)) ‖ UTF-8(tag), memoised: tags are a small fixed set of constants. */
function tagPrefix(tag: string): Uint8Array {
  let prefix = tagPrefixes.get(tag);
  if (prefix === undefined) {
    const bytes = textEncoder.encode(tag);
    if (bytes.length === 0 || bytes.length > 255) throw new RangeError(`hash tag must be 1..255 bytes: ${tag}`);
    prefix = new Uint8Array(1 + bytes.length);
    prefix[0] = bytes.length;
    prefix.set(bytes, 1);
    tagPrefixes.set(tag, prefix);
  }
  return prefix;
}

/**
 * Inputs up to this size are hashed by libsodium's WebAssembly build in one call (copied
 * into one buffer): for a few bytes that costs less than a call into native code. Larger
 * inputs go to the native build, which reads them in place.
 */
const ONE_CALL_MAX_BYTES = 1024;

function blake2b(tag: string, key: Uint8Array | null, parts: readonly Uint8Array[], digest?: Uint8Array): Uint8Array {
  const prefix = tagPrefix(tag);
  let length = prefix.length;
  for (const part of parts) length += part.length;
  if (length <= ONE_CALL_MAX_BYTES) {
    const input = new Uint8Array(length);
    input.set(prefix);
    let offset = prefix.length;
    for (const part of parts) {
      input.set(part, offset);
      offset += part.length;
    }
    const hashed = sodium.crypto_generichash(HASH_BYTES, input, key);
    if (digest === undefined) return hashed;
    digest.set(hashed);
    return digest;
  }
  const out = digest ?? new Uint8Array(HASH_BYTES);
  native.crypto_generichash_batch(out, [prefix, ...parts], key ?? undefined);
  return out;
}

/** Domain-separated BLAKE2b-256 of the concatenation of `parts`. */
export function hash(tag: string, ...parts: Uint8Array[]): Uint8Array {
  return blake2b(tag, null, parts);
}

/** An incremental `hash(tag, …)`: `update` with the parts in order, then `digest` once. */
export interface Hasher {
  update(part: Uint8Array): void;
  digest(): Uint8Array;
  /** `hash(tag, …)` of the parts given so far; the hasher goes on taking parts (a resumable download records it). */
  digestSoFar(): Uint8Array;
}

/** Domain-separated BLAKE2b-256 over data that arrives in pieces; equals `hash(tag, ...pieces)`. */
export function createHasher(tag: string): Hasher {
  const state = new Uint8Array(native.crypto_generichash_STATEBYTES);
  native.crypto_generichash_init(state, null, HASH_BYTES);
  native.crypto_generichash_update(state, tagPrefix(tag));
  const finish = (from: Uint8Array): Uint8Array => {
    const digest = new Uint8Array(HASH_BYTES);
    native.crypto_generichash_final(from, digest);
    return digest;
  };
  return {
    update: (part) => native.crypto_generichash_update(state, part),
    digest: () => finish(state),
    // BLAKE2b's state is plain bytes: a copy finishes on its own.
    digestSoFar: () => finish(state.slice()),
  };
}

function checkHashKey(key: Uint8Array): void {
  if (key.length < 16 || key.length > HASH_KEY_MAX_BYTES) throw new RangeError('hash key must be 16..64 bytes');
}

/** Domain-separated keyed BLAKE2b-256 (a PRF under `key`, 16..64 bytes). */
export function keyedHash(key: Uint8Array, tag: string, ...parts: Uint8Array[]): Uint8Array {
  checkHashKey(key);
  return blake2b(tag, key, parts);
}

/**
 * `keyedHash` written into `out` (32 bytes), for hot paths that reuse one buffer: a
 * fresh small Uint8Array lives in the JS heap, and handing it to native code (as an
 * AEAD key, say) moves it out at the cost of a new ArrayBuffer each time.
 */
export function keyedHashInto(out: Uint8Array, key: Uint8Array, tag: string, ...parts: Uint8Array[]): Uint8Array {
  checkHashKey(key);
  if (out.length !== HASH_BYTES) throw new RangeError(`a hash is ${HASH_BYTES} bytes`);
  return blake2b(tag, key, parts, out);
}

function checkAeadParams(key: Uint8Array, nonce: Uint8Array): void {
  if (key.length !== AEAD_KEY_BYTES) throw new RangeError(`AEAD key must be ${AEAD_KEY_BYTES} bytes`);
  if (nonce.length !== AEAD_NONCE_BYTES) throw new RangeError(`AEAD nonce must be ${AEAD_NONCE_BYTES} bytes`);
}

/**
 * ChaCha20-Poly1305 (IETF) encryption into `out` (length = plaintext + 16).
 * Writing into a caller's buffer lets block encoders avoid a copy.
 */
export function aeadEncryptInto(out: Uint8Array, key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, associatedData: Uint8Array): void {
  checkAeadParams(key, nonce);
  if (out.length !== plaintext.length + AEAD_TAG_BYTES) throw new RangeError('AEAD output has the wrong length');
  native.crypto_aead_chacha20poly1305_ietf_encrypt(out, plaintext, associatedData, null, nonce, key);
}

export function aeadEncrypt(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, associatedData: Uint8Array): Uint8Array {
  const out = new Uint8Array(plaintext.length + AEAD_TAG_BYTES);
  aeadEncryptInto(out, key, nonce, plaintext, associatedData);
  return out;
}

/**
 * ChaCha20-Poly1305 (IETF) decryption into `out` (length = ciphertext − 16), which may
 * start at the same byte as `ciphertext` (in place). A wrong key or altered bytes throw
 * `DecryptionError`, and `out` is then zeroed.
 */
export function aeadDecryptInto(out: Uint8Array, key: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array, associatedData: Uint8Array): void {
  checkAeadParams(key, nonce);
  if (ciphertext.length < AEAD_TAG_BYTES) throw new DecryptionError('ciphertext is shorter than its tag');
  if (out.length !== ciphertext.length - AEAD_TAG_BYTES) throw new RangeError('AEAD output has the wrong length');
  try {
    native.crypto_aead_chacha20poly1305_ietf_decrypt(out, null, ciphertext, associatedData, nonce, key);
  } catch (cause) {
    throw new DecryptionError('authentication failed: wrong key or altered ciphertext', { cause });
  }
}

/**
 * ChaCha20-Poly1305 (IETF) decryption of `ciphertext` in place, its tag given apart (a message that
 * arrived in pieces, gathered without it). A wrong key or altered bytes throw `DecryptionError`,
 * and `ciphertext` is then zeroed.
 */
export function aeadDecryptInPlace(key: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array, associatedData: Uint8Array): void {
  checkAeadParams(key, nonce);
  if (tag.length !== AEAD_TAG_BYTES) throw new RangeError(`AEAD tag must be ${AEAD_TAG_BYTES} bytes`);
  try {
    native.crypto_aead_chacha20poly1305_ietf_decrypt_detached(ciphertext, null, ciphertext, tag, associatedData, nonce, key);
  } catch (cause) {
    throw new DecryptionError('authentication failed: wrong key or altered ciphertext', { cause });
  }
}

/** ChaCha20-Poly1305 (IETF) decryption; a wrong key or altered bytes throw `DecryptionError`. */
export function aeadDecrypt(key: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array, associatedData: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.max(0, ciphertext.length - AEAD_TAG_BYTES));
  aeadDecryptInto(out, key, nonce, ciphertext, associatedData);
  return out;
}

export interface SigningKeyPair {
  /** The 32-byte seed: the whole secret. */
  readonly seed: Uint8Array;
  readonly publicKey: Uint8Array;
  /** libsodium's 64-byte expanded secret key (seed ‖ public key). */
  readonly secretKey: Uint8Array;
}

export function signingKeyPairFromSeed(seed: Uint8Array): SigningKeyPair {
  if (seed.length !== ED25519_SEED_BYTES) throw new RangeError(`Ed25519 seed must be ${ED25519_SEED_BYTES} bytes`);
  const pair = sodium.crypto_sign_seed_keypair(seed);
  return { seed: Uint8Array.from(seed), publicKey: pair.publicKey, secretKey: pair.privateKey };
}

/**
 * A signing key pair as libp2p keys: libsodium's 64-byte secret key is seed ‖ public key,
 * which is libp2p's raw Ed25519 private key; the PeerId is derived from it.
 */
export async function libp2pIdentity(keyPair: SigningKeyPair): Promise<{ privateKey: Libp2pPrivateKey; peerId: Libp2pPeerId }> {
  const [{ privateKeyFromRaw }, { peerIdFromPrivateKey }] = await Promise.all([import('@libp2p/crypto/keys'), import('@libp2p/peer-id')]);
  const privateKey = privateKeyFromRaw(keyPair.secretKey);
  return { privateKey, peerId: peerIdFromPrivateKey(privateKey) };
}

export function generateSigningKeyPair(): SigningKeyPair {
  return signingKeyPairFromSeed(randomBytes(ED25519_SEED_BYTES));
}

/** Ed25519 detached signature (deterministic, RFC 8032). */
export function sign(message: Uint8Array, keyPair: SigningKeyPair): Uint8Array {
  return sodium.crypto_sign_detached(message, keyPair.secretKey);
}

/** Ed25519 verification; false for any malformed key or signature, never a throw. */
export function verifySignature(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== ED25519_SIGNATURE_BYTES || publicKey.length !== ED25519_PUBLIC_KEY_BYTES) return false;
  try {
    return sodium.crypto_sign_verify_detached(signature, message, publicKey);
  } catch {
    return false;
  }
}

export interface AgreementKeyPair {
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
}

export function generateAgreementKeyPair(): AgreementKeyPair {
  const secretKey = randomBytes(X25519_KEY_BYTES);
  return { publicKey: sodium.crypto_scalarmult_base(secretKey), secretKey };
}

/**
 * X25519 shared secret, hashed with both public keys so it is uniform and bound to
 * the exchange. Throws `RangeError` for a low-order public key.
 */
export function agreeSharedKey(tag: string, own: AgreementKeyPair, theirPublicKey: Uint8Array): Uint8Array {
  if (theirPublicKey.length !== X25519_KEY_BYTES) throw new RangeError(`X25519 public key must be ${X25519_KEY_BYTES} bytes`);
  let shared: Uint8Array;
  try {
    shared = sodium.crypto_scalarmult(own.secretKey, theirPublicKey);
  } catch (cause) {
    throw new RangeError('X25519 public key is of low order', { cause });
  }
  const [first, second] = compareBytes(own.publicKey, theirPublicKey) <= 0 ? [own.publicKey, theirPublicKey] : [theirPublicKey, own.publicKey];
  return hash(tag, shared, first, second);
}

/** Fills `bytes` with random bytes, in place. */
export function randomFill(bytes: Uint8Array): void {
  randomFillSync(bytes);
}

export function randomBytes(length: number): Uint8Array {
  const bytes = nodeRandomBytes(length);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** Constant-time equality for secrets and MACs of equal, public length. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  // The same bytes (a simulator shares blocks by reference): equal, and the answer says nothing of their content.
  if (a === b) return true;
  return sodium.memcmp(a, b);
}

/**
 * Deniability at rest (spec/store.md §3): what a RocksDB store writes for a
 * routing key R, under the store's random 32-byte salt.
 *
 *   diskKey = KH(salt, "warren/store-key/v1", R)            names the slot on disk
 *   K       = KH(salt, "warren/store-value/v1", R)          encrypts the block
 *   value   = nonce (12 random bytes) ‖ ChaCha20-Poly1305(K, nonce, block, aad = diskKey)
 *
 * Whoever holds the disk sees disk keys and ciphertexts only: listing them gives
 * no routing key, and opening a value needs R. Binding the disk key as associated
 * data means a value moved to another slot fails to open.
 */
import {
  AEAD_NONCE_BYTES,
  AEAD_TAG_BYTES,
  aeadDecryptInto,
  aeadEncryptInto,
  HASH_BYTES,
  keyedHash,
  keyedHashInto,
  randomBytes,
  randomFill,
} from '../protocol/crypto.js';
import { DecryptionError } from '../protocol/errors.js';

export const SALT_BYTES = 32;
/** Bytes a sealed value adds to its block. */
export const SEAL_OVERHEAD_BYTES = AEAD_NONCE_BYTES + AEAD_TAG_BYTES;

const DISK_KEY_TAG = 'warren/store-key/v1';
const VALUE_KEY_TAG = 'warren/store-value/v1';

/** A 32-byte buffer outside the JS heap, reused for keys that live only during one call. */
function scratchKey(): Uint8Array {
  return new Uint8Array(new ArrayBuffer(HASH_BYTES));
}

export class AtRestCipher {
  private readonly diskKeyScratch = scratchKey();
  private readonly valueKeyScratch = scratchKey();

  constructor(private readonly salt: Uint8Array) {
    if (salt.length !== SALT_BYTES) throw new RangeError(`a store salt is ${SALT_BYTES} bytes`);
  }

  static withNewSalt(): AtRestCipher {
    return new AtRestCipher(randomBytes(SALT_BYTES));
  }

  get saltBytes(): Uint8Array {
    return this.salt;
  }

  diskKey(routingKey: Uint8Array): Uint8Array {
    return keyedHash(this.salt, DISK_KEY_TAG, routingKey);
  }

  /** `diskKey(routingKey)` in a buffer the next call reuses (read it at once): hot paths allocate nothing. */
  transientDiskKey(routingKey: Uint8Array): Uint8Array {
    return keyedHashInto(this.diskKeyScratch, this.salt, DISK_KEY_TAG, routingKey);
  }

  /** The sealed value of `block`, written into `into` when it has the right length (to reuse buffers). */
  seal(routingKey: Uint8Array, diskKey: Uint8Array, block: Uint8Array, into?: Uint8Array): Uint8Array {
    const length = SEAL_OVERHEAD_BYTES + block.length;
    const value = into?.length === length ? into : new Uint8Array(length);
    const nonce = value.subarray(0, AEAD_NONCE_BYTES);
    randomFill(nonce);
    aeadEncryptInto(value.subarray(AEAD_NONCE_BYTES), this.valueKey(routingKey), nonce, block, diskKey);
    return value;
  }

  /**
   * The block sealed in `value`, or undefined if it does not open (altered, or not this
   * slot's). Opens in place: the block returned is a view into `value`, whose bytes are
   * overwritten either way (a read buffer is opened without a copy).
   */
  open(routingKey: Uint8Array, diskKey: Uint8Array, value: Uint8Array): Uint8Array | undefined {
    if (value.length < SEAL_OVERHEAD_BYTES) return undefined;
    const block = new Uint8Array(value.buffer, value.byteOffset + AEAD_NONCE_BYTES, value.length - SEAL_OVERHEAD_BYTES);
    try {
      aeadDecryptInto(block, this.valueKey(routingKey), value.subarray(0, AEAD_NONCE_BYTES), value.subarray(AEAD_NONCE_BYTES), diskKey);
      return block;
    } catch (error) {
      if (error instanceof DecryptionError) return undefined;
      throw error;
    }
  }

  /** The value key of `routingKey`, in a buffer reused by the next call. */
  private valueKey(routingKey: Uint8Array): Uint8Array {
    return keyedHashInto(this.valueKeyScratch, this.salt, VALUE_KEY_TAG, routingKey);
  }
}

/** The part of `sodium-native` (a CommonJS package without types) that Warren uses, through protocol/crypto.ts only. */
declare module 'sodium-native' {
  const sodium: {
    readonly crypto_generichash_STATEBYTES: number;
    crypto_generichash_batch(output: Uint8Array, parts: readonly Uint8Array[], key?: Uint8Array): void;
    crypto_generichash_init(state: Uint8Array, key: Uint8Array | null, outputLength: number): void;
    crypto_generichash_update(state: Uint8Array, input: Uint8Array): void;
    crypto_generichash_final(state: Uint8Array, output: Uint8Array): void;
    /** Returns the bytes written into `ciphertext` (message + 16). */
    crypto_aead_chacha20poly1305_ietf_encrypt(
      ciphertext: Uint8Array,
      message: Uint8Array,
      associatedData: Uint8Array | null,
      nsec: null,
      nonce: Uint8Array,
      key: Uint8Array,
    ): number;
    /** Throws when authentication fails. `message` may be `ciphertext` itself (in place). */
    crypto_aead_chacha20poly1305_ietf_decrypt_detached(
      message: Uint8Array,
      nsec: null,
      ciphertext: Uint8Array,
      tag: Uint8Array,
      associatedData: Uint8Array | null,
      nonce: Uint8Array,
      key: Uint8Array,
    ): void;
    /** Throws when authentication fails. `message` may start at the same byte as `ciphertext`. */
    crypto_aead_chacha20poly1305_ietf_decrypt(
      message: Uint8Array,
      nsec: null,
      ciphertext: Uint8Array,
      associatedData: Uint8Array | null,
      nonce: Uint8Array,
      key: Uint8Array,
    ): number;
  };
  export = sodium;
}

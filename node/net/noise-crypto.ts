/**
 * The crypto the Noise library runs a link's transport messages through (spec/wire.md §10.2):
 * ChaCha20-Poly1305 (IETF) in one call of the crypto facade's native AEAD per message, with the
 * key and nonce the library keeps for the link, instead of a cipher object made for every message.
 *
 *   encrypt   plaintext (one buffer, or segments gathered into the output and sealed in place)
 *             → ciphertext ‖ tag, one allocation
 *   decrypt   opened in place, into the `dst` the library hands over (the ciphertext's own bytes,
 *             or, for a message that arrived in pieces, the library's gathered copy of them)
 *
 * The handshake's parts (X25519, SHA-256, HKDF) stay the library's defaults: they run once a link.
 */
import type { ICryptoInterface } from '@chainsafe/libp2p-noise';
import { defaultCrypto } from '@chainsafe/libp2p-noise/crypto';
import { AEAD_TAG_BYTES, aeadDecryptInPlace, aeadDecryptInto, aeadEncryptInto } from '../../protocol/crypto.js';

/** A buffer, or the list of buffers the library may hand over. */
type Bytes = Parameters<ICryptoInterface['chaCha20Poly1305Decrypt']>[0];

function contiguous(bytes: Bytes): Uint8Array {
  return bytes instanceof Uint8Array ? bytes : bytes.subarray();
}

export const noiseCrypto: ICryptoInterface = {
  ...defaultCrypto,
  chaCha20Poly1305Encrypt(plaintext, nonce, ad, key) {
    const sealed = new Uint8Array(plaintext.byteLength + AEAD_TAG_BYTES);
    if (plaintext instanceof Uint8Array) {
      aeadEncryptInto(sealed, key, nonce, plaintext, ad);
      return sealed;
    }
    // Segments (a frame's header and its block, several frames) are gathered into the output
    // and sealed there in place: the one copy the crypto needs anyway.
    let offset = 0;
    for (const segment of plaintext) {
      sealed.set(segment, offset);
      offset += segment.length;
    }
    aeadEncryptInto(sealed, key, nonce, sealed.subarray(0, offset), ad);
    return sealed;
  },
  chaCha20Poly1305Decrypt(ciphertext, nonce, ad, key, dst) {
    const bodyLength = ciphertext.byteLength - AEAD_TAG_BYTES;
    if (!(ciphertext instanceof Uint8Array) && dst?.length === bodyLength) {
      // A message that arrived in pieces: the library has already gathered its ciphertext, without
      // the tag, into `dst` (its own copy, which it hands over to be reused); it is opened there. Were
      // `dst` anything else, authentication would fail and the link close, never a wrong plaintext.
      aeadDecryptInPlace(key, nonce, dst, ciphertext.subarray(bodyLength), ad);
      return dst;
    }
    const sealed = contiguous(ciphertext);
    const opened = dst?.length === sealed.length - AEAD_TAG_BYTES ? dst : new Uint8Array(Math.max(0, sealed.length - AEAD_TAG_BYTES));
    aeadDecryptInto(opened, key, nonce, sealed, ad);
    return opened;
  },
};

import assert from 'node:assert/strict';
import { Uint8ArrayList } from 'uint8arraylist';
import { aeadDecrypt, aeadEncrypt, randomBytes } from '../../../../protocol/crypto.js';
import { DecryptionError } from '../../../../protocol/errors.js';
import { noiseCrypto } from '../../../../node/net/noise-crypto.js';

const key = randomBytes(32);
const nonce = Uint8Array.from({ length: 12 }, (_, i) => i);
const ad = new Uint8Array(0);
/** What the Noise library hands over: its own Uint8ArrayList type (an older major than libp2p's streams use, same iteration). */
type NoiseBytes = Parameters<typeof noiseCrypto.chaCha20Poly1305Decrypt>[0];
const contiguous = (bytes: NoiseBytes) => (bytes instanceof Uint8Array ? bytes : bytes.subarray());
const segments = (...parts: Uint8Array[]) => new Uint8ArrayList(...parts) as unknown as NoiseBytes;

describe('noise-crypto', () => {
  it('seals one buffer as IETF ChaCha20-Poly1305 does', () => {
    const message = randomBytes(32_790);
    assert.deepEqual(contiguous(noiseCrypto.chaCha20Poly1305Encrypt(message, nonce, ad, key)), aeadEncrypt(key, nonce, message, ad));
  });

  it('seals segments as the bytes they add up to, leaving the segments unchanged', () => {
    const header = randomBytes(11);
    const block = randomBytes(32_768);
    const [headerCopy, blockCopy] = [header.slice(), block.slice()];
    const sealed = noiseCrypto.chaCha20Poly1305Encrypt(segments(header, block), nonce, ad, key);
    assert.deepEqual(contiguous(sealed), aeadEncrypt(key, nonce, new Uint8ArrayList(header, block).subarray(), ad));
    assert.deepEqual([header, block], [headerCopy, blockCopy]);
  });

  it('opens in place into the dst it is given, and opens a list of segments', () => {
    const message = randomBytes(1_000);
    const sealed = aeadEncrypt(key, nonce, message, ad);
    const dst = sealed.subarray(0, message.length);
    const opened = noiseCrypto.chaCha20Poly1305Decrypt(sealed, nonce, ad, key, dst);
    assert.equal(opened, dst);
    assert.deepEqual(contiguous(opened), message);
    const resealed = aeadEncrypt(key, nonce, message, ad);
    const list = segments(resealed.subarray(0, 300), resealed.subarray(300));
    assert.deepEqual(contiguous(noiseCrypto.chaCha20Poly1305Decrypt(list, nonce, ad, key)), aeadDecrypt(key, nonce, resealed, ad));
  });

  it("opens a message in pieces in place, in the library's gathered copy of its ciphertext", () => {
    const message = randomBytes(40_000);
    const sealed = aeadEncrypt(key, nonce, message, ad);
    const pieces = segments(sealed.subarray(0, 30_000), sealed.subarray(30_000));
    const dst = sealed.slice(0, message.length);
    const opened = noiseCrypto.chaCha20Poly1305Decrypt(pieces, nonce, ad, key, dst);
    assert.equal(opened, dst);
    assert.deepEqual(dst, message);
    const notTheCiphertext = new Uint8Array(message.length);
    assert.throws(() => noiseCrypto.chaCha20Poly1305Decrypt(pieces, nonce, ad, key, notTheCiphertext), DecryptionError);
  });

  it('refuses altered bytes', () => {
    const sealed = aeadEncrypt(key, nonce, randomBytes(2_000), ad);
    sealed[7]! ^= 1;
    assert.throws(() => noiseCrypto.chaCha20Poly1305Decrypt(sealed, nonce, ad, key), DecryptionError);
  });
});

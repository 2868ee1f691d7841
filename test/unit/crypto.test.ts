import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fromHex, toHex } from '../../protocol/bytes.js';
import {
  aeadDecrypt,
  aeadDecryptInPlace,
  aeadDecryptInto,
  aeadEncrypt,
  agreeSharedKey,
  createHasher,
  equalBytes,
  generateAgreementKeyPair,
  hash,
  keyedHash,
  keyedHashInto,
  randomBytes,
  sign,
  signingKeyPairFromSeed,
  verifySignature,
} from '../../protocol/crypto.js';
import { DecryptionError } from '../../protocol/errors.js';

describe('protocol/crypto', () => {
  it('hash is BLAKE2b-256 of u8(len(tag)) ‖ tag ‖ parts (answers from Python hashlib)', () => {
    assert.equal(toHex(hash('abc')), '90922432cc9a3b951a62267fd25fc1f9667344a9a42b44fee6cee6b1095818a8');
    const key = Uint8Array.from({ length: 32 }, (_, i) => i);
    const hello = new TextEncoder().encode('hello');
    assert.equal(toHex(keyedHash(key, 'warren/one', hello)), 'f441015e75e0161faa064a1915b600f234264cb123d1906ad568b6b06b9e6192');
  });

  it('separates domains: the same bytes under two tags give unrelated hashes', () => {
    const data = randomBytes(64);
    assert.notEqual(toHex(hash('warren/one', data)), toHex(hash('warren/two', data)));
  });

  it('concatenates parts: split points do not matter', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(200), (data, split) => {
        const at = Math.min(split, data.length);
        assert.deepEqual(hash('t', data), hash('t', data.subarray(0, at), data.subarray(at)));
      }),
    );
  });

  it('an incremental hasher equals hash, and its digest so far is the hash of the parts so far without ending it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(300), (data, split) => {
        const at = Math.min(split, data.length);
        const hasher = createHasher('t');
        hasher.update(data.subarray(0, at));
        assert.deepEqual(hasher.digestSoFar(), hash('t', data.subarray(0, at)));
        hasher.update(data.subarray(at));
        assert.deepEqual(hasher.digestSoFar(), hash('t', data));
        assert.deepEqual(hasher.digest(), hash('t', data));
      }),
    );
  });

  it('keyed hash depends on the key and rejects short keys', () => {
    const data = randomBytes(10);
    assert.notDeepEqual(keyedHash(randomBytes(32), 't', data), keyedHash(randomBytes(32), 't', data));
    assert.throws(() => keyedHash(randomBytes(8), 't', data), RangeError);
  });

  it('keyed hash into a given buffer equals the keyed hash, and needs 32 bytes', () => {
    const key = randomBytes(32);
    const data = randomBytes(50);
    const out = new Uint8Array(32);
    assert.equal(keyedHashInto(out, key, 't', data), out);
    assert.deepEqual(out, keyedHash(key, 't', data));
    assert.throws(() => keyedHashInto(new Uint8Array(31), key, 't', data), RangeError);
  });

  it('AEAD round-trips and rejects a wrong key, nonce, AAD or a flipped bit', () => {
    const key = randomBytes(32);
    const nonce = randomBytes(12);
    const aad = randomBytes(3);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (plaintext) => {
        const sealed = aeadEncrypt(key, nonce, plaintext, aad);
        assert.deepEqual(aeadDecrypt(key, nonce, sealed, aad), plaintext);
      }),
    );
    const sealed = aeadEncrypt(key, nonce, randomBytes(40), aad);
    assert.throws(() => aeadDecrypt(randomBytes(32), nonce, sealed, aad), DecryptionError);
    assert.throws(() => aeadDecrypt(key, randomBytes(12), sealed, aad), DecryptionError);
    assert.throws(() => aeadDecrypt(key, nonce, sealed, randomBytes(3)), DecryptionError);
    const flipped = Uint8Array.from(sealed);
    flipped[5]! ^= 1;
    assert.throws(() => aeadDecrypt(key, nonce, flipped, aad), DecryptionError);
    assert.throws(() => aeadDecrypt(key, nonce, sealed.subarray(0, 10), aad), DecryptionError);
  });

  it('AEAD opens in place, and zeroes the output when authentication fails', () => {
    const key = randomBytes(32);
    const nonce = randomBytes(12);
    const plaintext = randomBytes(1000);
    const sealed = aeadEncrypt(key, nonce, plaintext, new Uint8Array(0));
    aeadDecryptInto(sealed.subarray(0, 1000), key, nonce, sealed, new Uint8Array(0));
    assert.deepEqual(sealed.subarray(0, 1000), plaintext);
    const again = aeadEncrypt(key, nonce, plaintext, new Uint8Array(0));
    assert.throws(() => aeadDecryptInto(again.subarray(0, 1000), key, nonce, again, randomBytes(1)), DecryptionError);
    assert.deepEqual(again.subarray(0, 1000), new Uint8Array(1000));
  });

  it('AEAD opens in place with its tag apart, and zeroes what fails', () => {
    const key = randomBytes(32);
    const nonce = randomBytes(12);
    const plaintext = randomBytes(1000);
    const sealed = aeadEncrypt(key, nonce, plaintext, new Uint8Array(0));
    const body = sealed.slice(0, 1000);
    aeadDecryptInPlace(key, nonce, body, sealed.subarray(1000), new Uint8Array(0));
    assert.deepEqual(body, plaintext);
    const altered = sealed.slice(0, 1000);
    altered[0]! ^= 1;
    assert.throws(() => aeadDecryptInPlace(key, nonce, altered, sealed.subarray(1000), new Uint8Array(0)), DecryptionError);
    assert.deepEqual(altered, new Uint8Array(1000));
    assert.throws(() => aeadDecryptInPlace(key, nonce, body, new Uint8Array(15), new Uint8Array(0)), RangeError);
  });

  it('Ed25519 matches RFC 8032 test 1 and rejects altered messages', () => {
    const pair = signingKeyPairFromSeed(fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'));
    assert.equal(toHex(pair.publicKey), 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    const signature = sign(new Uint8Array(0), pair);
    assert.equal(
      toHex(signature),
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
    assert.equal(verifySignature(signature, new Uint8Array(0), pair.publicKey), true);
    assert.equal(verifySignature(signature, new Uint8Array(1), pair.publicKey), false);
    assert.equal(verifySignature(signature.subarray(1), new Uint8Array(0), pair.publicKey), false);
  });

  it('X25519 agreement gives both sides the same key and refuses low-order points', () => {
    const alice = generateAgreementKeyPair();
    const bob = generateAgreementKeyPair();
    assert.deepEqual(agreeSharedKey('t', alice, bob.publicKey), agreeSharedKey('t', bob, alice.publicKey));
    assert.throws(() => agreeSharedKey('t', alice, new Uint8Array(32)), RangeError);
  });

  it('equalBytes compares contents', () => {
    assert.equal(equalBytes(fromHex('0102'), fromHex('0102')), true);
    assert.equal(equalBytes(fromHex('0102'), fromHex('0103')), false);
    assert.equal(equalBytes(fromHex('01'), fromHex('0102')), false);
  });
});

/**
 * Key benchmark: `npx tsx bench/keys.ts`.
 *
 * CHK encode and verify+decode throughput on full 32 KiB blocks, as ratios to the
 * bare primitives (libsodium BLAKE2b-256 and ChaCha20-Poly1305 through sodium-native)
 * on the same bytes in the same run; SSK sign and verify per second next to bare Ed25519.
 */
import sodium from 'libsodium-wrappers';
import native from 'sodium-native';
import { randomBytes } from '../protocol/crypto.js';
import { CHK_BLOCK_BYTES, CHK_MAX_CONTENT_BYTES, decodeChk, encodeChk, verifyChkBlock } from '../protocol/keys/chk.js';
import { encodeSsk, SSK_MAX_CONTENT_BYTES, sskWriteKeysFromSeed, verifySskBlock } from '../protocol/keys/ssk.js';
import { formatCount, measureRate, printRows } from './support.js';

await sodium.ready;

const content = randomBytes(CHK_MAX_CONTENT_BYTES);
const { block, routingKey, cryptoKey } = encodeChk(content);
const nonce = new Uint8Array(12);

const digest = new Uint8Array(32);
const bareHash = (bytes: Uint8Array) => native.crypto_generichash_batch(digest, [bytes]);
const frameOut = new Uint8Array(CHK_BLOCK_BYTES - 1);
function bareEncrypt(bytes: Uint8Array): void {
  native.crypto_aead_chacha20poly1305_ietf_encrypt(frameOut, bytes, null, null, nonce, cryptoKey);
}
const sealedFrame = new Uint8Array(CHK_BLOCK_BYTES - 1);
native.crypto_aead_chacha20poly1305_ietf_encrypt(sealedFrame, block.subarray(1, CHK_BLOCK_BYTES - 16), null, null, nonce, cryptoKey);
const openedFrame = new Uint8Array(CHK_BLOCK_BYTES - 17);
function bareDecrypt(sealed: Uint8Array): void {
  native.crypto_aead_chacha20poly1305_ietf_decrypt(openedFrame, null, sealed, null, nonce, cryptoKey);
}

const megabytes = (blocksPerSecond: number) => (blocksPerSecond * CHK_BLOCK_BYTES) / 1e6;
const rates = {
  encode: measureRate(() => encodeChk(content)),
  encodeReference: measureRate(() => {
    bareHash(content);
    bareEncrypt(block.subarray(1, CHK_BLOCK_BYTES - 16));
    bareHash(block);
  }),
  onePass: measureRate(() => {
    bareHash(block);
    bareEncrypt(block.subarray(1, CHK_BLOCK_BYTES - 16));
  }),
  decode: measureRate(() => {
    verifyChkBlock(routingKey, block);
    decodeChk(block, cryptoKey);
  }),
  decodeReference: measureRate(() => {
    bareHash(block);
    bareDecrypt(sealedFrame);
  }),
};

const mb = (rate: number) => `${megabytes(rate).toFixed(0)} MB/s`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
printRows('CHK, full 32 KiB blocks (median of 7 rounds)', [
  ['encode', mb(rates.encode), `${ratio(rates.encode, rates.encodeReference)} of its bare calls: BLAKE2b(content) + ChaCha20-Poly1305 + BLAKE2b(block)`],
  ['  reference: its bare calls', mb(rates.encodeReference)],
  ['  reference: one BLAKE2b + one ChaCha20-Poly1305', mb(rates.onePass), `encode is ${ratio(rates.encode, rates.onePass)} of it (encode must hash twice)`],
  ['verify + decode', mb(rates.decode), `${ratio(rates.decode, rates.decodeReference)} of its bare calls`],
  ['  reference: one BLAKE2b + one ChaCha20-Poly1305 open', mb(rates.decodeReference)],
]);

const keys = sskWriteKeysFromSeed(randomBytes(32));
const ssk = encodeSsk(keys, 'index', randomBytes(SSK_MAX_CONTENT_BYTES));
const signedBytes = ssk.block.subarray(0, ssk.block.length - 64);
const bareSignature = sodium.crypto_sign_detached(signedBytes, keys.signing.secretKey);
const sskRates = {
  sign: measureRate(() => encodeSsk(keys, 'index', content.subarray(0, SSK_MAX_CONTENT_BYTES))),
  bareSign: measureRate(() => sodium.crypto_sign_detached(signedBytes, keys.signing.secretKey)),
  verify: measureRate(() => verifySskBlock(ssk.routingKey, ssk.block)),
  bareVerify: measureRate(() => sodium.crypto_sign_verify_detached(bareSignature, signedBytes, keys.publicKey)),
};
printRows('SSK, 1 KiB content (median of 7 rounds)', [
  ['sign (encode a block)', `${formatCount(sskRates.sign)} /s`, `${ratio(sskRates.sign, sskRates.bareSign)} of bare Ed25519 sign`],
  ['  reference: bare Ed25519 sign', `${formatCount(sskRates.bareSign)} /s`],
  ['verify a block', `${formatCount(sskRates.verify)} /s`, `${ratio(sskRates.verify, sskRates.bareVerify)} of bare Ed25519 verify`],
  ['  reference: bare Ed25519 verify', `${formatCount(sskRates.bareVerify)} /s`],
]);

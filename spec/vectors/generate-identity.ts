/**
 * Writes spec/vectors/identity.json: `npx tsx spec/vectors/generate-identity.ts`.
 *
 * Deterministic: fixed seeds, and every nonce is the least one (counting up
 * from 0, big-endian) that meets its difficulty, found by a single searcher.
 */
import { writeFileSync } from 'node:fs';
import { concatBytes, toHex } from '../../protocol/bytes.js';
import { signingKeyPairFromSeed } from '../../protocol/crypto.js';
import { checkIdentityProof, IDENTITY_POW_TAG, type IdentityProof } from '../../protocol/identity.js';
import { encodeIdentityFile } from '../../protocol/identity-file.js';
import { mintIdentity } from '../../protocol/identity-mint.js';
import { nonceFromCounter } from '../../protocol/identity-proof.js';
import { circularDistance, keyLocation, keyLocationBits } from '../../protocol/location.js';

const OUTPUT = new URL('./identity.json', import.meta.url);

const filled = (length: number, byte: number): Uint8Array => new Uint8Array(length).fill(byte);
const counting = (length: number, first: number): Uint8Array => Uint8Array.from({ length }, (_, i) => (first + i) & 0xff);
const hex64 = (bits: bigint): string => bits.toString(16).padStart(16, '0');

function proofVector(name: string, seed: Uint8Array | undefined, proof: IdentityProof, difficulty: number) {
  const check = checkIdentityProof(proof, difficulty);
  const fields = {
    name,
    ...(seed === undefined ? {} : { seed: toHex(seed) }),
    publicKey: toHex(proof.publicKey),
    nonce: toHex(proof.nonce),
    difficulty,
  };
  if (!check.valid) return { ...fields, valid: false, error: check.reason };
  return {
    ...fields,
    valid: true,
    proofHash: toHex(check.proofHash),
    leadingZeroBits: check.leadingZeroBits,
    locationBits: hex64(check.locationBits),
    location: check.location,
  };
}

/** The least-nonce identity of `seed` at `difficulty`. */
const mint = (seed: Uint8Array, difficulty: number) => mintIdentity({ seed, difficulty, workers: 0 });

const zeroSeed = filled(32, 0x00);
const countingSeed = counting(32, 0x01);
const onesSeed = filled(32, 0xff);
const fortyTwoSeed = filled(32, 0x42);
const minted = [
  { name: 'difficulty 0: nonce 0 always verifies', seed: zeroSeed, identity: await mint(zeroSeed, 0) },
  { name: 'difficulty 8', seed: zeroSeed, identity: await mint(zeroSeed, 8) },
  { name: 'difficulty 12', seed: countingSeed, identity: await mint(countingSeed, 12) },
  { name: 'difficulty 16', seed: onesSeed, identity: await mint(onesSeed, 16) },
  { name: 'difficulty 20', seed: fortyTwoSeed, identity: await mint(fortyTwoSeed, 20) },
];
const byDifficulty = (difficulty: number) => minted.find((entry) => entry.identity.difficulty === difficulty)!.identity;

const twenty = byDifficulty(20);
const twentyZeros = checkIdentityProof(twenty, 20);
if (!twentyZeros.valid) throw new Error('minted proof does not verify');
const sixteen = byDifficulty(16);
const belowFirst = new DataView(sixteen.nonce.buffer, sixteen.nonce.byteOffset).getBigUint64(0) - 1n;
if (belowFirst < 0n) throw new Error('difficulty-16 vector needs a nonce above 0');
const twelve = byDifficulty(12);
const flippedKey = Uint8Array.from(twelve.publicKey);
flippedKey[31]! ^= 0x01;

const invalid = [
  proofVector('the difficulty-20 proof at one bit more than it has', undefined, twenty, twentyZeros.leadingZeroBits + 1),
  proofVector('the nonce just below the least valid one', undefined, { publicKey: sixteen.publicKey, nonce: nonceFromCounter(Number(belowFirst)) }, 16),
  proofVector('the difficulty-12 proof with the last public-key bit flipped', undefined, { publicKey: flippedKey, nonce: twelve.nonce }, 12),
  proofVector('public key of 31 bytes', undefined, { publicKey: twelve.publicKey.subarray(0, 31), nonce: twelve.nonce }, 12),
  proofVector('nonce of 7 bytes', undefined, { publicKey: twelve.publicKey, nonce: twelve.nonce.subarray(1) }, 12),
  proofVector('nonce of 9 bytes', undefined, { publicKey: twelve.publicKey, nonce: concatBytes(new Uint8Array(1), twelve.nonce) }, 12),
];
if (invalid.some((vector) => vector.valid)) throw new Error('an invalid-proof vector verifies');

const routingKeys = [filled(32, 0x00), filled(32, 0xff), concatBytes(Uint8Array.of(0x80), filled(31, 0)), counting(32, 0x00), filled(32, 0x5a)];
const distances: Array<[number, number]> = [
  [0.125, 0.875],
  [0, 0.5],
  [0.25, 0.75],
  [0.375, 0.375],
  [0.0625, 0.5625],
  [0.75, 0.0625],
];

const vectors = {
  description:
    'Known answers for spec/identity.md. Hex is lowercase. proofHash = BLAKE2b-256(u8(len(tag)) ‖ tag ‖ publicKey ‖ nonce); ' +
    'locationBits = last 8 bytes of proofHash (identities) or first 8 bytes of the routing key (keys), big-endian; ' +
    'location = floor(locationBits / 2^11) / 2^53. Every minted nonce is the least big-endian counter meeting its difficulty. ' +
    'Regenerate with: npx tsx spec/vectors/generate-identity.ts',
  hashTag: IDENTITY_POW_TAG,
  proofs: [...minted.map(({ name, seed, identity }) => proofVector(name, seed, identity, identity.difficulty)), ...invalid],
  keyLocations: routingKeys.map((routingKey) => ({
    routingKey: toHex(routingKey),
    locationBits: hex64(keyLocationBits(routingKey)),
    location: keyLocation(routingKey),
  })),
  circularDistances: distances.map(([a, b]) => ({ a, b, distance: circularDistance(a, b) })),
  identityFiles: [twelve, sixteen].map((identity) => ({
    seed: toHex(identity.keyPair.seed),
    publicKey: toHex(signingKeyPairFromSeed(identity.keyPair.seed).publicKey),
    nonce: toHex(identity.nonce),
    difficulty: identity.difficulty,
    file: toHex(encodeIdentityFile(identity)),
  })),
};

writeFileSync(OUTPUT, `${JSON.stringify(vectors, null, 2)}\n`);
console.log(`wrote ${OUTPUT.pathname}: ${vectors.proofs.length} proofs, ${vectors.identityFiles.length} identity files`);

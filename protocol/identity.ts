/**
 * Node identity: an Ed25519 key pair plus a proof-of-work nonce, whose proof
 * hash also fixes the node's location on the ring (spec/identity.md).
 *
 *   identity-proof.ts   proof hash, leading-zero rule, nonce search
 *   identity-mint.ts    inline / worker-thread search with abort and progress
 *   location.ts         64-bit locations and circular distance
 *   identity-file.ts    the identity file on disk
 *   identity.ts         this API: what an identity is, and the proof check
 */
import { ED25519_PUBLIC_KEY_BYTES, HASH_BYTES, type SigningKeyPair } from './crypto.js';
import { InvalidIdentityError } from './errors.js';
import { assertPowDifficulty, identityProofHash, leadingZeroBits, POW_NONCE_BYTES } from './identity-proof.js';
import { LOCATION_BYTES, locationBitsAt, locationFromBits } from './location.js';

export { IDENTITY_POW_TAG, leadingZeroBits, MAX_POW_DIFFICULTY, MIN_POW_DIFFICULTY } from './identity-proof.js';

/**
 * Network default: 2^24 hashes per identity on average, about 6 s on two cores
 * of the reference implementation (spec/identity.md §3 has the measurements).
 */
export const DEFAULT_POW_DIFFICULTY = 24;

/** What a peer shows of itself: travels in Hello and NodeRef messages. */
export interface IdentityProof {
  readonly publicKey: Uint8Array;
  /** 8 bytes; minters count it up big-endian. */
  readonly nonce: Uint8Array;
}

/** The local node's identity, secret included. */
export interface NodeIdentity extends IdentityProof {
  readonly keyPair: SigningKeyPair;
  /** Location on the ring, in [0, 1). */
  readonly location: number;
  /** The difficulty the proof was minted for (it may have more leading zero bits). */
  readonly difficulty: number;
}

export interface VerifiedIdentityProof {
  readonly proofHash: Uint8Array;
  readonly leadingZeroBits: number;
  /** Exact location L: the last 8 bytes of the proof hash, big-endian; location = L / 2^64. */
  readonly locationBits: bigint;
  readonly location: number;
}

export type IdentityProofCheck = ({ readonly valid: true } & VerifiedIdentityProof) | { readonly valid: false; readonly reason: string };

/**
 * Checks a proof against a difficulty (0..64, else `RangeError`) with one hash
 * and no throw: the reason says what is wrong when it is not valid.
 */
export function checkIdentityProof(proof: IdentityProof, difficulty: number): IdentityProofCheck {
  assertPowDifficulty(difficulty);
  const { publicKey, nonce } = proof;
  if (publicKey.length !== ED25519_PUBLIC_KEY_BYTES) {
    return { valid: false, reason: `public key must be ${ED25519_PUBLIC_KEY_BYTES} bytes, got ${publicKey.length}` };
  }
  if (nonce.length !== POW_NONCE_BYTES) {
    return { valid: false, reason: `proof-of-work nonce must be ${POW_NONCE_BYTES} bytes, got ${nonce.length}` };
  }
  const proofHash = identityProofHash(publicKey, nonce);
  const zeros = leadingZeroBits(proofHash);
  if (zeros < difficulty) {
    return { valid: false, reason: `proof has ${zeros} leading zero bits, network requires ${difficulty}` };
  }
  const locationBits = locationBitsAt(proofHash, HASH_BYTES - LOCATION_BYTES);
  return { valid: true, proofHash, leadingZeroBits: zeros, locationBits, location: locationFromBits(locationBits) };
}

/** What checks a peer's identity proofs: `checkIdentityProof`, or a simulator's `rememberingProofChecker`. */
export type IdentityProofChecker = (proof: IdentityProof, difficulty: number) => IdentityProofCheck;

/**
 * Simulation only: `checkIdentityProof` that remembers each proof it checked, by its public key and
 * nonce objects, so that a NodeRef passed by reference from node to node (an announcement, an offer)
 * is hashed once, not at every hop. Sound only where those arrays never change once made, as in the
 * simulator; a daemon checks every proof it receives.
 */
export function rememberingProofChecker(): IdentityProofChecker {
  const checked = new WeakMap<Uint8Array, { readonly nonce: Uint8Array; readonly difficulty: number; readonly check: IdentityProofCheck }>();
  return (proof, difficulty) => {
    const remembered = checked.get(proof.publicKey);
    if (remembered !== undefined && remembered.nonce === proof.nonce && remembered.difficulty === difficulty) return remembered.check;
    const check = checkIdentityProof(proof, difficulty);
    checked.set(proof.publicKey, { nonce: proof.nonce, difficulty, check });
    return check;
  };
}

/** As `checkIdentityProof`, but throws `InvalidIdentityError` with the reason. */
export function verifyIdentityProof(proof: IdentityProof, difficulty: number): VerifiedIdentityProof {
  const check = checkIdentityProof(proof, difficulty);
  if (!check.valid) throw new InvalidIdentityError(check.reason);
  return check;
}

/**
 * Node identity: an Ed25519 key pair plus a proof-of-work nonce, whose proof
 * hash also fixes the node's location on the ring (spec/identity.md).
 *
 *   identity-proof.ts   proof hash, leading-zero rule, nonce search
 *   identity-mint.ts    inline / worker-thread search with abort and progress
 *   location.ts         64-bit locations and circular distance
 *   identity.ts         this API: check/verify a proof, mint, identity file
 */
import { availableParallelism } from 'node:os';
import { Packr } from 'msgpackr';
import {
  ED25519_PUBLIC_KEY_BYTES,
  ED25519_SEED_BYTES,
  generateSigningKeyPair,
  HASH_BYTES,
  signingKeyPairFromSeed,
  type SigningKeyPair,
} from './crypto.js';
import { InvalidIdentityError } from './errors.js';
import {
  assertPowDifficulty,
  identityProofHash,
  isPowDifficulty,
  leadingZeroBits,
  MAX_POW_DIFFICULTY,
  MIN_POW_DIFFICULTY,
  POW_NONCE_BYTES,
} from './identity-proof.js';
import { searchProofNonce, type MintProgress } from './identity-mint.js';
import { LOCATION_BYTES, locationBitsAt, locationFromBits } from './location.js';

export { IDENTITY_POW_TAG, leadingZeroBits, MAX_POW_DIFFICULTY, MIN_POW_DIFFICULTY, POW_NONCE_BYTES } from './identity-proof.js';
export type { MintProgress } from './identity-mint.js';

/**
 * Network default: 2^24 hashes per identity on average, about 6 s on two cores
 * of the reference implementation (spec/identity.md §3 has the measurements).
 */
export const DEFAULT_POW_DIFFICULTY = 24;
/** Up to this difficulty `mintIdentity` searches inline by default: workers cost more to start. */
export const INLINE_MINT_MAX_DIFFICULTY = 12;
export const IDENTITY_FILE_VERSION = 1;

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

export type IdentityProofCheck =
  | ({ readonly valid: true } & VerifiedIdentityProof)
  | { readonly valid: false; readonly reason: string };

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

/** As `checkIdentityProof`, but throws `InvalidIdentityError` with the reason. */
export function verifyIdentityProof(proof: IdentityProof, difficulty: number): VerifiedIdentityProof {
  const check = checkIdentityProof(proof, difficulty);
  if (!check.valid) throw new InvalidIdentityError(check.reason);
  return check;
}

export interface MintIdentityOptions {
  /** Leading zero bits to reach, 0..64. */
  readonly difficulty: number;
  readonly signal?: AbortSignal | undefined;
  /** Called at most every 100 ms while searching, and once at the end. */
  readonly onProgress?: ((progress: MintProgress) => void) | undefined;
  /**
   * Worker threads to search with; 0 searches inline. Default: inline up to
   * difficulty 12, else one per available core.
   */
  readonly workers?: number | undefined;
  /** 32-byte Ed25519 seed; a fresh random one by default. */
  readonly seed?: Uint8Array | undefined;
}

/**
 * Creates an identity: a key pair (from `seed`, or random) and the first nonce
 * found whose proof meets `difficulty`. Rejects with `signal.reason` on abort.
 * With a seed and at most one worker the result is deterministic.
 */
export async function mintIdentity(options: MintIdentityOptions): Promise<NodeIdentity> {
  const { difficulty } = options;
  assertPowDifficulty(difficulty);
  const keyPair = options.seed === undefined ? generateSigningKeyPair() : signingKeyPairFromSeed(options.seed);
  const workers = options.workers ?? (difficulty <= INLINE_MINT_MAX_DIFFICULTY ? 0 : availableParallelism());
  const nonce = await searchProofNonce({
    publicKey: keyPair.publicKey,
    difficulty,
    workers,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  const { location } = verifyIdentityProof({ publicKey: keyPair.publicKey, nonce }, difficulty);
  return { publicKey: keyPair.publicKey, nonce, keyPair, location, difficulty };
}

// Standard MessagePack maps (no msgpackr records), smallest headers.
const identityFilePackr = new Packr({ useRecords: false, variableMapSize: true });
const IDENTITY_FILE_FIELDS = ['seed', 'nonce', 'difficulty'] as const;

/** The identity file: version byte 0x01, then the MessagePack map {seed, nonce, difficulty}. */
export function encodeIdentityFile(identity: NodeIdentity): Uint8Array {
  const body = identityFilePackr.pack({
    seed: identity.keyPair.seed,
    nonce: identity.nonce,
    difficulty: identity.difficulty,
  });
  const file = new Uint8Array(1 + body.length);
  file[0] = IDENTITY_FILE_VERSION;
  file.set(body, 1);
  return file;
}

/**
 * Reads an identity file and verifies its proof at the difficulty it records.
 * Anything wrong throws `InvalidIdentityError`; the caller compares
 * `difficulty` with what the network requires.
 */
export function decodeIdentityFile(file: Uint8Array): NodeIdentity {
  if (file.length === 0 || file[0] !== IDENTITY_FILE_VERSION) {
    throw new InvalidIdentityError(`identity file: unknown version ${file[0] ?? '(empty file)'}, expected ${IDENTITY_FILE_VERSION}`);
  }
  let fields: unknown;
  try {
    fields = identityFilePackr.unpack(file.subarray(1));
  } catch {
    // msgpackr's messages may quote the decoded seed: not passed on.
    throw new InvalidIdentityError('identity file: body is not one valid MessagePack value');
  }
  const { seed, nonce, difficulty } = readIdentityFileFields(fields);
  const keyPair = signingKeyPairFromSeed(seed);
  const check = checkIdentityProof({ publicKey: keyPair.publicKey, nonce }, difficulty);
  if (!check.valid) throw new InvalidIdentityError(`identity file: ${check.reason}`);
  return { publicKey: keyPair.publicKey, nonce, keyPair, location: check.location, difficulty };
}

function readIdentityFileFields(fields: unknown): { seed: Uint8Array; nonce: Uint8Array; difficulty: number } {
  if (typeof fields !== 'object' || fields === null || Object.getPrototypeOf(fields) !== Object.prototype) {
    throw new InvalidIdentityError('identity file: body must be a MessagePack map');
  }
  const record = fields as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  if (keys.join() !== [...IDENTITY_FILE_FIELDS].sort().join()) {
    throw new InvalidIdentityError(`identity file: fields must be exactly ${IDENTITY_FILE_FIELDS.join(', ')}; got ${keys.join(', ')}`);
  }
  const { seed, nonce, difficulty } = record;
  if (!(seed instanceof Uint8Array) || seed.length !== ED25519_SEED_BYTES) {
    throw new InvalidIdentityError(`identity file: seed must be ${ED25519_SEED_BYTES} bytes of binary`);
  }
  if (!(nonce instanceof Uint8Array) || nonce.length !== POW_NONCE_BYTES) {
    throw new InvalidIdentityError(`identity file: nonce must be ${POW_NONCE_BYTES} bytes of binary`);
  }
  if (typeof difficulty !== 'number' || !isPowDifficulty(difficulty)) {
    throw new InvalidIdentityError(`identity file: difficulty must be an integer in ${MIN_POW_DIFFICULTY}..${MAX_POW_DIFFICULTY}`);
  }
  return { seed: Uint8Array.from(seed), nonce: Uint8Array.from(nonce), difficulty };
}

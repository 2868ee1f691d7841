/**
 * The identity file a node keeps in its data directory: version byte 0x01, then the
 * MessagePack map {seed, nonce, difficulty} (spec/identity.md). Reading it verifies the proof.
 */
import { Packr } from 'msgpackr';
import { ED25519_SEED_BYTES, signingKeyPairFromSeed } from './crypto.js';
import { InvalidIdentityError } from './errors.js';
import { checkIdentityProof, type NodeIdentity } from './identity.js';
import { isPowDifficulty, MAX_POW_DIFFICULTY, MIN_POW_DIFFICULTY, POW_NONCE_BYTES } from './identity-proof.js';

export const IDENTITY_FILE_VERSION = 1;

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

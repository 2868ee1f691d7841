/**
 * The proof-of-work primitives of a node identity (spec/identity.md §2–3):
 * the proof hash, the leading-zero rule and a nonce search. Pure and
 * synchronous, so the same code runs inline and inside mint workers
 * (protocol/identity-worker.ts); protocol/identity.ts builds the API on it.
 */
import { ED25519_PUBLIC_KEY_BYTES, hash } from './crypto.js';

export const IDENTITY_POW_TAG = 'warren/identity-pow/v1';
export const POW_NONCE_BYTES = 8;
export const MIN_POW_DIFFICULTY = 0;
export const MAX_POW_DIFFICULTY = 64;

export function isPowDifficulty(difficulty: number): boolean {
  return Number.isInteger(difficulty) && difficulty >= MIN_POW_DIFFICULTY && difficulty <= MAX_POW_DIFFICULTY;
}

/** Throws `RangeError` unless `difficulty` is an integer in 0..64. */
export function assertPowDifficulty(difficulty: number): void {
  if (!isPowDifficulty(difficulty)) {
    throw new RangeError(`proof-of-work difficulty must be an integer in ${MIN_POW_DIFFICULTY}..${MAX_POW_DIFFICULTY}, got ${difficulty}`);
  }
}

/** P = H('warren/identity-pow/v1', publicKey ‖ nonce). Lengths are the caller's to check. */
export function identityProofHash(publicKey: Uint8Array, nonce: Uint8Array): Uint8Array {
  return hash(IDENTITY_POW_TAG, publicKey, nonce);
}

/** Number of leading zero bits, most significant bit of byte 0 first. */
export function leadingZeroBits(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte !== 0) return i * 8 + Math.clz32(byte) - 24;
  }
  return bytes.length * 8;
}

/** The nonce for a counter value: 8 bytes, big-endian. */
export function nonceFromCounter(counter: number): Uint8Array {
  const nonce = new Uint8Array(POW_NONCE_BYTES);
  writeCounter(new DataView(nonce.buffer), 0, counter);
  return nonce;
}

function writeCounter(view: DataView, offset: number, counter: number): void {
  view.setUint32(offset, Math.floor(counter / 2 ** 32), false);
  view.setUint32(offset + 4, counter >>> 0, false);
}

/** Where a search starts and how far it steps: searcher i of n uses start i, stride n. */
export interface NonceSearchRange {
  readonly start: number;
  readonly stride: number;
}

/**
 * Tries nonces start, start + stride, start + 2·stride, … (as big-endian
 * counters) for one public key, a batch at a time, so callers can report
 * progress and stop between batches.
 */
export class NonceSearch {
  private readonly input: Uint8Array;
  private readonly view: DataView;
  private readonly difficulty: number;
  private readonly stride: number;
  private next: number;

  constructor(publicKey: Uint8Array, difficulty: number, range: NonceSearchRange) {
    if (publicKey.length !== ED25519_PUBLIC_KEY_BYTES) {
      throw new RangeError(`public key must be ${ED25519_PUBLIC_KEY_BYTES} bytes`);
    }
    assertPowDifficulty(difficulty);
    if (!Number.isSafeInteger(range.start) || range.start < 0 || !Number.isSafeInteger(range.stride) || range.stride < 1) {
      throw new RangeError('nonce search start must be ≥ 0 and stride ≥ 1');
    }
    this.input = new Uint8Array(ED25519_PUBLIC_KEY_BYTES + POW_NONCE_BYTES);
    this.input.set(publicKey);
    this.view = new DataView(this.input.buffer);
    this.difficulty = difficulty;
    this.stride = range.stride;
    this.next = range.start;
  }

  /**
   * Hashes up to `maxHashes` nonces. Returns the first nonce that meets the
   * difficulty and how many hashes it took, or `nonce: undefined` after the batch.
   */
  run(maxHashes: number): { nonce: Uint8Array | undefined; hashes: number } {
    const nonceBytes = this.input.subarray(ED25519_PUBLIC_KEY_BYTES);
    for (let hashes = 1; hashes <= maxHashes; hashes++) {
      writeCounter(this.view, ED25519_PUBLIC_KEY_BYTES, this.next);
      this.next += this.stride;
      if (leadingZeroBits(hash(IDENTITY_POW_TAG, this.input)) >= this.difficulty) {
        return { nonce: Uint8Array.from(nonceBytes), hashes };
      }
    }
    return { nonce: undefined, hashes: maxHashes };
  }
}

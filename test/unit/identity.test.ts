import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { Packr } from 'msgpackr';
import { concatBytes, fromHex, toHex } from '../../protocol/bytes.js';
import { signingKeyPairFromSeed } from '../../protocol/crypto.js';
import { InvalidIdentityError } from '../../protocol/errors.js';
import {
  checkIdentityProof,
  IDENTITY_POW_TAG,
  leadingZeroBits,
  rememberingProofChecker,
  verifyIdentityProof,
  type IdentityProof,
  type NodeIdentity,
} from '../../protocol/identity.js';
import { decodeIdentityFile, encodeIdentityFile } from '../../protocol/identity-file.js';
import { mintIdentity, type MintProgress } from '../../protocol/identity-mint.js';

interface ProofVector {
  name: string;
  seed?: string;
  publicKey: string;
  nonce: string;
  difficulty: number;
  valid: boolean;
  error?: string;
  proofHash?: string;
  leadingZeroBits?: number;
  locationBits?: string;
  location?: number;
}
interface IdentityFileVector {
  seed: string;
  publicKey: string;
  nonce: string;
  difficulty: number;
  file: string;
}
const vectors = JSON.parse(readFileSync(new URL('../../spec/vectors/identity.json', import.meta.url), 'utf8')) as {
  hashTag: string;
  proofs: ProofVector[];
  identityFiles: IdentityFileVector[];
};

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NEVER_FOUND = 40;

/** Reference count: the bits as a string of 0s and 1s. */
function referenceLeadingZeroBits(bytes: Uint8Array): number {
  const bits = Array.from(bytes, (byte) => byte.toString(2).padStart(8, '0')).join('');
  const firstOne = bits.indexOf('1');
  return firstOne === -1 ? bits.length : firstOne;
}

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const flipped = Uint8Array.from(bytes);
  flipped[bit >> 3]! ^= 0x80 >> (bit & 7);
  return flipped;
}

const proofOf = (vector: ProofVector): IdentityProof => ({ publicKey: fromHex(vector.publicKey), nonce: fromHex(vector.nonce) });

/** Mints at an unreachable difficulty, aborts once `abortWhen` says so; returns what happened. */
async function abortedMint(workers: number, abortWhen: (reports: MintProgress[]) => boolean) {
  const controller = new AbortController();
  const reason = new Error('stopped by the test');
  const reports: MintProgress[] = [];
  const poll = setInterval(() => {
    if (!controller.signal.aborted && abortWhen(reports)) controller.abort(reason);
  }, 10);
  try {
    const outcome = await mintIdentity({ difficulty: NEVER_FOUND, workers, signal: controller.signal, onProgress: (p) => reports.push(p) }).then(
      () => 'resolved',
      (error: unknown) => error,
    );
    return { outcome, reason, reports };
  } finally {
    clearInterval(poll);
  }
}

describe('protocol/identity', () => {
  describe('proof of work', () => {
    it('counts leading zero bits exactly, most significant bit of byte 0 first', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
          assert.equal(leadingZeroBits(bytes), referenceLeadingZeroBits(bytes));
        }),
      );
      // Hashes built with exactly k leading zero bits, k over the whole range.
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 256 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (k, noise) => {
          const bytes = Uint8Array.from(noise);
          for (let bit = 0; bit < k; bit++) bytes[bit >> 3]! &= ~(0x80 >> (bit & 7));
          if (k < 256) bytes[k >> 3]! |= 0x80 >> (k & 7);
          assert.equal(leadingZeroBits(bytes), k);
          assert.equal(referenceLeadingZeroBits(bytes), k);
        }),
      );
    });

    it("remembers a proof it checked by its arrays, for the difficulty it was checked at only (a simulator's checker)", () => {
      const check = rememberingProofChecker();
      fc.assert(
        fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 8, maxLength: 8 }), (publicKey, nonce) => {
          const proof = { publicKey, nonce };
          for (const difficulty of [0, 2, 0]) {
            const first = check(proof, difficulty);
            assert.deepEqual(first, checkIdentityProof(proof, difficulty));
            assert.equal(check(proof, difficulty), first, 'the same proof is not checked again');
          }
          const otherNonce = Uint8Array.from(nonce);
          otherNonce[7]! ^= 1;
          assert.deepEqual(check({ publicKey, nonce: otherNonce }, 2), checkIdentityProof({ publicKey, nonce: otherNonce }, 2));
        }),
        { numRuns: 50 },
      );
      assert.equal(check({ publicKey: new Uint8Array(31), nonce: new Uint8Array(8) }, 0).valid, false);
    });

    it('mints a proof that verifies, with its location from the proof hash', async () => {
      const identity = await mintIdentity({ difficulty: 10 });
      assert.deepEqual(identity.publicKey, identity.keyPair.publicKey);
      assert.equal(identity.nonce.length, 8);
      assert.equal(identity.difficulty, 10);
      const verified = verifyIdentityProof(identity, 10);
      assert.ok(verified.leadingZeroBits >= 10);
      assert.equal(verified.location, identity.location);
      assert.ok(identity.location >= 0 && identity.location < 1);
    });

    it('finds the least nonce for a seed, inline and with one worker alike', async () => {
      const seed = fromHex(vectors.proofs.find((vector) => vector.difficulty === 12 && vector.seed)!.seed!);
      const inline = await mintIdentity({ seed, difficulty: 12, workers: 0 });
      const oneWorker = await mintIdentity({ seed, difficulty: 12, workers: 1 });
      assert.equal(toHex(oneWorker.nonce), toHex(inline.nonce));
      assert.equal(oneWorker.location, inline.location);
    });

    it('mints with several workers and reports progress up to the end', async () => {
      const reports: MintProgress[] = [];
      const identity = await mintIdentity({ difficulty: 14, workers: 2, onProgress: (p) => reports.push(p) });
      verifyIdentityProof(identity, 14);
      const last = reports.at(-1)!;
      assert.ok(last.hashes > 0);
      assert.equal(last.expectedHashes, 2 ** 14);
    });

    it('fails or moves the location when any single bit of the public key or nonce changes', async () => {
      const identity = await mintIdentity({ difficulty: 8, workers: 0 });
      const original = verifyIdentityProof(identity, 8);
      const input = concatBytes(identity.publicKey, identity.nonce);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: input.length * 8 - 1 }), (bit) => {
          const changed = flipBit(input, bit);
          const check = checkIdentityProof({ publicKey: changed.subarray(0, 32), nonce: changed.subarray(32) }, 8);
          assert.ok(!check.valid || check.locationBits !== original.locationBits);
        }),
      );
    });

    it('rejects wrong lengths and too little work with InvalidIdentityError saying why', () => {
      const cases: Array<[IdentityProof, number, string]> = [
        [{ publicKey: new Uint8Array(31), nonce: new Uint8Array(8) }, 0, 'public key must be 32 bytes, got 31'],
        [{ publicKey: new Uint8Array(33), nonce: new Uint8Array(8) }, 0, 'public key must be 32 bytes, got 33'],
        [{ publicKey: new Uint8Array(32), nonce: new Uint8Array(0) }, 0, 'proof-of-work nonce must be 8 bytes, got 0'],
        [{ publicKey: new Uint8Array(32), nonce: new Uint8Array(16) }, 0, 'proof-of-work nonce must be 8 bytes, got 16'],
      ];
      const tooLittle = vectors.proofs.find((vector) => vector.error?.startsWith('proof has'))!;
      cases.push([proofOf(tooLittle), tooLittle.difficulty, tooLittle.error!]);
      for (const [proof, difficulty, message] of cases) {
        assert.deepEqual(checkIdentityProof(proof, difficulty), { valid: false, reason: message });
        assert.throws(
          () => verifyIdentityProof(proof, difficulty),
          (error: unknown) => {
            assert.ok(error instanceof InvalidIdentityError);
            assert.equal(error.name, 'InvalidIdentityError');
            assert.equal(error.code, 'ERR_INVALID_IDENTITY');
            assert.equal(error.message, message);
            return true;
          },
        );
      }
    });

    it('accepts difficulties 0..64 only', async () => {
      const proof = proofOf(vectors.proofs[0]!);
      assert.equal(checkIdentityProof(proof, 0).valid, true);
      assert.equal(checkIdentityProof(proof, 64).valid, false);
      for (const difficulty of [-1, 65, 1.5, Number.NaN]) {
        assert.throws(() => checkIdentityProof(proof, difficulty), RangeError);
        assert.throws(() => verifyIdentityProof(proof, difficulty), RangeError);
        await assert.rejects(mintIdentity({ difficulty }), RangeError);
      }
      await assert.rejects(mintIdentity({ difficulty: 4, workers: -1 }), RangeError);
    });
  });

  describe('cancellation', () => {
    // A search at difficulty 40 never ends by itself: settling at all is stopping on the abort.
    it('stops an inline search on abort, with the abort reason, after reporting progress', async () => {
      const { outcome, reason, reports } = await abortedMint(0, (reports) => reports.length >= 2);
      assert.equal(outcome, reason);
      assert.ok(
        reports.every((report) => report.expectedHashes === 2 ** NEVER_FOUND),
        'every report expects the hashes of the difficulty',
      );
      assert.ok(reports[1]!.hashes > reports[0]!.hashes && reports[1]!.elapsedMs >= reports[0]!.elapsedMs, 'reports count up');
    });

    // Aborted once the workers have reported twice (waiting a fixed 200 ms saw one report on a loaded machine).
    it('stops all workers on abort, with the abort reason, after reporting progress', async () => {
      const { outcome, reason, reports } = await abortedMint(2, (reports) => reports.length >= 2);
      assert.equal(outcome, reason);
      assert.ok(reports.length >= 2 && reports.at(-1)!.hashes > 0, `progress before the abort: ${JSON.stringify(reports)}`);
    });

    it('rejects at once when the signal is already aborted', async () => {
      const reason = new Error('too late');
      for (const workers of [0, 2]) {
        await assert.rejects(mintIdentity({ difficulty: NEVER_FOUND, workers, signal: AbortSignal.abort(reason) }), (error) => error === reason);
      }
    });

    // The process exits by itself only if no thread is left: the timeouts are hang guards.
    it('leaves no thread behind after success, abort or a failing progress callback', async function () {
      this.timeout(120_000);
      const script = `
        import { mintIdentity } from './protocol/identity-mint.ts';
        await mintIdentity({ difficulty: 14, workers: 2 });
        const controller = new AbortController();
        const aborted = mintIdentity({ difficulty: ${NEVER_FOUND}, workers: 2, signal: controller.signal, onProgress: () => controller.abort() });
        await aborted.catch(() => {});
        const failing = mintIdentity({ difficulty: ${NEVER_FOUND}, workers: 2, onProgress: () => { throw new Error('progress failed'); } });
        console.log(await failing.catch((error) => error.message));
      `;
      const run = promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: REPO_ROOT,
        timeout: 100_000,
      });
      const { stdout } = await run;
      assert.equal(stdout.trim(), 'progress failed');
    });
  });

  describe('identity file', () => {
    it('round-trips a minted identity', async () => {
      const identity = await mintIdentity({ difficulty: 8 });
      const decoded = decodeIdentityFile(encodeIdentityFile(identity));
      assert.deepEqual(decoded.keyPair, identity.keyPair);
      assert.deepEqual(decoded.nonce, identity.nonce);
      assert.equal(decoded.difficulty, 8);
      assert.equal(decoded.location, identity.location);
    });

    it('rejects every single-bit change except a lower difficulty the proof still meets', () => {
      const vector = vectors.identityFiles.find((file) => file.difficulty === 16)!;
      const file = fromHex(vector.file);
      const zeros = checkIdentityProof({ publicKey: fromHex(vector.publicKey), nonce: fromHex(vector.nonce) }, 0);
      assert.ok(zeros.valid);
      const difficultyOffset = file.length - 1;
      for (let bit = 0; bit < file.length * 8; bit++) {
        const tampered = flipBit(file, bit);
        const newDifficulty = tampered[difficultyOffset]!;
        if (bit >> 3 === difficultyOffset && newDifficulty <= zeros.leadingZeroBits) {
          const decoded = decodeIdentityFile(tampered);
          assert.equal(toHex(decoded.nonce), vector.nonce);
          assert.equal(decoded.difficulty, newDifficulty);
          continue;
        }
        assert.throws(() => decodeIdentityFile(tampered), InvalidIdentityError, `bit ${bit}`);
      }
    });

    it('rejects malformed files with a message', () => {
      const vector = vectors.identityFiles[0]!;
      const file = fromHex(vector.file);
      const packr = new Packr({ useRecords: false, variableMapSize: true });
      const fields = { seed: fromHex(vector.seed), nonce: fromHex(vector.nonce), difficulty: vector.difficulty };
      const withBody = (body: unknown): Uint8Array => concatBytes(Uint8Array.of(1), packr.pack(body));
      const cases: Array<[Uint8Array, RegExp]> = [
        [new Uint8Array(0), /unknown version/],
        [concatBytes(Uint8Array.of(2), file.subarray(1)), /unknown version 2/],
        [file.subarray(0, file.length - 1), /not one valid MessagePack value/],
        [concatBytes(file, Uint8Array.of(0)), /not one valid MessagePack value/],
        [withBody([fields.seed, fields.nonce, fields.difficulty]), /must be a MessagePack map/],
        [withBody({ ...fields, extra: 1 }), /fields must be exactly/],
        [withBody({ seed: fields.seed, nonce: fields.nonce }), /fields must be exactly/],
        [withBody({ ...fields, seed: toHex(fields.seed) }), /seed must be 32 bytes/],
        [withBody({ ...fields, nonce: fields.nonce.subarray(1) }), /nonce must be 8 bytes/],
        [withBody({ ...fields, difficulty: 65 }), /difficulty must be an integer/],
        [withBody({ ...fields, difficulty: vector.difficulty + 8 }), /proof has \d+ leading zero bits/],
      ];
      for (const [bytes, message] of cases) {
        assert.throws(
          () => decodeIdentityFile(bytes),
          (error: unknown) => error instanceof InvalidIdentityError && message.test(error.message),
        );
      }
      // The error never quotes the seed.
      assert.throws(
        () => decodeIdentityFile(concatBytes(file, Uint8Array.of(0))),
        (error: unknown) => error instanceof Error && !error.message.includes(vector.seed) && error.cause === undefined,
      );
    });
  });

  describe('known-answer vectors (spec/vectors/identity.json)', () => {
    it('uses the proof hash tag of the spec', () => {
      assert.equal(vectors.hashTag, IDENTITY_POW_TAG);
    });

    for (const vector of vectors.proofs) {
      it(`proof: ${vector.name}`, async () => {
        const proof = proofOf(vector);
        if (vector.seed !== undefined) assert.equal(toHex(signingKeyPairFromSeed(fromHex(vector.seed)).publicKey), vector.publicKey);
        const check = checkIdentityProof(proof, vector.difficulty);
        if (!check.valid) {
          assert.equal(vector.valid, false);
          assert.equal(check.reason, vector.error);
          return;
        }
        assert.equal(vector.valid, true);
        assert.equal(toHex(check.proofHash), vector.proofHash);
        assert.equal(check.leadingZeroBits, vector.leadingZeroBits);
        assert.equal(check.locationBits.toString(16).padStart(16, '0'), vector.locationBits);
        assert.equal(check.location, vector.location);
        if (vector.seed !== undefined && vector.difficulty <= 12) {
          const minted = await mintIdentity({ seed: fromHex(vector.seed), difficulty: vector.difficulty, workers: 0 });
          assert.equal(toHex(minted.nonce), vector.nonce, 'the least valid nonce');
        }
      });
    }

    for (const vector of vectors.identityFiles) {
      it(`identity file at difficulty ${vector.difficulty}`, () => {
        const identity: NodeIdentity = decodeIdentityFile(fromHex(vector.file));
        assert.equal(toHex(identity.keyPair.seed), vector.seed);
        assert.equal(toHex(identity.publicKey), vector.publicKey);
        assert.equal(toHex(identity.nonce), vector.nonce);
        assert.equal(identity.difficulty, vector.difficulty);
        assert.equal(toHex(encodeIdentityFile(identity)), vector.file);
      });
    }
  });
});

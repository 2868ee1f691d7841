/**
 * Identity benchmark: `npx tsx bench/identity.ts`.
 *
 * - proof verification per second (median of rounds), next to the bare proof
 *   hash on the same bytes as the same-run reference;
 * - mint hash rate inline, with one worker and with one worker per core,
 *   measured between progress reports (worker start-up excluded), and the
 *   mean time this gives for the default difficulty.
 */
import { availableParallelism } from 'node:os';
import { hash } from '../protocol/crypto.js';
import { DEFAULT_POW_DIFFICULTY, IDENTITY_POW_TAG, verifyIdentityProof } from '../protocol/identity.js';
import { mintIdentity, type MintProgress } from '../protocol/identity-mint.js';
import { formatCount, measureRate } from './support.js';

const MINT_SECONDS = 4;
/** Never reached in MINT_SECONDS: the search runs until aborted. */
const UNREACHABLE_DIFFICULTY = 60;

/** Hashes per second between the first and the last progress report of a search aborted after a while. */
async function mintHashRate(workers: number): Promise<number> {
  const reports: MintProgress[] = [];
  const signal = AbortSignal.timeout(MINT_SECONDS * 1000);
  await mintIdentity({ difficulty: UNREACHABLE_DIFFICULTY, workers, signal, onProgress: (p) => reports.push(p) }).catch((error: unknown) => {
    if (!signal.aborted) throw error;
  });
  const first = reports[0];
  const last = reports.at(-1);
  if (first === undefined || last === undefined || last === first) throw new Error('too few progress reports to measure');
  return ((last.hashes - first.hashes) * 1000) / (last.elapsedMs - first.elapsedMs);
}

const format = formatCount;

const identity = await mintIdentity({ difficulty: 8, workers: 0 });
const proofInput = { publicKey: identity.publicKey, nonce: identity.nonce };
const verifyRate = measureRate(() => verifyIdentityProof(proofInput, 8));
const hashRate = measureRate(() => hash(IDENTITY_POW_TAG, identity.publicKey, identity.nonce));
console.log(`identity verify        ${format(verifyRate).padStart(12)} /s   (median of 7 rounds)`);
console.log(`reference: proof hash  ${format(hashRate).padStart(12)} /s   (verify = ${((100 * verifyRate) / hashRate).toFixed(0)}% of bare hash)`);

const cores = availableParallelism();
const inlineRate = await mintHashRate(0);
const oneWorkerRate = await mintHashRate(1);
const allWorkersRate = await mintHashRate(cores);
console.log(`mint, inline           ${format(inlineRate).padStart(12)} hashes/s`);
console.log(`mint, 1 worker         ${format(oneWorkerRate).padStart(12)} hashes/s`);
console.log(`mint, ${cores} workers        ${format(allWorkersRate).padStart(12)} hashes/s   (${(allWorkersRate / oneWorkerRate).toFixed(2)}× one worker)`);
for (const difficulty of [DEFAULT_POW_DIFFICULTY - 2, DEFAULT_POW_DIFFICULTY, DEFAULT_POW_DIFFICULTY + 2]) {
  const meanSeconds = 2 ** difficulty / allWorkersRate;
  console.log(`difficulty ${difficulty}: mean ${meanSeconds.toFixed(1)} s, 95th percentile ${(meanSeconds * Math.log(20)).toFixed(1)} s on ${cores} workers`);
}

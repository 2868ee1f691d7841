/**
 * Erasure-code benchmark for a 1 GiB file: `node --import tsx bench/erasure.ts` (ERASURE_BENCH_MIB=n sets the
 * size, default 1024; ERASURE_BENCH_RUNS=n the runs, default 3; WARREN_ERASURE_KERNEL=avx2|portable measures
 * a slower kernel than the CPU allows).
 *
 * Map:
 * - The file is laid out as the client lays it out (node/client/segments.ts: segments of 128 data blocks of
 *   SHARD_BYTES, the last two sharing the rest, each with its check blocks). Its bytes are drawn from a pool
 *   of four random segments, so that nothing but the code is timed and memory stays at a few segments.
 * - The wide code (node/client/erasure.ts, code 2) encodes every segment, then decodes every segment with a
 *   seeded 30 % of its blocks (data and check) deleted, and the rebuilt data is compared with the original.
 *   Its native calls run one at a time on one libuv thread: one core.
 * - Same run, same bytes: the old code (node/client/fec.ts, `@ronomon/reed-solomon`, segments of 6 + 6, 4 of
 *   12 blocks deleted), and BLAKE2b-256 + ChaCha20-Poly1305 of every block (what a CHK block costs anyway).
 *   MB/s = 10^6 bytes of file content per second; medians of the runs, each figure also as × the crypto.
 * - Survival: P(the file survives a loss of each stored block with probability 0.3) computed from the
 *   segment layout: a segment of k_s + m_s (an MDS code) survives while at most m_s of its blocks are lost.
 */
import { encodeChecks, ERASURE_KERNEL, recoverData } from '../node/client/erasure.js';
import { encodeParity, recoverData as recoverLegacy } from '../node/client/fec.js';
import { checkBlockTotal, resolveRedundancy, SHARD_BYTES, segmentCheckBlocks, segmentCount, segmentDataBlocks, shardCount } from '../node/client/segments.js';
import { aeadEncryptInto, hash, randomFill } from '../protocol/crypto.js';
import { SeededRng } from '../sim/rng.js';
import { median, printRows } from './support.js';
import { fileLoss, mdsSegmentLoss } from './survival.js';

const FILE_BYTES = Number(process.env.ERASURE_BENCH_MIB ?? 1024) * 2 ** 20;
const RUNS = Number(process.env.ERASURE_BENCH_RUNS ?? 3);
const LOSS = 0.3;
const REDUNDANCY = resolveRedundancy();
const K = REDUNDANCY.dataBlocksPerSegment;
const BLOCKS = shardCount(FILE_BYTES);
const SEGMENTS = segmentCount(BLOCKS, K);
const POOL = 4;
const OLD_K = 6;
const OLD_M = 6;

const randomShard = () => {
  const shard = new Uint8Array(SHARD_BYTES);
  randomFill(shard);
  return shard;
};
const pool = Array.from({ length: POOL }, () => Array.from({ length: K }, randomShard));
/** The data shards of segment `s` (from the pool). */
const segmentShards = (s: number) => pool[s % POOL]!.slice(0, segmentDataBlocks(BLOCKS, K, s));
const seconds = (since: number) => (performance.now() - since) / 1000;

/** `count` distinct indexes of 0..n−1, at random. */
function lost(n: number, count: number, rng: SeededRng): Set<number> {
  return new Set(rng.shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, count));
}

async function wideCode(): Promise<{ encode: number; decode: number }> {
  const rng = new SeededRng('bench/erasure wide');
  let encode = 0;
  let decode = 0;
  for (let s = 0; s < SEGMENTS; s++) {
    const data = segmentShards(s);
    const m = segmentCheckBlocks(data.length, REDUNDANCY);
    let startedAt = performance.now();
    const checks = await encodeChecks(data, m, SHARD_BYTES);
    encode += seconds(startedAt);
    const gone = lost(data.length + m, Math.round(LOSS * (data.length + m)), rng);
    const present = new Map([...data, ...checks].flatMap((shard, index) => (gone.has(index) ? [] : [[index, shard] as const])));
    startedAt = performance.now();
    const rebuilt = await recoverData(data.length, m, present, SHARD_BYTES);
    decode += seconds(startedAt);
    if (rebuilt.some((shard, index) => Buffer.compare(shard, data[index]!) !== 0)) throw new Error(`segment ${s} decoded wrong`);
  }
  return { encode, decode };
}

async function oldCode(): Promise<{ encode: number; decode: number }> {
  const rng = new SeededRng('bench/erasure old');
  const data = new Uint8Array(OLD_K * SHARD_BYTES);
  const parity = new Uint8Array(OLD_M * SHARD_BYTES);
  const damaged = new Uint8Array(OLD_K * SHARD_BYTES);
  let encode = 0;
  let decode = 0;
  for (let block = 0; block < BLOCKS; block += OLD_K) {
    for (let i = 0; i < OLD_K; i++) data.set(pool[(((block + i) / K) % POOL) | 0]![(block + i) % K]!, i * SHARD_BYTES);
    let startedAt = performance.now();
    await encodeParity(OLD_K, OLD_M, SHARD_BYTES, data, parity);
    encode += seconds(startedAt);
    const gone = lost(OLD_K + OLD_M, Math.round(LOSS * (OLD_K + OLD_M)), rng);
    damaged.set(data);
    for (const index of gone) if (index < OLD_K) damaged.fill(0, index * SHARD_BYTES, (index + 1) * SHARD_BYTES);
    const present = Array.from({ length: OLD_K + OLD_M }, (_, i) => i).filter((i) => !gone.has(i));
    startedAt = performance.now();
    await recoverLegacy(OLD_K, OLD_M, SHARD_BYTES, damaged, parity, present);
    decode += seconds(startedAt);
    if (Buffer.compare(damaged, data) !== 0) throw new Error(`old code: blocks ${block}.. decoded wrong`);
  }
  return { encode, decode };
}

function crypto(): number {
  const key = new Uint8Array(32);
  const nonce = new Uint8Array(12);
  const sealed = new Uint8Array(SHARD_BYTES + 16);
  const startedAt = performance.now();
  for (let block = 0; block < BLOCKS; block++) {
    const shard = pool[((block / K) % POOL) | 0]![block % K]!;
    hash('warren/bench-erasure', shard);
    aeadEncryptInto(sealed, key, nonce, shard, new Uint8Array(0));
  }
  return seconds(startedAt);
}

const bytes = BLOCKS * SHARD_BYTES;
const mb = (time: number) => bytes / 1e6 / time;
const rates = { crypto: [] as number[], wideEncode: [] as number[], wideDecode: [] as number[], oldEncode: [] as number[], oldDecode: [] as number[] };
for (let run = 0; run < RUNS; run++) {
  rates.crypto.push(mb(crypto()));
  const wide = await wideCode();
  rates.wideEncode.push(mb(wide.encode));
  rates.wideDecode.push(mb(wide.decode));
  const old = await oldCode();
  rates.oldEncode.push(mb(old.encode));
  rates.oldDecode.push(mb(old.decode));
  console.error(
    `run ${run + 1}/${RUNS}: wide ${mb(wide.encode).toFixed(0)} / ${mb(wide.decode).toFixed(0)}, old ${mb(old.encode).toFixed(0)} / ${mb(old.decode).toFixed(0)} MB/s`,
  );
}
const reference = median(rates.crypto);
const row = (label: string, values: number[]): [string, string, string] => [
  label,
  `${median(values).toFixed(0)} MB/s`,
  `×${(median(values) / reference).toFixed(2)} crypto`,
];
printRows(
  `${(bytes / 2 ** 30).toFixed(2)} GiB file (${BLOCKS} data blocks of ${SHARD_BYTES} bytes), one core, median of ${RUNS} runs; kernel ${ERASURE_KERNEL}`,
  [
    row(`wide code ${K}+${REDUNDANCY.checkBlocksPerSegment}, ${SEGMENTS} segments: encode`, rates.wideEncode),
    row('wide code: decode with 30 % of every segment deleted', rates.wideDecode),
    row(`old code ${OLD_K}+${OLD_M} (@ronomon/reed-solomon): encode`, rates.oldEncode),
    row('old code: decode with 4 of 12 blocks deleted', rates.oldDecode),
    ['reference: BLAKE2b-256 + ChaCha20-Poly1305 per block', `${reference.toFixed(0)} MB/s`, ''],
  ],
);

const wideLosses = Array.from({ length: SEGMENTS }, (_, s) => {
  const k = segmentDataBlocks(BLOCKS, K, s);
  return mdsSegmentLoss(k, segmentCheckBlocks(k, REDUNDANCY), LOSS);
});
const oldLosses = Array.from({ length: Math.ceil(BLOCKS / OLD_K) }, () => mdsSegmentLoss(OLD_K, OLD_M, LOSS));
const survival = (losses: number[]) => {
  const loss = fileLoss(losses);
  return loss < 1e-4 ? `1 − ${loss.toExponential(2)}` : (1 - loss).toPrecision(4);
};
printRows(`P(the file survives), every block lost independently with probability ${LOSS}`, [
  [
    `wide code ${K}+${REDUNDANCY.checkBlocksPerSegment}`,
    survival(wideLosses),
    `${((100 * checkBlockTotal(BLOCKS, REDUNDANCY)) / BLOCKS).toFixed(1)} % overhead; full segment lost with ${mdsSegmentLoss(K, K, LOSS).toExponential(2)}`,
  ],
  [`old code ${OLD_K}+${OLD_M}`, survival(oldLosses), `100.0 % overhead; segment lost with ${oldLosses[0]!.toExponential(2)}`],
]);

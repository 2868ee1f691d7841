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
 *   MB/s = 10^6 bytes of file content per second, two ways: per second of wall time, and per second of CPU
 *   time of the process (process.cpuUsage: while a native call runs the main thread only waits, so this is
 *   what one core gives, whatever else shares the machine); medians of the runs, also as × the crypto.
 * - Survival: P(the file survives a loss of each stored block with probability 0.3) computed from the
 *   segment layout: a segment of k_s + m_s (an MDS code) survives while at most m_s of its blocks are lost.
 */
import { loadavg } from 'node:os';
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
/** Data block `block` of the file (from the pool). */
const fileBlock = (block: number) => pool[Math.floor(block / K) % POOL]![block % K]!;
/** The data shards of segment `s` (every segment but the last two starts at s·K). */
const segmentShards = (s: number) => pool[s % POOL]!.slice(0, segmentDataBlocks(BLOCKS, K, s));

/** Wall and CPU seconds, summed over the timed steps of a run. */
class Clock {
  wall = 0;
  cpu = 0;
  async time<T>(step: () => Promise<T> | T): Promise<T> {
    const wallStart = performance.now();
    const cpuStart = process.cpuUsage();
    const result = await step();
    const cpu = process.cpuUsage(cpuStart);
    this.wall += (performance.now() - wallStart) / 1000;
    this.cpu += (cpu.user + cpu.system) / 1e6;
    return result;
  }
}

/** `count` distinct indexes of 0..n−1, at random. */
function lost(n: number, count: number, rng: SeededRng): Set<number> {
  return new Set(rng.shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, count));
}

async function wideCode(): Promise<{ encode: Clock; decode: Clock }> {
  const rng = new SeededRng('bench/erasure wide');
  const encode = new Clock();
  const decode = new Clock();
  for (let s = 0; s < SEGMENTS; s++) {
    const data = segmentShards(s);
    const m = segmentCheckBlocks(data.length, REDUNDANCY);
    const checks = await encode.time(() => encodeChecks(data, m, SHARD_BYTES));
    const gone = lost(data.length + m, Math.round(LOSS * (data.length + m)), rng);
    const present = new Map([...data, ...checks].flatMap((shard, index) => (gone.has(index) ? [] : [[index, shard] as const])));
    const rebuilt = await decode.time(() => recoverData(data.length, m, present, SHARD_BYTES));
    if (rebuilt.some((shard, index) => Buffer.compare(shard, data[index]!) !== 0)) throw new Error(`segment ${s} decoded wrong`);
  }
  return { encode, decode };
}

async function oldCode(): Promise<{ encode: Clock; decode: Clock }> {
  const rng = new SeededRng('bench/erasure old');
  const data = new Uint8Array(OLD_K * SHARD_BYTES);
  const parity = new Uint8Array(OLD_M * SHARD_BYTES);
  const damaged = new Uint8Array(OLD_K * SHARD_BYTES);
  const encode = new Clock();
  const decode = new Clock();
  for (let block = 0; block < BLOCKS; block += OLD_K) {
    for (let i = 0; i < OLD_K; i++) data.set(fileBlock(block + i), i * SHARD_BYTES);
    await encode.time(() => encodeParity(OLD_K, OLD_M, SHARD_BYTES, data, parity));
    const gone = lost(OLD_K + OLD_M, Math.round(LOSS * (OLD_K + OLD_M)), rng);
    damaged.set(data);
    for (const index of gone) if (index < OLD_K) damaged.fill(0, index * SHARD_BYTES, (index + 1) * SHARD_BYTES);
    const present = Array.from({ length: OLD_K + OLD_M }, (_, i) => i).filter((i) => !gone.has(i));
    await decode.time(() => recoverLegacy(OLD_K, OLD_M, SHARD_BYTES, damaged, parity, present));
    if (Buffer.compare(damaged, data) !== 0) throw new Error(`old code: blocks ${block}.. decoded wrong`);
  }
  return { encode, decode };
}

async function crypto(): Promise<Clock> {
  const key = new Uint8Array(32);
  const nonce = new Uint8Array(12);
  const sealed = new Uint8Array(SHARD_BYTES + 16);
  const clock = new Clock();
  await clock.time(() => {
    for (let block = 0; block < BLOCKS; block++) {
      hash('warren/bench-erasure', fileBlock(block));
      aeadEncryptInto(sealed, key, nonce, fileBlock(block), new Uint8Array(0));
    }
  });
  return clock;
}

const bytes = BLOCKS * SHARD_BYTES;
type Figure = 'crypto' | 'wideEncode' | 'wideDecode' | 'oldEncode' | 'oldDecode';
const figures: Figure[] = ['crypto', 'wideEncode', 'wideDecode', 'oldEncode', 'oldDecode'];
/** MB/s of each run, by wall time and by CPU time. */
const rates = Object.fromEntries(figures.map((figure) => [figure, { wall: [] as number[], cpu: [] as number[] }])) as Record<
  Figure,
  { wall: number[]; cpu: number[] }
>;
const record = (figure: Figure, clock: Clock) => {
  rates[figure].wall.push(bytes / 1e6 / clock.wall);
  rates[figure].cpu.push(bytes / 1e6 / clock.cpu);
};
for (let run = 0; run < RUNS; run++) {
  record('crypto', await crypto());
  const wide = await wideCode();
  record('wideEncode', wide.encode);
  record('wideDecode', wide.decode);
  const old = await oldCode();
  record('oldEncode', old.encode);
  record('oldDecode', old.decode);
  const figuresOfRun = figures.map((figure) => `${figure} ${rates[figure].wall.at(-1)!.toFixed(0)} / ${rates[figure].cpu.at(-1)!.toFixed(0)}`);
  console.error(`run ${run + 1}/${RUNS}: ${figuresOfRun.join(', ')} MB/s (wall / CPU), load ${loadavg()[0]!.toFixed(1)}`);
}
const row = (label: string, figure: Figure): [string, string, string] => {
  const wall = median(rates[figure].wall);
  const cpu = median(rates[figure].cpu);
  const versus = `×${(wall / median(rates.crypto.wall)).toFixed(2)} / ×${(cpu / median(rates.crypto.cpu)).toFixed(2)} crypto`;
  return [label, `${wall.toFixed(0)} MB/s wall, ${cpu.toFixed(0)} MB/s per CPU second`, figure === 'crypto' ? '' : versus];
};
printRows(
  `${(bytes / 2 ** 30).toFixed(2)} GiB file (${BLOCKS} data blocks of ${SHARD_BYTES} bytes), one core, median of ${RUNS} runs; ` +
    `kernel ${ERASURE_KERNEL}; load average ${loadavg()[0]!.toFixed(1)}`,
  [
    row(`wide code ${K}+${REDUNDANCY.checkBlocksPerSegment}, ${SEGMENTS} segments: encode`, 'wideEncode'),
    row('wide code: decode with 30 % of every segment deleted', 'wideDecode'),
    row(`old code ${OLD_K}+${OLD_M} (@ronomon/reed-solomon): encode`, 'oldEncode'),
    row('old code: decode with 4 of 12 blocks deleted', 'oldDecode'),
    row('reference: BLAKE2b-256 + ChaCha20-Poly1305 per block', 'crypto'),
  ],
);

const wideLosses = Array.from({ length: SEGMENTS }, (_, s) => {
  const k = segmentDataBlocks(BLOCKS, K, s);
  return mdsSegmentLoss(k, segmentCheckBlocks(k, REDUNDANCY), LOSS);
});
const oldLosses = Array.from({ length: Math.ceil(BLOCKS / OLD_K) }, () => mdsSegmentLoss(OLD_K, OLD_M, LOSS));
const survival = (losses: number[]) => {
  const loss = fileLoss(losses);
  return loss < 1e-4 ? `1 − ${loss.toExponential(2)}` : (1 - loss).toExponential(2);
};
const overhead = `${((100 * checkBlockTotal(BLOCKS, REDUNDANCY)) / BLOCKS).toFixed(1)} % overhead`;
printRows(`P(the file survives), every block lost independently with probability ${LOSS}`, [
  [
    `wide code ${K}+${REDUNDANCY.checkBlocksPerSegment}`,
    survival(wideLosses),
    `${overhead}; a full segment is lost with ${mdsSegmentLoss(K, K, LOSS).toExponential(2)}`,
  ],
  [`old code ${OLD_K}+${OLD_M}`, survival(oldLosses), `100.0 % overhead; a segment is lost with ${oldLosses[0]!.toExponential(2)}`],
]);

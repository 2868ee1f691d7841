/**
 * Erasure-code survey benchmark: `node --import tsx bench/fec-codes.ts` (FEC_BENCH_MIB=n sets the volume, default 256).
 *
 * Map:
 * - Throughput: each candidate code encodes FEC_BENCH_MIB MiB of random 32 KiB blocks, segment by segment, then
 *   decodes every segment with 30 % of its blocks missing (chosen at random, data blocks included; the same
 *   losses in every run) and checks the rebuilt data. MB/s (10^6 bytes of file data per second) on the calling
 *   thread (the native bindings run one call at a time in libuv's pool: one core), medians of
 *   3 runs, candidates interleaved within a run. Same-run reference: BLAKE2b-256 + ChaCha20-Poly1305 of each
 *   block through protocol/crypto.ts, which every stored block already costs.
 *   Candidates: the current code (node/client/erasure.ts, native `warren-erasure`, GF(2^8) Cauchy 128+128), the
 *   old one (node/client/fec.ts, `@ronomon/reed-solomon`, 6+6, still decoding old manifests), the Rust crate
 *   reed-solomon-erasure in WebAssembly (`@digitaldefiance/reed-solomon-erasure.wasm`, GF(2^8), 128+128),
 *   the Leopard-style GF(2^16) reed-solomon-simd in WebAssembly (`@typeberry/native`, 128+128 and 1024+1024),
 *   and RaptorQ (RFC 6330) in WebAssembly (`raptorq`, source blocks of 512 symbols, 100 % repair).
 * - Survival: for each code and parameters, the probability that a 1 GiB file (32,768 data blocks) survives
 *   when every stored block is lost independently with probability 0.3: per segment the binomial tail
 *   P(more than m of k+m lost), for RaptorQ the RFC's decoding-failure bound 256^-(h+1) given K+h received;
 *   the file survives when every segment does (product over segments).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ReedSolomonErasure } from '@digitaldefiance/reed-solomon-erasure.wasm';
import { init as initTypeberry, reedSolomon as leopard } from '@typeberry/native';
import { Decoder as RaptorDecoder, Encoder as RaptorEncoder, initSync as initRaptorq } from 'raptorq/raptorq.js';
import { encodeChecks, recoverData as recoverWide } from '../node/client/erasure.js';
import { encodeParity, recoverData } from '../node/client/fec.js';
import { aeadEncryptInto, hash, randomFill } from '../protocol/crypto.js';
import { SeededRng } from '../sim/rng.js';
import { median, printRows } from './support.js';
import { binomialPmf, fileLoss, mdsSegmentLoss } from './survival.js';

const BLOCK = 32 * 1024;
const FILE_BLOCKS = (1024 * 1024 * 1024) / BLOCK;
const LOSS = 0.3;
const RUNS = 3;
const BENCH_BYTES = Number(process.env.FEC_BENCH_MIB ?? 256) * 1024 * 1024;

const require = createRequire(import.meta.url);
initRaptorq(readFileSync(require.resolve('raptorq/raptorq_bg.wasm')));
await initTypeberry.reedSolomon();
const erasureWasm = ReedSolomonErasure.fromBytes(readFileSync(require.resolve('@digitaldefiance/reed-solomon-erasure.wasm/wasm')));

/** One segment's stored blocks, `k + m` of them; a lost one is `undefined`. */
type Blocks = (Uint8Array | undefined)[];

interface Candidate {
  readonly label: string;
  readonly k: number;
  readonly m: number;
  /** k data blocks (back to back) to k + m stored blocks. */
  encode(data: Uint8Array): Promise<Uint8Array[]> | Uint8Array[];
  /** The k data blocks (back to back) from the blocks left. */
  decode(blocks: Blocks): Promise<Uint8Array> | Uint8Array;
}

function blockOf(bytes: Uint8Array, index: number): Uint8Array {
  return bytes.subarray(index * BLOCK, (index + 1) * BLOCK);
}

function ronomon(k: number, m: number): Candidate {
  return {
    label: `@ronomon/reed-solomon ${k}+${m} (code 1, old)`,
    k,
    m,
    async encode(data) {
      const parity = new Uint8Array(m * BLOCK);
      await encodeParity(k, m, BLOCK, data, parity);
      return [...Array.from({ length: k }, (_, i) => blockOf(data, i)), ...Array.from({ length: m }, (_, i) => blockOf(parity, i))];
    },
    async decode(blocks) {
      const data = new Uint8Array(k * BLOCK);
      const parity = new Uint8Array(m * BLOCK);
      const present: number[] = [];
      blocks.forEach((block, index) => {
        if (block === undefined) return;
        present.push(index);
        (index < k ? data : parity).set(block, (index < k ? index : index - k) * BLOCK);
      });
      await recoverData(k, m, BLOCK, data, parity, present);
      return data;
    },
  };
}

function wideCode(k: number, m: number): Candidate {
  return {
    label: `warren-erasure GF(2^8) ${k}+${m} (code 2, current)`,
    k,
    m,
    async encode(data) {
      const shards = Array.from({ length: k }, (_, i) => blockOf(data, i));
      return [...shards, ...(await encodeChecks(shards, m, BLOCK))];
    },
    async decode(blocks) {
      const present = new Map(blocks.flatMap((block, index) => (block === undefined ? [] : [[index, block] as const])));
      const data = new Uint8Array(k * BLOCK);
      for (const [index, shard] of (await recoverWide(k, m, present, BLOCK)).entries()) data.set(shard, index * BLOCK);
      return data;
    },
  };
}

function erasureCrate(k: number, m: number): Candidate {
  return {
    label: `reed-solomon-erasure.wasm ${k}+${m}`,
    k,
    m,
    encode(data) {
      const shards = new Uint8Array((k + m) * BLOCK);
      shards.set(data);
      if (erasureWasm.encode(shards, k, m) !== ReedSolomonErasure.RESULT_OK) throw new Error('encode failed');
      return Array.from({ length: k + m }, (_, i) => blockOf(shards, i));
    },
    decode(blocks) {
      const shards = new Uint8Array((k + m) * BLOCK);
      for (const [index, block] of blocks.entries()) if (block !== undefined) shards.set(block, index * BLOCK);
      const result = erasureWasm.reconstruct(
        shards,
        k,
        m,
        blocks.map((block) => block !== undefined),
      );
      if (result !== ReedSolomonErasure.RESULT_OK) throw new Error(`reconstruct failed: ${result}`);
      return shards.subarray(0, k * BLOCK);
    },
  };
}

function leopardGf16(k: number, m: number): Candidate {
  return {
    label: `reed-solomon-simd GF(2^16) wasm ${k}+${m}`,
    k,
    m,
    encode(data) {
      const recovery = leopard.encode(m, new leopard.ShardsCollection(BLOCK, data)).take_data();
      return [...Array.from({ length: k }, (_, i) => blockOf(data, i)), ...Array.from({ length: m }, (_, i) => blockOf(recovery, i))];
    },
    decode(blocks) {
      const indexes = blocks.flatMap((block, index) => (block === undefined ? [] : [index]));
      const packed = new Uint8Array(indexes.length * BLOCK);
      for (const [i, index] of indexes.entries()) packed.set(blocks[index]!, i * BLOCK);
      const restored = leopard.decode(k, m, new leopard.ShardsCollection(BLOCK, packed, Uint16Array.from(indexes)));
      const restoredIndexes = restored.take_indices() ?? new Uint16Array();
      const restoredData = restored.take_data();
      const data = new Uint8Array(k * BLOCK);
      for (let i = 0; i < k; i++) if (blocks[i] !== undefined) data.set(blocks[i]!, i * BLOCK);
      for (const [i, index] of restoredIndexes.entries()) data.set(blockOf(restoredData, i), index * BLOCK);
      return data;
    },
  };
}

/** RaptorQ: one source block of k symbols per call, m repair symbols; a stored block is a 4-byte id and a 32 KiB symbol. */
function raptorq(k: number, m: number): Candidate {
  return {
    label: `raptorq wasm K=${k} +${m} repair`,
    k,
    m,
    encode(data) {
      const encoder = RaptorEncoder.with_defaults(data, BLOCK);
      const packets = encoder.encode(m);
      encoder.free();
      if (packets.length !== k + m) throw new Error(`raptorq made ${packets.length} packets, not ${k + m}`);
      return packets;
    },
    decode(blocks) {
      const decoder = RaptorDecoder.with_defaults(BigInt(k * BLOCK), BLOCK);
      try {
        for (const block of blocks) {
          if (block === undefined) continue;
          const data = decoder.decode(block);
          if (data !== undefined) return data;
        }
      } finally {
        decoder.free();
      }
      throw new Error('raptorq could not decode');
    },
  };
}

const candidates: Candidate[] = [wideCode(128, 128), ronomon(6, 6), erasureCrate(128, 128), leopardGf16(128, 128), leopardGf16(1024, 1024), raptorq(512, 512)];

/** Exactly round(30 %) of n indexes, at random. */
function lostIndexes(n: number, rng: SeededRng): Set<number> {
  return new Set(rng.shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, Math.round(LOSS * n)));
}

const file = new Uint8Array(BENCH_BYTES);
for (let offset = 0; offset < file.length; offset += 1 << 20) randomFill(file.subarray(offset, Math.min(file.length, offset + (1 << 20))));

async function runCandidate(candidate: Candidate): Promise<{ encodeSeconds: number; decodeSeconds: number; bytes: number }> {
  const segmentBytes = candidate.k * BLOCK;
  const segments = Math.floor(file.length / segmentBytes);
  // Seeded per code, so that every run loses the same blocks.
  const rng = new SeededRng(`fec-codes/${candidate.k}+${candidate.m}`);
  let encodeSeconds = 0;
  let decodeSeconds = 0;
  for (let s = 0; s < segments; s++) {
    const data = file.subarray(s * segmentBytes, (s + 1) * segmentBytes);
    let startedAt = performance.now();
    const stored = await candidate.encode(data);
    encodeSeconds += (performance.now() - startedAt) / 1000;
    const lost = lostIndexes(stored.length, rng);
    const left: Blocks = stored.map((block, index) => (lost.has(index) ? undefined : block.slice()));
    startedAt = performance.now();
    const rebuilt = await candidate.decode(left);
    decodeSeconds += (performance.now() - startedAt) / 1000;
    if (Buffer.compare(rebuilt, data) !== 0) throw new Error(`${candidate.label}: segment ${s} decoded wrong`);
  }
  return { encodeSeconds, decodeSeconds, bytes: segments * segmentBytes };
}

function runReference(): number {
  const key = new Uint8Array(32);
  const nonce = new Uint8Array(12);
  const sealed = new Uint8Array(BLOCK + 16);
  const associated = new Uint8Array(0);
  const startedAt = performance.now();
  for (let offset = 0; offset < file.length; offset += BLOCK) {
    const block = file.subarray(offset, offset + BLOCK);
    hash('warren-bench-fec', block);
    aeadEncryptInto(sealed, key, nonce, block, associated);
  }
  return (performance.now() - startedAt) / 1000;
}

const mb = (bytes: number, seconds: number) => bytes / 1e6 / seconds;
const referenceRates: number[] = [];
const encodeRates = candidates.map((): number[] => []);
const decodeRates = candidates.map((): number[] => []);
/** A candidate that threw is dropped from later runs, and its error printed in place of its figures. */
const failures = new Map<number, string>();
for (let run = 0; run < RUNS; run++) {
  referenceRates.push(mb(file.length, runReference()));
  for (const [index, candidate] of candidates.entries()) {
    if (failures.has(index)) continue;
    let measured: Awaited<ReturnType<typeof runCandidate>>;
    try {
      measured = await runCandidate(candidate);
    } catch (error) {
      failures.set(index, `failed: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    const { encodeSeconds, decodeSeconds, bytes } = measured;
    encodeRates[index]!.push(mb(bytes, encodeSeconds));
    decodeRates[index]!.push(mb(bytes, decodeSeconds));
    console.error(`run ${run + 1}/${RUNS} ${candidate.label}: ${mb(bytes, encodeSeconds).toFixed(1)} / ${mb(bytes, decodeSeconds).toFixed(1)} MB/s`);
  }
}
const reference = median(referenceRates);
printRows(`Throughput over ${BENCH_BYTES / 2 ** 20} MiB of 32 KiB blocks, MB/s, median of ${RUNS} runs (× reference)`, [
  ['reference: BLAKE2b-256 + ChaCha20-Poly1305 per block', reference.toFixed(1)],
  ...candidates.flatMap((candidate, index): [string, string, string][] => {
    const failure = failures.get(index);
    if (failure !== undefined) return [[candidate.label, '—', failure]];
    const encode = median(encodeRates[index]!);
    const decode = median(decodeRates[index]!);
    return [
      [`${candidate.label} encode`, encode.toFixed(1), `×${(encode / reference).toFixed(3)}`],
      [`${candidate.label} decode, 30 % lost`, decode.toFixed(1), `×${(decode / reference).toFixed(3)}`],
    ];
  }),
]);

/** RaptorQ source block of K symbols and m repair: fails below K received, and with 256^-(h+1) given K+h. */
function raptorqSegmentLoss(k: number, m: number): number {
  let sum = 0;
  for (let received = 0; received <= k + m; received++) {
    sum += binomialPmf(k + m, 1 - LOSS, received) * (received < k ? 1 : 256 ** -(received - k + 1));
  }
  return sum;
}

const mdsSegmentLossAt = (k: number, m: number) => mdsSegmentLoss(k, m, LOSS);

const survivalRows: [string, number, number, number][] = [
  ['@ronomon/reed-solomon 6+6 (code 1, old)', 6, 6, mdsSegmentLossAt(6, 6)],
  ['@ronomon/reed-solomon 24+6 (its widest)', 24, 6, mdsSegmentLossAt(24, 6)],
  ['RS 32+32', 32, 32, mdsSegmentLossAt(32, 32)],
  ['RS 64+64', 64, 64, mdsSegmentLossAt(64, 64)],
  ['RS GF(2^8) 128+128 (code 2, current)', 128, 128, mdsSegmentLossAt(128, 128)],
  ['RS GF(2^8) 160+96', 160, 96, mdsSegmentLossAt(160, 96)],
  ['RS GF(2^16) 1024+1024', 1024, 1024, mdsSegmentLossAt(1024, 1024)],
  ['RS GF(2^16) 1024+768', 1024, 768, mdsSegmentLossAt(1024, 768)],
  ['RS GF(2^16) 1024+512', 1024, 512, mdsSegmentLossAt(1024, 512)],
  ['RaptorQ K=512 +512', 512, 512, raptorqSegmentLoss(512, 512)],
  ['RaptorQ K=32768 (whole file) +16384', FILE_BLOCKS, FILE_BLOCKS / 2, raptorqSegmentLoss(FILE_BLOCKS, FILE_BLOCKS / 2)],
];
printRows('1 GiB file, each block lost with probability 0.3: P(segment lost) / P(file lost) / P(file survives)', [
  ...survivalRows.map(([label, k, m, segmentLoss]): [string, string, string] => {
    const lost = fileLoss(Array.from({ length: Math.ceil(FILE_BLOCKS / k) }, () => segmentLoss));
    const survives = lost < 1e-4 ? `1 − ${lost.toExponential(1)}` : (1 - lost).toPrecision(4);
    const overhead = `${Math.round((100 * m) / k)} % overhead, ${Math.ceil(FILE_BLOCKS / k)} segments`;
    return [label, `${segmentLoss.toExponential(2)} / ${lost.toExponential(2)} / ${survives}`, overhead];
  }),
]);

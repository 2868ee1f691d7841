/**
 * Code 1, the erasure code of old manifests (spec/client.md §3.6; decoded, no longer written), run by
 * `@ronomon/reed-solomon` in libuv's thread pool: a systematic Cauchy Reed-Solomon code over GF(2^w),
 * w ≤ 8, applied bit-sliced. The specification, not
 * the library, defines the bytes; test/unit/node/client/fec-vectors.test.ts checks that the library
 * computes them (spec/vectors/fec.json, spec/vectors/fec-reference.ts). Shards are equal-sized and a
 * multiple of 8 bytes; k ≤ 24 data shards and m ≤ 6 parity shards per codeword.
 */
import { createRequire } from 'node:module';

interface ReedSolomonBinding {
  readonly MAX_K: number;
  readonly MAX_M: number;
  create(k: number, m: number): unknown;
  encode(
    context: unknown,
    sources: number,
    targets: number,
    buffer: Uint8Array,
    bufferOffset: number,
    bufferSize: number,
    parity: Uint8Array,
    parityOffset: number,
    paritySize: number,
    callback: (error: Error | undefined) => void,
  ): void;
}

const reedSolomon = createRequire(import.meta.url)('@ronomon/reed-solomon') as ReedSolomonBinding;

export const FEC_MAX_DATA_SHARDS: number = reedSolomon.MAX_K;
export const FEC_MAX_PARITY_SHARDS: number = reedSolomon.MAX_M;

const contexts = new Map<string, unknown>();

function contextFor(k: number, m: number): unknown {
  if (!Number.isInteger(k) || k < 1 || k > FEC_MAX_DATA_SHARDS) throw new RangeError(`FEC data shards must be 1..${FEC_MAX_DATA_SHARDS}`);
  if (!Number.isInteger(m) || m < 1 || m > FEC_MAX_PARITY_SHARDS) throw new RangeError(`FEC parity shards must be 1..${FEC_MAX_PARITY_SHARDS}`);
  const id = `${k}/${m}`;
  let context = contexts.get(id);
  if (context === undefined) {
    context = reedSolomon.create(k, m);
    contexts.set(id, context);
  }
  return context;
}

function run(k: number, m: number, sources: number, targets: number, data: Uint8Array, parity: Uint8Array): Promise<void> {
  const context = contextFor(k, m);
  return new Promise((resolve, reject) => {
    reedSolomon.encode(context, sources, targets, data, 0, data.length, parity, 0, parity.length, (error) => (error ? reject(error) : resolve()));
  });
}

function checkShape(k: number, m: number, shardBytes: number, data: Uint8Array, parity: Uint8Array): void {
  if (shardBytes <= 0 || shardBytes % 8 !== 0) throw new RangeError('FEC shard size must be a positive multiple of 8');
  if (data.length !== k * shardBytes || parity.length !== m * shardBytes) throw new RangeError('FEC buffers do not match k, m and the shard size');
}

/** Fills `parity` (m shards, back to back) from `data` (k shards, back to back). */
export function encodeParity(k: number, m: number, shardBytes: number, data: Uint8Array, parity: Uint8Array): Promise<void> {
  checkShape(k, m, shardBytes, data, parity);
  const sources = (1 << k) - 1;
  const targets = ((1 << m) - 1) << k;
  return run(k, m, sources, targets, data, parity);
}

/**
 * Rebuilds the data shards not in `present` (indexes 0..k+m−1: data first, then parity),
 * in place in `data`, from any k present shards. Missing parity shards are not rebuilt.
 */
export function recoverData(k: number, m: number, shardBytes: number, data: Uint8Array, parity: Uint8Array, present: readonly number[]): Promise<void> {
  checkShape(k, m, shardBytes, data, parity);
  let sources = 0;
  for (const index of present) sources |= 1 << index;
  const targets = ((1 << k) - 1) & ~sources;
  if (targets === 0) return Promise.resolve();
  if (present.length < k) throw new RangeError(`FEC needs ${k} shards, got ${present.length}`);
  return run(k, m, sources, targets, data, parity);
}

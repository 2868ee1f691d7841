/**
 * outputs[r] = Σ_j matrix[r·inputs.length + j] · inputs[j] over GF(2^8) (polynomial 0x11D), byte by byte,
 * for the first `length` bytes of every shard; run in libuv's thread pool, `callback` on completion (with an
 * Error if memory ran out). Until then the arrays and their shards must not change, and no output may
 * share memory with an input.
 */
export function combine(
  matrix: Uint8Array,
  inputs: readonly Uint8Array[],
  outputs: readonly Uint8Array[],
  length: number,
  callback: (error: Error | null) => void,
): void;
/** The multiply kernel this CPU runs: 'gfni', 'avx2' or 'portable' (WARREN_ERASURE_KERNEL=avx2|portable picks a slower one). */
export const kernel: string;
